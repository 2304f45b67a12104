"""DX003 schema-violation: unknown keys, bad values and missing fields, each at its line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxready.catalog.load import LoadError, Problem, load_catalog
from tests.helpers.catalogs import write_catalog


def _problems(directory: Path) -> list[Problem]:
    with pytest.raises(LoadError) as info:
        load_catalog(directory)
    return info.value.problems


def test_misspelt_key_suggests_the_right_one(tmp_path: Path) -> None:
    procedures = """
    procedures:
      - id: library-reservation
        name: 図書館の図書貸出予約等
        stauts: ○
    """
    problems = _problems(write_catalog(tmp_path, procedures=procedures))
    codes = {p.code for p in problems}
    assert codes == {"DX003"}
    unknown = next(p for p in problems if "stauts" in p.message.en)
    assert str(unknown.location) == f"{tmp_path / 'procedures.yaml'}:7:5"
    assert "did you mean 'status'" in unknown.message.en


def test_bad_status_value(tmp_path: Path) -> None:
    procedures = """
    procedures:
      - id: library-reservation
        name: 図書館の図書貸出予約等
        status: maybe
    """
    (problem,) = _problems(write_catalog(tmp_path, procedures=procedures))
    assert (problem.code, str(problem.location)) == ("DX003", f"{tmp_path / 'procedures.yaml'}:7:13")
    assert "○" in problem.message.ja


def test_wrong_tier_in_systems(tmp_path: Path) -> None:
    systems = """
    systems:
      - id: koseki
        name: 戸籍情報システム
        tier: mainframe
    """
    (problem,) = _problems(write_catalog(tmp_path, systems=systems))
    assert (problem.code, str(problem.location)) == ("DX003", f"{tmp_path / 'systems.yaml'}:4:11")
