"""The YAML community's test suite as bad (and odd) input: every file, in place of a catalogue file, gives a
located message or loads — never a traceback, never a hang; a must-reject file never loads."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.catalog.load import LoadError, load_catalog
from dxready.cli import app
from tests.helpers.catalogs import copy_shipped

CORPUS = Path(__file__).resolve().parent / "corpus" / "yaml-test-suite"  # vendored: tests/corpus/README.md


def _files(kind: str) -> list[Path]:
    return sorted((CORPUS / kind).glob("*.yaml"))


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_shipped(tmp_path_factory.mktemp("shipped"))


@pytest.mark.parametrize("target", ["procedures", "systems", "roadmap", "dxready"])
def test_error_files_are_refused_with_a_location(base: Path, tmp_path: Path, target: str) -> None:
    files = _files("error")
    assert len(files) >= 90
    for path in files:
        copy_shipped(tmp_path)
        (tmp_path / f"{target}.yaml").write_bytes(path.read_bytes())
        with pytest.raises(LoadError) as info:
            load_catalog(tmp_path)
        for problem in info.value.problems:
            assert problem.location.line >= 1 and problem.location.column >= 1, path.name
            assert problem.location.file.endswith(".yaml"), path.name


@pytest.mark.parametrize("target", ["procedures", "systems", "roadmap"])
def test_valid_files_load_or_are_refused_with_a_location(tmp_path: Path, target: str) -> None:
    files = _files("valid")
    assert len(files) >= 300
    for path in files:
        copy_shipped(tmp_path)
        (tmp_path / f"{target}.yaml").write_bytes(path.read_bytes())
        try:
            load_catalog(tmp_path)
        except LoadError as exc:
            assert all(p.location.line >= 1 for p in exc.problems), path.name


def test_cli_on_corpus_sample(tmp_path: Path) -> None:
    runner = CliRunner()
    for path in _files("error")[:20] + _files("valid")[:20]:
        copy_shipped(tmp_path)
        (tmp_path / "procedures.yaml").write_bytes(path.read_bytes())
        result = runner.invoke(app, ["check", "--catalog", str(tmp_path)])
        assert result.exit_code in (1, 2), path.name
        assert "Traceback" not in result.stdout + result.stderr
        assert ":" in result.stderr.splitlines()[0], path.name


def test_the_corpus_is_all_there() -> None:
    """The tests above run over every file: an empty or partial copy must not pass them silently."""
    assert (len(_files("error")), len(_files("valid"))) == (94, 308)
