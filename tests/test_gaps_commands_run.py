"""`gaps -v` puts each finding's command on a line of its own to be copied: every one of them runs as printed
(DX103's `dxready set ID --status` used to lose its value and fail)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_suggested_set_command_runs(tmp_path: Path, lang: str) -> None:
    city = tmp_path / "city"
    assert runner.invoke(app, ["init", str(city), "--name", "館山市"]).exit_code == 0
    result = runner.invoke(app, ["gaps", "-v", "--catalog", str(city), "--lang", lang], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    commands = [
        line.strip() for line in result.stdout.splitlines() if line.strip().startswith("dxready set ")
    ]
    assert len(commands) >= 10
    for command in commands[:3]:
        argv = shlex.split(command)[1:]
        done = runner.invoke(app, [*argv, "--catalog", str(city)], env={"COLUMNS": "80"})
        assert done.exit_code == 0, (command, done.stderr)
