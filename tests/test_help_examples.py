"""Every command's ``--help`` ends with 例 / Examples, and every example works as pasted.

The examples are read from the help as a user sees it (``dxready CMD --help`` at 80 columns, Japanese and English)
and run in the order below, in a fresh directory per language, as a user following them would: ``init`` makes
``tateyama`` (and ``kamogawa``, the shipped catalogue), ``export`` writes the workbook that ``import`` reads,
``trend``'s ``git`` lines put the catalogue under git for ``diff git:HEAD``. They also run each command's alone after
``init``'s (a user meets ``set --help`` before ``add --help``): no example edits what only another's made. Every line
must exit 0 with no traceback, except ``check --fail-on warning``, which must exit 1 and say why (the shipped
catalogue has × rows, a DX101 warning). The two languages' lines differ only in
the Japanese words a user types (○ 一部 ×, 令和 dates), so both runs must leave the same catalogue once read.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from dxready.engine.integrity import load
from dxready.render.grid import cell_len

runner = CliRunner()

ORDER = [
    "init",
    "add",
    "set",
    "check",
    "gaps",
    "next",
    "table",
    "rules",
    "explain",
    "schema",
    "export",
    "import",
    "compare",
    "page",
    "trend",
    "diff",
]
"""The order a user follows the examples in: each command's examples may use what an earlier one made."""

HEADING = {"ja": "例:", "en": "Examples:"}
EXIT_1 = {"dxready check -c kamogawa --fail-on warning": "DX101"}
"""Examples that exit 1 on purpose, with what their output must show."""

BASE = ["init"]
"""What a user has before any other command's examples: the catalogues of ``init``'s examples (tateyama, and
kamogawa, the shipped catalogue's copy). ``dxready --help``'s own examples start with the same ``init``."""
PREPARED_BY = {"import": ["export"], "diff": ["trend"]}
"""The only examples that rest on another command's: ``import`` reads the workbook ``export`` writes, ``diff git:HEAD``
needs the history that ``trend``'s ``git`` lines make. Every other command's examples run on BASE alone."""


