"""DX403 roadmap-unlinked: roadmap items naming no procedure and no system."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx403_roadmap_unlinked as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: facility-reservation
    standard_no: 2
    name: 文化・スポーツ施設の利用予約
    status: 一部
"""
ROADMAP = """
roadmap:
  - id: frontyard-simple-e-application
    area: 1
    title: 簡易な電子申請システムの活用による申込手続きの順次オンライン化
    procedures: [facility-reservation]
  - id: office-digitalization
    area: 7
    title: 市役所業務のデジタル化の推進
    systems: [document-management]
  - id: telework
    area: 6
    title: 導入する際のルールやネットワーク環境及び体制などについて検討
"""
SYSTEMS = """
systems:
  - id: document-management
    name: 文書管理システム
    tier: intranet
"""


def test_unlinked_item_is_reported(tmp_path: Path) -> None:
    directory = write_catalog(tmp_path, procedures=PROCEDURES, systems=SYSTEMS, roadmap=ROADMAP)
    report = run_rule(directory, rule)
    assert [(f.code, f.subject.id) for f in report.findings] == [("DX403", "telework")]
    (finding,) = report.findings
    assert str(finding.location) == f"{tmp_path / 'roadmap.yaml'}:10:9"
    assert finding.message.ja == (
        "工程表「導入する際のルールやネットワーク環境及び体制などについて検討」はどの手続・システムにも結び付いていません"
    )


def test_shipped_roadmap(tmp_path: Path) -> None:
    report = run_rule(copy_shipped(tmp_path / "data"), rule)
    ids = [f.subject.id for f in report.findings]
    assert len(ids) == 18
    assert "standardization-planning" not in ids
    assert "telework" in ids
