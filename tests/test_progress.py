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
    assert len(comparison.rows) == 3
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
