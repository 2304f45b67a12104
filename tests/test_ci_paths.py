"""Review 2 R8: ``check -f github`` and ``-f sarif`` place a file by its path from the repository root
($GITHUB_WORKSPACE, else the git top level of the catalogue), whatever directory the job runs in."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from dxready.fastpath import fast_command
from tests.helpers.catalogs import copy_shipped

runner = CliRunner()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("GITHUB_WORKSPACE", "DXREADY_CATALOG", "DXREADY_LANG"):
        monkeypatch.delenv(name, raising=False)
    top = tmp_path / "repo"
    top.mkdir()
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    copy_shipped(top / "data" / "tateyama")
    return top


def _github_files(*args: str) -> set[str]:
    result = runner.invoke(app, ["check", "-f", "github", "--as-of", "2024-03-31", *args])
    return {
        line.split("file=", 1)[1].split(",", 1)[0] for line in result.stdout.splitlines() if "file=" in line
    }


def _sarif_uris(*args: str) -> set[tuple[str, str]]:
    result = runner.invoke(app, ["check", "-f", "sarif", "--as-of", "2024-03-31", *args])
    log = json.loads(result.stdout)
    return {
        (
            loc["physicalLocation"]["artifactLocation"]["uri"],
            loc["physicalLocation"]["artifactLocation"]["uriBaseId"],
        )
        for r in log["runs"][0]["results"]
        for loc in r["locations"]
    }


def test_paths_from_the_repository_root_in_the_catalogue_directory(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "data" / "tateyama")  # `working-directory: data/tateyama` in a workflow
    assert _github_files() <= {
        "data/tateyama/procedures.yaml",
        "data/tateyama/systems.yaml",
        "data/tateyama/roadmap.yaml",
    }
    assert "data/tateyama/procedures.yaml" in _github_files()
    assert ("data/tateyama/procedures.yaml", "%SRCROOT%") in _sarif_uris()


def test_paths_from_the_repository_root_with_an_absolute_catalog(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo.parent)
    catalog = str(repo / "data" / "tateyama")
    assert "data/tateyama/procedures.yaml" in _github_files("--catalog", catalog)
    assert ("data/tateyama/procedures.yaml", "%SRCROOT%") in _sarif_uris("--catalog", catalog)


def test_github_workspace_is_the_root(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo / "data"))
    monkeypatch.chdir(repo / "data" / "tateyama")
    assert "tateyama/procedures.yaml" in _github_files()
    assert ("tateyama/procedures.yaml", "%SRCROOT%") in _sarif_uris()


def test_outside_git_paths_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    copy_shipped(tmp_path / "city")
    monkeypatch.chdir(tmp_path)
    assert "city/procedures.yaml" in _github_files("-c", "city")
    assert ("city/procedures.yaml", "%SRCROOT%") in _sarif_uris("-c", "city")


def test_load_problems_from_the_repository_root(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "data" / "tateyama" / "procedures.yaml").write_text("procedures: [\n", encoding="utf-8")
    monkeypatch.chdir(repo / "data" / "tateyama")
    action = fast_command(["check", "-f", "github"])
    assert action is not None
    assert action() == 2
    assert capsys.readouterr().out.startswith("::error file=data/tateyama/procedures.yaml,line=1,col=13,")
