"""DX011 expired-waiver: waivers past their date or naming no rule; waived findings are kept apart."""

from __future__ import annotations

from pathlib import Path

from dxready.catalog.load import load_catalog
from dxready.engine.run import run
from dxready.rules import dx011_expired_waiver as rule
from dxready.rules import dx101_procedure_offline
from tests.helpers.catalogs import run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: road-occupancy
    standard_no: 7
    name: 道路占用許可申請等
    status: ×
"""
SETTINGS = """
waivers:
  - {code: DX101, subject: road-occupancy, reason: 県の共同システム待ち, until: 2025-03-31}
  - {code: DX999, subject: road-occupancy, reason: 誤記}
"""


def test_expired_and_unknown_waivers_are_reported(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES, settings=SETTINGS), rule, "2026-11-26")
    path = tmp_path / "dxready.yaml"
    found = [(f.code, str(f.subject), str(f.location)) for f in report.findings]
    assert found == [
        ("DX011", "settings:road-occupancy", f"{path}:2:71"),
        ("DX011", "settings:road-occupancy", f"{path}:3:12"),
    ]
    expired, unknown = report.findings
    assert expired.message.en == "the waiver of DX101 for road-occupancy expired on 2025-03-31"
    assert unknown.message.ja == "ルール DX999 はありません"


def test_a_live_waiver_moves_the_finding_aside(tmp_path: Path) -> None:
    settings = "waivers:\n  - {code: DX101, subject: road-occupancy, reason: 県の共同システム待ち, until: 2027-03-31}\n"
    catalog = load_catalog(write_catalog(tmp_path, procedures=PROCEDURES, settings=settings))
    import datetime as dt

    report = run(catalog, dt.date(2026, 11, 26), rules=(dx101_procedure_offline, rule))
    assert report.findings == ()
    assert [(f.code, f.waived) for f in report.waived] == [("DX101", "県の共同システム待ち")]
