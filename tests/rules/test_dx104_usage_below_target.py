"""DX104 usage-below-target: latest online usage rate below targets.usage_rate."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx104_usage_below_target as rule
from tests.helpers.catalogs import run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: water-service-start
    standard_no: 5
    name: 水道使用開始届等
    status: ○
    counts:
      - {fiscal_year: 令和3年度, total: 100, online: 90}
      - {fiscal_year: 令和4年度, total: 29926, online: 1716}
  - id: library-reservation
    standard_no: 1
    name: 図書館の図書貸出予約等
    status: ○
    counts:
      - {fiscal_year: 令和4年度, total: 196759, online: 152983}
  - id: road-occupancy
    standard_no: 7
    name: 道路占用許可申請等
    status: ×
    counts:
      - {fiscal_year: 令和4年度, total: 50, online: 0}
  - id: e-bidding
    standard_no: 15
    name: 入札
    status: ○
    counts:
      - {fiscal_year: 令和4年度, total: 0, online: 0}
"""


def test_latest_year_below_target_is_reported(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule)
    assert [(f.code, f.subject.id) for f in report.findings] == [("DX104", "water-service-start")]
    (finding,) = report.findings
    assert str(finding.location) == f"{tmp_path / 'procedures.yaml'}:11:52"
    assert finding.message.ja == (
        "「水道使用開始届等」の令和4年度のオンライン利用率は 5.7%（1,716 / 29,926 件）で、目標 50.0% を下回っています"
    )
    assert finding.data == {"fiscal_year": 2022, "rate": 5.7, "target": 50.0, "rate_from": "counts"}


def test_target_comes_from_settings(tmp_path: Path) -> None:
    settings = """
    targets:
      usage_rate: 80
    """
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES, settings=settings), rule)
    assert [f.subject.id for f in report.findings] == ["water-service-start", "library-reservation"]
    assert "目標 80.0%" in report.findings[1].message.ja


def test_a_published_rate_or_the_sub_procedures_sum_is_used_and_named(tmp_path: Path) -> None:
    procedures = """
    procedures:
      - id: facility-reservation
        standard_no: 2
        name: 文化・スポーツ施設の利用予約
        status: ○
        counts:
          - {fiscal_year: 令和3年度, rate: 23.2, period_end: 2021-11-30}
      - id: online-only
        name: オンライン件数のみ
        status: ○
        counts:
          - {fiscal_year: 2022, online: 774}
      - id: childcare
        standard_no: 18
        name: 子育て関係（児童手当、保育施設利用等）
        status: ○
        sub_procedures:
          - id: childcare-01
            name: 児童手当等の受給資格及び児童手当の額についての認定請求
            status: ○
            counts: [{fiscal_year: 2022, total: 815, online: 426}]
          - id: childcare-02
            name: 児童手当等の額の改定の請求及び届出
            status: ○
            counts: [{fiscal_year: 2022, total: 100, online: 10}]
          - {id: childcare-03, name: 氏名変更/住所変更等の届出, status: —}
    """
    report = run_rule(write_catalog(tmp_path, procedures=procedures), rule)
    published, summed = report.findings
    assert published.data["rate_from"] == "published" and published.data["rate"] == 23.2
    # A part year's published rate keeps its period: never 令和3年度's rate (review s8 F5).
    assert published.message.ja == (
        "「文化・スポーツ施設の利用予約」の令和3年度（令和3年11月末現在）のオンライン利用率は 23.2%（公表値）で、"
        "目標 50.0% を下回っています"
    )
    assert published.message.en == (
        "the online usage rate of '文化・スポーツ施設の利用予約' in FY2021 (to 2021-11-30) is 23.2% "
        "(published rate), below the target of 50.0%"
    )
    # (426 + 10) / (815 + 100) = 47.7 %, resting on the 2 applicable of 3 sub-procedures; the online-only figure
    # gives no rate.
    assert summed.data == {"fiscal_year": 2022, "rate": 47.7, "target": 50.0, "rate_from": "sub_procedures"}
    assert "個別手続 2 件中 2 件の合計" in summed.message.ja  # the — one has no cases to count


def test_a_sum_missing_an_applicable_sub_procedure_is_no_rate(tmp_path: Path) -> None:
    # childcare-03 is online but uncounted: its cases could lift the group above the target, or not.
    procedures = """
    procedures:
      - id: childcare
        standard_no: 18
        name: 子育て関係（児童手当、保育施設利用等）
        status: ○
        sub_procedures:
          - id: childcare-01
            name: 児童手当等の受給資格及び児童手当の額についての認定請求
            status: ○
            counts: [{fiscal_year: 2022, total: 815, online: 10}]
          - {id: childcare-03, name: 氏名変更/住所変更等の届出, status: ○}
    """
    assert not run_rule(write_catalog(tmp_path, procedures=procedures), rule).findings


def test_a_whole_years_published_rate_is_the_years(tmp_path: Path) -> None:
    procedures = """
    procedures:
      - id: facility-reservation
        standard_no: 2
        name: 文化・スポーツ施設の利用予約
        status: ○
        counts:
          - {fiscal_year: 令和3年度, rate: 23.2}
    """
    (finding,) = run_rule(write_catalog(tmp_path, procedures=procedures), rule).findings
    assert "の令和3年度のオンライン利用率は 23.2%（公表値）で" in finding.message.ja
    assert "in FY2021 is 23.2% (published rate)" in finding.message.en
