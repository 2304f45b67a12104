"""DX303 manual-data-input: backbone systems whose data is entered by hand."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx303_manual_data_input as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

SYSTEMS = """
systems:
  - id: health-management
    name: 健康管理システム
    tier: backbone
    data_input: manual
  - id: koseki
    name: 戸籍情報システム
    tier: backbone
    data_input: linked
  - id: groupware
    name: グループウェア
    tier: intranet
    data_input: manual
"""


def test_manual_backbone_input_is_reported(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, systems=SYSTEMS), rule)
    assert [(f.code, f.subject.id) for f in report.findings] == [("DX303", "health-management")]
    (finding,) = report.findings
    assert str(finding.location) == f"{tmp_path / 'systems.yaml'}:5:17"
    assert finding.message.ja == "基幹系システム「健康管理システム」へのデータ入力は職員の手作業です"


def test_shipped_backbone_systems(tmp_path: Path) -> None:
    report = run_rule(copy_shipped(tmp_path / "data"), rule)
    assert len(report.findings) == 9
    assert "rabies-vaccination" in {f.subject.id for f in report.findings}
