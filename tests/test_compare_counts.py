"""`dxready compare`'s counts say what gaps says (review s8 diff review D2, D5, D15)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()


def _ok(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


def _csv(*args: str) -> list[list[str]]:
    text = _ok("compare", *args, "--format", "csv")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len({len(r) for r in rows}) == 1  # every row as wide as the header
    return rows


@pytest.fixture
def tateyama(tmp_path: Path) -> Path:
    """館山市 half filled: 1 2 ○, 4 ○ (inferred), 3 一部, 9 ×, 6 —, the rest ？."""
    parent = tmp_path / "set"
    tate = parent / "tateyama"
    _ok("init", str(tate), "--name", "館山市")
    _ok("set", "1", "2", "--status", "○", "--catalog", str(tate))
    _ok("set", "4", "--status", "○", "--inferred", "--catalog", str(tate))
    _ok("set", "3", "--status", "一部", "--catalog", str(tate))
    _ok("set", "9", "--status", "×", "--catalog", str(tate))
    _ok("set", "6", "--status", "—", "--catalog", str(tate))
    return parent


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_csv_and_json_give_the_applicable_count_as_gaps_does_bounds(tateyama: Path, lang: str) -> None:
    """D2: the csv's 対象 held the upper bound alone (20) where gaps says 対象手続 5–20（未確認 15）."""
    gaps = json.loads(_ok("gaps", "--catalog", str(tateyama / "tateyama"), "--format", "json"))
    bounds = gaps["summary"]["applicable_bounds"]
    assert bounds == [5, 20]
    data = json.loads(_ok("compare", str(tateyama), "--format", "json"))
    assert data["municipalities"][0]["applicable_bounds"] == bounds
    rows = _csv(str(tateyama), "--lang", lang)
    head = rows[0]
    low, high = ("対象下限", "対象上限") if lang == "ja" else ("Applicable low", "Applicable high")
    assert ("対象" if lang == "ja" else "Applicable") not in head  # no column holds the upper bound alone
    row = dict(zip(head, rows[1], strict=True))
    assert [int(row[low]), int(row[high])] == bounds
    per = {r[0]: dict(zip(head, r, strict=True)) for r in rows[2:]}
    label = "手続別: {}" if lang == "ja" else "By procedure: {}"
    assert per[label.format(low if lang == "ja" else low.lower())]["7"] == "0"
    assert per[label.format(high if lang == "ja" else high.lower())]["7"] == "1"
