"""Cells of export's workbook that import does not take — the 手続 sheet's computed columns (レベル, 利用率（最新年度）)
and, on rows named by their ID, No. and the procedure's name repeated on 個別手続 and 件数 — are reported on their row
when edited (never dropped without a word), in the dry run and the real import, text and JSON, Japanese and English;
an unedited cell says nothing, also on a round trip into a fresh catalogue."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()

USAGE_JA = "利用率（最新年度）は計算値のため取り込みません（件数シートに年度・総件数・オンライン件数を入れてください）"
LEVEL_JA = "レベルは計算値のため取り込みません"


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "500"})
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout + result.stderr


@pytest.fixture
def tateyama(tmp_path: Path) -> Path:
    """A half-filled catalogue: a few statuses and one count entry."""
    root = tmp_path / "tateyama"
    assert invoke("init", str(root), "--name", "館山市")[0] == 0
    for args in (("1", "--status", "○"), ("9", "--status", "×"), ("5", "--counts", "2023:100:12")):
        assert invoke("set", *args, "--catalog", str(root))[0] == 0
    return root


def _exported(root: Path, tmp_path: Path, lang: str = "ja") -> Path:
    out = tmp_path / f"export-{lang}.xlsx"
    assert invoke("export", "-o", str(out), "--catalog", str(root), "--lang", lang)[0] == 0
    return out


def _edit(path: Path, sheet: str, row: int, header: str, value: object) -> Path:
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    col = [c.value for c in ws[1]].index(header) + 1
    ws.cell(row, col).value = value
    edited = path.with_name("edited-" + path.name)
    book.save(edited)
    return edited


def test_an_edited_rate_is_reported_on_its_row_and_not_counted_unchanged(
    tateyama: Path, tmp_path: Path
) -> None:
    book = _edit(_exported(tateyama, tmp_path), "手続", 6, "利用率（最新年度）", "80.0%")
    before = (tateyama / "procedures.yaml").read_bytes()
    for extra in (["--dry-run"], []):
        code, out = invoke("import", str(book), "--catalog", str(tateyama), *extra)
        assert code == 0
        assert f"手続 6行: 取り込まず 「水道使用開始届等」 → water-service-start: {USAGE_JA}" in out
        assert "取り込まず 1" in out and "手続: 変更なし 20 行" in out
    assert (tateyama / "procedures.yaml").read_bytes() == before  # nothing else to write

    code, out = invoke("import", str(book), "--catalog", str(tateyama), "--dry-run", "--lang", "en")
    # the sheet and columns as the workbook names them, not in the run's language (review s8 D13)
    assert (
        "手続 row 6: not taken '水道使用開始届等' → water-service-start: 利用率（最新年度） is computed: not "
        "imported (enter the 年度, 総件数 and オンライン件数 on the 件数 sheet)"
    ) in out
    assert "not taken 1" in out
    english = _edit(_exported(tateyama, tmp_path, "en"), "Procedures", 6, "Usage (latest year)", "80.0%")
    code, out = invoke("import", str(english), "--catalog", str(tateyama), "--dry-run")
    assert (
        "Procedures 6行: 取り込まず 「水道使用開始届等」 → water-service-start: 「Usage (latest year)」は計算値のため"
        "取り込みません（「Counts」シートに「Fiscal year」・「Total」・「Online (count)」を入れてください）"
    ) in out

    code, out = invoke("import", str(book), "--catalog", str(tateyama), "--dry-run", "-f", "json")
    data = json.loads(out)
    row = next(r for r in data["rows"] if r["row"] == 6 and r["sheet"] == "手続")
    assert row["fate"] == "not_taken" and row["not_taken"] == [USAGE_JA]
    assert data["summary"]["not_taken"] == 1 and data["summary"]["unchanged"] == 60


def test_an_edited_level_beside_an_applied_edit_is_said_too(tateyama: Path, tmp_path: Path) -> None:
    book = _edit(_exported(tateyama, tmp_path), "手続", 6, "レベル", "4 ワンスオンリー・ワンストップ")
    book = _edit(book, "手続", 6, "オンライン化", "○")
    code, out = invoke("import", str(book), "--catalog", str(tateyama), "--dry-run")
    assert code == 0
    assert "手続 6行: 一致 「水道使用開始届等」 → water-service-start: 状況 ？ → ○、" + LEVEL_JA in out


@pytest.mark.parametrize(
    ("sheet", "row", "header", "value", "said"),
    [
        (
            "個別手続",
            2,
            "手続の種類",
            "子育て",
            "この列の名前は手続・個別手続シートの写しのため取り込みません",
        ),
        ("件数", 2, "No.", 7, "No. は取り込みません"),
        ("手続", 3, "No.", 12, "No. は取り込みません"),
    ],
)
def test_a_repeated_cell_of_a_row_named_by_its_id_is_said(
    tateyama: Path, tmp_path: Path, sheet: str, row: int, header: str, value: object, said: str
) -> None:
    book = _edit(_exported(tateyama, tmp_path), sheet, row, header, value)
    code, out = invoke("import", str(book), "--catalog", str(tateyama), "--dry-run")
    assert code == 0 and f"{sheet} {row}行: 取り込まず" in out and said in out


def test_unedited_cells_say_nothing_in_either_language_and_on_a_round_trip(
    tateyama: Path, tmp_path: Path
) -> None:
    for lang in ("ja", "en"):
        code, out = invoke(
            "import", str(_exported(tateyama, tmp_path, lang)), "--catalog", str(tateyama), "--dry-run"
        )
        assert code == 0 and "取り込まず" not in out
    fresh = tmp_path / "fresh"
    assert invoke("init", str(fresh), "--name", "館山市")[0] == 0  # its levels and rates come with the import
    code, out = invoke("import", str(_exported(tateyama, tmp_path)), "--catalog", str(fresh))
    assert code == 0 and "取り込まず" not in out


def test_csv_too(tateyama: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "csv"
    assert invoke("export", "-f", "csv", "-o", str(out_dir), "--catalog", str(tateyama))[0] == 0
    path = next(p for p in out_dir.glob("*.csv") if "手続" in p.name and "個別" not in p.name)
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    rows[5][rows[0].index("利用率（最新年度）")] = "80.0%"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)
    code, out = invoke("import", str(out_dir), "--catalog", str(tateyama), "--dry-run")
    assert code == 0 and USAGE_JA in out and "取り込まず 1" in out
