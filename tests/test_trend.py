"""``dxready trend``: readiness over time from the catalogue's git history."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from dxready.cli import app
from tests.helpers.catalogs import copy_shipped

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
ONLINE = "\n    status: ○\n"


def _git(repo: Path, *args: str, date: str = "2024-01-15T10:00:00+09:00") -> None:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo),
        "PATH": "/usr/bin:/bin:/usr/local/bin",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, check=True)


def _commit(repo: Path, message: str, date: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message, date=date)


@pytest.fixture()
def history(tmp_path: Path) -> Path:
    """Four commits: the shipped catalogue, one ○ → ×, a broken file, the fix; and one unrelated commit."""
    repo = tmp_path / "repo"
    data = copy_shipped(repo / "cat")
    _git(repo, "init", "-q")
    _commit(repo, "shipped", "2024-01-15T10:00:00+09:00")
    procedures = data / "procedures.yaml"
    good = procedures.read_text(encoding="utf-8")
    procedures.write_text(good.replace(ONLINE, "\n    status: ×\n", 1), encoding="utf-8")
    _commit(repo, "library offline | oops", "2024-03-01T10:00:00+09:00")
    procedures.write_text("procedures: [\n", encoding="utf-8")
    _commit(repo, "broken", "2024-04-01T10:00:00+09:00")
    procedures.write_text(good, encoding="utf-8")
    _commit(repo, "fixed", "2024-05-01T10:00:00+09:00")
    (repo / "notes.txt").write_text("unrelated\n", encoding="utf-8")
    _commit(repo, "unrelated", "2024-06-01T10:00:00+09:00")
    return data


def _trend(data: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["trend", "--catalog", str(data), *args])
    return result.exit_code, result.output


def _points(data: Path, *args: str) -> list[dict[str, Any]]:
    code, out = _trend(data, "--format", "json", *args)
    assert code == 0, out
    parsed = json.loads(out)
    assert parsed["file"] == "cat/procedures.yaml"
    points: list[dict[str, Any]] = parsed["points"]
    return points


def test_one_point_per_commit_that_changed_the_procedures(history: Path) -> None:
    points = _points(history)
    assert [(p["date"], p["subject"]) for p in points] == [
        ("2024-01-15", "shipped"),
        ("2024-03-01", "library offline | oops"),
        ("2024-04-01", "broken"),
        ("2024-05-01", "fixed"),
    ]
    first, second, broken, fixed = points
    assert (first["applicable"], first["online"], first["partial"], first["offline"]) == (17, 9, 2, 6)
    assert first["online_rate"] == 52.9
    assert (second["online"], second["offline"], second["online_rate"]) == (8, 7, 47.1)
    assert broken["problem"].startswith("DX001 括弧「[」が閉じていません")  # in the reader's language
    assert broken["online_rate"] is None
    assert fixed["online_rate"] == 52.9
    assert first["as_of"] == "2023-12-31"


def test_since_and_uncommitted_changes(history: Path) -> None:
    assert [p["date"] for p in _points(history, "--since", "2024-03-15")] == ["2024-04-01", "2024-05-01"]
    procedures = history / "procedures.yaml"
    text = procedures.read_text(encoding="utf-8")
    procedures.write_text(text.replace(ONLINE, "\n    status: 一部\n", 1), encoding="utf-8")
    last = _points(history, "--since", "2024-03-15")[-1]
    assert last["commit"] is None
    assert (last["online"], last["partial"]) == (8, 3)


def test_terminal_bars_and_markdown_chart(history: Path) -> None:
    code, out = _trend(history, "--lang", "en")
    assert code == 0
    assert "Readiness over time: cat/procedures.yaml" in out
    rows = [line for line in out.splitlines() if "2024-" in line]
    assert len(rows) == 4
    assert "52.9%" in rows[0] and "█" * 12 in rows[0]
    assert "unreadable" in rows[2] and "broken" in rows[2]
    below = out.splitlines()[out.splitlines().index(rows[2]) + 1]
    assert "DX001" in below and all(cell_len(line) <= 120 for line in out.splitlines())

    code, out = _trend(history, "--format", "markdown", "--lang", "en")
    assert code == 0
    assert "```mermaid\nxychart-beta\n" in out
    assert '    x-axis ["2024-01-15", "2024-03-01", "2024-05-01"]' in out  # the unreadable commit has no rate
    assert "    line [52.9, 47.1, 52.9]" in out
    assert "| 2024-03-01 |" in out and "library offline \\| oops |" in out


def test_not_in_git_exits_2(tmp_path: Path) -> None:
    code, out = _trend(copy_shipped(tmp_path / "data"), "--lang", "en")
    assert code == 2
    assert "not inside a git repository" in out


def test_repository_without_commits_is_empty(tmp_path: Path) -> None:
    data = copy_shipped(tmp_path / "repo" / "data")
    _git(tmp_path / "repo", "init", "-q")
    points = json.loads(_trend(data, "--format", "json")[1])["points"]
    assert len(points) == 1 and points[0]["commit"] is None  # only the working tree


def test_a_huge_or_deep_blob_in_history_is_a_point_with_a_problem(tmp_path: Path) -> None:
    """A 2 GiB (sparse) or 30,000-level file once committed never crashes trend or diff, nor is read whole."""
    import os
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    from dxready.catalog.load import LoadError
    from dxready.commands.diff import load_git
    from dxready.commands.trend import collect

    repo = tmp_path / "r"
    data = copy_shipped(repo / "data")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t"}
    env |= {"GIT_COMMITTER_EMAIL": "t@e", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path)}

    def commit(message: str) -> None:
        for args in (["add", "-A"], ["commit", "-q", "-m", message]):
            subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    subprocess.run(["git", "init", "-q"], cwd=repo, env=env, check=True)
    commit("good")
    (data / "procedures.yaml").write_text("[" * 30_000, encoding="utf-8")
    commit("deep")
    path = data / "procedures.yaml"
    path.write_bytes(b"")
    os.truncate(path, 9 * 1024 * 1024)  # over the limit, cheap to store: zeros compress
    commit("huge")
    _, points = collect(data, None)
    problems = [p.problem for p in points]
    assert problems[0] is None
    assert "nesting is deeper than 64 levels" in str(problems[1])
    assert "file is too large (9,437,184 bytes)" in str(problems[2])
    with pytest.raises(LoadError, match="too large"):
        load_git("HEAD", data)
    with pytest.raises(LoadError, match="nesting is deeper"):
        load_git("HEAD~1", data)


@pytest.mark.parametrize(("lang", "subject"), [("en", "(not yet committed)"), ("ja", "（未コミットの変更）")])
def test_uncommitted_row_breaks_between_words_at_80_columns(history: Path, lang: str, subject: str) -> None:
    procedures = history / "procedures.yaml"
    text = procedures.read_text(encoding="utf-8")
    procedures.write_text(text.replace(ONLINE, "\n    status: unknown\n", 1), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["trend", "--catalog", str(history), "--lang", lang], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    first = next(i for i, line in enumerate(lines) if ("working" if lang == "en" else "作業中") in line)
    pieces = []
    for line in lines[first:]:
        if not line.startswith("│"):
            break
        pieces.append(line.rstrip("│").rsplit("│", 1)[1].strip())
    joiner = " " if lang == "en" else ""
    assert joiner.join(p for p in pieces if p) == subject, (
        pieces
    )  # broken only where a space (or kinsoku) allows


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_narrower_than_80_columns_each_point_is_a_record(history: Path, lang: str) -> None:
    result = CliRunner().invoke(
        app, ["trend", "--catalog", str(history), "--lang", lang], env={"COLUMNS": "60"}
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert all(cell_len(line) <= 60 for line in lines)
    assert not any("│" in line for line in lines)  # no table squeezing the subject to a cell or two
    assert "2024-03-01 " in result.output and ": library offline | oops" in result.output  # the subject whole
    assert "DX001" in result.output  # the unreadable commit's problem under it
