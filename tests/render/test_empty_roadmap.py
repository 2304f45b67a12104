"""A catalogue from ``init`` has no roadmap items yet: the views say so instead of drawing an empty frame or a chart
over a made-up span of years."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()


def _fresh(tmp_path: Path) -> str:
    target = tmp_path / "c"
    assert runner.invoke(app, ["init", str(target), "--name", "館山市", "--code", "122050"]).exit_code == 0
    return str(target)


def test_the_terminal_table_says_the_roadmap_is_empty(tmp_path: Path) -> None:
    out = runner.invoke(app, ["table", "roadmap", "-c", _fresh(tmp_path)], env={"COLUMNS": "80"}).stdout
    assert "工程表に項目はありません" in out and "┏" not in out and "┌" not in out


def test_the_gantt_has_no_span_of_years_without_items(tmp_path: Path) -> None:
    out = runner.invoke(app, ["table", "roadmap", "-c", _fresh(tmp_path), "-f", "mermaid"]).stdout
    assert "title 館山市 工程表（項目なし）" in out and "年度〜" not in out
