"""DX301 standard-migration-overdue: standardised businesses not migrated by their track's deadline."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxready.catalog.settings import Severity
from dxready.rules import dx301_standard_migration_overdue as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

SYSTEMS = """
systems:
  - id: koseki
    name: 戸籍情報システム
    tier: backbone
    standard_business: 戸籍
    migration: {phase: planning, target_fiscal_year: 令和7年度, track: standard}
  - id: health
    name: 健康管理システム
    tier: backbone
    standard_business: 健康管理
    migration: {phase: operating, target_fiscal_year: 令和7年度}
  - id: juki
    name: 住民記録システム
    tier: backbone
    modules:
      - {name: 住民票システム, standard_business: 住民基本台帳}
    migration: {phase: migrating, target_fiscal_year: 令和8年度, track: difficult}
  - id: welfare
    name: 福祉総合システム
    tier: backbone
    standard_business: 生活保護
    migration: {phase: selection, track: tokutei}
  - id: nenkin
    name: 国民年金システム
    tier: backbone
    standard_business: 国民年金
    migration: {phase: planning, track: difficult}
  - id: tax
    name: 税システム
    tier: backbone
    standard_business: 個人住民税
  - id: groupware
    name: グループウェア
    tier: intranet
"""


def _found(tmp_path: Path, as_of: str) -> list[tuple[str, str]]:
    report = run_rule(write_catalog(tmp_path, systems=SYSTEMS), rule, as_of)
    return [(f.subject.id, f.message.en) for f in report.findings]


def test_each_track_has_its_deadline(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, systems=SYSTEMS), rule, "2027-05-01")
    assert [(f.code, f.subject.id) for f in report.findings] == [
        ("DX301", "koseki"),
        ("DX301", "juki"),
        ("DX301", "nenkin"),
        ("DX301", "tax"),
    ]
    koseki, juki, nenkin, tax = report.findings
    assert str(koseki.location) == f"{tmp_path / 'systems.yaml'}:6:24"
    assert koseki.message.ja == (
        "「戸籍情報システム」（戸籍）は標準の期限 令和7年度末（2026-03-31）を過ぎても移行段階が「計画立案」です"
    )
    assert koseki.data["deadline"] == "2026-03-31"
    assert "the end of FY2026 (2027-03-31)" in juki.message.en
    assert "records no deadline" in nenkin.message.en
    assert str(nenkin.location) == f"{tmp_path / 'systems.yaml'}:27:41"
    assert "records no migration" in tax.message.en
    assert str(tax.location) == f"{tmp_path / 'systems.yaml'}:28:9"


def test_tokutei_defaults_to_the_end_of_fy2030(tmp_path: Path) -> None:
    ids = [s for s, _ in _found(tmp_path / "a", "2031-03-31")]
    assert "welfare" not in ids
    ids = [s for s, _ in _found(tmp_path / "b", "2031-04-01")]
    assert "welfare" in ids


@pytest.mark.parametrize(("as_of", "expected"), [("2026-03-31", False), ("2026-04-01", True)])
def test_standard_deadline_is_end_of_fy2025(tmp_path: Path, as_of: str, expected: bool) -> None:
    ids = [s for s, _ in _found(tmp_path, as_of)]
    assert ("koseki" in ids) is expected


def test_unknown_deadline_and_missing_migration_are_information(tmp_path: Path) -> None:
    from dxready.catalog.load import load_catalog

    catalog = load_catalog(write_catalog(tmp_path, systems=SYSTEMS))
    import datetime as dt

    from dxready.engine.run import run

    report = run(catalog, dt.date(2027, 5, 1), rules=(rule,))
    stamped = {f.subject.id: f.severity for f in report.findings}
    assert stamped == {
        "koseki": Severity.warning,
        "juki": Severity.warning,
        "nenkin": Severity.info,
        "tax": Severity.info,
    }


SHIPPED_IN_SCOPE = [
    "acrocity-juki-tax",
    "koseki",
    "late-stage-elderly-medical",
    "health-management",
    "fureai-center",
]


def test_shipped_systems_are_overdue_after_fy2025(tmp_path: Path) -> None:
    report = run_rule(copy_shipped(tmp_path / "data"), rule, "2026-11-26")
    assert [f.subject.id for f in report.findings] == SHIPPED_IN_SCOPE
    assert {f.data["phase"] for f in report.findings} == {"planning"}
    first = report.findings[0]
    assert str(first.location) == f"{tmp_path / 'data' / 'systems.yaml'}:100:14"
    assert "ほか 6 業務" in first.message.ja


def test_shipped_systems_are_not_overdue_in_fy2023(tmp_path: Path) -> None:
    assert run_rule(copy_shipped(tmp_path / "data"), rule, "2024-03-31").findings == ()
