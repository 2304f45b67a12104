"""DX008 group-status-mismatch: a group's status against its sub-procedures."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx008_group_status_mismatch as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: childcare
    name: 子育て関係（児童手当、保育施設利用等）
    status: ○
    sub_procedures:
      - {id: childcare-01, name: 児童手当等の受給資格及び児童手当の額についての認定請求, status: ○}
      - {id: childcare-15, name: 妊娠の届出, status: ×}
  - id: nursing-care
    name: 介護関係（介護認定申請等）
    status: ×
    sub_procedures:
      - {id: nursing-care-01, name: 要介護・要支援認定の申請, status: ×}
      - {id: nursing-care-02, name: 要介護・要支援更新認定の申請, status: unknown}
"""


def test_group_claiming_more_than_its_parts(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule)
    assert [(f.code, f.subject.id) for f in report.findings] == [("DX008", "childcare")]
    (finding,) = report.findings
    assert str(finding.location) == f"{tmp_path / 'procedures.yaml'}:7:13"
    assert finding.data == {"expected": "partial"}
    assert finding.message.en == "sub-procedures say 一部 (partial) but the group says ○"


def test_shipped_groups_agree(tmp_path: Path) -> None:
    assert run_rule(copy_shipped(tmp_path / "data"), rule).findings == ()
