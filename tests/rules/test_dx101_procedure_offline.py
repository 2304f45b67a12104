"""DX101 procedure-offline: every applicable × procedure, at its status."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx101_procedure_offline as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: road-occupancy
    standard_no: 7
    name: 道路占用許可申請等
    status: ×
  - id: port-procedures
    standard_no: 6
    name: 港湾関係手続
    status: —
  - id: library-reservation
    standard_no: 1
    name: 図書館の図書貸出予約等
    status: ○
  - id: absentee-ballot-request
    standard_no: 16
    name: 衆議院・参議院選挙の不在者投票用紙等の請求
    status: offline
    target_fiscal_year: R8
"""


def test_offline_procedures_are_reported_at_their_status(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule)
    assert [(f.code, f.subject.id) for f in report.findings] == [
        ("DX101", "road-occupancy"),
        ("DX101", "absentee-ballot-request"),
    ]
    first, second = report.findings
    assert str(first.location) == f"{tmp_path / 'procedures.yaml'}:8:13"
    assert str(second.location) == f"{tmp_path / 'procedures.yaml'}:20:13"
    assert first.message.ja == "No.7 「道路占用許可申請等」はオンラインで申請できません（×）"
    assert "(target FY2026)" in second.message.en
    assert first.next_step == rule.NEXT_STEP


def test_a_shared_national_channel_is_named_in_the_next_step(tmp_path: Path) -> None:
    procedures = """
    procedures:
      - id: bid-qualification
        standard_no: 14
        name: 入札参加資格審査申請等
        status: ×
    """
    report = run_rule(write_catalog(tmp_path, procedures=procedures), rule)
    (finding,) = report.findings
    assert finding.next_step is not None
    assert "ちば電子調達" in finding.next_step.ja


def test_shipped_catalogue_has_six_offline_rows(tmp_path: Path) -> None:
    report = run_rule(copy_shipped(tmp_path / "data"), rule)
    assert [f.subject.id for f in report.findings] == [
        "road-occupancy",
        "bulky-waste",
        "dog-registration",
        "staff-recruitment",
        "absentee-ballot-request",
        "disclosure-request",
    ]
    assert {f.data["standard_no"] for f in report.findings} == {7, 9, 11, 13, 16, 17}
