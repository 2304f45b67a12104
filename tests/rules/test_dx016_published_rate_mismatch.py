"""DX016 published-rate-mismatch: a printed rate against total and online."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx016_published_rate_mismatch as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: library-reservation
    standard_no: 1
    name: 図書館の図書貸出予約等
    status: ○
    counts:
      - {fiscal_year: 2022, total: 196759, online: 152983, rate: 77.8}
      - {fiscal_year: 2023, total: 29926, online: 1716, rate: 5.8}
      - {fiscal_year: 2024, rate: 40.1}
  - id: childcare
    standard_no: 18
    name: 子育て関係（児童手当、保育施設利用等）
    status: ○
    sub_procedures:
      - id: childcare-01
        name: 児童手当等の受給資格及び児童手当の額についての認定請求
        status: ○
        counts: [{fiscal_year: 2022, total: 815, online: 426, rate: 52.2}]
"""


def test_rates_that_the_counts_do_not_give_are_reported(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule)
    path = tmp_path / "procedures.yaml"
    # 1,716 / 29,926 = 5.7 %, not 5.8; 426 / 815 = 52.3 %, not 52.2; a rate alone has nothing to disagree with.
    assert [(f.data["fiscal_year"], f.data["computed"], str(f.location)) for f in report.findings] == [
        (2023, 5.7, f"{path}:11:63"),
        (2022, 52.3, f"{path}:21:69"),
    ]
    assert report.findings[0].message.ja == (
        "「図書館の図書貸出予約等」の令和5年度: 公表された利用率 5.8% が件数（1,716 / 29,926 件 = 5.7%）と合いません"
    )


def test_shipped_catalogue_is_clean(tmp_path: Path) -> None:
    assert run_rule(copy_shipped(tmp_path / "data"), rule).findings == ()
