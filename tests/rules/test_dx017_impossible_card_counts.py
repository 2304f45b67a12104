"""DX017 impossible-card-counts: more My Number Cards than people in a scope."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx017_impossible_card_counts as rule
from tests.helpers.catalogs import run_rule, write_catalog

PROCEDURES = """municipality:
  name: 松戸市
  code: "122076"
  mynumber_card:
    as_of: 2024-03-31
    rates:
      - {scope: 市全体, cards: 350000, population: 498000}
      - {scope: all, cards: 350000, population: 298000}
      - {scope: 全員, cards: 1000, population: 1000}
procedures: []
"""


def test_cards_above_population_are_located_at_the_cards(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule)
    assert [(f.code, str(f.location)) for f in report.findings] == [
        ("DX017", f"{tmp_path / 'procedures.yaml'}:8:29"),
    ]
    (finding,) = report.findings
    assert finding.message.ja == "マイナンバーカード all: 枚数 350,000 が人口 298,000 を超えています"
    assert finding.message.en == "My Number Card all: 350,000 cards exceed the population 298,000"


def test_no_cards_no_finding(tmp_path: Path) -> None:
    procedures = 'municipality:\n  name: 松戸市\n  code: "122076"\nprocedures: []\n'
    assert run_rule(write_catalog(tmp_path, procedures=procedures), rule).findings == ()
