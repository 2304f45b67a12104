"""`dxready export`: xlsx written by XlsxWriter and read back here by openpyxl (a second library); CSV per sheet."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from dxready.cli import app
from dxready.commands.export import csv_text, display_width
from tests.helpers.catalogs import SHIPPED, write_example

runner = CliRunner()

FORMULAS = [
    '=HYPERLINK("http://example.com/x","クリック")',
    "+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "＝1+1",
    "'=already quoted",
]


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def _rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(book[sheet].iter_rows(values_only=True))
    finally:
        book.close()


def test_xlsx_of_the_shipped_catalogue(tmp_path: Path) -> None:
    out = tmp_path / "kamogawa.xlsx"
    code, stdout, _ = invoke("export", "-o", str(out), "--catalog", str(SHIPPED))
    assert code == 0 and "手続 21" in stdout
    book = openpyxl.load_workbook(out)  # full mode: styles, widths and panes are visible
    assert book.sheetnames == ["手続", "個別手続", "件数", "システム", "工程表", "概況", "基本情報"]
    ws = book["手続"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["No.", "手続の種類", "オンライン化", "備考"]
    assert header[9] == "ID" and header[-1] == "推定"  # the remaining fields at the right end
    assert ws.freeze_panes == "A2"
    # The plan's table, row for row (No. 2 and 18 as examples), marks centred.
    assert [c.value for c in ws[3]][:3] == [2, "文化・スポーツ施設の利用予約", "一部"]
    assert [c.value for c in ws[19]][:4] == [18, "子育て関係（児童手当、保育施設利用等）", "○", "15 手続"]
    assert ws["C2"].alignment.horizontal == "center"
    # Widths fitted: full-width text counts double (the longest name is 21 full-width characters).
    longest = max(display_width(str(c.value)) for c in ws["B"] if c.value)
    assert ws.column_dimensions["B"].width == pytest.approx(longest + 2, abs=1)
    assert ws.column_dimensions["A"].width < ws.column_dimensions["B"].width
    subs = book["個別手続"]
    assert subs.max_row == 1 + 28
    assert book["システム"].max_row == 1 + 19
    assert book["工程表"].max_row == 1 + 24
    summary = {r[0]: r[1] for r in _rows(out, "概況")[1:]}
    assert summary["オンライン化率（○）"] == pytest.approx(0.529)  # complete: a point figure, a number
    assert summary["対象手続"] == 17


def test_the_summary_sheet_writes_numbers_as_numbers(tmp_path: Path) -> None:
    """The review found every 概況 value a text cell: counts are numbers (#,##0), a definite rate a percentage
    (52.9% shown, 0.529 kept); a range with its coverage and a level span stay text; CSV shows what it showed."""
    out = tmp_path / "kamogawa.xlsx"
    assert invoke("export", "-o", str(out), "--catalog", str(SHIPPED))[0] == 0
    ws = openpyxl.load_workbook(out)["概況"]
    cells = {row[0].value: row[1] for row in ws.iter_rows(min_row=2)}
    for item in (
        "対象手続",
        "○ オンライン化済",
        "— 該当なし（率から除外）",
        "レベル 0 未オンライン（確定分）",
    ):
        assert cells[item].data_type == "n" and isinstance(cells[item].value, int), item
        assert cells[item].number_format == "#,##0"
    rate = cells["オンライン化率（○＋一部）"]
    assert rate.data_type == "n" and rate.value == pytest.approx(0.647) and rate.number_format == "0.0%"
    assert cells["レベル 未確定"].data_type == "s" and cells["レベル 未確定"].value == "9（2–4）"
    csv_dir = tmp_path / "csv"
    assert invoke("export", "-f", "csv", "-o", str(csv_dir), "--catalog", str(SHIPPED))[0] == 0
    shown = dict(csv.reader(io.StringIO((csv_dir / "概況.csv").read_text(encoding="utf-8-sig"))))
    assert (shown["対象手続"], shown["オンライン化率（○＋一部）"], shown["レベル 未確定"]) == (
        "17",
        "64.7%",
        "9（2–4）",
    )


def test_csv_one_file_per_sheet_bom_crlf_english(tmp_path: Path) -> None:
    out = tmp_path / "csv"
    code, _, _ = invoke("export", "-f", "csv", "-o", str(out), "--catalog", str(SHIPPED), "--lang", "en")
    assert code == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        f"{n}.csv"
        for n in ("Procedures", "Sub-procedures", "Counts", "Systems", "Roadmap", "Summary", "Catalogue")
    )
    data = (out / "Procedures.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    # Rows end in CRLF; a bare LF is only a line break inside a quoted cell (a list, one item a line).
    assert data.count(b"\r\n") == len(rows) == 22
    assert data.replace(b"\r\n", b"").count(b"\n") == sum(c.count("\n") for r in rows for c in r)
    assert rows[0][:4] == ["No.", "Procedure", "Online", "Note"]
    assert rows[1][:3] == ["1", "図書館の図書貸出予約等", "○"]  # names stay as written


def test_summary_of_an_incomplete_catalogue_shows_bounds_not_a_bare_rate(tmp_path: Path) -> None:
    city = tmp_path / "city"
    assert invoke("init", str(city), "--name", "呉市", "--code", "342025")[0] == 0
    assert invoke("set", "9", "--status", "○", "--catalog", str(city))[0] == 0
    out = tmp_path / "o.xlsx"
    assert invoke("export", "-o", str(out), "--catalog", str(city))[0] == 0
    summary = {r[0]: r[1] for r in _rows(out, "概況")[1:]}
    assert summary["オンライン化率（○）"] == "4.8–100.0%（21件中1件確認）"
    assert not any(v == "100.0%" or isinstance(v, float) for v in summary.values())
    assert summary["？ 未確認"] == 20


def _formula_catalogue(tmp_path: Path) -> Path:
    procedures = "\n".join(
        f"""  - id: p{i}
    name: {_json(name)}
    status: offline
    note: {_json(name)}
    sub_procedures:
      - {{id: s{i}, name: {_json(name)}, status: offline}}
    counts:
      - {{fiscal_year: 2022, total: 10, online: 1}}"""
        for i, name in enumerate(FORMULAS)
    )
    example = f"procedures:\n{procedures}\n"
    root, _ = write_example(example, tmp_path / "formulas")
    return root


def _json(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def test_formula_looking_names_are_inert_in_xlsx(tmp_path: Path) -> None:
    root = _formula_catalogue(tmp_path)
    out = tmp_path / "f.xlsx"
    code, _, err = invoke("export", "-o", str(out), "--catalog", str(root))
    assert code == 0, err
    with zipfile.ZipFile(out) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in zf.read(name) and b"<f " not in zf.read(name)  # no formula anywhere
    book = openpyxl.load_workbook(out)
    for sheet, column in (("手続", "B"), ("手続", "D"), ("個別手続", "E"), ("件数", "D")):
        cells = [c for c in book[sheet][column][1:] if c.value is not None]
        assert [c.value for c in cells] == FORMULAS, sheet
        for c in cells:
            assert c.data_type == "s"
            if c.value[0] in "=+-@\t＝":
                assert c.quotePrefix, (sheet, c.coordinate)


def test_formula_looking_names_are_inert_in_csv(tmp_path: Path) -> None:
    root = _formula_catalogue(tmp_path)
    out = tmp_path / "csv"
    assert invoke("export", "-f", "csv", "-o", str(out), "--catalog", str(root))[0] == 0
    for path in out.iterdir():
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")):
            for cell in row:
                assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"), (
                    path.name,
                    cell,
                )
    rows = list(csv.reader(io.StringIO((out / "手続.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert [r[1] for r in rows[1:]] == ["'" + n for n in FORMULAS]


def test_csv_text_neutralises_and_keeps_numbers() -> None:
    assert csv_text("=1+1") == "'=1+1"
    assert csv_text("'quoted") == "''quoted"
    assert csv_text("図書館") == "図書館"
    assert csv_text(77.8) == "77.8"
    assert csv_text(12) == "12"
    assert csv_text(None) == ""


def test_display_width_counts_full_width_double() -> None:
    assert display_width("abc") == 3
    assert display_width("図書館") == 6
    assert display_width("ＡＢ") == 4


def test_bad_output_is_exit_2(tmp_path: Path) -> None:
    code, _, err = invoke("export", "-o", str(tmp_path / "missing" / "x.xlsx"), "--catalog", str(SHIPPED))
    assert code == 2 and "ディレクトリがありません" in err.replace("\n    ", "")
    (tmp_path / "file").write_text("x")
    code, _, err = invoke("export", "-f", "csv", "-o", str(tmp_path / "file"), "--catalog", str(SHIPPED))
    assert code == 2 and "ディレクトリではありません" in err
    code, _, err = invoke("export", "-o", str(tmp_path), "--catalog", str(SHIPPED))
    assert code == 2


def test_an_existing_file_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "o.xlsx"
    out.write_bytes(b"old")
    assert invoke("export", "-o", str(out), "--catalog", str(SHIPPED))[0] == 0
    assert zipfile.is_zipfile(out)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_start_up_does_not_import_the_spreadsheet_libraries() -> None:
    code = (
        "import sys, dxready.cli; "
        "assert 'xlsxwriter' not in sys.modules and 'openpyxl' not in sys.modules, sorted(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_failed_write_leaves_no_file_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dxready import fsio

    def fail(path: Path, data: bytes) -> None:
        from dxready.findings import Msg

        raise fsio.WriteError(Msg("ディスクの空きがありません", "no space left"))

    monkeypatch.setattr(fsio, "atomic_write", fail)
    out = tmp_path / "new.xlsx"
    code, _, err = invoke("export", "-o", str(out), "--catalog", str(SHIPPED))
    assert code == 2 and "ディスクの空きがありません" in err
    assert list(tmp_path.iterdir()) == []  # the empty placeholder is removed again


def test_enum_cells_are_in_the_sheet_s_language(tmp_path: Path) -> None:
    """A Japanese sheet reads 計画立案 / 標準 / 手入力 / 実施中 (the words set takes), an English one the values; both import
    back as no change."""
    from typer.testing import CliRunner

    from dxready.cli import app

    runner = CliRunner()
    city = str(tmp_path / "t")
    for args in (
        ["init", city, "--name", "館山市"],
        [
            "add",
            "system",
            "juki",
            "--name",
            "住民記録",
            "--tier",
            "基幹系",
            "--phase",
            "planning",
            "-c",
            city,
        ],
        ["set", "system", "juki", "--data-input", "manual", "-c", city],
        [
            "add",
            "roadmap",
            "r1",
            "--area",
            "1",
            "--title",
            "x",
            "--start",
            "R7",
            "--target",
            "R8",
            "-c",
            city,
        ],
        ["set", "roadmap", "r1", "--state", "in_progress", "-c", city],
    ):
        assert runner.invoke(app, args).exit_code == 0, args
    for lang, words in (
        ("ja", ("計画立案", "標準", "手入力", "実施中")),
        ("en", ("planning", "standard", "manual", "in_progress")),
    ):
        out = tmp_path / f"csv-{lang}"
        assert (
            runner.invoke(app, ["export", "-f", "csv", "-o", str(out), "-c", city, "--lang", lang]).exit_code
            == 0
        )
        systems = next(out.glob("*シス*.csv" if lang == "ja" else "*ystem*.csv")).read_text(
            encoding="utf-8-sig"
        )
        roadmap = next(out.glob("*工程*.csv" if lang == "ja" else "*oadmap*.csv")).read_text(
            encoding="utf-8-sig"
        )
        assert all(w in systems + roadmap for w in words), (lang, systems, roadmap)
        before = {p.name: p.read_bytes() for p in Path(city).glob("*.yaml")}
        imported = runner.invoke(app, ["import", str(out), "-c", city])
        assert imported.exit_code == 0, imported.stdout + imported.stderr
        assert {p.name: p.read_bytes() for p in Path(city).glob("*.yaml")} == before


@pytest.mark.parametrize(
    ("args", "name", "said"),
    [
        ((), "y.csv", "-f csv"),  # the default format is xlsx: a workbook named .csv opens as garbage
        (("-f", "csv"), "y.xlsx", "ディレクトリ"),  # CSV is a directory of one file a sheet
        ((), "y.pdf", ".xlsx"),
    ],
)
def test_an_output_name_that_says_another_format_is_refused(
    tmp_path: Path, args: tuple[str, ...], name: str, said: str
) -> None:
    out = tmp_path / name
    code, _, err = invoke("export", *args, "-o", str(out), "--catalog", str(SHIPPED))
    assert code == 2 and err.startswith("dxready: --output: ") and said in " ".join(err.split())
    assert not out.exists()
    assert (
        invoke("export", "-o", str(tmp_path / "book"), "--catalog", str(SHIPPED))[0] == 0
    )  # no ending: as given


def test_a_contradicted_group_is_unknown_in_the_level_column_as_every_unknown_row(tmp_path: Path) -> None:
    """Review F7: a group whose own ○ its sub-procedures contradict read レベル 「0–4（未確定）」 while the other ？ rows
    read 「？ 未確認」: the same state, one wording (the terminal tables')."""
    root = tmp_path / "tateyama"
    assert invoke("init", str(root), "--name", "館山市")[0] == 0
    assert invoke("set", "18", "--status", "○", "-c", str(root))[0] == 0
    assert invoke("set", "18/2", "--status", "×", "-c", str(root))[0] == 0
    book = tmp_path / "t.xlsx"
    assert invoke("export", "-f", "xlsx", "-o", str(book), "-c", str(root))[0] == 0
    rows = {row[0]: row for row in _rows(book, "手続")}
    header = next(row for row in _rows(book, "手続") if row[0] == "No.")
    online, level = header.index("オンライン化"), header.index("レベル")
    for no in (18, 19, 20, 21):
        assert (rows[no][online], rows[no][level]) == ("？", "？ 未確認"), rows[no]
