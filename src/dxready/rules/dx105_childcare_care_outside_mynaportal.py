"""Child-rearing / long-term care procedures are online only outside Mynaportal.

子育て・介護 procedures (standard rows 18 and 19) are online, but not through マイナポータル.

The Digital Agency's dashboard counts the 26 子育て・介護 procedures as online only when they can be done from
マイナポータル (ぴったりサービス); offered only through a general e-application system (LoGoフォーム,
ちば電子申請 …) they count as not online. A sub-procedure uses its own ``channels`` when it lists any, else
its group's. Where no channel is recorded at all, nothing is known to be outside マイナポータル: the rule asks for the
channels at info level (a missing fact, ranked by ``next`` below the procedure's real gaps) instead of warning.

Why it matters:
    The city would report ○ while the national figures show the procedure as not online, and residents who
    look for it on マイナポータル would not find it.

Fails:
    procedures:
      - id: childcare
        standard_no: 18
        name: 子育て関係（児童手当、保育施設利用等）
        status: ○
        channels:
          - {kind: e_application, name: ちば電子申請サービス}

Passes:
    procedures:
      - id: childcare
        standard_no: 18
        name: 子育て関係（児童手当、保育施設利用等）
        status: ○
        channels:
          - {kind: mynaportal, name: マイナポータル（ぴったりサービス）}
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.models import Channel, ChannelKind, Procedure, Status, SubProcedure
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import SHOWN as _SHOWN
from dxready.rules.base import Context, at_procedure, listing, missing_fact

CODE = "DX105"
NAME = "childcare-care-outside-mynaportal"
SEVERITY = Severity.warning
SUMMARY = Msg(
    "子育て・介護の手続がマイナポータル以外でのみオンライン",
    "Child-rearing / long-term care procedures are online only outside Mynaportal",
)
MISSING_FACT_SUMMARY = Msg(
    "子育て・介護の手続のチャネル（申請窓口）が未記録",
    "Child-rearing / long-term care procedures with no channel recorded",
)
MISSING_FACT_NEXT_STEP = Msg(
    "申請できる窓口（マイナポータル、eltax など）を記録してください（マイナポータルなら下のコマンド）",
    "Record where it can be applied for (Mynaportal, eltax …); for Mynaportal, the command below",
)
"""The heading and shared next step of this rule's "record the channels" findings when a view groups them (SUMMARY
and NEXT_STEP would assert a channel fact that is not recorded)."""
DESCRIPTION_JA = (
    "子育て・介護の手続（標準手続の 18 行と 19 行）はオンラインですが、マイナポータル経由ではありません。\n\n"
    "デジタル庁のダッシュボードは、26 の子育て・介護手続をマイナポータル（ぴったりサービス）から行えるときだけオンラインと数えます。"
    "汎用の電子申請システム（LoGoフォーム、ちば電子申請 …）だけで提供している手続はオンラインと数えません。"
    "個別手続は自身の `channels` があればそれを、なければまとまりのものを使います。"
    "窓口がまったく記録されていないところでは、マイナポータル以外だと分かっているものはありません：このルールは警告せず、情報レベルで窓口の記録を求めます（欠けている事実として、`next` ではその手続の本当のギャップより下に並びます）。"
)
WHY_JA = (
    "国のダッシュボードは子育て・介護の26手続をマイナポータルから申請できる場合にだけオンラインと数えます。"
    "汎用電子申請だけでは未オンライン扱いです。"
)
NEXT_STEP = Msg(
    "マイナポータル（ぴったりサービス）に手続を登録し、channels に mynaportal を記録してください",
    "Publish the procedure on Mynaportal (Pittari Service) and record a mynaportal channel",
)

_ROWS = (18, 19)
_ONLINE = (Status.online, Status.partial)


def _on_mynaportal(channels: list[Channel]) -> bool:
    return any(c.kind is ChannelKind.mynaportal for c in channels)


def _channels_missing(i: int, p: Procedure, subs: list[SubProcedure]) -> Finding:
    names = [s.id for s in subs]
    shown = "".join(f"「{s.name}」" for s in subs[:_SHOWN])
    shown += f" ほか {len(subs) - _SHOWN} 手続" if len(subs) > _SHOWN else ""
    return missing_fact(
        CODE,
        Subject("procedure", p.id),
        Msg(
            f"チャネル未記録: 国の集計はマイナポータル経由のみ数えます。記録してください（「{p.name}」{shown}）",
            f"channels not recorded: the national count includes only Mynaportal; record them ('{p.name_en or p.name}')",
        ),
        "procedures",
        at_procedure(i, "status"),
        next_step=Msg(
            f"申請できる窓口（マイナポータル、eltax など）を記録してください。マイナポータルなら: dxready set {p.id} --channel mynaportal",
            f"Record where it can be applied for (Mynaportal, eltax …); for Mynaportal: dxready set {p.id} --channel mynaportal",
        ),
        data={"sub_procedures": names, "count": len(names)},
    )


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, p in enumerate(catalog.procedures):
        if p.standard_no not in _ROWS:
            continue
        where = at_procedure(i, "channels" if p.channels else "status")
        known_subs = any(s.status is not Status.unknown for s in p.sub_procedures)
        if (
            not p.sub_procedures or not known_subs
        ):  # a group whose sub-procedures are not recorded: judge the row
            if p.effective_status in _ONLINE and not p.channels:
                yield _channels_missing(i, p, [])
            elif p.effective_status in _ONLINE and not _on_mynaportal(p.channels):
                yield Finding(
                    CODE,
                    Subject("procedure", p.id),
                    Msg(
                        f"「{p.name}」はオンライン（{p.effective_status.mark}）ですがマイナポータルで申請できないため、"
                        "国の集計では未オンラインと数えられます",
                        f"'{p.name_en or p.name}' is online ({p.effective_status.mark}) but not on Mynaportal, "
                        "so the national dashboard counts it as not online",
                    ),
                    "procedures",
                    where,
                    data={"sub_procedures": [], "count": 1},
                )
            continue
        online = [s for s in p.sub_procedures if s.status in _ONLINE]
        unrecorded = [s for s in online if not (s.channels or p.channels)]
        outside = [
            s for s in online if (s.channels or p.channels) and not _on_mynaportal(s.channels or p.channels)
        ]
        if unrecorded:
            yield _channels_missing(i, p, unrecorded)
        if not outside:
            continue
        shown = listing(
            [f"「{s.name}」" for s in outside], [f"'{s.name_en or s.name}'" for s in outside], "手続"
        )
        shown_ja, shown_en = shown.ja, shown.en
        yield Finding(
            CODE,
            Subject("procedure", p.id),
            Msg(
                f"「{p.name}」の {len(outside)} 手続はオンラインですがマイナポータルで申請できないため、"
                f"国の集計では未オンラインと数えられます: {shown_ja}",
                f"{len(outside)} sub-procedure(s) of '{p.name_en or p.name}' are online but not on "
                f"Mynaportal, so the national dashboard counts them as not online: {shown_en}",
            ),
            "procedures",
            where,
            data={"sub_procedures": [s.id for s in outside], "count": len(outside)},
        )
