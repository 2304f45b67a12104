"""``trend`` after the new-user review: a ？ column so that 対象 = ○ + 一部 + × + ？, and no empty, headerless column."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from dxready.cli import app
from tests.helpers.catalogs import copy_shipped

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
runner = CliRunner()


def _commit(repo: Path, message: str) -> None:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo),
        "PATH": "/usr/bin:/bin:/usr/local/bin",
    }
    for args in (["add", "-A"], ["commit", "-q", "-m", message]):
        subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, check=True)


def _ok(*args: str, columns: int = 80) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns), "DXREADY_LANG": "ja"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """A new city's catalogue in git: every status unknown, then two recorded."""
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    data = repo / "data"
    _ok("init", str(data), "--name", "鴨川市")
    _commit(repo, "init")
    _ok("set", "1", "--status", "○", "-c", str(data))
    _ok("set", "9", "--status", "一部", "-c", str(data))
    _commit(repo, "two")
    return data


def _cells(line: str) -> list[str]:
    return [c.strip() for c in re.split(r"[┃│]", line)[1:-1]]


def _adds_up(r: list[str]) -> bool:
    """対象 is '21' when every row is known, else '2–21' (review s8 F1: a ？ row may still be —): at most
    ○ + 一部 + × + ？, at least ○ + 一部 + ×."""
    low, _, high = r[2].partition("–")
    known = sum(int(n) for n in r[3:6])
    return int(high or low) == known + int(r[6]) and int(low) == (known if high else known + int(r[6]))


@pytest.mark.parametrize("columns", [80, 120])
def test_every_column_has_a_header_and_unknowns_are_counted(fresh: Path, columns: int) -> None:
    out = _ok("trend", "-c", str(fresh), columns=columns)
    lines = out.splitlines()
    assert all(cell_len(line) <= columns for line in lines)
    header = next(
        line for line in lines if "状況の時点" in line and "┃" in line
    )  # the second line of the headers
    assert "" not in _cells(header)
    assert _cells(header)[3:7] == ["○", "一部", "×", "？"]
    rows = [_cells(line) for line in lines if re.search(r"\d{4}-\d\d-\d\d", line)]
    assert [r[2:7] for r in rows] == [["0–21", "0", "0", "0", "21"], ["2–21", "1", "1", "0", "19"]]
    assert all(_adds_up(r) for r in rows)


def test_markdown_has_the_unknown_column(fresh: Path) -> None:
    out = _ok("trend", "-c", str(fresh), "-f", "markdown")
    assert (
        "| 記録日（コミット） | コミット | 状況の時点 | 対象 | ○ | 一部 | × | ？ | オンライン化率 | 内容 |"
        in out
    )
    assert re.search(r"\| 記載なし \| 2–21 \| 1 \| 1 \| 0 \| 19 \| 4\.8–95\.2%", out)


def test_the_bar_is_drawn_only_for_a_definite_rate_and_with_room(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    copy_shipped(repo / "data")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    _commit(repo, "shipped")
    wide = _ok("trend", "-c", str(repo / "data"), columns=120)
    assert "○の割合" in wide and "█" * 12 in wide
    narrow = _ok("trend", "-c", str(repo / "data"), columns=80)
    assert "█" not in narrow and "○の割合" not in narrow
    assert "52.9%" in narrow


_RATE = re.compile(r"\d+\.\d(?:–\d+\.\d)?%")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_at_80_columns_no_number_or_range_is_broken(fresh: Path, lang: str) -> None:
    """Reviewers saw ``0.0–100.`` / ``0%`` and ``2026-11-3`` / ``0`` over two lines: only the subject wraps."""
    _ok("set", "3", "--status", "○", "-c", str(fresh))
    _commit(fresh.parent, "図書館と研修の申込をオンライン化済みとして記録（担当課に確認済み）")
    _ok("set", "4", "--status", "○", "-c", str(fresh))
    _commit(fresh.parent, "Record eLTAX as online after checking with the tax division")
    result = runner.invoke(app, ["trend", "-c", str(fresh), "--lang", lang], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    rows = [_cells(line) for line in lines if "│" in line]
    points = [r for r in rows if r[1]]  # a point's first line (its second holds its 状況の時点)
    assert [r[0] for r in points] == [re.search(r"\d{4}-\d\d-\d\d", r[0])[0] for r in points]  # type: ignore[index]
    assert [r[7] for r in points] == ["0.0–100.0%", "4.8–95.2%", "9.5–95.2%", "14.3–95.2%"]
    for r in rows:  # a continuation line holds the subject only
        assert all(c == "" for c in r[:8]) or r[0]
        assert _RATE.fullmatch(r[7]) or r[7] == ""
    assert points[-1][2] == "4–21" and _adds_up(points[-1])


@pytest.mark.parametrize(("columns", "header_lines"), [(80, 2), (100, 2), (120, 2)])
def test_the_headers_take_two_lines_at_most(tmp_path: Path, columns: int, header_lines: int) -> None:
    """With short rates (52.9%) the rate column is narrow: its header keeps its natural width where there is room,
    else two lines (not オン / ライ / ン化 / 率)."""
    repo = tmp_path / "repo"
    copy_shipped(repo / "data")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    _commit(repo, "shipped catalogue as published in the plan of March 2024")
    out = _ok("trend", "-c", str(repo / "data"), columns=columns)
    lines = out.splitlines()
    top = next(i for i, line in enumerate(lines) if line.startswith("┏"))
    rule = next(i for i, line in enumerate(lines) if line.startswith("┡"))
    assert rule - top - 1 == header_lines
    assert "".join(_cells(line)[7] for line in lines[top + 1 : rule]) == "オンライン化率"
    assert all(cell_len(line) <= columns for line in lines)
