"""A group's own counts differ from the sum of its sub-procedures' counts for the same year.

Counts may be recorded on a group (子育て関係 as a whole) and on its sub-procedures (Kure publishes 子育て row by row).
When every sub-procedure has total and online counts for a year in which the group has its own, the group's figures
must be their sums. Years in which some sub-procedure is not counted are left alone: the sum would be partial.

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
WHY_JA = "同じ年度・同じ手続に二つの利用率は公表できません。どちらかが入力誤りか、別の期間の件数です。"
NEXT_STEP = Msg(
    "まとまりと個別手続の件数を出典と照らし合わせて直してください",
    "Check the group's and the sub-procedures' counts against their source and correct them",
)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, p in enumerate(catalog.procedures):
        if not p.sub_procedures:
            continue
        for j, c in enumerate(p.counts):
            summed = p.group_counts(int(c.fiscal_year))
            if summed is None or summed[2] < len(p.sub_procedures):
                continue
            total, online, _ = summed
            wrong = [
                (k, mine, theirs)
                for k, mine, theirs in (("total", c.total, total), ("online", c.online, online))
                if mine is not None and mine != theirs
            ]
            if not wrong:
                continue
            said_ja = "、".join(f"{k} {mine:,}（合計 {theirs:,}）" for k, mine, theirs in wrong)
            said_en = ", ".join(f"{k} {mine:,} (sum {theirs:,})" for k, mine, theirs in wrong)
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
                data={"fiscal_year": int(c.fiscal_year), "total": total, "online": online},
            )
