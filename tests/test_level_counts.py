"""Level counts are stated with the unsettled ones beside them: a count of the settled rows is labelled so (確定分 /
settled) and ``diff -f json`` gives ``levels_unsettled`` as ``gaps -f json`` does (a new-user review on 松戸市 read
"レベル 2 オンライン申請 0" in export's 概況 sheet and ``table summary -f csv`` while 6 rows were 2–4)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers.cli import run80

runner = CliRunner()


_run = run80


@pytest.fixture
def city(tmp_path: Path) -> Path:
    root = tmp_path / "matsudo"
    assert _run("init", str(root), "--name", "松戸市")[0] == 0
    for no in ("1", "2", "3", "4", "5", "9"):
        assert _run("set", no, "--status", "○", "-c", str(root))[0] == 0
    return root


@pytest.mark.parametrize(("lang", "label", "unsettled"), [
    ("ja", "レベル 2 オンライン申請（確定分）", ("レベル 未確定", "21（0–4 15、2–4 6）")),
    ("en", "Level 2 Online application (settled)", ("Level unsettled", "21 (0–4 15, 2–4 6)")),
])  # fmt: skip
def test_summary_labels_settled_counts(city: Path, lang: str, label: str, unsettled: tuple[str, str]) -> None:
    out = _run("table", "summary", "-f", "csv", "-c", str(city), "--lang", lang)[1]
    rows = dict((r[0], r[1]) for r in csv.reader(io.StringIO(out.lstrip("\ufeff"))) if len(r) == 2)
    assert rows[label] == "0"
    assert rows[unsettled[0]] == unsettled[1]
    assert not [k for k in rows if k.startswith(("レベル 2 オンライン申請", "Level 2")) and k != label]


def test_the_summary_sheet_labels_settled_counts(city: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "m.xlsx"
    assert _run("export", "-o", str(out), "-c", str(city))[0] == 0
    cells = {row[0].value: row[1].value for row in openpyxl.load_workbook(out)["概況"].iter_rows(min_row=2)}
    assert cells["レベル 2 オンライン申請（確定分）"] == 0
    assert cells["レベル 未確定"] == "21（0–4 15、2–4 6）"


def test_diff_json_gives_the_unsettled_levels_as_gaps_does(city: Path, tmp_path: Path) -> None:
    head = tmp_path / "head"
    shutil.copytree(city, head)
    assert _run("set", "7", "--status", "○", "-c", str(head))[0] == 0
    summary = json.loads(_run("diff", str(city), str(head), "-f", "json")[1])["summary"]
    gaps = json.loads(_run("gaps", "-f", "json", "-c", str(head))[1])["summary"]
    assert summary["head"]["levels_unsettled"] == gaps["levels_unsettled"]
    assert summary["base"]["levels_unsettled"] == [
        {"low": 0, "high": 4, "count": 15},
        {"low": 2, "high": 4, "count": 6},
    ]


def test_at_80_columns_a_long_label_breaks_before_its_settled_mark(city: Path) -> None:
    from rich.cells import cell_len

    out = _run("table", "summary", "-c", str(city))[1]
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    lines = [line.strip("│ ") for line in out.splitlines()]
    assert any(line.startswith("レベル 4 ワンスオンリー・ワンストップ ") for line in lines)
    assert any(line.startswith("（確定分）") for line in lines)
