"""Errors by kind: a bad option names the option (no DX code), a catalogue problem has its place, never a fake one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from tests.helpers.catalogs import copy_shipped

runner = CliRunner()


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "--format", "json"],
        ["gaps"],
        ["next"],
        ["table", "procedures"],
        ["set", "9", "--status", "○"],
        ["diff", "git:HEAD"],
        ["trend"],
    ],
)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_missing_catalog_option_is_a_usage_error(args: list[str], lang: str, tmp_path: Path) -> None:
    missing = tmp_path / "nonexistent"
    result = runner.invoke(app, [*args, "--catalog", str(missing), "--lang", lang])
    assert result.exit_code == 2
    assert f"--catalog {missing}" in result.stderr
    assert "DX0" not in result.stderr and ":1:1" not in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--status", "done"], "--status"),
        (["--counts", "2022:10:20"], "--counts"),
        (["--channel", "fax"], "--channel"),
        (["--note", ""], "--note"),
    ],
)
def test_a_bad_set_option_names_the_option_and_no_code(args: list[str], option: str, tmp_path: Path) -> None:
    catalog = copy_shipped(tmp_path / "c")
    result = runner.invoke(app, ["set", "9", *args, "--catalog", str(catalog)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"dxready: {option}")
    assert "DX0" not in result.stderr


def test_a_bad_init_code_names_the_option(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "c"), "--name", "呉市", "--code", "342024"])
    assert result.exit_code == 2
    assert result.stderr.startswith("dxready: --code") and "DX007" not in result.stderr


def test_a_missing_file_shows_the_path_without_a_position(tmp_path: Path) -> None:
    catalog = copy_shipped(tmp_path / "c")
    (catalog / "procedures.yaml").unlink()
    result = runner.invoke(app, ["check", "--catalog", str(catalog), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"{catalog / 'procedures.yaml'}: DX001 file not found"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_catalog_outside_git_is_a_git_error(tmp_path: Path) -> None:
    catalog = copy_shipped(tmp_path / "c")
    result = runner.invoke(app, ["trend", "--catalog", str(catalog), "--lang", "en"])
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert said.startswith(
        f"{catalog}: trend reads the catalogue's git history; the catalogue is not inside a git"
    )
    assert "DX0" not in said and "fix the places above" not in said


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["set", "99", "--status", "○"], "REF"),
        (["set", "9", "--channel", "fax"], "--channel"),
        (["set", "9"], "set"),  # nothing to change: was DX003 at a place "9:" that is no place in any file
    ],
)
def test_a_usage_error_fits_80_columns_and_is_whole_when_piped(
    args: list[str], option: str, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dxready.render.grid import cell_len

    copy_shipped(tmp_path / "c")
    monkeypatch.chdir(tmp_path)  # a short path: a path longer than a line is kept whole, as a URL is
    argv = [*args, "--catalog", "c", "--lang", lang]
    monkeypatch.setenv("COLUMNS", "80")
    narrow = runner.invoke(app, argv)
    assert narrow.exit_code == 2 and narrow.stderr.startswith(f"dxready: {option}")
    lines = narrow.stderr.splitlines()
    assert len(lines) > 1 and max(cell_len(line) for line in lines) <= 80
    monkeypatch.delenv("COLUMNS")  # piped (the runner's stdout is no terminal): one line, for grep
    piped = runner.invoke(app, argv)
    assert piped.exit_code == 2 and piped.stderr.count("\n") == 1
    assert piped.stderr.startswith(f"dxready: {option}")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_catalogue_error_fits_80_columns_and_is_whole_when_piped(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A catalogue problem is ``file:line:col: CODE message`` as check's findings are, and like them fitted to the
    terminal (its message ran to 156 cells) and whole when piped."""
    from dxready.render.grid import cell_len

    root = copy_shipped(tmp_path / "c")
    path = root / "procedures.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: ×", "status: オンライン済み", 1), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    argv = ["gaps", "--catalog", "c", "--lang", lang]
    monkeypatch.setenv("COLUMNS", "80")
    narrow = runner.invoke(app, argv)
    lines = narrow.stderr.splitlines()
    assert narrow.exit_code == 2 and lines[0].startswith("c/procedures.yaml:") and "DX003" in lines[0]
    assert len(lines) > 2 and max(cell_len(line) for line in lines) <= 80
    assert lines[1].startswith("    ")  # the message continues under itself
    monkeypatch.delenv("COLUMNS")
    piped = runner.invoke(app, argv)
    assert piped.exit_code == 2 and piped.stderr.count("\n") == 2  # the problem, then the summary


@pytest.mark.parametrize(
    ("args", "option", "said"),
    [
        (
            ["add", "9", "--name", "テスト"],
            "ID",
            "数字だけ",
        ),  # was DX003 at a line of the text add would write
        (["add", "Bad_ID", "--name", "テスト"], "ID", "英小文字"),
        (["add", "evil", "--name", "赤\x1b[31mX"], "--name", "U+001B"),  # was DX010 at line 251 of 249
        (["set", "9", "--note", "a\x07b"], "--note", "U+0007"),
    ],
)
def test_a_bad_value_for_a_new_entry_names_the_option_not_a_line_of_no_file(
    args: list[str], option: str, said: str, tmp_path: Path
) -> None:
    city = tmp_path / "c"
    assert runner.invoke(app, ["init", str(city), "--name", "館山市"]).exit_code == 0
    before = (city / "procedures.yaml").read_bytes()
    result = runner.invoke(app, [*args, "--catalog", str(city)], env={"COLUMNS": ""})
    assert result.exit_code == 2 and result.stderr.startswith(f"dxready: {option}: ")
    assert said in result.stderr and "DX0" not in result.stderr and "\x1b" not in result.stderr
    assert (city / "procedures.yaml").read_bytes() == before
