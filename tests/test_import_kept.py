"""A row deleted from one of export's own sheets (with the ID column) is kept — import deletes nothing — and said,
with how to remove the entry; a city's own table that lists part of the procedures says nothing of the rest."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from dxready.catalog.load import load_catalog
from dxready.cli import app
from tests.helpers.catalogs import copy_shipped

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "500"})
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout + result.stderr


@pytest.fixture
def tateyama(tmp_path: Path) -> Path:
    root = tmp_path / "tateyama"
    assert invoke("init", str(root), "--name", "館山市")[0] == 0
    for ref, counts in (("5", "2023:100:12"), ("7", "2023:40:12")):
        assert invoke("set", ref, "--counts", counts, "--catalog", str(root))[0] == 0
    return root


def _without(root: Path, tmp_path: Path, sheet: str, row: int, lang: str = "ja") -> Path:
    out = tmp_path / f"export-{lang}.xlsx"
    assert invoke("export", "-o", str(out), "--catalog", str(root), "--lang", lang)[0] == 0
    book = openpyxl.load_workbook(out)
    book[sheet].delete_rows(row)
    edited = tmp_path / f"edited-{lang}.xlsx"
    book.save(edited)
    return edited


def test_a_deleted_count_row_is_kept_and_said(tateyama: Path, tmp_path: Path) -> None:
    book = _without(tateyama, tmp_path, "件数", 3)  # road-occupancy 令和5年度
    code, out = invoke("import", str(book), "--catalog", str(tateyama))
    assert code == 0
    assert (
        "件数: シートにない件数の記録 1 件（road-occupancy 令和5年度）は残します（読み込みでは削除しません。"
        "手続の件数をすべて消すには dxready set road-occupancy --unset counts、1 年度だけなら procedures.yaml を編集してください）"
    ) in out
    road = next(p for p in load_catalog(tateyama).procedures if p.id == "road-occupancy")
    assert [int(c.fiscal_year) for c in road.counts] == [2023]  # kept

    code, out = invoke("import", str(book), "--catalog", str(tateyama), "--dry-run", "--lang", "en")
    assert "件数: 1 count record not in the sheet kept (road-occupancy FY2023): import deletes nothing" in out
    assert (
        "dxready set road-occupancy --unset counts;" in out
    )  # the command to paste, with its ID (review s8 D13)
    code, out = invoke("import", str(book), "--catalog", str(tateyama), "--dry-run", "-f", "json")
    notes = [n["message"] for n in json.loads(out)["notes"] if n["sheet"] == "件数"]
    assert notes and notes[0].startswith("シートにない件数の記録 1 件")


def test_a_deleted_procedure_row_is_kept_and_said(tateyama: Path, tmp_path: Path) -> None:
    book = _without(tateyama, tmp_path, "手続", 17)  # No.16
    code, out = invoke("import", str(book), "--catalog", str(tateyama), "--dry-run")
    assert code == 0
    assert (
        "手続: シートにない手続 1 件（absentee-ballot-request）は残します（読み込みでは削除しません。" in out
    )
    assert "該当しない手続はオンライン化を — にします" in out


def test_deleted_rows_of_the_shipped_catalogues_sheets(tmp_path: Path) -> None:
    root = copy_shipped(tmp_path / "k")
    out = tmp_path / "k.xlsx"
    assert invoke("export", "-o", str(out), "--catalog", str(root))[0] == 0
    book = openpyxl.load_workbook(out)
    book["個別手続"].delete_rows(5)
    book["システム"].delete_rows(3)
    book["工程表"].delete_rows(2, 100)  # every row: the sheet, in export's form, lacks them all
    book.save(tmp_path / "edited.xlsx")
    code, said = invoke("import", str(tmp_path / "edited.xlsx"), "--catalog", str(root), "--dry-run")
    assert code == 0
    assert "個別手続: シートにない個別手続 1 件（childcare/childcare-04）は残します" in said
    assert "システム: シートにないシステム 1 件（koseki）は残します" in said
    assert (
        "ほか 21 件）は残します（読み込みでは削除しません。消すには roadmap.yaml から削除してください）"
        in said
    )


def test_whole_sheets_and_a_citys_own_table_say_nothing(tateyama: Path, tmp_path: Path) -> None:
    for lang in ("ja", "en"):
        out = tmp_path / f"whole-{lang}.xlsx"
        assert invoke("export", "-o", str(out), "--catalog", str(tateyama), "--lang", lang)[0] == 0
        code, said = invoke("import", str(out), "--catalog", str(tateyama), "--dry-run")
        assert code == 0 and "シートにない" not in said
    table = tmp_path / "city.csv"
    table.write_text("No.,手続の種類,オンライン化,備考\n1,図書館の図書の貸出予約等,〇,\n", encoding="utf-8")
    code, said = invoke("import", str(table), "--catalog", str(tateyama), "--dry-run")
    assert code == 0 and "シートにない" not in said
