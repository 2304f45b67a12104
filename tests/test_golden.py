"""Renderers against golden files, on the shipped catalogue with a fixed --as-of.

After an intended output change: DXREADY_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from tests.helpers.catalogs import SHIPPED

GOLDEN = Path(__file__).parent / "golden"
AS_OF = "2026-11-26"
CASES = {
    "gaps.md": ["gaps", "--format", "markdown"],
    "gaps.en.md": ["gaps", "--format", "markdown", "--lang", "en"],
    "gaps.json": ["gaps", "--format", "json"],
    "gaps.txt": ["gaps", "--format", "table"],
    "gaps.csv": ["gaps", "--format", "csv"],
    # The grouped terminal view at 80 columns, in both languages, and with -v.
    "gaps.80.txt": ["gaps", "--format", "table", "@80"],
    "gaps.en.80.txt": ["gaps", "--format", "table", "--lang", "en", "@80"],
    "gaps.v.80.txt": ["gaps", "--format", "table", "-v", "@80"],
    "next.md": ["next", "--format", "markdown"],
    "next.json": ["next", "--format", "json", "--top", "50"],
    "next.txt": ["next", "--format", "table"],
    "table-procedures.md": ["table", "procedures", "--format", "markdown"],
    "table-systems.md": ["table", "systems", "--format", "markdown"],
    "table-roadmap.md": ["table", "roadmap", "--format", "markdown"],
    "table-summary.md": ["table", "summary", "--format", "markdown"],
    "table-procedures.txt": ["table", "procedures"],
    "table-procedures.csv": ["table", "procedures", "--format", "csv"],
    "check.txt": ["check"],
    "check.json": ["check", "--format", "json"],
    "check.github": ["check", "--format", "github"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # A relative path, the same on every checkout: the 80-column views wrap by the catalogue label's width.
    monkeypatch.chdir(SHIPPED.parent)
    monkeypatch.setenv("DXREADY_CATALOG", SHIPPED.name)
    args = [a for a in CASES[name] if not a.startswith("@")]
    for a in CASES[name]:
        if a.startswith("@"):
            monkeypatch.setenv("COLUMNS", a[1:])
    result = CliRunner().invoke(app, [*args, "--as-of", AS_OF])
    assert result.exit_code in (0, 1), result.stderr
    out = result.stdout.replace(str(SHIPPED), "data")
    path = GOLDEN / name
    if os.environ.get("DXREADY_UPDATE_GOLDEN"):
        path.write_bytes(out.encode("utf-8"))
    assert path.is_file(), f"missing golden file {path}; run with DXREADY_UPDATE_GOLDEN=1"
    assert out == path.read_bytes().decode("utf-8")
