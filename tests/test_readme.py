"""The README stays true: its generated tables are current and .ci/run runs its test command."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from tests.helpers.catalogs import REPO, SHIPPED

README = REPO / "README.md"


@pytest.mark.parametrize("name", ["procedures", "summary"])
def test_readme_tables_are_current(name: str) -> None:
    result = CliRunner().invoke(
        app, ["table", name, "--catalog", str(SHIPPED), "--write", str(README), "--check"]
    )
    assert result.exit_code == 0, result.stdout + result.stderr


def test_ci_runs_the_readme_test_command() -> None:
    readme = README.read_text(encoding="utf-8")
    section = readme.split("## Run the tests", 1)[1]
    command = re.search(r"```sh\n(.+?)\n```", section, re.S)
    assert command is not None
    assert command.group(1).strip() in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_install_command_runs_the_main_job() -> None:
    readme = README.read_text(encoding="utf-8")
    section = readme.split("## Install and run", 1)[1]
    command = re.search(r"```sh\n(.+?)\n```", section, re.S)
    assert command is not None and command.group(1).strip().endswith("dxready gaps")
