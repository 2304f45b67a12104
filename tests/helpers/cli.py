"""Running the app as a user at an 80-column terminal would, for tests that drive several commands."""

from __future__ import annotations

from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()


def run80(*args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``dxready ARGS`` with COLUMNS=80; never a traceback."""
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr
