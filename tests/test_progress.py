"""Long work shows progress on a terminal's stderr, and nothing in a pipe."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import _progress, app
from dxready.commands.compare import load_rows
from tests.helpers.catalogs import copy_shipped


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_compare_reports_progress_to_the_callback(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        copy_shipped(tmp_path / name)
    seen: list[tuple[int, int]] = []
    comparison = load_rows(
        [tmp_path], use_cache=False, progress=lambda done, total: seen.append((done, total))
    )
    # Three copies of one municipality are one row (review s7 F17): the first read, the others set aside.
    assert len(comparison.rows) == 1 and comparison.rows[0].catalog == str(tmp_path / "a")
    assert comparison.skipped == {"122238": [str(tmp_path / "b"), str(tmp_path / "c")]}
    assert seen and seen[-1] == (3, 3)


def test_a_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _Tty()
    monkeypatch.setattr(sys, "stderr", fake)
    with _progress("カタログを読んでいます", "ja") as advance:
        assert advance is not None
        advance(1, 2)
        advance(2, 2)
    assert "カタログを読んでいます" in fake.getvalue()


def test_nothing_in_a_pipe(tmp_path: Path) -> None:
    copy_shipped(tmp_path / "a")
    with _progress("x", "ja") as advance:
        assert advance is None  # pytest's stderr is not a terminal
    result = CliRunner().invoke(app, ["compare", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0
    assert result.stderr == ""


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_compare_in_a_terminal_draws_a_bar_and_keeps_stdout_clean(tmp_path: Path) -> None:
    """stderr on a pseudo-terminal gets the bar; stdout (a pipe) gets exactly the JSON, as without a terminal."""
    import json
    import os
    import pty
    import subprocess
    import threading

    for name in ("a", "b"):
        copy_shipped(tmp_path / name)
    args = [sys.executable, "-m", "dxready", "compare", str(tmp_path), "--format", "json", "--no-cache"]
    piped = subprocess.run(args, capture_output=True, check=False)
    assert piped.returncode == 0 and piped.stderr.decode().count("\x1b") == 0
    main, side = pty.openpty()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=side)
    os.close(side)
    out: list[bytes] = []
    reader = threading.Thread(target=lambda: out.append(proc.stdout.read() if proc.stdout else b""))
    reader.start()
    err = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        err += chunk
    reader.join()
    assert proc.wait() == 0
    assert "カタログを読んでいます".encode() in err
    assert json.loads(out[0]) == json.loads(piped.stdout)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_trend_outside_git_says_so_after_the_bar_is_gone(tmp_path: Path) -> None:
    """The review saw the message start on the bar's line (142 cells) and the bar drawn again below it."""
    import os
    import pty
    import subprocess

    root = tmp_path / "mb"
    assert CliRunner().invoke(app, ["init", str(root), "--name", "南房総市"]).exit_code == 0
    env = {**os.environ, "COLUMNS": "80", "GIT_CEILING_DIRECTORIES": str(tmp_path)}
    main, side = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dxready", "trend", "-c", str(root)],
        stdout=subprocess.PIPE,
        stderr=side,
        env=env,
    )
    os.close(side)
    err = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        err += chunk
    assert proc.wait() == 2
    text = err.decode()
    assert "履歴を読んでいます" in text  # the bar was drawn
    said = text.rsplit("\x1b[2K", 1)[-1]  # after the bar's line was last cleared
    assert "gitリポジトリの中にありません" in "".join(said.split()) and "履歴を読んでいます" not in said
    assert not any("履歴を読んでいます" in line and "git" in line for line in text.split("\n"))