@cache
def _help(lang: str, *command: str) -> str:
    result = runner.invoke(app, [*command, "--help", "--lang", lang], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


def _listed(lang: str) -> list[str]:
    """The commands ``dxready --help`` lists."""
    lines = _help(lang).splitlines()
    start = lines.index({"ja": "コマンド:", "en": "Commands:"}[lang]) + 1
    end = lines.index("", start)  # the examples follow
    return [
        line.split()[0] for line in lines[start:end] if line.startswith("  ") and not line.startswith("   ")
    ]


def _examples(lang: str, command: str = "") -> list[str]:
    """The example lines at the end of ``command``'s help (or ``dxready --help``'s), as printed (indent removed)."""
    lines = _help(lang, *command.split()).rstrip("\n").splitlines()
    assert HEADING[lang] in lines, (command, lang)
    section = lines[lines.index(HEADING[lang]) + 1 :]
    assert section and all(line.startswith("  ") and line[2:3] != " " for line in section), section
    return [line[2:] for line in section]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_listed_command_has_examples(lang: str) -> None:
    assert sorted(_listed(lang)) == sorted(ORDER)
    for command in ORDER:
        lines = _examples(lang, command)
        own = [
            line for line in lines if line.startswith(f"dxready {command} ") or line == f"dxready {command}"
        ]
        assert 2 <= len(own) <= 4, (command, lines)
        # Anything else is a git line that prepares the next ones (trend needs a history).
        assert all(line in own or line.startswith("git ") for line in lines), (command, lines)
        # No quoted space: a narrow terminal continues a line at its spaces (clitext.fit_examples).
        assert not [q for line in lines for q in re.findall(r"'[^']*'|\"[^\"]*\"", line) if " " in q], lines


def test_the_examples_differ_only_in_japanese_words() -> None:
    for command in ORDER:
        ja, en = _examples("ja", command), _examples("en", command)
        assert len(ja) == len(en), command
        for ja_line, en_line in zip(ja, en, strict=True):
            assert ja_line.split()[:2] == en_line.split()[:2]
            assert len(shlex.split(ja_line)) == len(shlex.split(en_line)), (ja_line, en_line)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_help_with_examples_fits_80_cells(lang: str) -> None:
    for command in ["", *ORDER, "set municipality", "set system"]:
        text = _help(lang, *command.split())
        widest = max(text.splitlines(), key=cell_len)
        assert cell_len(widest) <= 80, (command, widest)
    for command in ORDER:
        for line in _examples(lang, command):
            assert cell_len(line) <= 76, line  # two cells of indent and room to spare: never rewrapped


def _git_env() -> dict[str, str]:
    env = dict(os.environ)
    for who in ("AUTHOR", "COMMITTER"):
        env[f"GIT_{who}_NAME"] = "dxready test"
        env[f"GIT_{who}_EMAIL"] = "test@example.invalid"
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["GIT_CONFIG_GLOBAL"] = os.devnull
    return env


def _run(line: str, lang: str, cwd: Path) -> None:
    args = shlex.split(line)
    if args[0] == "git":
        done = subprocess.run(args, cwd=cwd, env=_git_env(), capture_output=True, text=True, check=False)
        assert done.returncode == 0, (line, done.stderr)
        return
    assert args[0] == "dxready", line
    result = runner.invoke(app, args[1:], env={"COLUMNS": "80", "DXREADY_LANG": lang})
    out = result.stdout + result.stderr
    assert "Traceback" not in out, (line, out)
    assert result.exception is None or isinstance(result.exception, SystemExit), (line, result.exception)
    if line in EXIT_1:
        assert result.exit_code == 1 and EXIT_1[line] in out, (line, result.exit_code, out)
    else:
        assert result.exit_code == 0, (line, result.exit_code, out)


@pytest.mark.skipif(shutil.which("git") is None, reason="trend's examples need git")
def test_every_example_runs_as_pasted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ran: dict[str, int] = {}
    for lang in ("ja", "en"):
        where = tmp_path / lang
        where.mkdir()
        monkeypatch.chdir(where)
        for command in ORDER:
            for line in _examples(lang, command):
                _run(line, lang, where)
                ran[lang] = ran.get(lang, 0) + 1
    assert ran["ja"] == ran["en"] >= 2 * len(ORDER)
    assert set(EXIT_1) <= {line for command in ORDER for line in _examples("en", command)}
    # The same facts typed the Japanese way or the English way (kept as typed): the same catalogue once read.
    ja, en = load(tmp_path / "ja" / "tateyama"), load(tmp_path / "en" / "tateyama")
    for part in ("procedures_file", "systems_file", "roadmap_file"):
        assert getattr(ja, part).model_dump() == getattr(en, part).model_dump(), part
    text = (tmp_path / "ja" / "tateyama" / "procedures.yaml").read_text(encoding="utf-8")
    assert "verified_on: 2024-03-31" in text and "own-001" in text
    assert (tmp_path / "ja" / "tateyama.html").is_file() and (tmp_path / "en" / "chiba.html").is_file()


@pytest.mark.skipif(shutil.which("git") is None, reason="diff's examples need trend's git lines")
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_each_commands_examples_run_on_inits_catalogues_alone(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user reading ``set --help`` before ``add --help`` (``dxready --help`` lists set first): each command's
    examples run after ``init``'s alone, so none edits an entry only another command's example made."""
    base = tmp_path / "base"
    base.mkdir()
    monkeypatch.chdir(base)
    for command in BASE:
        for line in _examples(lang, command):
            _run(line, lang, base)
    for command in ORDER:
        if command in BASE:
            continue
        where = tmp_path / command
        shutil.copytree(base, where, symlinks=True)
        monkeypatch.chdir(where)
        for before in PREPARED_BY.get(command, []):
            for line in _examples(lang, before):
                _run(line, lang, where)
        for line in _examples(lang, command):
            _run(line, lang, where)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_top_level_examples_run_as_pasted(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``dxready --help``'s examples: a first catalogue, one status, the check and the gaps (in a directory of their
    own: they repeat init's first example)."""
    monkeypatch.chdir(tmp_path)
    lines = _examples(lang)
    assert [line.split()[1] for line in lines] == ["init", "set", "check", "gaps"]
    for line in lines:
        _run(line, lang, tmp_path)


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_on_a_narrow_terminal_a_long_example_is_continued_not_broken(lang: str) -> None:
    continued = 0
    for command in ORDER:
        result = runner.invoke(app, [command, "--help", "--lang", lang], env={"COLUMNS": "40"})
        section = result.stdout.rstrip("\n").split(f"\n{HEADING[lang]}\n", 1)[1]
        examples = section.replace(" \\\n      ", " ").splitlines()
        assert examples == [f"  {line}" for line in _examples(lang, command)], section
        for row in section.splitlines():  # only one word, or an option with its value, may be wider
            unit = row.strip().removesuffix(" \\").split(" ")
            assert cell_len(row) <= 40 or len(unit) == 1 or (len(unit) == 2 and unit[0].startswith("-")), row
        for shown in re.split(r"\n(?!      )", section):
            if " \\\n" not in shown:
                continue
            continued += 1
            # The shell reads the continued example as the same arguments as the whole line.
            script = re.sub(r"^\s*\S+", "printf '%s\\n'", shown, count=1)
            done = subprocess.run(["sh", "-c", script], capture_output=True, text=True, check=True)
            whole = shown.replace(" \\\n      ", " ")
            assert done.stdout.splitlines() == shlex.split(whole)[1:], shown
    assert continued, "no example is wider than 40 cells: the continuation went untested"
