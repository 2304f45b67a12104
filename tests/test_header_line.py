"""The header of gaps and next breaks between its parts at a narrow terminal, never inside a label (a review found
``… · 状況の時点: 2024-03-31 · 基`` / ``準日: 2026-11-30`` at 80 columns)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from dxready.render.grid import cell_len

runner = CliRunner()


@pytest.mark.parametrize("command", ["gaps", "next"])
@pytest.mark.parametrize(("lang", "label"), [("ja", "基準日: "), ("en", "evaluated on: ")])
def test_the_header_breaks_between_its_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, lang: str, label: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["init", "ab", "--name", "館山市"]).exit_code == 0
    monkeypatch.chdir(
        tmp_path / "ab"
    )  # the catalogue is labelled ab（このディレクトリ）: the header is too wide
    assert runner.invoke(app, ["set", "municipality", "--as-of", "2024-03-31"]).exit_code == 0
    out = runner.invoke(app, [command, "--lang", lang, "--as-of", "2026-11-30"], env={"COLUMNS": "80"}).stdout
    first, second = out.splitlines()[:2]
    assert cell_len(first) <= 80 and first.endswith("2024-03-31 ·")
    assert second == f"  {label}2026-11-30"
