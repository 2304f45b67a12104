"""DX001 unreadable-yaml: the loader refuses files it cannot read as YAML text, with a location."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxready.catalog.load import LoadError, load_catalog
from tests.helpers.catalogs import write_catalog


def _problems(directory: Path) -> list[tuple[str, str]]:
    with pytest.raises(LoadError) as info:
        load_catalog(directory)
    return [(p.code, str(p.location)) for p in info.value.problems]


def test_unclosed_bracket(tmp_path: Path) -> None:
    # Reported where the bracket opens (line 4, column 13), not where the parser gave up.
    write_catalog(tmp_path, procedures="procedures: [\n  - id: broken\n")
    assert _problems(tmp_path) == [("DX001", f"{tmp_path / 'procedures.yaml'}:4:13")]


def test_tab_indentation_is_named(tmp_path: Path) -> None:
    write_catalog(tmp_path, procedures="procedures:\n\t- id: x\n")
    with pytest.raises(LoadError) as info:
        load_catalog(tmp_path)
    (problem,) = info.value.problems
    assert problem.code == "DX001"
    assert problem.location.line == 5
    assert "タブ" in problem.message.ja


def test_shift_jis_gets_re_save_advice(tmp_path: Path) -> None:
    write_catalog(tmp_path)
    (tmp_path / "systems.yaml").write_bytes("systems:\n  - id: a\n    name: 戸籍\n".encode("cp932"))
    with pytest.raises(LoadError) as info:
        load_catalog(tmp_path)
    (problem,) = info.value.problems
    assert (problem.code, problem.location.file, problem.location.line) == (
        "DX001",
        str(tmp_path / "systems.yaml"),
        3,
    )
    assert "UTF-8" in problem.message.ja and "Shift_JIS" in problem.message.en


def test_missing_procedures_file(tmp_path: Path) -> None:
    tmp_path.mkdir(exist_ok=True)
    # A missing file has no line to point at: the file alone, never a made-up :1:1.
    assert _problems(tmp_path) == [("DX001", f"{tmp_path / 'procedures.yaml'}")]
