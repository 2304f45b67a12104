"""My Number Card counts are impossible.

More cards than people in a scope.

A card rate is cards ÷ population of one scope (the whole city, a district, the prefecture, the nation), at the
date ``mynumber_card.as_of``. Each person holds at most one card, so the cards of a scope cannot exceed its
population.

Why it matters:
    The published page and ``gaps`` print the holding rate to one decimal; 298,000 people holding 350,000 cards
    would be published as 117.4 % — a figure that tells readers the table cannot be trusted. It is nearly always
    the two numbers swapped, or a population of another scope or date.

Fails:
    municipality:
      name: 松戸市
      code: "122076"
      mynumber_card:
        as_of: 2024-03-31
        rates:
          - {scope: 市全体, cards: 350000, population: 298000}

Passes:
    municipality:
      name: 松戸市
      code: "122076"
      mynumber_card:
        as_of: 2024-03-31
        rates:
          - {scope: 市全体, cards: 350000, population: 498000}
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context

CODE = "DX017"
NAME = "impossible-card-counts"
SEVERITY = Severity.error
SUMMARY = Msg("マイナンバーカードの枚数が人口を超えている", "My Number Card counts are impossible")
DESCRIPTION_JA = (
    "ある範囲で、カードの枚数が人口を超えています。\n\n"
    "カードの保有率は、一つの範囲（市全体、地区、都道府県、全国）の枚数 ÷ 人口で、時点は `mynumber_card.as_of` です。"
    "一人が持てるカードは一枚までなので、範囲の枚数はその人口を超えられません。"
)
WHY_JA = "保有枚数率は小数第一位まで公表されます。枚数が人口を超えると 100% を超える率がページに載ります。"
NEXT_STEP = Msg(
    "枚数と人口（同じ範囲・同じ時点か）を確認してください",
    "Check the cards and the population (same scope, same date)",
)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    m = catalog.procedures_file.municipality
    if m.mynumber_card is None:
        return
    for k, r in enumerate(m.mynumber_card.rates):
        if r.cards > r.population:
            yield Finding(
                CODE,
                Subject("catalog", m.code),
                Msg(
                    f"マイナンバーカード {r.scope}: 枚数 {r.cards:,} が人口 {r.population:,} を超えています",
                    f"My Number Card {r.scope}: {r.cards:,} cards exceed the population {r.population:,}",
                ),
                "procedures",
                ("municipality", "mynumber_card", "rates", k, "cards"),
            )
