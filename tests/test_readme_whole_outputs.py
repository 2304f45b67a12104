"""Where the README shows what `init` and `import` print, it shows all of it, line for line (the review found the
import example without its first line and the init examples without their 「次に:」 line)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from tests.helpers.catalogs import REPO

runner = CliRunner()
README = (REPO / "README.md").read_text(encoding="utf-8")


def _run(line: str, columns: int) -> list[str]:
    result = runner.invoke(app, shlex.split(line)[1:], env={"COLUMNS": str(columns), "DXREADY_LANG": "ja"})
    return [x.rstrip() for x in (result.stdout + result.stderr).splitlines()]


def test_init_examples_show_everything_init_prints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    section = README.split("\n## Your own catalogue\n", 1)[1].split("\n### Editing many rows", 1)[0]
    checked = 0
    for block in re.findall(r"```console\n(.+?)\n```", section, re.S):
        for command, shown in re.findall(r"^\$ (.+)\n((?:(?!\$ ).*\n?)*)", block, re.M):
            out = _run(command, 200)  # the README examples' width (tests/test_readme_examples.py)
            made = any("を作りました" in x or "に写しました" in x for x in out)  # not a refusal
            if command.startswith("dxready init ") and made:
                assert shown.rstrip("\n").split("\n") == out, command
                checked += 1
    assert checked == 2  # init fuchu --name 東京都府中市, init kamogawa --from-embedded


def test_import_example_shows_everything_import_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    section = README.split("### Spreadsheets: import and export", 1)[1].split("\n### ", 1)[0]
    block = re.findall(r"```sh\n(.+?)\n```", section, re.S)[0]
    for name, body in re.findall(r"cat > (\S+) <<'EOF'\n(.+?)\nEOF\n", block, re.S):
        Path(name).write_text(body + "\n", encoding="utf-8")
    commands = [line.split(" #", 1)[0] for line in block.splitlines() if line.startswith("dxready ")]
    assert commands[-1] == "dxready import kure-table.csv --catalog kure"
    for line in commands[:-1]:
        _run(line, 80)
    shown = re.search(r"```text\n(.+?)\n```", section, re.S)
    assert shown is not None
    assert shown.group(1).split("\n") == _run(commands[-1], 80)  # as the README shows it: 80 columns
