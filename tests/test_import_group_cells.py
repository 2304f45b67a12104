"""A group's オンライン化 cell on export's 手続 sheet: as export wrote it, it is no change (so sub-procedure edits go
through and the group follows them); changed alone, it is the group's status, as a plain table's row or ``set`` —
refused only when the sub-procedures contradict it, with the way out said."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from dxready.catalog.load import load_catalog
from dxready.cli import app

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "500"})
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout + result.stderr


@pytest.fixture
def fresh(tmp_path: Path) -> tuple[Path, openpyxl.Workbook]:
    root = tmp_path / "s"
    assert invoke("init", str(root), "--name", "館山市")[0] == 0
    out = tmp_path / "s.xlsx"
    assert invoke("export", "-o", str(out), "--catalog", str(root))[0] == 0
    return root, openpyxl.load_workbook(out)


def _import(root: Path, book: openpyxl.Workbook, tmp_path: Path) -> tuple[int, str]:
    book.save(tmp_path / "edited.xlsx")
    return invoke("import", str(tmp_path / "edited.xlsx"), "--catalog", str(root))


def test_sub_procedure_edits_go_through_under_an_untouched_group_cell(
    fresh: tuple[Path, openpyxl.Workbook], tmp_path: Path
) -> None:
    root, book = fresh
    ws = book["個別手続"]
    headers = [c.value for c in ws[1]]
    marks = {
        "childcare-01": "〇",
        "childcare-02": "✕",
        "disaster-certificate-01": "済",
        "moving-01": "一部実施済",
    }
    for row in ws.iter_rows(min_row=2):
        sub = row[headers.index("個別手続ID")].value
        if sub in marks:
            row[headers.index("オンライン化")].value = marks[sub]
    code, out = _import(root, book, tmp_path)
    assert code == 0 and "拒否 0" in out, out
    groups = {p.id: p.effective_status.mark for p in load_catalog(root).procedures}
    assert (groups["childcare"], groups["disaster-certificate"], groups["moving"]) == ("一部", "○", "一部")


def test_a_group_cell_changed_alone_is_the_groups_status(
    fresh: tuple[Path, openpyxl.Workbook], tmp_path: Path
) -> None:
    root, book = fresh
    assert (book["手続"]["C21"].value, book["手続"]["J21"].value) == ("？", "disaster-certificate")
    book["手続"]["C21"] = "○"  # as `set 20 --status ○` or a plain table's row 20
    code, out = _import(root, book, tmp_path)
    assert (
        code == 0
        and "手続 21行: 一致 「被災者支援関係（罹災証明書発行申請）」 → disaster-certificate: 状況 ？ → ○"
        in out
    )
    disaster = load_catalog(root).procedure("disaster-certificate")
    assert disaster is not None and disaster.effective_status.mark == "○"
