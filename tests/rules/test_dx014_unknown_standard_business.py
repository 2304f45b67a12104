"""DX014 unknown-standard-business: a business outside the 20, with the nearest names."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx014_unknown_standard_business as rule
from dxready.rules.dx014_unknown_standard_business import nearest
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

SYSTEMS = """
systems:
  - id: acrocity
    name: アクロシティ
    tier: backbone
    standard_business: 住民記録
    modules:
      - {name: 国保, standard_business: 国保}
      - {name: 印鑑登録, standard_business: 印鑑登録}
      - {name: 戸籍附票, standard_business: 戸籍附票}
"""


def test_names_outside_the_20_are_errors_with_the_nearest_names(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, systems=SYSTEMS), rule)
    path = tmp_path / "systems.yaml"
    assert [(f.data["standard_business"], str(f.location)) for f in report.findings] == [
        ("住民記録", f"{path}:5:24"),
        ("国保", f"{path}:7:39"),
        ("戸籍附票", f"{path}:9:41"),
    ]
    first = report.findings[0]
    assert first.severity.value == "error"
    assert first.data["nearest"][0] == "住民基本台帳"
    assert (
        first.message.ja
        == "standard_business「住民記録」は標準化対象の20業務にありません（住民基本台帳、法人住民税、個人住民税 の誤りですか？）"
    )
    assert report.findings[2].data["nearest"][0] == "戸籍の附票"


def test_nearest() -> None:
    assert nearest("子育て")[0] == "子ども・子育て支援"
    assert nearest("介護保険料")[0] == "介護保険"
    assert nearest("まったく別のもの") == []


def test_shipped_catalogue_is_clean(tmp_path: Path) -> None:
    assert run_rule(copy_shipped(tmp_path / "data"), rule).findings == ()
