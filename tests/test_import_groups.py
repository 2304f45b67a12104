"""A group's statuses edited through export's own workbook (review s8 F10): the 手続 sheet's オンライン化 cell of a
group is its effective status and 記録上の状況 its recorded one; left as export wrote them they change nothing, so
edits on the 個別手続 sheet go through and the group follows them; a group cell the officer changed is checked
against the sub-procedures by DX008's rule (an unknown one is no contradiction of ○), and a refusal says the way out.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from dxready.catalog.load import load_catalog
from dxready.cli import app
from tests.helpers.catalogs import copy_shipped

runner = CliRunner()

REVIEW_EDIT = {  # the review's four cells on the 個別手続 sheet, as an officer types them
    "childcare-01": "〇",
    "childcare-02": "✕",
    "disaster-certificate-01": "済",
    "moving-01": "一部実施済",
}


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in root.glob("*.yaml")}


@pytest.fixture
def tateyama(tmp_path: Path) -> Path:
    root = tmp_path / "tateyama"
    assert invoke("init", str(root), "--name", "館山市")[0] == 0
    return root


def _export(root: Path, out: Path, *more: str) -> openpyxl.Workbook:
    assert invoke("export", "-o", str(out), "--catalog", str(root), *more)[0] == 0
    return openpyxl.load_workbook(out)


def _edit_subs(book: openpyxl.Workbook, marks: dict[str, str], sheet: str = "個別手続") -> None:
    for row in book[sheet].iter_rows(min_row=2):
        if row[3].value in marks:
            row[5].value = marks[row[3].value]


def _import(root: Path, book: openpyxl.Workbook, path: Path, *more: str) -> tuple[int, str]:
    book.save(path)
    return invoke("import", str(path), "--catalog", str(root), *more)


def _statuses(root: Path, *ids: str) -> list[tuple[str, str]]:
    catalog = load_catalog(root)
    out = []
    for pid in ids:
        p = catalog.procedure(pid)
        assert p is not None
        out.append((p.status.mark, p.effective_status.mark))
    return out


def test_sub_procedure_edits_go_through_and_the_groups_follow(tateyama: Path, tmp_path: Path) -> None:
    book = _export(tateyama, tmp_path / "s.xlsx")
    _edit_subs(book, REVIEW_EDIT)  # the 手続 sheet untouched: its group cells hold the ？ export wrote
    code, out = _import(tateyama, book, tmp_path / "s4.xlsx")
    assert code == 0 and "拒否 0" in out, out
    # recorded ？ kept: the groups follow their sub-procedures by themselves (as set leaves them)
    assert _statuses(tateyama, "childcare", "disaster-certificate", "moving") == [
        ("？", "一部"),
        ("？", "○"),
        ("？", "一部"),
    ]
    # export → import is a round trip: the next export's cells (一部, ○ …) are no change either
    again = _export(tateyama, tmp_path / "again.xlsx")
    before = _files(tateyama)
    code, out = _import(tateyama, again, tmp_path / "again2.xlsx")
    assert code == 0 and "一致 0 · 追加 0" in out and "拒否 0" in out, out
    assert _files(tateyama) == before


def test_sub_procedure_edits_in_csv(tateyama: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "csv"
    assert (
        invoke("export", "-f", "csv", "-o", str(out_dir), "--catalog", str(tateyama), "--lang", "en")[0] == 0
    )
    path = out_dir / "Sub-procedures.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    for row in rows:
        if row[3] in REVIEW_EDIT:
            row[5] = REVIEW_EDIT[row[3]]
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)
    code, out = invoke("import", str(out_dir), "--catalog", str(tateyama), "--lang", "en")
    assert code == 0 and "refused 0" in out, out
    assert [e for _, e in _statuses(tateyama, "childcare", "disaster-certificate", "moving")] == [
        "一部",
        "○",
        "一部",
    ]


def test_a_group_followed_by_its_recorded_mark_follows_an_edited_sub_procedure(tmp_path: Path) -> None:
    """Kamogawa: childcare recorded ○ with every sub-procedure ○; one becomes × on the 個別手続 sheet only."""
    root = copy_shipped(tmp_path / "k")
    book = _export(root, tmp_path / "k.xlsx")
    assert (book["手続"]["C19"].value, book["手続"]["K19"].value) == ("○", "○")
    _edit_subs(book, {"childcare-03": "×"})
    code, out = _import(root, book, tmp_path / "k1.xlsx")
    assert code == 0 and "拒否 0" in out, out
    assert _statuses(root, "childcare") == [
        ("一部", "一部")
    ]  # written as set writes it when a sub-procedure changes


def test_a_changed_group_cell_that_its_sub_procedures_allow_is_recorded(
    tateyama: Path, tmp_path: Path
) -> None:
    book = _export(tateyama, tmp_path / "s.xlsx")
    book["手続"]["C21"] = (
        "○"  # No.20: its one sub-procedure is ？, which may still be ○ (as set 20 --status ○)
    )
    code, out = _import(tateyama, book, tmp_path / "s21.xlsx")
    words = "".join(out.split())
    assert (
        code == 0
        and "手続21行:一致「被災者支援関係（罹災証明書発行申請）」→disaster-certificate:状況？→○" in words
    ), out
    assert _statuses(tateyama, "disaster-certificate") == [("○", "○")]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "ja",
            "○ は個別手続（× 1 / ？ 14 / 15）と矛盾します。手続シートの C19 を空欄にするか、個別手続の状況と合わせてください",
        ),
        (
            "en",
            "○ contradicts the sub-procedures (× 1 / ？ 14 / 15); leave cell C19 of sheet 手続 blank, or change the "
            "sub-procedures to agree",
        ),
    ],
    ids=["ja", "en"],
)
def test_a_changed_group_cell_its_sub_procedures_contradict_is_refused_with_the_way_out(
    tateyama: Path, tmp_path: Path, lang: str, said: str
) -> None:
    book = _export(tateyama, tmp_path / "s.xlsx")
    _edit_subs(book, {"childcare-01": "×"})
    book["手続"]["C19"] = "○"
    before = _files(tateyama)
    code, out = _import(tateyama, book, tmp_path / "x.xlsx", "--lang", lang)
    assert code == 1 and _files(tateyama) == before, out
    assert all(
        cell_len(line) <= 80 for line in out.splitlines() if str(tmp_path) not in line
    )  # a path: never split
    assert said.replace(" ", "") in out.replace("\n", "").replace(" ", ""), out  # wrapped at 80 columns
    assert "一\n" not in out  # 一部 is never split
    book["手続"]["C19"] = None  # the way out: a blank cell changes nothing, the sub-procedure goes in
    code, out = _import(tateyama, book, tmp_path / "x2.xlsx")
    assert code == 0, out
    assert _statuses(tateyama, "childcare") == [("？", "？")]


def test_a_question_mark_the_sub_procedures_settle_is_refused(tmp_path: Path) -> None:
    root = copy_shipped(tmp_path / "k")
    book = _export(root, tmp_path / "k.xlsx", "--lang", "en")
    book["Procedures"]["C19"] = "？"  # childcare's fifteen sub-procedures are all ○: it cannot show ？
    book["Procedures"]["K19"] = (
        None  # (beside the recorded ○ left as it was, a ？ says nothing: see D4's test)
    )
    code, out = _import(root, book, tmp_path / "k1.xlsx", "--lang", "en")
    flat = out.replace("\n", "").replace(" ", "")
    assert code == 1 and "Proceduresrow19columnC(Online):refused" in flat, out
    assert "thesub-procedures(○15/15)make○,not？;leavecellC19ofsheetProceduresblank" in flat, out


def test_a_city_tables_group_mark_is_checked_by_the_same_rule(tmp_path: Path) -> None:
    """The plan's four columns, no 記録上の状況: a group's mark its sub-procedures contradict was written (and check
    then failed with DX008, the group counted ？); it is refused, naming the cell where the table has it."""
    root = copy_shipped(tmp_path / "k")
    table = tmp_path / "plan.csv"
    table.write_text(
        "No.,手続の種類,備考,状況\n18,子育て関係（児童手当、保育施設利用等）,,一部\n", encoding="utf-8"
    )
    before = _files(root)
    code, out = invoke("import", str(table), "--catalog", str(root))
    flat = out.replace("\n", "").replace(" ", "")
    assert code == 1 and _files(root) == before, out
    assert (
        "plan2行D列（状況）:拒否" in flat
        and "一部は個別手続（○15/15）と矛盾します。plan.csvのD2を空欄に" in flat  # a CSV has no sheet (D14)
    )
    code, out = invoke("--lang", "en", "import", str(table), "--catalog", str(root))
    assert code == 1 and "leavecellD2ofplan.csvblank" in out.replace("\n", "").replace(" ", ""), out
    table.write_text(
        "No.,手続の種類,オンライン化,備考\n20,被災者支援関係（罹災証明書発行申請）,○,\n", encoding="utf-8"
    )
    tateyama = tmp_path / "tateyama"
    assert invoke("init", str(tateyama), "--name", "館山市")[0] == 0
    code, out = invoke("import", str(table), "--catalog", str(tateyama))
    assert code == 0 and "状況 ？ → ○" in out, out


def test_a_changed_recorded_status_its_sub_procedures_contradict_is_refused(tmp_path: Path) -> None:
    """記録上の状況 is a group cell too: × beside fifteen ○ sub-procedures was written (check then failed with DX008
    and the group, ○ before, counted ？); it is refused on its own column."""
    root = copy_shipped(tmp_path / "k")
    book = _export(root, tmp_path / "k.xlsx")
    book["手続"]["K19"] = "×"
    book["手続"]["C19"] = (
        None  # (beside the ○ left in C19, the row's two cells would disagree: refused as such)
    )
    before = _files(root)
    code, out = _import(root, book, tmp_path / "k1.xlsx")
    flat = out.replace("\n", "").replace(" ", "")
    assert code == 1 and _files(root) == before, out
    assert "手続19行K列（記録上の状況）:拒否" in flat, out
    assert "記録上の状況×は個別手続（○15/15）と矛盾します。手続シートのK19を空欄にするか" in flat, out
    _edit_subs(book, {"childcare-02": "×"})  # the sub-procedures made to agree: × 1 of 15, so 一部
    book["手続"]["K19"] = "一部"
    code, out = _import(root, book, tmp_path / "k2.xlsx")
    assert code == 0, out
    assert _statuses(root, "childcare") == [("一部", "一部")]


@pytest.mark.parametrize("form", ["xlsx", "csv"])
@pytest.mark.parametrize("edit", [{"C": "○"}, {"K": "○"}, {"C": "○", "K": "○"}], ids=["C", "K", "C+K"])
def test_importing_the_same_workbook_twice_changes_nothing_the_second_time(
    tateyama: Path, tmp_path: Path, form: str, edit: dict[str, str]
) -> None:
    """Review s8 D4: a group row's オンライン化 and 記録上の状況 are read together. Before, after the first import the
    stale cell of the pair (the ？ export wrote beside the one edited) read as a change, and every import of the same
    workbook flipped 介護関係 ○ → ？ → ○."""
    book = _export(tateyama, tmp_path / "s.xlsx")
    for column, mark in edit.items():
        book["手続"][f"{column}20"] = mark  # No.19 介護関係, whose sub-procedures are all ？
    if form == "xlsx":
        book.save(path := tmp_path / "edited.xlsx")
    else:
        path = tmp_path / "csv"
        assert invoke("export", "-f", "csv", "-o", str(path), "--catalog", str(tateyama))[0] == 0
        rows = [[c.value for c in row] for row in book["手続"].iter_rows()]
        with (path / "手続.csv").open("w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f, lineterminator="\r\n").writerows(["" if v is None else v for v in r] for r in rows)
    code, out = invoke("import", str(path), "--catalog", str(tateyama))
    assert code == 0 and "状況 ？ → ○" in out and "拒否 0" in out, out
    assert _statuses(tateyama, "nursing-care") == [("○", "○")]
    after_first = _files(tateyama)
    for _ in range(2):
        code, out = invoke("import", str(path), "--catalog", str(tateyama))
        assert (
            code == 0 and "一致 0 · 追加 0" in out and "拒否 0" in out and "→ nursing-care: 状況" not in out
        ), out
        assert _files(tateyama) == after_first


def test_a_groups_two_cells_that_disagree_are_refused_naming_both(tateyama: Path, tmp_path: Path) -> None:
    """Two known marks in one group row that differ (オンライン化 ○, 記録上の状況 ×) cannot both be taken."""
    book = _export(tateyama, tmp_path / "s.xlsx")
    book["手続"]["C20"], book["手続"]["K20"] = "○", "×"
    before = _files(tateyama)
    code, out = _import(tateyama, book, tmp_path / "e.xlsx")
    words = "".join(out.split())
    assert code == 1 and _files(tateyama) == before, out
    assert "手続20行K列（記録上の状況）:拒否" in words, out
    assert (
        "オンライン化○と記録上の状況×が合いません。手続シートのC20とK20のどちらかを空欄にするか" in words
    ), out
