"""DX109 target-passed-not-online: target fiscal year over, status not ○."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxready.rules import dx109_target_passed_not_online as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: bulky-waste
    standard_no: 9
    name: 粗大ごみ収集の申込
    status: 一部
    target_fiscal_year: 令和7年度
  - id: library-reservation
    standard_no: 1
    name: 図書館の図書貸出予約等
    status: ○
    target_fiscal_year: 令和5年度
  - id: road-occupancy
    standard_no: 7
    name: 道路占用許可申請等
    status: ×
    target_fiscal_year: 令和8年度
"""


def test_passed_target_is_reported(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule, "2026-11-26")
    assert [(f.code, f.subject.id) for f in report.findings] == [("DX109", "bulky-waste")]
    (finding,) = report.findings
    assert str(finding.location) == f"{tmp_path / 'procedures.yaml'}:9:25"
    assert finding.message.ja == (
        "「粗大ごみ収集の申込」の目標 令和7年度（2026-03-31 まで）を過ぎましたが、状況は 一部（一部オンライン）です"
    )
    assert "FY2025" in finding.message.en


@pytest.mark.parametrize(("as_of", "expected"), [("2026-03-31", []), ("2026-04-01", ["bulky-waste"])])
def test_the_target_year_ends_on_31_march(tmp_path: Path, as_of: str, expected: list[str]) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule, as_of)
    assert [f.subject.id for f in report.findings] == expected


def test_shipped_catalogue_has_no_procedure_targets(tmp_path: Path) -> None:
    assert run_rule(copy_shipped(tmp_path / "data"), rule, "2030-01-01").findings == ()
