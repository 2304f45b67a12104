"""DX004 duplicate-id: a second entry with an id already used makes the catalogue unusable."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxready.catalog.load import LoadError
from dxready.engine.integrity import load as load_catalog
from tests.helpers.catalogs import write_catalog

PROCEDURES = """
procedures:
  - id: childcare
    name: 子育て関係（児童手当、保育施設利用等）
    status: ○
    sub_procedures:
      - {id: childcare-01, name: 児童手当等の受給資格及び児童手当の額についての認定請求, status: ○}
  - id: childcare-01
    name: 別の手続
    status: ×
"""


def test_duplicate_procedure_id_across_sub_procedures(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        load_catalog(write_catalog(tmp_path, procedures=PROCEDURES))
    (problem,) = info.value.problems
    path = tmp_path / "procedures.yaml"
    assert (problem.code, str(problem.location)) == ("DX004", f"{path}:10:9")
    assert problem.message.en == f"duplicate id 'childcare-01' (first at {path}:9:14)"


def test_same_id_in_different_kinds_is_fine(tmp_path: Path) -> None:
    procedures = "procedures:\n  - {id: library, name: 図書館の図書貸出予約等, status: ○}\n"
    systems = "systems:\n  - {id: library, name: 図書館管理システム, tier: standalone}\n"
    assert load_catalog(write_catalog(tmp_path, procedures=procedures, systems=systems)).systems
