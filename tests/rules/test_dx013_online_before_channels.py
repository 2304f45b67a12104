"""DX013 online-before-channels: ○ while every channel opens after the status date."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx013_online_before_channels as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

PROCEDURES = """
as_of: 2024-03-31
procedures:
  - id: facility-reservation
    standard_no: 2
    name: 文化・スポーツ施設の利用予約
    status: ○
    channels:
      - {kind: dedicated, name: 施設予約システム, since: 2025-04-01}
      - {kind: e_application, since: 2024-10-01}
  - id: library-reservation
    standard_no: 1
    name: 図書館の図書貸出予約等
    status: ○
    channels:
      - {kind: dedicated, since: 2025-04-01}
      - {kind: e_application}
  - id: water-service-start
    standard_no: 5
    name: 水道使用開始届等
    status: ○
    as_of: 2025-06-01
    channels:
      - {kind: dedicated, since: 2025-04-01}
"""


def test_only_a_status_resting_on_future_channels_is_reported(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule)
    # Row 1 has a channel without `since` (not judged); row 5's own as_of is after its channel opened.
    assert [(f.subject.id, str(f.location)) for f in report.findings] == [
        ("facility-reservation", f"{tmp_path / 'procedures.yaml'}:9:13")
    ]
    (finding,) = report.findings
    assert finding.data == {"status_date": "2024-03-31", "first_channel": "2024-10-01"}
    assert "（最も早くて 2024-10-01）" in finding.message.ja


def test_shipped_catalogue_is_clean(tmp_path: Path) -> None:
    assert run_rule(copy_shipped(tmp_path / "data"), rule).findings == ()
