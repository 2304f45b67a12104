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
    assert finding.message.ja == (
        f"standard_no 6 は port-procedures にも使われています（最初は {path}:6:18）。率には最初の行だけを数えます"
    )
    assert finding.message.en == (
        f"standard_no 6 is also used by port-procedures (first at {path}:6:18); the rates count the first row only"
    )


def test_shipped_catalogue_has_one_row_per_number(tmp_path: Path) -> None:
    assert run_rule(copy_shipped(tmp_path / "data"), rule).findings == ()
