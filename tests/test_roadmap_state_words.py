"""`table roadmap`: an item with no state recorded says so (未記録 / not recorded), as other views word an unknown:
a blank cell reads as "nothing to say"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from dxready.render.grid import cell_len

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def city(tmp_path: Path) -> Path:
    root = tmp_path / "tateyama"
    _run("init", str(root), "--name", "館山市")
    _run("add", "roadmap", "e-app", "--area", "1", "--title", "電子申請の拡充", "-c", str(root))
    _run(
        "add",
        "roadmap",
        "cards",
        "--area",
        "3",
        "--title",
        "カードの周知",
        "--state",
        "done",
        "-c",
        str(root),
    )
    return root


def test_a_state_not_recorded_is_worded_in_every_format_and_language(city: Path) -> None:
    terminal = _run("table", "roadmap", "-c", str(city))
    assert "未記録" in terminal and "完了" in terminal
    assert max(cell_len(line) for line in terminal.splitlines()) <= 80
    markdown = _run("table", "roadmap", "-c", str(city), "-f", "markdown")
    assert "| 電子申請の拡充 |  | 期限なし | 未記録 |" in markdown and "| 完了 |" in markdown
    english = _run("table", "roadmap", "-c", str(city), "-f", "markdown", "--lang", "en")
    assert "| no deadline | not recorded |" in english
    csv = _run("table", "roadmap", "-c", str(city), "-f", "csv", "--lang", "en")
    assert csv.splitlines()[1].endswith(",not recorded")
    rows = json.loads(_run("table", "roadmap", "-c", str(city), "-f", "json"))["rows"]
    assert [r.get("state") for r in rows] == [None, "done"]  # JSON keeps the fact itself: null, not a word
