"""`gaps -v` puts each finding's command on a line of its own to be copied: every one of them runs once its value
is filled in (DX103's `dxready set ID --status` used to lose its value and fail). The status is left to fill in
(`--status 記号` / `MARK`, review 2 R9): as printed, set refuses it, so no unchecked mark is recorded."""

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
    placeholder = "記号" if lang == "ja" else "MARK"
    for command in commands[:3]:
        argv = shlex.split(command)[1:]
        assert argv[-2:] == ["--status", placeholder], command
        refused = runner.invoke(app, [*argv, "--catalog", str(city)], env={"COLUMNS": "80"})
        assert refused.exit_code == 2, (command, refused.stdout)
        done = runner.invoke(app, [*argv[:-1], "×", "--catalog", str(city)], env={"COLUMNS": "80"})
        assert done.exit_code == 0, (command, done.stderr)
