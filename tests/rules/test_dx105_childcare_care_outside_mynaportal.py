"""DX105 childcare-care-outside-mynaportal: rows 18/19 online but not through マイナポータル."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx105_childcare_care_outside_mynaportal as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: childcare
    standard_no: 18
    name: 子育て関係（児童手当、保育施設利用等）
    status: 一部
    channels:
      - {kind: e_application, name: ちば電子申請サービス}
    sub_procedures:
      - {id: childcare-01, name: 児童手当等の受給資格及び児童手当の額についての認定請求, status: ○}
      - {id: childcare-12, name: 保育施設等の利用申込, status: ○, channels: [mynaportal]}
      - {id: childcare-15, name: 妊娠の届出, status: ×}
  - id: nursing-care
    standard_no: 19
    name: 介護関係（介護認定申請等）
    status: ○
  - id: library-reservation
    standard_no: 1
    name: 図書館の図書貸出予約等
    status: ○
"""


def test_online_outside_mynaportal_is_reported(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule)
    assert [(f.code, f.subject.id) for f in report.findings] == [
        ("DX105", "childcare"),
        ("DX105", "nursing-care"),
    ]
    group, single = report.findings
    assert str(group.location) == f"{tmp_path / 'procedures.yaml'}:10:7"
    assert group.data == {"sub_procedures": ["childcare-01"], "count": 1}
    assert "「児童手当等の受給資格及び児童手当の額についての認定請求」" in group.message.ja
    assert "国の集計では未オンライン" in group.message.ja
    assert str(single.location) == f"{tmp_path / 'procedures.yaml'}:18:13"
    # Row 19 records no channel at all: nothing is known to be outside マイナポータル, so the rule asks for the fact.
    assert single.severity.value == "info" and single.is_missing_fact
    assert single.message.ja.startswith(
        "チャネル未記録: 国の集計はマイナポータル経由のみ数えます。記録してください"
    )
    assert group.severity.value == "warning" and not group.is_missing_fact


def test_no_channels_recorded_is_a_missing_fact_not_a_warning(tmp_path: Path) -> None:
    """A new city that has recorded statuses but no channels is not accused of being off マイナポータル."""
    procedures = """
    procedures:
      - id: childcare
        standard_no: 18
        name: 子育て関係（児童手当、保育施設利用等）
        status: unknown
        sub_procedures:
          - {id: childcare-01, name: 児童手当等の受給資格及び児童手当の額についての認定請求, status: ○}
          - {id: childcare-02, name: 児童手当等の額の改定の請求及び届出, status: unknown}
      - id: nursing-care
        standard_no: 19
        name: 介護関係（介護認定申請等）
        status: ○
    """
    report = run_rule(
        write_catalog(tmp_path, procedures=procedures, settings="severity: {DX105: error}\n"), rule
    )
    assert [(f.subject.id, f.severity.value) for f in report.findings] == [
        ("childcare", "info"),
        ("nursing-care", "info"),
    ]
    assert all(f.is_missing_fact for f in report.findings)
    assert report.findings[0].data["sub_procedures"] == ["childcare-01"]


def test_shipped_rows_have_a_mynaportal_channel(tmp_path: Path) -> None:
    assert run_rule(copy_shipped(tmp_path / "data"), rule).findings == ()


def test_a_sub_procedure_with_its_own_channels_does_not_inherit_the_group_s(tmp_path: Path) -> None:
    procedures = """
    procedures:
      - id: nursing-care
        standard_no: 19
        name: 介護関係（介護認定申請等）
        status: ○
        channels: [mynaportal]
        sub_procedures:
          - {id: nursing-care-01, name: 要介護・要支援認定の申請, status: ○}
          - {id: nursing-care-02, name: 要介護・要支援更新認定の申請, status: ○, channels: [e_application]}
    """
    report = run_rule(write_catalog(tmp_path, procedures=procedures), rule)
    assert [(f.subject.id, f.data["sub_procedures"]) for f in report.findings] == [
        ("nursing-care", ["nursing-care-02"])
    ]


def test_gaps_heading_of_unrecorded_channels_says_they_are_not_recorded(tmp_path: Path) -> None:
    """Review finding 5: two rows online with no channel recorded are grouped under a heading that asks for the
    channels, not under the rule's summary (which would say they are online outside マイナポータル)."""
    from typer.testing import CliRunner

    from dxready.cli import app

    runner = CliRunner()
    env = {"COLUMNS": "80"}
    city = str(tmp_path / "t")
    for args in (["init", city, "--name", "館山市"], ["set", "18/*", "19/*", "--status", "〇", "-c", city]):
        assert runner.invoke(app, args, env=env).exit_code == 0
    out = runner.invoke(app, ["gaps", "-c", city], env=env).stdout
    assert "情報 DX105 子育て・介護の手続のチャネル（申請窓口）が未記録（2 件）" in out
    assert "マイナポータル以外でのみオンライン" not in out
    assert "マイナポータル（ぴったりサービス）に手続を登録し" not in out
    en = runner.invoke(app, ["gaps", "-c", city, "--lang", "en", "-f", "json"], env=env).stdout
    (group,) = [g for g in __import__("json").loads(en)["groups"] if g["code"] == "DX105"]
    assert group["title"] == rule.MISSING_FACT_SUMMARY.en and group["count"] == 2
    # Once row 18 records a channel outside マイナポータル, its warning has the rule's own heading, apart from the
    # info that row 19 still has no channel.
    assert runner.invoke(app, ["set", "18", "--channel", "e_application", "-c", city], env=env).exit_code == 0
    out = runner.invoke(app, ["gaps", "-c", city], env=env).stdout
    assert "警告 DX105 「子育て関係（児童手当、保育施設利用等）」の 15 手続はオンラインです" in out
    assert "情報 DX105 チャネル未記録" in out
