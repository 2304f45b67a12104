"""DX019 duplicate-standard-no: one row per standard number (review s7 F8)."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx019_duplicate_standard_no as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: port-procedures
    standard_no: 6
    name: 港湾関係手続
    status: —
  - id: road-occupancy
    standard_no: 6
    name: 道路占用許可申請等
    status: ×
  - id: own-procedure
    name: 自団体の手続
    status: ○
  - id: another-own
    name: 自団体の手続その二
    status: ×
"""


def test_the_second_row_is_reported_at_its_number_naming_the_first(tmp_path: Path) -> None:
    root = write_catalog(tmp_path, procedures=PROCEDURES)
    (finding,) = run_rule(root, rule).findings
    path = root / "procedures.yaml"
    assert (finding.code, finding.subject.id, finding.severity.value) == ("DX019", "road-occupancy", "error")
    assert str(finding.location) == f"{path}:10:18"
    # In words (the published page shows the message): no field name, no file position; the first row's place is data.
    assert (
        finding.message.ja
        == "No.6 は「港湾関係手続」と同じ番号です。率には最初の行（「港湾関係手続」）だけを数えます"
    )
    assert finding.message.en == (
        "No.6 is also the number of '港湾関係手続'; the rates count the first row ('港湾関係手続') only"
    )
    assert finding.data == {"first": "port-procedures", "first_at": f"{path}:6:18"}


def test_shipped_catalogue_has_one_row_per_number(tmp_path: Path) -> None:
    assert run_rule(copy_shipped(tmp_path / "data"), rule).findings == ()
