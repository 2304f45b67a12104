"""DX202 rekeying-back-office: online intake re-keyed by hand."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx202_rekeying_back_office as rule
from tests.helpers.catalogs import run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: nursing-care
    standard_no: 19
    name: 介護関係（介護認定申請等）
    status: ○
    back_office: rekeying
    systems: [acrocity]
  - id: childcare
    standard_no: 18
    name: 子育て関係（児童手当、保育施設利用等）
    status: ○
    back_office: rpa
"""
SYSTEMS = """
systems:
  - id: acrocity
    name: アクロシティ、住民基本台帳及び税系システム
    tier: backbone
"""


def test_rekeying_is_reported_with_the_system(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES, systems=SYSTEMS), rule)
    assert [(f.code, f.subject.id) for f in report.findings] == [("DX202", "nursing-care")]
    (finding,) = report.findings
    assert str(finding.location) == f"{tmp_path / 'procedures.yaml'}:9:18"
    assert finding.message.ja == (
        "「介護関係（介護認定申請等）」の申請は受付後に手で転記されています"
        "（処理システム: 「アクロシティ、住民基本台帳及び税系システム」）"
    )
    assert finding.data == {"systems": ["acrocity"]}
