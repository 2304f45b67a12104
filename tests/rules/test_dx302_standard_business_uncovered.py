"""DX302 standard-business-uncovered: standardised businesses no system or module maps to."""

from __future__ import annotations

from pathlib import Path

from dxready.catalog.registry import STANDARD_BUSINESSES
from dxready.findings import Subject
from dxready.rules import dx302_standard_business_uncovered as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

SYSTEMS = """
systems:
  - id: koseki
    name: 戸籍情報システム
    tier: backbone
    standard_business: 戸籍
  - id: acrocity
    name: アクロシティ
    tier: backbone
    modules:
      - {name: 住民票システム, standard_business: 住民基本台帳}
      - {name: 人口統計システム}
"""


def test_uncovered_businesses_are_reported_on_the_systems_file(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, systems=SYSTEMS), rule)
    assert {f.code for f in report.findings} == {"DX302"}
    subjects = [f.subject for f in report.findings]
    assert len(subjects) == 18
    assert Subject("catalog", "戸籍") not in subjects
    assert Subject("catalog", "住民基本台帳") not in subjects
    assert Subject("catalog", "戸籍の附票") in subjects
    assert {str(f.location) for f in report.findings} == {f"{tmp_path / 'systems.yaml'}:2:3"}
    finding = next(f for f in report.findings if f.subject.id == "戸籍の附票")
    assert finding.message.ja == "標準化対象業務「戸籍の附票」を担うシステムがありません"


def test_all_twenty_covered(tmp_path: Path) -> None:
    lines = ["systems:"] + [
        f"  - {{id: s{n}, name: システム{n}, tier: backbone, standard_business: {b}}}"
        for n, b in enumerate(STANDARD_BUSINESSES)
    ]
    report = run_rule(write_catalog(tmp_path, systems="\n".join(lines) + "\n"), rule)
    assert report.findings == ()


def test_no_systems_say_nothing(tmp_path: Path) -> None:
    assert run_rule(write_catalog(tmp_path, systems="systems: []\n"), rule).findings == ()
    assert run_rule(write_catalog(tmp_path / "none"), rule).findings == ()


def test_shipped_catalogue(tmp_path: Path) -> None:
    report = run_rule(copy_shipped(tmp_path / "data"), rule)
    assert sorted(f.subject.id for f in report.findings) == sorted(
        ["障害者福祉", "児童手当", "児童扶養手当", "子ども・子育て支援", "戸籍の附票"]
    )
