"""Review 2 R9: the command that ``next`` and ``gaps`` give to record an unknown status leaves the mark to fill in
(pasted as it is, ``set`` refuses it), so it never records ○ unchecked; a group says how many of its sub-procedures are
still unknown."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from dxready.render.gapsgroups import split_command

runner = CliRunner()


def _init(tmp_path: Path) -> str:
    catalog = str(tmp_path / "tateyama")
    assert runner.invoke(app, ["init", catalog, "--name", "館山市"]).exit_code == 0
    return catalog


def _steps(catalog: str, lang: str) -> list[str]:
    import json

    done = runner.invoke(app, ["next", "-c", catalog, "--lang", lang, "--format", "json", "--top", "50"])
    assert done.exit_code == 0, done.stderr
    data = json.loads(done.stdout)
    return [s["action"] for s in data["steps"]]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_unknown_status_command_records_nothing_unchecked(tmp_path: Path, lang: str) -> None:
    catalog = _init(tmp_path)
    before = (Path(catalog) / "procedures.yaml").read_bytes()
    commands = [split_command(a)[1] for a in _steps(catalog, lang)]
    commands = [c for c in commands if "--status" in c]
    assert len(commands) >= 15
    placeholder = "記号" if lang == "ja" else "MARK"
    for command in commands:
        words = shlex.split(command)
        assert words[:2] == ["dxready", "set"] and words[-2:] == ["--status", placeholder], command
        done = runner.invoke(app, [*words[1:], "-c", catalog])
        assert done.exit_code == 2, command
    assert (Path(catalog) / "procedures.yaml").read_bytes() == before


def test_a_group_step_says_its_sub_procedures_are_unknown(tmp_path: Path) -> None:
    catalog = _init(tmp_path)
    childcare = next(a for a in _steps(catalog, "ja") if "set childcare " in a)
    assert "（個別手続 15 件も未確認です）" in childcare
    childcare_en = next(a for a in _steps(catalog, "en") if "set childcare " in a)
    assert "(15 of its sub-procedures are unknown too)" in childcare_en


def test_the_placeholder_stays_with_its_command_at_80_columns(tmp_path: Path) -> None:
    catalog = _init(tmp_path)
    out = runner.invoke(app, ["next", "-c", catalog], env={"COLUMNS": "80"}).stdout
    assert "dxready set childcare --status 記号" in out
    assert not [line for line in out.splitlines() if line.rstrip().endswith("--status")]
