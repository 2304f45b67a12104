"""Japanese first: help and Click's own messages in the reader's language, options before or after the command."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()
COMMANDS = [
    "check",
    "gaps",
    "next",
    "table",
    "rules",
    "explain",
    "schema",
    "diff",
    "set",
    "init",
    "compare",
    "trend",
]
HIRAGANA = re.compile(r"[\u3041-\u309f]")
# Three or more English words in a row: a sentence, not a name (JSON Schema, yaml-language-server, git:REV).
ENGLISH_RUN = re.compile(r"\b[A-Za-z][a-z']+(?:[ ,]+[A-Za-z][a-z']+){2,}\b")


def _help(*args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


def _prose(text: str) -> list[str]:
    """The help's prose: option names, metavars, $VARIABLES, paths and `code` removed."""
    out = []
    for line in text.splitlines():
        if re.match(r"  (?:dxready|git) ", line):  # an example command line (例:) is typed, not read
            continue
        line = re.sub(r"(?<!\w)--?[\w-]+(?:[ =][A-Z][A-Z:|.\[\]]*|[ =][a-z]+(?:\|[a-z_]+)+)?", " ", line)
        line = re.sub(r"\$\w+|<[^>]*>|\S+\.(?:yaml|json)|\bdxready\b \w+|\{[A-Z]+\}|\b[A-Z]{2,}\b", " ", line)
        out.append(line)
    return out


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_is_japanese_by_default(command: str) -> None:
    text = _help(*([command] if command else []), "--help")
    assert HIRAGANA.search(text), text
    for line in _prose(text):
        assert not ENGLISH_RUN.search(line), line
    assert "<str>" not in text and "list[" not in text


@pytest.mark.parametrize("command", ["", *COMMANDS])
@pytest.mark.parametrize("where", ["before", "after", "env", "locale"])
def test_help_is_english_on_request(command: str, where: str) -> None:
    cmd = [command] if command else []
    if where == "before":
        text = _help("--lang", "en", *cmd, "--help")
    elif where == "after":
        if not command:
            pytest.skip("no command to put it after")
        text = _help(*cmd, "--lang", "en", "--help")
    elif where == "env":
        text = _help(*cmd, "--help", env={"DXREADY_LANG": "en"})
    else:
        text = _help(*cmd, "--help", env={"LANG": "en_US.UTF-8", "DXREADY_LANG": ""})
    assert "Usage:" in text
    assert not HIRAGANA.search(text), text


def test_help_fits_80_cells() -> None:
    from rich.cells import cell_len

    for command in ["", *COMMANDS]:
        for lang in ("ja", "en"):
            text = _help(*([command] if command else []), "--lang", lang, "--help", env={"COLUMNS": "80"})
            assert max(cell_len(line) for line in text.splitlines()) <= 80, (command, lang)


@pytest.mark.parametrize(
    ("args", "ja", "en"),
    [
        (["gaps", "--bogus"], "オプション --bogus はありません", "No such option: --bogus"),
        (
            ["init", "--name", "x", "--code", "342025"],
            "引数 'DIR' を指定してください",
            "Missing argument 'DIR'",
        ),
        (["export"], "オプション '--output' / '-o' を指定してください", "Missing option '--output' / '-o'"),
        (["nope"], "コマンド「nope」はありません", "No such command 'nope'"),
    ],
)
def test_click_errors_in_the_readers_language(args: list[str], ja: str, en: str) -> None:
    """A command line of the wrong shape: the usage line, where to get help, the error."""
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert ja in result.stderr and "使い方: dxready" in result.stderr and "エラー:" in result.stderr
    assert "Traceback" not in result.stderr
    result = (
        runner.invoke(app, [*args, "--lang", "en"])
        if args[0] != "nope"
        else runner.invoke(app, ["--lang", "en", *args])
    )
    assert result.exit_code == 2
    assert en in result.stderr and "Usage: dxready" in result.stderr


