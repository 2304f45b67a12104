"""DX009 impossible-counts: online above total, a year counted twice."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx009_impossible_counts as rule
from tests.helpers.catalogs import run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: library-reservation
    name: 図書館の図書貸出予約等
    status: ○
    counts:
      - {fiscal_year: 令和4年度, total: 15298, online: 152983}
      - {fiscal_year: FY2022, total: 196759, online: 152983}
"""


def test_both_problems_are_located(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule)
    path = tmp_path / "procedures.yaml"
    found = [(f.code, f.subject.id, str(f.location)) for f in report.findings]
    assert found == [
        ("DX009", "library-reservation", f"{path}:9:52"),
        ("DX009", "library-reservation", f"{path}:10:23"),
    ]
    over, twice = report.findings
    assert over.message.ja == "令和4年度: オンライン件数 152,983 が総件数 15,298 を超えています"
    assert twice.message.en == "FY2022 is counted twice"
