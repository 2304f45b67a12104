"""DX015 group-counts-mismatch: a group's counts against the sum of its sub-procedures'."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx015_group_counts_mismatch as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: childcare
    standard_no: 18
    name: 子育て関係（児童手当、保育施設利用等）
    status: ○
    counts:
      - {fiscal_year: 2022, total: 1000, online: 500}
      - {fiscal_year: 2023, total: 999, online: 1}
    sub_procedures:
      - id: childcare-01
        name: 児童手当等の受給資格及び児童手当の額についての認定請求
        status: ○
        counts: [{fiscal_year: 2022, total: 815, online: 426}, {fiscal_year: 2023, total: 800, online: 400}]
      - id: childcare-02
        name: 児童手当等の額の改定の請求及び届出
        status: ○
        counts: [{fiscal_year: 2022, total: 185, online: 70}]
"""


def test_only_years_counted_on_every_sub_procedure_are_compared(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule)
    # 2022: 815 + 185 = 1,000 agrees, 426 + 70 = 496 does not; 2023 rests on one of two rows: not compared.
    (finding,) = report.findings
    assert str(finding.location) == f"{tmp_path / 'procedures.yaml'}:10:50"
    assert finding.data == {"fiscal_year": 2022, "total": 1000, "online": 496}
    assert finding.message.ja.endswith("オンライン件数 500（合計 496）")
    assert finding.message.en.endswith("online 500 (sum 496)")


def test_shipped_catalogue_is_clean(tmp_path: Path) -> None:
    assert run_rule(copy_shipped(tmp_path / "data"), rule).findings == ()


ONLINE_ONLY = """
procedures:
  - id: nursing-care
    standard_no: 19
    name: 介護関係（介護認定申請等）
    status: ○
    counts:
      - {fiscal_year: 2022, total: 100, online: 60}
    sub_procedures:
      - id: nursing-care-01
        name: 要介護・要支援認定の申請
        status: ○
        counts: [{fiscal_year: 2022, total: 90, online: 50}]
      - id: nursing-care-02
        name: 要介護・要支援更新認定の申請
        status: ○
        counts: [{fiscal_year: 2022, online: 5}]
      - id: nursing-care-03
        name: 居宅サービス計画作成依頼の届出
        status: —
"""


def test_each_figure_is_checked_when_every_sub_procedure_has_it(tmp_path: Path) -> None:
    """Every online count is known (50 + 5, the — row has no cases) and differs from 60; one total is not known, so
    the group's total is not compared."""
    report = run_rule(write_catalog(tmp_path, procedures=ONLINE_ONLY), rule)
    (finding,) = report.findings
    assert str(finding.location) == f"{tmp_path / 'procedures.yaml'}:10:49"
    assert finding.data == {"fiscal_year": 2022, "total": None, "online": 55}
    assert finding.message.ja.endswith("合いません: オンライン件数 60（合計 55）")
    assert finding.message.en.endswith("sub-procedures: online 60 (sum 55)")
