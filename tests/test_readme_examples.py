"""The README's worked examples for init, the registry, bulk and entity edits and compare run as written.

Each ``sh`` block's commands must succeed; each ``console`` block's ``$ dxready …`` line is run and every line shown
under it must be in what it printed (stdout and stderr, trailing spaces aside). The sections run in order in one
directory, as a reader would type them (``cd`` included).
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from tests.helpers.catalogs import REPO

runner = CliRunner()


def _section(title: str, end: str = "\n## ") -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return readme.split(f"\n{title}\n", 1)[1].split(end, 1)[0]


def _commands(block: str) -> list[str]:
    return [line for line in block.replace("\\\n", " ").splitlines() if line.strip()]


def _run(line: str) -> tuple[int, list[str]]:
    args = shlex.split(line.split(" #", 1)[0])
    assert args[0] == "dxready", line
    result = runner.invoke(app, args[1:], env={"COLUMNS": "200", "DXREADY_LANG": "ja"})
    lines = (result.stdout + result.stderr).splitlines()
    return result.exit_code, [text.rstrip() for text in lines]


def _play(section: str) -> int:
    """Run the section's blocks; the number of commands run."""
    ran = 0
    for kind, block in re.findall(r"```(sh|console)\n(.+?)\n```", section, re.S):
        if kind == "sh":
            for line in _commands(block):
                if line.startswith("cd "):
                    os.chdir(line[3:].strip())
                    continue
                code, out = _run(line)
                assert code in (0, 1) if " gaps" in line else code == 0, (line, out)
                ran += 1
            continue
        shown: list[str] = []
        command = ""
        for line in [*block.splitlines(), "$ "]:
            if not line.startswith("$ "):
                shown.append(line.rstrip())
                continue
            if command:
                _, out = _run(command)
                missing = [want for want in shown if want not in out]
                assert not missing, (command, missing, out)
                ran += 1
            command, shown = line[2:], []
    return ran


def test_the_registry_bulk_and_entity_examples_run_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DXREADY_CATALOG", raising=False)
    assert _play(_section("## Your own catalogue", "\n### Spreadsheets")) >= 15
    from dxready.engine.integrity import load

    catalog = load(tmp_path / "mycity")
    assert {s.status.value for s in catalog.procedure("childcare").sub_procedures} == {"offline"}
    assert next(s for s in catalog.systems if s.id == "juki").migration is not None
    assert "juki" in catalog.procedure("moving").systems
    assert next(r for r in catalog.roadmap if r.id == "e-application").state is not None


def test_the_compare_example_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert _play(_section("## Comparing municipalities")) == 5
