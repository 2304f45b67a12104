"""DX006 standard-name-mismatch: standard_no against the national list's name."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx006_standard_name_mismatch as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: e-bidding
    standard_no: 14
    name: 入札
    status: ○
  - id: facility-reservation
    standard_no: 2
    name: 文化・スポーツ施設の利用予約
    status: 一部
"""


def test_wrong_number_is_reported_and_folded_names_match(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule)
    assert [(f.code, f.subject.id) for f in report.findings] == [("DX006", "e-bidding")]
    (finding,) = report.findings
    assert str(finding.location) == f"{tmp_path / 'procedures.yaml'}:6:18"
    assert (
        finding.message.ja == "標準事務 14 の名称は「入札参加資格審査申請等」です（「入札」と書かれています）"
    )


def test_shipped_catalogue_matches_the_registry(tmp_path: Path) -> None:
    assert run_rule(copy_shipped(tmp_path / "data"), rule).findings == ()