@pytest.mark.parametrize(
    ("args", "ja", "en"),
    [
        (["table", "foo"], "dxready: NAME: 「foo」は使えません", "dxready: NAME: 'foo' is not one of"),
        (
            ["next", "--top", "x"],
            "dxready: --top: 整数で指定してください",
            "dxready: --top: Input should be a valid integer",
        ),
        (
            ["gaps", "--as-of", "2024-02-30"],
            "dxready: --as-of: '2024-02-30': 2024年2月は29日まで",
            "has 29 days",
        ),
        (
            ["set", "9", "--as-of", "令和6年3月末x"],
            "dxready: --as-of: '令和6年3月末x' は日付として読めません",
            "is not a date",
        ),
        (
            ["set", "9", "--verified-on", "x"],
            "dxready: --verified-on: 'x' は日付として読めません",
            "is not a date",
        ),
        (
            ["check", "--select", "DX9"],
            "dxready: --select: DX9 に当たるルールはありません",
            "no rule matches DX9",
        ),
        (
            ["gaps", "--status", "done"],
            "dxready: --status: 'done' は状況ではありません",
            "'done' is not a status",
        ),
        (
            ["gaps", "--format", "x"],
            "dxready: --format: 「x」は使えません",
            "dxready: --format: 'x' is not one of",
        ),
    ],
)
def test_a_bad_option_value_is_one_line_as_every_option_error(args: list[str], ja: str, en: str) -> None:
    """A value that cannot be used: ``dxready: OPTION: why`` on its own, as set's --status and --counts errors are
    worded (render.messages.usage_error); no usage banner (set's shows ``{REF...}...``), no エラー: heading."""
    for lang, said in (("ja", ja), ("en", en)):
        result = runner.invoke(app, [*args, "--lang", lang], env={"COLUMNS": "200"})
        assert result.exit_code == 2
        assert result.stderr.startswith("dxready: ") and said in result.stderr, result.stderr
        assert all(line.startswith("    ") for line in result.stderr.splitlines()[1:])  # one message, fitted
        assert (
            "使い方" not in result.stderr
            and "Usage" not in result.stderr
            and "Traceback" not in result.stderr
        )


def test_select_names_the_nearest_codes() -> None:
    result = runner.invoke(app, ["check", "--select", "DX9", "--ignore", "DX1"])
    assert result.exit_code == 2 and "DX009" in result.stderr
    result = runner.invoke(app, ["check", "--ignore", "DX99x"])
    assert result.exit_code == 2
    assert runner.invoke(app, ["check", "--select", "ｄｘ１", "--as-of", "2024-03-31"]).exit_code in (0, 1)


@pytest.mark.parametrize("option", [["--lang", "en"], ["--as-of", "2024-03-31"]])
def test_common_options_before_or_after_the_command(option: list[str]) -> None:
    before = runner.invoke(app, [*option, "gaps", "--format", "json"])
    after = runner.invoke(app, ["gaps", "--format", "json", *option])
    assert before.exit_code == after.exit_code == 0
    assert before.stdout == after.stdout


def test_catalog_before_the_command(tmp_path: pytest.TempPathFactory) -> None:
    result = runner.invoke(app, ["--catalog", "/nonexistent-dxready", "gaps"])
    assert result.exit_code == 2 and "/nonexistent-dxready" in result.stderr


def test_japanese_spellings_on_the_command_line(tmp_path: pytest.TempPathFactory) -> None:
    from pathlib import Path

    root = Path(str(tmp_path)) / "chiba"
    assert (
        runner.invoke(app, ["init", str(root), "--name", "館山市", "--code", "１２２０５０"]).exit_code == 0
    )
    result = runner.invoke(
        app,
        [
            "set",
            "１",
            "--catalog",
            str(root),
            "--status",
            "○",
            "--counts",
            "２０２３:１２００:３００",
            "--verified-on",
            "令和6年3月31日",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert "2024-03-31" in result.stdout and "1,200" in result.stdout
    assert runner.invoke(app, ["explain", "ＤＸ１０１"]).exit_code == 0
    assert runner.invoke(app, ["--as-of", "R6.3.31", "gaps", "--catalog", str(root)]).exit_code == 0


def test_explain_says_the_severity_in_japanese() -> None:
    out = runner.invoke(app, ["explain", "DX101"]).stdout
    assert "既定の重大度: 警告" in out and "warning" not in out.splitlines()[0]
