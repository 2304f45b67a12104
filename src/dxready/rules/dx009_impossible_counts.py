"""Usage counts are impossible.

More online cases than cases, or one fiscal year counted twice.

Why it matters:
    The online usage rate (うちオンライン数 ÷ 手続総件数) is published to one decimal; a count of 152,983 online out of
    15,298 total gives a rate over 100 % that would be printed in a council report.

Fails:
    procedures:
      - id: library-reservation
        name: 図書館の図書貸出予約等
        status: ○
        counts:
          - {fiscal_year: 令和4年度, total: 15298, online: 152983}

Passes:
    procedures:
      - id: library-reservation
        name: 図書館の図書貸出予約等
        status: ○
        counts:
          - {fiscal_year: 令和4年度, total: 196759, online: 152983}
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.models import Counts, Procedure
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure

CODE = "DX009"
NAME = "impossible-counts"
SEVERITY = Severity.error
SUMMARY = Msg("件数があり得ない（オンライン件数が総件数を超える等）", "Usage counts are impossible")
DESCRIPTION_JA = "オンライン件数が総件数を超えている、または同じ年度が二度数えられています。"
WHY_JA = "オンライン利用率は小数第一位まで公表されます。オンライン件数が総件数を超えると 100% を超える率が報告に載ります。"
NEXT_STEP = Msg("総件数とオンライン件数を確認してください", "Check the total and online counts")


def _entries(p: Procedure) -> Iterator[tuple[list[Counts], tuple[str | int, ...]]]:
    yield p.counts, ("counts",)
    for k, s in enumerate(p.sub_procedures):
        yield s.counts, ("sub_procedures", k, "counts")


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, p in enumerate(catalog.procedures):
        for counts, where in _entries(p):
            yield from _check(i, p, counts, where)


def _check(i: int, p: Procedure, counts: list[Counts], where: tuple[str | int, ...]) -> Iterator[Finding]:
    seen: set[int] = set()
    for j, c in enumerate(counts):
        year = int(c.fiscal_year)
        if c.online is not None and c.total is not None and c.online > c.total:
            yield Finding(
                CODE,
                Subject("procedure", p.id),
                Msg(
                    f"{c.fiscal_year.ja()}: オンライン件数 {c.online:,} が総件数 {c.total:,} を超えています",
                    f"{c.fiscal_year.en()}: online {c.online:,} exceeds total {c.total:,}",
                ),
                "procedures",
                at_procedure(i, *where, j, "online"),
            )
        if year in seen:
            yield Finding(
                CODE,
                Subject("procedure", p.id),
                Msg(f"{c.fiscal_year.ja()} の件数が二度あります", f"{c.fiscal_year.en()} is counted twice"),
                "procedures",
                at_procedure(i, *where, j, "fiscal_year"),
            )
        seen.add(year)
