"""Every error is a message: the top-level guard, and the specific cases with their own words (issue 13, item 2)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from dxready.guard import describe
from tests.helpers.catalogs import REPO, copy_shipped

runner = CliRunner()
BOOM = (
    "import sys\n"
    "import dxready.commands.schema as s\n"
    "def boom():\n"
    "    raise ZeroDivisionError('division by zero')\n"
    "s.schemas = boom\n"
    "sys.argv = ['dxready', 'schema']\n"
    "from dxready.cli import main\n"
    "main()\n"
)


def _python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DXREADY_LANG": "en", **env},
    )


def test_an_escaping_exception_is_one_line_and_exit_2() -> None:
    done = _python(BOOM)
    assert done.returncode == 2
    assert done.stderr == (
        "dxready: internal error (ZeroDivisionError): division by zero; rerun with DXREADY_DEBUG=1 for the details\n"
    )


def test_the_traceback_only_under_dxready_debug() -> None:
    done = _python(BOOM, DXREADY_DEBUG="1")
    assert done.returncode == 2
    assert "Traceback (most recent call last)" in done.stderr and "ZeroDivisionError" in done.stderr


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (OSError(28, "No space left on device", "/x/f"), "/x/f: no space left on the device"),
        (PermissionError(13, "Permission denied", "/x/f"), "/x/f: permission denied"),
        (FileExistsError(17, "File exists", "/x/f"), "/x/f: already exists"),
        (RecursionError(), "nesting is too deep"),
        (MemoryError(), "out of memory"),
        (OverflowError("int too large"), "internal error (OverflowError): int too large"),
    ],
)
def test_common_errors_have_their_own_words(error: BaseException, says: str) -> None:
    assert says in describe(error, "en")
    assert "\n" not in describe(error, "ja")


def test_set_counts_beyond_any_municipality_is_refused(tmp_path: Path) -> None:
    catalog = copy_shipped(tmp_path / "c")
    before = (catalog / "procedures.yaml").read_bytes()
    huge = "9" * 400
    result = runner.invoke(
        app, ["set", "9", "--catalog", str(catalog), "--counts", f"2024:{huge}:{huge}", "--lang", "en"]
    )
    assert result.exit_code == 2
    assert "a count is at most 1,000,000,000,000 (got a number of 400 digits)" in result.stderr
    assert (catalog / "procedures.yaml").read_bytes() == before


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_environment_pointing_elsewhere_is_a_message(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    subprocess.run(["git", "init", "-q", str(elsewhere)], check=True)
    catalog = copy_shipped(tmp_path / "c")
    env = {"GIT_DIR": str(elsewhere / ".git"), "GIT_WORK_TREE": str(elsewhere)}
    for args in (["diff", "git:HEAD", "--catalog", str(catalog)], ["trend", "--catalog", str(catalog)]):
        result = runner.invoke(app, [*args, "--lang", "en"], env=env)
        assert result.exit_code == 2, result.output
        assert "outside git's work tree" in result.stderr and "GIT_DIR" in result.stderr


def test_init_refuses_a_name_check_would_refuse(tmp_path: Path) -> None:
    result = runner.invoke(
        # 349992 is in no registry: the pair is taken as given (issue 9), so the name reaches the preflight.
        app,
        ["init", str(tmp_path / "x"), "--name", "あ" * 2001, "--code", "349992", "--lang", "en"],
    )
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())  # the message is fitted to COLUMNS
    assert "String should have at most 2000 characters" in said
    assert not (tmp_path / "x" / "procedures.yaml").exists()


def test_set_refuses_a_note_check_would_refuse(tmp_path: Path) -> None:
    catalog = copy_shipped(tmp_path / "c")
    before = (catalog / "procedures.yaml").read_bytes()
    result = runner.invoke(
        app, ["set", "9", "--catalog", str(catalog), "--note", "ok\u202eevil", "--lang", "en"]
    )
    assert result.exit_code == 2
    assert (
        result.stderr.startswith("dxready: --note: ") and "U+202E" in result.stderr
    )  # the option, not DX010
    assert (catalog / "procedures.yaml").read_bytes() == before
