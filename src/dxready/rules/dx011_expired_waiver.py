"""A waiver has expired, or names no rule or no subject.

Waivers accept a known gap for a stated reason until a date. After ``until`` the waiver no longer applies: the
finding it covered comes back, and the expired waiver is reported itself so that someone renews or removes it. A
waiver whose ``subject`` is the id of no subject a finding can have (a procedure, system, roadmap item, fact, the
municipality's code, a roadmap area, a standardised business, a standard procedure ``standard-07``: the engine's own
matching, ``findings.waiver_key`` over ``catalog.walk.finding_subjects``) waives nothing: it is reported, with the id
it was probably meant to be. A sub-procedure's findings carry its group's id, so a waiver naming a sub-procedure is
reported with the group to name instead.

Why it matters:
    A waiver is a promise with a date on it; a silent expiry would either hide a gap forever or surprise CI, and a
    mistyped subject looks like an accepted gap while the finding goes on being reported.

Fails:
    now: 2026-11-26
    procedures:
      - id: road-occupancy
        standard_no: 7
        name: 道路占用許可申請等
        status: ×
    settings:
      waivers:
        - {code: DX101, subject: road-occupancy, reason: 県の共同システム待ち, until: 2025-03-31}

Passes:
    now: 2026-11-26
    procedures:
      - id: road-occupancy
        standard_no: 7
        name: 道路占用許可申請等
        status: ×
    settings:
      waivers:
        - {code: DX101, subject: road-occupancy, reason: 県の共同システム待ち, until: 2027-03-31}
"""

import difflib
from bisect import bisect_left
from collections.abc import Iterator, Sequence

from dxready.catalog.load import Catalog
from dxready.catalog.settings import Severity
from dxready.catalog.walk import finding_subjects
from dxready.findings import Finding, Msg, Subject, waiver_key
from dxready.rules.base import Context

CODE = "DX011"
NAME = "expired-waiver"
SEVERITY = Severity.warning
SUMMARY = Msg(
    "適用除外（waiver）の期限切れ、または存在しないルール・対象",
    "A waiver has expired, or names no rule or no subject",
)
DESCRIPTION_JA = (
    "適用除外（waiver）は、既知のギャップを理由を添えて期限まで認めるものです。"
    "`until` を過ぎると適用除外は効かなくなり、覆っていた指摘が戻り、期限切れの適用除外そのものも報告されます（だれかが更新するか削除するように）。"
    "`subject` が、指摘が持ち得るどの対象の id でもない適用除外（対象は手続、システム、工程表の項目、事実（facts）、団体コード、工程表の取組事項、標準化対象業務、標準手続 `standard-07`：エンジン自身の照合、`catalog.walk.finding_subjects` に対する `findings.waiver_key`）は何も除外しません：おそらく意図した id とともに報告されます。"
    "個別手続の指摘はまとまりの id を持つので、個別手続を名指す適用除外は、代わりに名指すべきまとまりとともに報告されます。"
)
WHY_JA = (
    "適用除外は期限付きの約束です。黙って切れると問題を隠し続けるか、突然 CI を止めます。"
    "対象を書き誤った適用除外は、認めたはずの問題を何も除外しません。"
)
NEXT_STEP = Msg(
    "期限・ルール・対象を直すか、適用除外を削除してください",
    "Correct the waiver's date, rule or subject, or delete the waiver",
)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    known: set[str] | None = None
    groups: dict[str, str] = {}
    ordered: list[str] = []
    for i, w in enumerate(catalog.settings.waivers):
        if w.code not in ctx.codes:
            yield Finding(
                CODE,
                Subject("settings", w.subject),
                Msg(f"ルール {w.code} はありません", f"there is no rule {w.code}"),
                "dxready",
                ("waivers", i, "code"),
            )
            continue
        if known is None:
            known = {waiver_key(s) for s in finding_subjects(catalog)}
            groups = {s.id: p.id for p in catalog.procedures for s in p.sub_procedures}
            ordered = sorted(known)  # once, for every mistyped waiver's hint
        if w.subject not in known and w.subject in groups:
            group = groups[w.subject]
            yield Finding(
                CODE,
                Subject("settings", w.subject),
                Msg(
                    f"{w.code} の適用除外の対象 '{w.subject}' は {group} の下位手続です。指摘は {group} に出るため、"
                    f"何も除外されません（対象は '{group}' と書いてください）",
                    f"the waiver of {w.code} names '{w.subject}', a sub-procedure of {group}: findings name "
                    f"{group}, so it waives nothing (name '{group}' instead)",
                ),
                "dxready",
                ("waivers", i, "subject"),
            )
        elif w.subject not in known:
            # "procedure:road-occupancy" is no subject either: the id alone is compared
            close = suggest(w.subject.rpartition(":")[2], ordered)
            hint_ja = f"（'{close[0]}' の誤りですか？）" if close else ""
            hint_en = f"; did you mean '{close[0]}'?" if close else ""
            yield Finding(
                CODE,
                Subject("settings", w.subject),
                Msg(
                    f"{w.code} の適用除外の対象 '{w.subject}' に当たる手続・システム・工程表の項目がないため、"
                    f"何も除外されません{hint_ja}",
                    f"the waiver of {w.code} names '{w.subject}', which is no procedure, system or roadmap "
                    f"item: it waives nothing{hint_en}",
                ),
                "dxready",
                ("waivers", i, "subject"),
            )
        elif w.until is not None and w.until < ctx.as_of:
            yield Finding(
                CODE,
                Subject("settings", w.subject),
                Msg(
                    f"{w.code} の適用除外（{w.subject}）は {w.until} に期限切れです",
                    f"the waiver of {w.code} for {w.subject} expired on {w.until}",
                ),
                "dxready",
                ("waivers", i, "until"),
            )


POOL = 500
"""At most this many ids are compared with a mistyped subject (difflib costs ~20 µs an id)."""


def suggest(word: str, ordered: Sequence[str]) -> list[str]:
    """The id ``word`` was probably meant to be ([] if none), among ``ordered`` (sorted once by the caller).

    A large catalogue is narrowed first to the ids sharing ever more of ``word``'s first characters, by bisection,
    until at most ``POOL`` remain; if no prefix narrows it that far there is no hint. So a check with many mistyped
    waivers over tens of thousands of ids costs a sort and ``POOL`` comparisons per waiver (review s7 diffreview F7:
    difflib over every id, re-sorted, per waiver, took 7.9 s at 40,000 procedures and 20 waivers)."""
    lo, hi = 0, len(ordered)
    k = 0
    while hi - lo > POOL and k < len(word):
        k += 1
        prefix = word[:k]
        start = bisect_left(ordered, prefix, lo, hi)
        end = bisect_left(ordered, prefix + "\U0010ffff", start, hi)
        if start == end:
            return []
        lo, hi = start, end
    if hi - lo > POOL:
        return []
    return difflib.get_close_matches(word, ordered[lo:hi], n=1, cutoff=0.6)
