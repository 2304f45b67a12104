"""DX203 life-event-bundle-partial: some of a life event's procedures online, this one not."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx203_life_event_bundle_partial as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: moving
    standard_no: 21
    name: 転出・転入手続関係
    name_en: Moving out / moving in
    status: ○
    life_events: [引越し]
  - id: water-service-start
    standard_no: 5
    name: 水道使用開始届等
    status: 一部
    life_events: [引越し, 出生・こども]
  - id: dog-registration
    standard_no: 11
    name: 犬の登録申請、死亡届
    status: ×
    life_events: [死亡・相続]
  - id: bulky-waste
    standard_no: 9
    name: 粗大ごみ収集の申込
    status: unknown
    life_events: [引越し]
"""


def test_not_online_members_of_a_partly_online_event_are_reported(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule)
    # 出生・こども and 死亡・相続 have nothing online; bulky-waste's status is unknown.
    assert [(f.code, f.subject.id) for f in report.findings] == [("DX203", "water-service-start")]
    (finding,) = report.findings
    assert str(finding.location) == f"{tmp_path / 'procedures.yaml'}:15:19"
    assert finding.message.ja == (
        "ライフイベント「引越し」では「転出・転入手続関係」がオンラインですが、「水道使用開始届等」は 一部（一部オンライン）です"
    )
    assert "'Moving out / moving in' is online" in finding.message.en
    assert finding.data == {"life_event": "引越し", "online": ["moving"]}


def test_shipped_bundles_are_fully_online(tmp_path: Path) -> None:
    assert run_rule(copy_shipped(tmp_path / "data"), rule).findings == ()
