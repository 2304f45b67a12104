"""A procedure is only partly online (一部).

Reported for every procedure whose status is ``partial`` (a group recorded as unknown is partial when its
sub-procedures settle it). When the procedure lists sub-procedures, the message names those that are offline (×, 一部)
and counts the unknown ones apart — an unknown sub-procedure is not known to be offline; otherwise it says that the
catalogue does not record which part is missing.

Why it matters:
    一部 means a resident may start online and still be sent to the counter, or that only some applicants can
    use the online route. Naming the missing parts turns a vague mark into a to-do list.

Fails:
    procedures:
      - id: childcare
        name: 子育て関係（児童手当、保育施設利用等）
        status: 一部
        sub_procedures:
          - {id: childcare-01, name: 児童手当等の受給資格及び児童手当の額についての認定請求, status: ○}
          - {id: childcare-15, name: 妊娠の届出, status: ×}

Passes:
    procedures:
      - id: childcare
        name: 子育て関係（児童手当、保育施設利用等）
        status: ○
        sub_procedures:
          - {id: childcare-01, name: 児童手当等の受給資格及び児童手当の額についての認定請求, status: ○}
          - {id: childcare-15, name: 妊娠の届出, status: ○}
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.models import Status
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure, listing

CODE = "DX102"
NAME = "procedure-partial"
SEVERITY = Severity.warning
SUMMARY = Msg("手続が一部しかオンライン化されていない（一部）", "A procedure is only partly online (一部)")
DESCRIPTION_JA = (
    "状況が `partial`（一部）の手続すべてに報告します（未確認と記録したまとまりも、個別手続で決まれば一部です）。"
    "手続が個別手続を持つとき、メッセージはオンラインでないもの（×、一部）を名指し、未確認のものは別に数えます。"
    "未確認の個別手続は、オンラインでないと分かっているわけではありません。"
    "個別手続がなければ、どの部分が欠けているかをカタログが記録していないと述べます。"
)
WHY_JA = (
    "「一部」では、途中で窓口に来るよう求められたり、一部の申請者しか使えなかったりします。"
    "欠けている部分を名指しすると、やるべきことが見えます。"
)
NEXT_STEP = Msg(
    "オンライン化されていない部分（個別手続・申請者・段階）を特定し、順にオンライン化してください",
    "Identify the parts that are not online (sub-procedures, applicants, steps) and bring them online",
)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, p in enumerate(catalog.procedures):
        if p.effective_status is not Status.partial:
            continue
        missing = [s for s in p.sub_procedures if s.status in (Status.partial, Status.offline)]
        unknown = [s for s in p.sub_procedures if s.status is Status.unknown]
        tail_ja = f"、ほかに未確認 {len(unknown)} 件" if unknown else ""
        tail_en = f"; {len(unknown)} more not known" if unknown else ""
        if missing:
            names = listing(
                [f"「{s.name}」（{s.status.mark}）" for s in missing],
                [f"'{s.name_en or s.name}' ({s.status.mark})" for s in missing],
                "手続",
            )
            ja_names, en_names = names.ja, names.en
            message = Msg(
                f"「{p.name}」は一部のみオンラインです。未オンラインの個別手続 {len(missing)} 件: {ja_names}{tail_ja}",
                f"'{p.name_en or p.name}' is only partly online; "
                f"{len(missing)} sub-procedure(s) not online: {en_names}{tail_en}",
            )
        elif unknown:
            message = Msg(
                f"「{p.name}」は一部のみオンラインです。未確認の個別手続 {len(unknown)} 件",
                f"'{p.name_en or p.name}' is only partly online; {len(unknown)} sub-procedure(s) not known",
            )
        else:
            message = Msg(
                f"「{p.name}」は一部のみオンラインです（どの部分が未対応かは記録されていません）",
                f"'{p.name_en or p.name}' is only partly online (which part is not online is not recorded)",
            )
        yield Finding(
            CODE,
            Subject("procedure", p.id),
            message,
            "procedures",
            at_procedure(i, "status"),
            data={"not_online": [s.id for s in missing], "unknown": [s.id for s in unknown]},
        )
