"""``dxready check``, ``gaps -f json``, ``rules``, ``explain`` and ``schema`` without Typer (dxready.fastpath): the same bytes, exit codes
and messages as the Typer app on every command line it takes, and every other command line handed to Typer."""

from __future__ import annotations

import errno
import gc
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dxready.cli import app
from dxready.fastpath import CheckArgs, fast_command, harness, parse_check
from tests.helpers.catalogs import copy_shipped


@pytest.fixture(scope="module")
def catalogs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    base = tmp_path_factory.mktemp("fastpath")
    clean = copy_shipped(base / "clean")
    findings = copy_shipped(base / "findings")
    path = findings / "procedures.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"122238"', '"122230"'), encoding="utf-8")
    broken = base / "broken"
    broken.mkdir()
    (broken / "procedures.yaml").write_text("procedures: [\n", encoding="utf-8")
    duplicate = copy_shipped(base / "duplicate")
    path = duplicate / "procedures.yaml"
    ids = re.findall(r"^  - id: (\S+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    path.write_text(
        path.read_text(encoding="utf-8").replace(f"  - id: {ids[1]}\n", f"  - id: {ids[0]}\n"),
        encoding="utf-8",
    )
    odd = base / "スペース と 'quote'"
    copy_shipped(odd)
    return {
        "CLEAN": str(clean),
        "FINDINGS": str(findings),
        "BROKEN": str(broken),
        "DUP": str(duplicate),
        "ODD": str(odd),
        "MISSING": str(base / "missing"),
        "FILE": str(path),
    }


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    for name in ("DXREADY_LANG", "DXREADY_CATALOG", "LC_ALL", "LANG", "_DXREADY_COMPLETE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no catalogue here: `check` refuses, `gaps` reads the embedded copy
    yield


def _typer(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        app(argv)
    out = capsys.readouterr()
    code = done.value.code
    return (code if isinstance(code, int) else 0), out.out, out.err


def _fast(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str] | None:
    action = fast_command(argv)
    if action is None:
        return None
    code = action()
    out = capsys.readouterr()
    if code is None:
        assert out.out == out.err == "", "nothing is written before handing over to Typer"
        return None
    return code, out.out, out.err


def _expand(argv: list[str], catalogs: dict[str, str]) -> list[str]:
    out = []
    for arg in argv:
        for name, value in catalogs.items():
            arg = arg.replace(name, value)
        out.append(arg)
    return out


# Command lines the fast path takes: the same bytes and exit code as Typer.
FAST = [
    ["check"],
    ["check", "-f", "github"],
    ["check", "-f", "sarif", "--lang", "en"],
    ["check", "--embedded"],
    ["check", "--embedded", "-f", "json", "--lang", "en"],
    ["check", "--embedded", "-c", "CLEAN"],
    ["check", "--catalog", "CLEAN"],
    ["check", "-c", "CLEAN", "--as-of", "2024-03-31"],
    ["check", "--catalog=FINDINGS"],
    ["check", "--catalog", "FINDINGS", "--lang", "en"],
    ["check", "--lang=en", "--catalog", "FINDINGS", "--lang", "ja"],
    ["check", "--catalog", "FINDINGS", "-f", "json"],
    ["check", "--catalog", "FINDINGS", "--format=github"],
    ["check", "--catalog", "FINDINGS", "--format", "sarif", "--lang", "en"],
    ["check", "--catalog", "FINDINGS", "--format", "text", "-v"],
    ["check", "--catalog", "CLEAN", "--verbose", "--verbose", "--lang", "en"],
    ["check", "--catalog", "CLEAN", "--fail-on", "warning"],
    ["check", "--catalog", "CLEAN", "--fail-on=info", "--as-of", "令和6年3月31日"],
    ["check", "--catalog", "CLEAN", "--as-of", "R6.3.31", "--as-of", "2031-01-01"],
    ["check", "--catalog", "CLEAN", "--select", "DX1", "--select", "dx201"],
    ["check", "--catalog", "CLEAN", "--ignore", "ＤＸ１０１", "--ignore=DX4", "--fail-on", "info"],
    ["check", "--catalog", "CLEAN", "--select", "DX1", "--ignore", "DX10", "-f", "json"],
    ["check", "--catalog", "BROKEN"],
    ["check", "--catalog", "BROKEN", "--lang", "en", "-f", "json"],
    ["check", "--catalog", "BROKEN", "-f", "github"],
    ["check", "--catalog", "BROKEN", "-f", "sarif"],
    ["check", "--catalog", "DUP", "--lang", "en"],
    ["check", "--catalog", "DUP", "-f", "json"],
    ["check", "--catalog", "MISSING"],
    ["check", "--catalog", "FILE", "--lang", "en"],
    ["check", "--catalog", "ODD", "-f", "github"],
    ["check", "-c", "CLEAN", "--lang", "fr", "--lang", "en"],
    ["check", "-c", "CLEAN", "-f", "xml", "-f", "json", "--fail-on", "fatal", "--fail-on", "info"],
    ["check", "-c", "CLEAN", "--as-of", "yesterday", "--as-of", "2024-01-01"],
    ["check", "-c", "MISSING", "-f", "sarif"],
    ["gaps", "-f", "json"],
    ["gaps", "--format", "json", "--catalog", "FINDINGS"],
    ["gaps", "-c", "CLEAN", "--format=json", "--lang", "en", "--as-of", "R6.3.31"],
    ["gaps", "-f", "json", "-c", "FINDINGS", "--show-waived", "-v", "--lang=en"],
    ["gaps", "-f", "table", "-f", "json", "-c", "ODD", "--as-of", "yesterday", "--as-of", "2031-01-01"],
    ["gaps", "-f", "json", "-c", "BROKEN"],
    ["gaps", "-f", "json", "-c", "DUP", "--lang", "en"],
    ["gaps", "-f", "json", "-c", "MISSING"],
    ["gaps", "-f", "json", "-c", "FILE", "--lang", "en"],
    ["rules"],
    ["rules", "--lang", "en"],
    ["rules", "-f", "markdown", "--lang=en"],
    ["rules", "--format=json"],
    ["explain", "DX101"],
    ["explain", "ｄｘ２０１", "--lang", "en"],
    ["explain", "--lang=en", "DX004"],
    ["schema"],
    ["schema", "--lang", "en"],
]


@pytest.mark.parametrize("argv", FAST, ids=" ".join)
def test_fast_path_matches_typer(
    argv: list[str], catalogs: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = _expand(argv, catalogs)
    fast = _fast(argv, capsys)
    assert fast is not None, "this command line should not need Typer"
    assert fast == _typer(argv, capsys)


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("path", ["fast", "typer"])
def test_check_without_a_catalogue_exits_2(
    fmt: str, lang: str, path: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 2 R7: CI's `dxready check` where the city's catalogue is not at ./ or ./data checked the shipped 鴨川市
    catalogue and exited 0. Every format, both paths: exit 2, nothing on stdout, one message saying what to give."""
    monkeypatch.setenv("COLUMNS", "200")
    argv = ["check", "-f", fmt, "--lang", lang]
    got = _fast(argv, capsys) if path == "fast" else _typer(argv, capsys)
    assert got is not None
    code, out, err = got
    assert (code, out) == (2, "")
    said = {
        "ja": "dxready: check: カタログが見つかりません（./procedures.yaml も ./data/procedures.yaml もありません）。"
        "--catalog DIR で指定するか、同梱の鴨川市のカタログを検査するなら --embedded を付けてください\n",
        "en": "dxready: check: no catalogue found here (neither ./procedures.yaml nor ./data/procedures.yaml); give"
        " --catalog DIR, or --embedded to check the shipped 鴨川市 catalogue\n",
    }
    assert err == said[lang]


def test_check_embedded_checks_the_shipped_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _typer(["check", "--embedded", "--as-of", "2024-03-31"], capsys)
    assert code == 0
    assert out.splitlines()[-1].startswith("同梱カタログ: エラー 0 件")


def test_check_reads_the_catalogue_where_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found at ./ or ./data or given by $DXREADY_CATALOG: checked as before (only the fallback is refused)."""
    copy_shipped(tmp_path / "data")
    assert (
        _typer(["check", "--as-of", "2024-03-31"], capsys)[1].splitlines()[-1].startswith("data: エラー 0 件")
    )
    monkeypatch.chdir(tmp_path / "data")
    assert _fast(["check", "--as-of", "2024-03-31"], capsys) is not None
    monkeypatch.chdir(tmp_path.parent)
    monkeypatch.setenv("DXREADY_CATALOG", str(tmp_path / "data"))
    assert _fast(["check", "--as-of", "2024-03-31"], capsys) == (
        0,
        *_typer(["check", "--as-of", "2024-03-31"], capsys)[1:],
    )


# Command lines handed to Typer, before anything is written.
SLOW = [
    ["check", "--help"],
    ["check", "-h"],
    ["check", "--catalog", "CLEAN", "--help"],
    ["check", "--bogus"],
    ["check", "CLEAN"],
    ["check", "--catalog"],
    ["check", "--catalog="],
    ["check", "--catalog", "--lang", "en"],
    ["check", "-cCLEAN"],
    ["check", "-vc", "CLEAN"],
    ["check", "-f=json", "-c", "CLEAN"],
    ["check", "--", "-c", "CLEAN"],
    ["check", "--format", "xml", "-c", "CLEAN"],
    ["check", "--format", "JSON", "-c", "CLEAN"],
    ["check", "--lang", "fr", "-c", "CLEAN"],
    ["check", "--fail-on", "fatal", "-c", "CLEAN"],
    ["check", "--as-of", "yesterday", "-c", "CLEAN"],
    ["check", "--as-of", "2024-02-30", "-c", "CLEAN", "--lang", "en"],
    ["check", "--select", "DX999", "-c", "CLEAN"],
    ["check", "--ignore", "XX", "-c", "CLEAN", "--lang", "en"],
    ["check", "--version"],
    ["check", "--cat", "CLEAN"],
    ["--lang", "en", "check", "-c", "CLEAN"],
    ["-c", "CLEAN", "check"],
    ["gaps", "-c", "CLEAN"],
    ["gaps", "-c", "CLEAN", "-f", "markdown"],
    ["gaps", "-f", "json", "-f", "csv", "-c", "CLEAN"],
    ["gaps", "-f", "json", "--code", "DX1", "-c", "CLEAN"],
    ["gaps", "-f", "json", "--only", "systems"],
    ["gaps", "-f", "json", "--id", "1"],
    ["gaps", "-f", "json", "--status", "×"],
    ["gaps", "-f", "json", "--min-severity", "warning"],
    ["gaps", "-f", "json", "--show-waived=yes"],
    ["gaps", "-f", "json", "--as-of", "2024-02-30"],
    ["gaps", "-f", "json", "--fail-on", "info"],
    ["gaps", "-f", "json", "extra"],
    ["gaps", "-f", "json", "--help"],
    ["check", "--show-waived"],
    ["rules", "--help"],
    ["rules", "-f", "csv"],
    ["rules", "--catalog", "CLEAN"],
    ["rules", "extra"],
    ["rules", "-v"],
    ["explain"],
    ["explain", "DX101", "DX102"],
    ["explain", "DX999"],
    ["explain", "--", "DX101"],
    ["explain", "DX101", "--format", "json"],
    ["explain", "DX101", "-h"],
    ["schema", "--out", "CLEAN"],
    ["schema", "extra"],
    ["schema", "-f", "json"],
    ["checks"],
    [],
]


@pytest.mark.parametrize("argv", SLOW, ids=lambda a: " ".join(a) or "(none)")
def test_other_command_lines_go_to_typer(
    argv: list[str], catalogs: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _fast(_expand(argv, catalogs), capsys) is None


def test_fast_options_are_the_commands_options() -> None:
    """Every option the fast parser reads is the Typer command's option of the same name (a renamed or removed option
    cannot live on in the fast path)."""
    from typer.main import get_command

    from dxready import fastpath

    group = get_command(app)
    for name, takes in fastpath._TAKES.items():
        command = group.commands[name]
        options = {p.name: set(p.opts) for p in command.params if p.param_type_name == "option"}
        arguments = [p for p in command.params if p.param_type_name == "argument"]
        assert len(arguments) == fastpath._POSITIONAL[name]
        for flag, dest in fastpath._VALUED.items():
            if dest in takes:
                assert flag in options[dest], (name, flag)
        for flag, dest in fastpath._FLAGS.items():
            if dest in takes:
                assert flag in options[dest], (name, flag)


def test_completion_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_DXREADY_COMPLETE", "bash_complete")
    assert parse_check(["check"]) is None


def test_parse_reads_like_click() -> None:
    line = "check -c a --catalog=b --select DX1 --select=DX2 -v --lang en -f json"
    args = parse_check(line.split())
    assert args == CheckArgs(catalog=Path("b"), lang="en", format="json", select=("DX1", "DX2"), verbose=True)
    assert parse_check(["check", "--select=DX1=x"]) == CheckArgs(select=("DX1=x",))


def test_harness_turns_escapes_into_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    def boom(exc: BaseException) -> int:
        raise exc

    try:
        assert harness(lambda: 3) == 3
        assert harness(lambda: None) is None
        assert harness(lambda: boom(KeyboardInterrupt())) == 130
        assert harness(lambda: boom(ValueError("bad <b>"))) == 2
        assert "ValueError" in capsys.readouterr().err
        assert harness(lambda: boom(EOFError())) == 1
        assert capsys.readouterr().err.endswith("\n中断しました。\n")
        # A closed pipe: exit 1 and nothing more (under capsys the streams have no descriptor to quiet).
        assert harness(lambda: boom(BrokenPipeError(errno.EPIPE, "Broken pipe"))) == 1
        assert capsys.readouterr().err == ""
        assert harness(lambda: boom(PermissionError(errno.EACCES, "denied", "x.yaml"))) == 2
        assert capsys.readouterr().err.startswith("dxready: x.yaml: ")
    finally:
        gc.unfreeze()
        gc.enable()


def _process(argv: list[str], **env: str) -> subprocess.CompletedProcess[bytes]:
    code = (
        "import sys\n"
        "from dxready.entry import main\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    heavy = sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'click', 'rich'})\n"
        "    sys.stderr.write(f'HEAVY={heavy}\\n')\n"
    )
    full = {name: value for name, value in os.environ.items() if name != "DXREADY_LANG"}
    full.update(COLUMNS="100", **env)
    return subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, env=full, check=False)


def test_check_runs_without_typer_click_or_rich(catalogs: dict[str, str]) -> None:
    done = _process(["check", "--catalog", catalogs["FINDINGS"], "--lang", "en"])
    assert done.returncode == 1
    assert b"DX007" in done.stdout
    assert done.stderr.decode().endswith("HEAVY=[]\n")


@pytest.mark.parametrize(
    "argv", [["rules", "-f", "json"], ["explain", "DX101", "--lang", "en"], ["gaps", "-f", "json"]]
)
def test_rules_explain_and_gaps_json_run_without_typer(argv: list[str]) -> None:
    done = _process(argv)
    assert done.returncode == 0 and b"DX101" in done.stdout
    assert "typer" not in done.stderr.decode() and "click" not in done.stderr.decode()


def test_check_help_still_comes_from_typer(catalogs: dict[str, str]) -> None:
    done = _process(["check", "--help"], DXREADY_LANG="en")
    assert done.returncode == 0
    assert b"--fail-on" in done.stdout
    assert "typer" in done.stderr.decode()
