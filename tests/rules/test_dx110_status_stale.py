"""DX110 status-stale: the status was last confirmed longer ago than targets.staleness_days."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx110_status_stale as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

PROCEDURES = """
as_of: 2023-12-31
procedures:
  - id: library-reservation
    standard_no: 1
    name: 図書館の図書貸出予約等
    status: ○
  - id: bulky-waste
    standard_no: 9
    name: 粗大ごみ収集の申込
    status: ×
    as_of: 2024-06-30
    verified_on: 2026-10-01
  - id: road-occupancy
    standard_no: 7
    name: 道路占用許可申請等
    status: ×
    as_of: 2025-01-15
  - id: port-procedures
    standard_no: 6
    name: 港湾関係手続
    status: —
"""


def test_the_latest_confirmation_date_counts(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule, "2026-11-26")
    assert [(f.code, f.subject.id) for f in report.findings] == [
        ("DX110", "library-reservation"),
        ("DX110", "road-occupancy"),
    ]
    from_file, own = report.findings
    # No date of its own: reported at the procedure's entry, with the file's as_of.
    assert str(from_file.location) == f"{tmp_path / 'procedures.yaml'}:6:5"
    assert from_file.message.ja == (
        "「図書館の図書貸出予約等」の状況の最終確認は 2023-12-31（1,061 日前、基準 365 日）"
    )
    assert str(own.location) == f"{tmp_path / 'procedures.yaml'}:20:12"
    assert own.data == {"confirmed": "2025-01-15", "days": 680}
    assert own.next_step is not None
    assert "dxready set road-occupancy --verified-on 2026-11-26" in own.next_step.ja


def test_staleness_days_comes_from_settings(tmp_path: Path) -> None:
    settings = "targets:\n  staleness_days: 1000\n"
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES, settings=settings), rule, "2026-11-26")
    assert [f.subject.id for f in report.findings] == ["library-reservation"]


def test_shipped_catalogue_one_finding_per_applicable_procedure(tmp_path: Path) -> None:
    report = run_rule(copy_shipped(tmp_path / "data"), rule, "2026-11-26")
    assert len(report.findings) == 17
    assert len({f.subject.id for f in report.findings}) == 17
    assert run_rule(copy_shipped(tmp_path / "again"), rule, "2024-03-31").findings == ()
