"""DX304 system-holds-back-gaps: systems processing procedures that are not fully online."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx304_system_holds_back_gaps as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: dog-registration
    standard_no: 11
    name: 犬の登録申請、死亡届
    status: ×
    systems: [acrocity]
  - id: moving
    standard_no: 21
    name: 転出・転入手続関係
    status: ○
    systems: [acrocity]
  - id: water-service-start
    standard_no: 5
    name: 水道使用開始届等
    status: 一部
    systems: [acrocity, acrocity]
  - id: bulky-waste
    standard_no: 9
    name: 粗大ごみ収集の申込
    status: unknown
    systems: [library]
  - id: port-procedures
    standard_no: 6
    name: 港湾関係手続
    status: —
    systems: [library]
"""
SYSTEMS = """
systems:
  - id: library
    name: 図書館管理システム
    tier: standalone
  - id: acrocity
    name: アクロシティ
    tier: backbone
  - id: groupware
    name: グループウェア
    tier: intranet
"""


def test_systems_are_reported_with_count_and_names(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES, systems=SYSTEMS), rule)
    # The library system processes only an unknown row and a — row: nothing is known to be held back by it.
    assert [(f.code, f.subject.id) for f in report.findings] == [("DX304", "acrocity")]
    (acrocity,) = report.findings
    assert str(acrocity.location) == f"{tmp_path / 'systems.yaml'}:5:9"
    assert acrocity.data == {"procedures": ["dog-registration", "water-service-start"], "count": 2}
    assert acrocity.message.ja == (
        "「アクロシティ」で処理する 2 件の手続がオンライン化されていません: "
        "「犬の登録申請、死亡届」（×）、「水道使用開始届等」（一部）"
    )


def test_shipped_catalogue(tmp_path: Path) -> None:
    report = run_rule(copy_shipped(tmp_path / "data"), rule)
    assert [(f.subject.id, f.data["procedures"]) for f in report.findings] == [
        ("rabies-vaccination", ["dog-registration"])
    ]
