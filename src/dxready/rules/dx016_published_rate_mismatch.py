"""A published rate that disagrees with the counts beside it.

A count entry may hold the rate the city printed (``rate``) next to ``total`` and ``online``. Municipalities publish
うちオンライン数 ÷ 手続総件数 in percent to one decimal, so the printed rate must be that ratio rounded to one decimal
(a tie rounded either way: 1 of 80 may be 1.2 or 1.3; 1,716 of 29,926 only 5.7).

Why it matters:
    Either a figure was mistyped or the rate belongs to another period: the usage rate dxready shows and the one
    the city printed would differ.

Fails:
    procedures:
      - id: library-reservation
        standard_no: 1
        name: 図書館の図書貸出予約等
        status: ○
        counts:
          - {fiscal_year: 2022, total: 196759, online: 152983, rate: 87.8}

Passes:
    procedures:
      - id: library-reservation
        standard_no: 1
        name: 図書館の図書貸出予約等
        status: ○
        counts:
          - {fiscal_year: 2022, total: 196759, online: 152983, rate: 77.8}
"""

from __future__ import annotations

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.models import Counts
from dxready.catalog.numbers import agrees
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure

CODE = "DX016"
NAME = "published-rate-mismatch"
SEVERITY = Severity.error
SUMMARY = Msg(
    "公表された利用率が件数と合わない",
    "A published rate that disagrees with the counts beside it",
)
DESCRIPTION_JA = (
    "件数の記録は、`total` と `online` の横に市が公表した率（`rate`）を持つことができます。"
    "団体は うちオンライン数 ÷ 手続総件数 を百分率の小数第一位まで公表するので、公表された率はその比を小数第一位に丸めたものでなければなりません（ちょうど中間ならどちらに丸めてもよい：80 件中 1 件は 1.2 でも 1.3 でもよく、29,926 件中 1,716 件は 5.7 だけです）。"
)
WHY_JA = "件数か率のどちらかが入力誤りか、別の期間のものです。dxready の示す率と市の公表値が食い違います。"
NEXT_STEP = Msg(
    "出典と照らし合わせ、件数（total, online）か率（rate）を直してください",
    "Check against the source and correct the counts (total, online) or the rate",
)


def disagrees(c: Counts) -> bool:
    """Whether ``c`` holds total, online and a rate that the two counts do not give to one decimal."""
    if c.total is None or c.online is None or not c.total or c.rate is None:
        return False
    return not agrees(c.rate, c.online, c.total)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, p in enumerate(catalog.procedures):
        entries: list[tuple[str, list[Counts], tuple[str | int, ...]]] = [(p.name, p.counts, ("counts",))]
        entries += [
            (s.name, s.counts, ("sub_procedures", k, "counts")) for k, s in enumerate(p.sub_procedures)
        ]
        for name, counts, where in entries:
            for j, c in enumerate(counts):
                if not disagrees(c):
                    continue
                computed = c.computed_rate
                yield Finding(
                    CODE,
                    Subject("procedure", p.id),
                    Msg(
                        f"「{name}」の{c.fiscal_year.ja()}: 公表された利用率 {c.rate:.1f}% が件数"
                        f"（{c.online:,} / {c.total:,} 件 = {computed:.1f}%）と合いません",
                        f"'{name}' {c.fiscal_year.en()}: the published rate {c.rate:.1f}% disagrees with the counts "
                        f"({c.online:,} of {c.total:,} = {computed:.1f}%)",
                    ),
                    "procedures",
                    at_procedure(i, *where, j, "rate"),
                    data={"fiscal_year": int(c.fiscal_year), "rate": c.rate, "computed": computed},
                )
