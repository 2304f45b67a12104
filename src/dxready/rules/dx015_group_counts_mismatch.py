"""A group's own counts differ from the sum of its sub-procedures' counts for the same year.

Counts may be recorded on a group (子育て関係 as a whole) and on its sub-procedures (Kure publishes 子育て row by row).
Each figure is checked on its own: in a year in which the group has its own counts, its online count must be the
sum of the sub-procedures' online counts when every sub-procedure has one, and its total the sum of their totals
when every sub-procedure has one (a not-applicable sub-procedure without counts has no cases). A figure that some
sub-procedure lacks is left alone: its sum would be partial.

Why it matters:
    Two usage rates for the same year and the same procedures cannot both be published; one of them is a typing
    error or counts a different period.

Fails:
    procedures:
      - id: disaster-certificate
        standard_no: 20
        name: 被災者支援関係（罹災証明書発行申請）
        status: ○
        counts:
          - {fiscal_year: 2022, total: 120, online: 30}
        sub_procedures:
          - id: disaster-certificate-01
            name: 罹災証明書の発行申請
            status: ○
            counts:
              - {fiscal_year: 2022, total: 120, online: 12}

Passes:
    procedures:
      - id: disaster-certificate
        standard_no: 20
        name: 被災者支援関係（罹災証明書発行申請）
        status: ○
        counts:
          - {fiscal_year: 2022, total: 120, online: 12}
        sub_procedures:
          - id: disaster-certificate-01
            name: 罹災証明書の発行申請
            status: ○
            counts:
              - {fiscal_year: 2022, total: 120, online: 12}
"""

from __future__ import annotations

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.models import Procedure, Status
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure

CODE = "DX015"
NAME = "group-counts-mismatch"
SEVERITY = Severity.error
SUMMARY = Msg(
    "まとまりの件数が個別手続の件数の合計と合わない",
    "A group's own counts differ from the sum of its sub-procedures' counts for the same year",
)
DESCRIPTION_JA = (
    "件数はまとまり（子育て関係全体）にも個別手続にも記録できます（呉市は子育てを行ごとに公表しています）。"
    "数値はそれぞれ別に検査します：まとまりが自身の件数を持つ年度に、すべての個別手続がオンライン件数を持つならまとまりのオンライン件数はその合計と、すべての個別手続が総件数を持つならまとまりの総件数はその合計と一致しなければなりません（件数のない該当なしの個別手続は 0 件です）。"
    "ある個別手続に欠けている数値は問いません：その合計は部分的だからです。"
)
WHY_JA = "同じ年度・同じ手続に二つの利用率は公表できません。どちらかが入力誤りか、別の期間の件数です。"
NEXT_STEP = Msg(
    "まとまりと個別手続の件数を出典と照らし合わせて直してください",
    "Check the group's and the sub-procedures' counts against their source and correct them",
)


_WORDS = {"total": Msg("総件数", "total"), "online": Msg("オンライン件数", "online")}


def _sums(p: Procedure, year: int) -> dict[str, int | None]:
    """Each figure's sum over the sub-procedures for the year, or None where some sub-procedure lacks it."""
    out: dict[str, int | None] = {"total": 0, "online": 0}
    for sub in p.sub_procedures:
        c = next((c for c in sub.counts if int(c.fiscal_year) == year), None)
        for key in out:
            value = None if c is None else getattr(c, key)
            if value is None and c is None and sub.status is Status.not_applicable:
                value = 0
            mine = out[key]
            out[key] = None if mine is None or value is None else mine + value
    return out


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, p in enumerate(catalog.procedures):
        if not p.sub_procedures:
            continue
        for j, c in enumerate(p.counts):
            sums = _sums(p, int(c.fiscal_year))
            wrong = [
                (k, mine, theirs)
                for k, mine, theirs in (
                    ("total", c.total, sums["total"]),
                    ("online", c.online, sums["online"]),
                )
                if mine is not None and theirs is not None and mine != theirs
            ]
            if not wrong:
                continue
            said_ja = "、".join(f"{_WORDS[k].ja} {mine:,}（合計 {theirs:,}）" for k, mine, theirs in wrong)
            said_en = ", ".join(f"{_WORDS[k].en} {mine:,} (sum {theirs:,})" for k, mine, theirs in wrong)
            yield Finding(
                CODE,
                Subject("procedure", p.id),
                Msg(
                    f"「{p.name}」の{c.fiscal_year.ja()}の件数が個別手続 {len(p.sub_procedures)} 件の合計と合いません: {said_ja}",
                    f"the {c.fiscal_year.en()} counts of '{p.name_en or p.name}' differ from the sum of its "
                    f"{len(p.sub_procedures)} sub-procedures: {said_en}",
                ),
                "procedures",
                at_procedure(i, "counts", j, wrong[0][0]),
                data={"fiscal_year": int(c.fiscal_year), "total": sums["total"], "online": sums["online"]},
            )
