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
    assert finding.data == {"expected": "partial", "possible": ["partial"]}
    assert finding.message.en == (
        "the group says ○ (online) but its sub-procedures (○ 1 / × 1 / 2) disagree (counted as unknown until fixed)"
    )


def test_unknown_sub_procedures_could_still_agree(tmp_path: Path) -> None:
    """An explicit group status is a contradiction only when no completion of the unknown ones allows it."""
    procedures = """
    procedures:
      - id: a
        name: まとまりA
        status: 一部
        sub_procedures:
          - {id: a-1, name: 個別1, status: ○}
          - {id: a-2, name: 個別2, status: unknown}
      - id: b
        name: まとまりB
        status: ○
        sub_procedures:
          - {id: b-1, name: 個別1, status: ○}
          - {id: b-2, name: 個別2, status: unknown}
      - id: c
        name: まとまりC
        status: ×
        sub_procedures:
          - {id: c-1, name: 個別1, status: 一部}
          - {id: c-2, name: 個別2, status: unknown}
      - id: d
        name: まとまりD
        status: 一部
        sub_procedures:
          - {id: d-1, name: 個別1, status: ○}
          - {id: d-2, name: 個別2, status: ○}
    """
    report = run_rule(write_catalog(tmp_path, procedures=procedures), rule)
    assert [f.subject.id for f in report.findings] == ["c", "d"]
    assert report.findings[1].data == {"expected": "online", "possible": ["online"]}


def test_shipped_groups_agree(tmp_path: Path) -> None:
    assert run_rule(copy_shipped(tmp_path / "data"), rule).findings == ()
