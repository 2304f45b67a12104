"""DX012 offline-with-online-use: × with online cases in a year at or after its status date."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx012_offline_with_online_use as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

PROCEDURES = """
as_of: 2023-12-31
procedures:
  - id: bulky-waste
    standard_no: 9
    name: 粗大ごみ収集の申込
    status: ×
    counts:
      - {fiscal_year: 2021, total: 1000, online: 50}
      - {fiscal_year: 2023, total: 1200, online: 300}
      - {fiscal_year: 2024, total: 1200, online: 0}
  - id: dog-registration
    standard_no: 11
    name: 犬の登録申請、死亡届
    status: ×
    as_of: 2020-03-31
    counts:
      - {fiscal_year: 2021, rate: 12.5}
  - id: childcare
    standard_no: 18
    name: 子育て関係（児童手当、保育施設利用等）
    status: unknown
    sub_procedures:
      - id: childcare-15
        name: 妊娠の届出
        status: ×
        counts: [{fiscal_year: 2023, online: 774}]
"""


def test_online_use_after_the_status_date_is_a_contradiction(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule)
    path = tmp_path / "procedures.yaml"
    found = [(f.subject.id, f.data["fiscal_year"], str(f.location)) for f in report.findings]
    # 2021 ended before the catalogue's status date (a withdrawn service, maybe); 2024 has no online use;
    # row 11's own as_of (2020) puts its published 12.5 % of 2021 after it; a × sub-procedure is judged too.
    assert found == [
        ("bulky-waste", 2023, f"{path}:12:50"),
        ("dog-registration", 2021, f"{path}:20:35"),
        ("childcare", 2023, f"{path}:29:46"),
    ]
    assert report.findings[0].message.ja == (
        "「粗大ごみ収集の申込」は × ですが、令和5年度にオンライン利用 300 件が記録されています（状況の時点 2023-12-31）"
    )
    assert report.findings[0].severity.value == "error"


def test_the_issue_s_example_without_any_status_date(tmp_path: Path) -> None:
    procedures = """
    procedures:
      - id: bulky-waste
        standard_no: 9
        name: 粗大ごみ収集の申込
        status: ×
        counts: [{fiscal_year: 2023, total: 1200, online: 300}]
    """
    (finding,) = run_rule(write_catalog(tmp_path, procedures=procedures), rule).findings
    assert "状況の時点は未記録" in finding.message.ja


def test_shipped_catalogue_is_clean(tmp_path: Path) -> None:
    assert run_rule(copy_shipped(tmp_path / "data"), rule).findings == ()


def test_english_names_the_procedure_in_english_where_the_catalogue_does(tmp_path: Path) -> None:
    procedures = PROCEDURES.replace(
        "    name: 粗大ごみ収集の申込\n",
        "    name: 粗大ごみ収集の申込\n    name_en: Bulky waste collection requests\n",
    ).replace(
        "        name: 妊娠の届出\n", "        name: 妊娠の届出\n        name_en: Pregnancy notification\n"
    )
    report = run_rule(write_catalog(tmp_path, procedures=procedures), rule)
    en = [f.message.en for f in report.findings]
    assert en[0].startswith("'Bulky waste collection requests' is × but FY2023")
    assert en[1].startswith(
        "'犬の登録申請、死亡届' is ×"
    )  # no English name recorded: the city's own text, as written
    assert en[2].startswith("'Pregnancy notification' is ×")
    assert report.findings[0].message.ja.startswith("「粗大ごみ収集の申込」は ×")
