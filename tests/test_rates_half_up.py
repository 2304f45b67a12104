"""Every rate a command echoes is rounded half up, as the views show it (1 of 80 is 1.3 %, never 1.2)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from dxready.cli import app


def test_set_counts_and_the_views_say_the_same_rate(tmp_path: Path) -> None:
    runner = CliRunner()
    city = str(tmp_path / "rn")
    assert runner.invoke(app, ["init", city, "--name", "鴨川市"]).exit_code == 0
    said = runner.invoke(app, ["set", "9", "--counts", "2023:80:1", "-c", city])
    assert said.exit_code == 0 and "1.3%" in said.stdout and "1.2%" not in said.stdout
    table = runner.invoke(app, ["table", "procedures", "-c", city, "-f", "markdown"]).stdout
    assert "1.3%（令和5年度 1/80件）" in table
