"""DX102 procedure-partial: 一部 procedures, naming the sub-procedures that are not online."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx102_procedure_partial as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: childcare
    standard_no: 18
    name: 子育て関係（児童手当、保育施設利用等）
    status: 一部
    sub_procedures:
      - {id: childcare-01, name: 児童手当等の受給資格及び児童手当の額についての認定請求, status: ○}
      - {id: childcare-12, name: 保育施設等の利用申込, name_en: Nursery application, status: ×}
      - {id: childcare-15, name: 妊娠の届出, status: 一部}
  - id: facility-reservation
    standard_no: 2
    name: 文化・スポーツ施設の利用予約
    status: 一部
  - id: bulky-waste
    standard_no: 9
    name: 粗大ごみ収集の申込
    status: ×
"""


def test_partial_procedures_name_the_missing_parts(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule)
    assert [(f.code, f.subject.id) for f in report.findings] == [
        ("DX102", "childcare"),
        ("DX102", "facility-reservation"),
    ]
    group, plain = report.findings
    assert str(group.location) == f"{tmp_path / 'procedures.yaml'}:8:13"
    assert (
        "未オンラインの個別手続 2 件: 「保育施設等の利用申込」（×）、「妊娠の届出」（一部）"
        in group.message.ja
    )
    assert "'Nursery application' (×)" in group.message.en
    assert group.data["not_online"] == ["childcare-12", "childcare-15"]
    assert "which part is not online is not recorded" in plain.message.en


def test_shipped_catalogue(tmp_path: Path) -> None:
    report = run_rule(copy_shipped(tmp_path / "data"), rule)
    assert [f.subject.id for f in report.findings] == ["facility-reservation", "event-application"]
