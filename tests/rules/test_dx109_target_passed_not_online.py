"""DX109 target-passed-not-online: target fiscal year over, status not ○."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxready.rules import dx109_target_passed_not_online as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: bulky-waste
    standard_no: 9
    name: 粗大ごみ収集の申込
    status: 一部
    target_fiscal_year: 令和7年度
  - id: library-reservation
    standard_no: 1
    name: 図書館の図書貸出予約等
    status: ○
    target_fiscal_year: 令和5年度
  - id: road-occupancy
    standard_no: 7
    name: 道路占用許可申請等
    status: ×
    target_fiscal_year: 令和8年度
"""


def test_passed_target_is_reported(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule, "2026-11-26")
    assert [(f.code, f.subject.id) for f in report.findings] == [("DX109", "bulky-waste")]
    (finding,) = report.findings
    assert str(finding.location) == f"{tmp_path / 'procedures.yaml'}:9:25"
    assert finding.message.ja == (
        "「粗大ごみ収集の申込」の目標 令和7年度（2026-03-31 まで）を過ぎましたが、状況は 一部（一部オンライン）です"
    )
    assert "FY2025" in finding.message.en


@pytest.mark.parametrize(("as_of", "expected"), [("2026-03-31", []), ("2026-04-01", ["bulky-waste"])])
def test_the_target_year_ends_on_31_march(tmp_path: Path, as_of: str, expected: list[str]) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule, as_of)
    assert [f.subject.id for f in report.findings] == expected


def test_shipped_catalogue_has_no_procedure_targets(tmp_path: Path) -> None:
    assert run_rule(copy_shipped(tmp_path / "data"), rule, "2030-01-01").findings == ()


def test_gaps_heading_of_unrecorded_statuses_says_they_are_not_recorded(tmp_path: Path) -> None:
    """Two rows past their target with no status: grouped under a heading that asks for the status, not under the
    rule's summary (which would say they are not online, a fact not recorded)."""
    import json

    from typer.testing import CliRunner

    from dxready.cli import app

    procedures = """
    procedures:
      - {id: bulky-waste, standard_no: 9, name: 粗大ごみ収集の申込, status: unknown, target_fiscal_year: 令和5年度}
      - {id: road-occupancy, standard_no: 7, name: 道路占用許可申請等, status: unknown, target_fiscal_year: 令和4年度}
    """
    city = str(write_catalog(tmp_path, procedures=procedures))
    runner = CliRunner()
    out = runner.invoke(app, ["gaps", "-c", city, "--as-of", "2026-11-30"], env={"COLUMNS": "80"}).stdout
    assert "情報 DX109 目標年度を過ぎた手続の状況が未記録（2 件）" in out
    assert "目標年度を過ぎてもオンライン化されていない" not in out
    en = runner.invoke(
        app, ["gaps", "-c", city, "--as-of", "2026-11-30", "--lang", "en", "-f", "json"]
    ).stdout
    (group,) = [g for g in json.loads(en)["groups"] if g["code"] == "DX109"]
    assert group["title"] == rule.MISSING_FACT_SUMMARY.en and group["count"] == 2
