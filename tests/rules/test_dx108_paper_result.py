"""DX108 paper-result: the result is delivered on paper only."""

from __future__ import annotations

from pathlib import Path

from dxready.catalog.settings import Severity
from dxready.rules import dx108_paper_result as rule
from tests.helpers.catalogs import run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: road-occupancy
    standard_no: 7
    name: 道路占用許可申請等
    status: ○
    result_delivery: paper
  - id: library-reservation
    standard_no: 1
    name: 図書館の図書貸出予約等
    status: ○
    result_delivery: electronic
  - id: port-procedures
    standard_no: 6
    name: 港湾関係手続
    status: —
    result_delivery: paper
"""


def test_paper_result_is_reported(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule)
    assert [(f.code, f.subject.id, f.severity) for f in report.findings] == [
        ("DX108", "road-occupancy", Severity.info)
    ]
    (finding,) = report.findings
    assert str(finding.location) == f"{tmp_path / 'procedures.yaml'}:9:22"
    assert finding.message.ja == "「道路占用許可申請等」の結果は紙でしか受け取れません"
