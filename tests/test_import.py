"""`dxready import`: spreadsheets built here by XlsxWriter and by openpyxl (the tool reads with openpyxl), and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from typer.testing import CliRunner

from dxready.catalog.load import load_catalog
from dxready.cli import app
from dxready.commands import import_
from dxready.commands.transfer import read
from tests.helpers.catalogs import SHIPPED, copy_shipped

runner = CliRunner()

# The plan's table as a city types it: 〇 and ― instead of ○ and —, a blank, names written a little differently.
CITY_TABLE: list[tuple[Any, str, str | None, str | None]] = [
    (1, "図書館の図書の貸出予約等", "〇", None),
    (2, "文化・スポーツ施設等の利用予約等", "一部", None),
    (3, "研修・講習・各種イベント等の申込", "×", None),
    (4, "地方税申告手続（ｅＬＴＡＸ）", "◯", None),
    (5, "水道使用開始届等", "✕", None),
    (6, "港湾関係手続", "―", None),
    (7, "道路占用許可申請等", "×", None),
    (8, "建築確認", "－", None),
    (9, "粗大ごみ収集の申込", None, None),
    (10, "産業廃棄物の処理、運搬の実績報告", "—", None),
    (11, "犬の登録申請・死亡届", "×", None),
    (12, "感染症調査報告", "―", None),
    (13, "職員採用試験申込", "〇", None),
    (14, "入札参加資格審査申請等", "〇", None),
    (15, "入札", "〇", None),
    (16, "衆議院・参議院選挙の不在者投票用紙等の請求", "×", None),
    (17, "公文書開示請求", "×", None),
    (18, "子育て関係（児童手当、保育施設利用等）", "〇", "15手続"),
    (19, "介護関係（介護認定申請等）", "〇", "11手続"),
    (20, "被災者支援関係（罹災証明書発行申請）", "〇", "1手続"),
    (21, "転出・転入手続関係", "〇", "1手続"),
]
EXPECTED = {
    "library-reservation": "online",
    "facility-reservation": "partial",
    "event-application": "offline",
    "eltax-filing": "online",
    "water-service-start": "offline",
    "port-procedures": "not_applicable",
    "road-occupancy": "offline",
    "building-confirmation": "not_applicable",
    "bulky-waste": "unknown",  # blank: nothing said, nothing changed
    "industrial-waste-report": "not_applicable",
    "dog-registration": "offline",
    "infection-report": "not_applicable",
    "staff-recruitment": "online",
    "bid-qualification": "online",
    "e-bidding": "online",
    "absentee-ballot-request": "offline",
    "disclosure-request": "offline",
    "childcare": "online",
    "nursing-care": "online",
    "disaster-certificate": "online",
    "moving": "online",
}
# 呉市 令和4年度 (national-context.md [V]) as a long table.
KURE_COUNTS = [
    ("図書館の図書貸出予約等", "令和4年度", "196,759", "152,983", "77.8%"),
    ("水道使用開始届等", "令和4年度", "29926", "1716", "5.7"),
    ("入札", "R4", "316", "316", "100.0%"),
]


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows are checked whole here; the report's fit to 80 columns is tested on its own (test_the_report_fits_80_
    columns, test_the_readme_worked_example)."""
    monkeypatch.setenv("COLUMNS", "1000")


@pytest.fixture
def kure(tmp_path: Path) -> Path:
    assert invoke("init", str(tmp_path / "kure"), "--name", "呉市", "--code", "342025")[0] == 0
    return tmp_path / "kure"


def statuses(root: Path) -> dict[str, str]:
    return {p.id: p.status.value for p in load_catalog(root).procedures}


def xlsxwriter_table(
    path: Path, rows: Sequence[Sequence[Any]], *, title: str | None, at: tuple[int, int]
) -> None:
    """A sheet as a city makes it, written by XlsxWriter: a merged title, a blank row, the table at ``at``."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("オンライン化状況")
    r0, c0 = at
    if title:
        ws.merge_range(r0 - 2, c0, r0 - 2, c0 + 3, title)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r0 + r, c0 + c, value)
    book.close()


def openpyxl_table(
    path: Path, rows: Sequence[Sequence[Any]], *, title: str | None, at: tuple[int, int]
) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Sheet1"
    r0, c0 = at[0] + 1, at[1] + 1
    if title:
        ws.cell(r0 - 2, c0, title)
        ws.merge_cells(start_row=r0 - 2, start_column=c0, end_row=r0 - 2, end_column=c0 + 3)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                ws.cell(r0 + r, c0 + c, value)
    book.save(path)


PLAN_HEADER = ("No.", "手続の種類", "オンライン化", "備考")


@pytest.mark.parametrize("writer", [xlsxwriter_table, openpyxl_table])
def test_the_plans_four_column_table_as_a_city_types_it(kure: Path, tmp_path: Path, writer: Any) -> None:
    path = tmp_path / "city.xlsx"
    rows = [PLAN_HEADER, *CITY_TABLE, (None, "※網掛けは該当する事務がないもの", None, None)]
    writer(path, rows, title="標準事務のオンライン化の状況（令和5年12月末現在）", at=(3, 1))
    before = (kure / "procedures.yaml").read_text(encoding="utf-8")
    code, out, err = invoke("import", str(path), "--catalog", str(kure))
    assert code == 0, out + err
    assert statuses(kure) == EXPECTED
    # The choice of a similar name is shown; a spelling variant is named as one.
    assert "「図書館の図書の貸出予約等」 → library-reservation: 類似 → No.1 図書館の図書貸出予約等" in out
    assert (
        "「文化・スポーツ施設等の利用予約等」 → facility-reservation: 表記ゆれ" not in out
    )  # same as the registry
    assert "読み飛ばし" in out and "注記の行" in out
    after = (kure / "procedures.yaml").read_text(encoding="utf-8")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert all(line in after.splitlines() for line in comments)  # every comment kept
    catalog = load_catalog(kure)
    assert catalog.procedure("childcare").note == "15 手続"  # 「15手続」 says the same: left as it was
    # Importing the same file again changes nothing.
    code, out, _ = invoke("import", str(path), "--catalog", str(kure))
    assert code == 0 and "変更はありません" in out
    assert (kure / "procedures.yaml").read_text(encoding="utf-8") == after


def test_kamogawas_own_name_variant_maps_to_no_2(tmp_path: Path) -> None:
    root = copy_shipped(tmp_path / "k")
    path = tmp_path / "t.csv"
    path.write_text(
        "No.,手続の種類,オンライン化,備考\n,文化・スポーツ施設等の利用予約等,〇,\n", encoding="utf-8"
    )
    code, out, _ = invoke("import", str(path), "--catalog", str(root), "--dry-run")
    assert code == 0
    assert "表記ゆれ → No.2 文化・スポーツ施設の利用予約 (facility-reservation)" in out
    assert "状況 一部 → ○" in out and "--dry-run: 何も書き込んでいません" in out
    assert (root / "procedures.yaml").read_bytes() == (SHIPPED / "procedures.yaml").read_bytes()


def test_counts_table_imports_with_rates_to_one_decimal(kure: Path, tmp_path: Path) -> None:
    path = tmp_path / "kure-counts.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("件数")
    ws.write_row(0, 0, ["オンライン利用状況（令和4年度）"])
    ws.write_row(2, 0, ["手続名", "年度", "総件数", "オンライン件数", "割合"])
    pct = book.add_format({"num_format": "0.0%"})
    for r, (name, year, total, online, rate) in enumerate(KURE_COUNTS, start=3):
        ws.write_string(r, 0, name)
        ws.write_string(r, 1, year)
        ws.write_number(r, 2, int(total.replace(",", "")))
        ws.write_number(r, 3, int(online.replace(",", "")))
        ws.write_number(
            r, 4, float(rate.rstrip("%")) / 100, pct
        )  # a percent-formatted cell: 0.778 shown 77.8%
    book.close()
    code, out, err = invoke("import", str(path), "--catalog", str(kure))
    assert code == 0, out + err
    catalog = load_catalog(kure)
    rates = {p.id: p.latest_counts().usage_rate for p in catalog.procedures if p.counts}
    assert rates == {"library-reservation": 77.8, "water-service-start": 5.7, "e-bidding": 100.0}


def test_counts_csv_in_shift_jis_with_a_wrong_rate_is_refused_whole(kure: Path, tmp_path: Path) -> None:
    path = tmp_path / "counts.csv"
    rows = [
        ("手続名", "年度", "総件数", "オンライン件数", "割合"),
        *KURE_COUNTS,
        ("入札", "令和3年度", "300", "150", "60.0%"),
    ]
    path.write_bytes("\r\n".join(",".join(f'"{c}"' for c in row) for row in rows).encode("cp932"))
    before = (kure / "procedures.yaml").read_bytes()
    code, out, _ = invoke("import", str(path), "--catalog", str(kure))
    assert code == 1
    assert "counts 5行 E列（割合）: 拒否" in out and "60.0% が 150/300 = 50.0% と合いません" in out
    assert "何も書き込みませんでした" in out
    assert (kure / "procedures.yaml").read_bytes() == before  # all or nothing


def test_unmatched_names_are_refused_or_added(kure: Path, tmp_path: Path) -> None:
    path = tmp_path / "own.csv"
    path.write_text(
        "手続名,年度,総件数,オンライン件数\n住民票の写しの交付請求,令和4年度,50000,1200\n入札,令和4年度,316,316\n",
        encoding="utf-8-sig",
    )
    before = (kure / "procedures.yaml").read_bytes()
    code, out, _ = invoke("import", str(path), "--catalog", str(kure))
    assert (
        code == 1
        and "own 2行 A列（手続名）: 拒否 「住民票の写しの交付請求」" in out
        and "--unmatched add" in out
    )
    assert (kure / "procedures.yaml").read_bytes() == before
    code, out, _ = invoke("import", str(path), "--catalog", str(kure), "--unmatched", "add")
    assert code == 0, out
    assert "own 2行: 追加 「住民票の写しの交付請求」 → own-001" in out
    own = load_catalog(kure).procedure("own-001")
    assert own.standard_no is None and own.status.value == "unknown"
    assert own.latest_counts().usage_rate == 2.4
    assert invoke("check", "--catalog", str(kure))[0] == 0


def test_a_bad_mark_names_sheet_row_and_column(kure: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    openpyxl_table(path, [PLAN_HEADER, (1, "図書館の図書貸出予約等", "まる", None)], title=None, at=(0, 0))
    before = (kure / "procedures.yaml").read_bytes()
    code, out, _ = invoke("import", str(path), "--catalog", str(kure))
    assert code == 1
    assert "Sheet1 2行 C列（オンライン化）: 拒否" in out and "'まる'" in out
    assert (kure / "procedures.yaml").read_bytes() == before


def test_two_rows_that_contradict_each_other_are_refused(kure: Path, tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text(
        "No.,手続の種類,オンライン化\n9,粗大ごみ収集の申込,○\n9,粗大ごみ収集の申込,×\n", encoding="utf-8"
    )
    code, out, _ = invoke("import", str(path), "--catalog", str(kure))
    assert (
        code == 1
        and "twice 3行 C列（オンライン化）: 拒否" in out
        and "twice 2行 と矛盾します（○ ≠ ×）" in out
    )
    code, out, _ = invoke("import", str(path), "--catalog", str(kure), "--lang", "en")
    assert "twice row 3 column C (オンライン化): refused" in out and "contradicts twice row 2 (○ ≠ ×)" in out


def test_a_number_that_contradicts_the_name_is_refused(kure: Path, tmp_path: Path) -> None:
    path = tmp_path / "no.csv"
    path.write_text("No.,手続の種類,オンライン化\n5,粗大ごみ収集の申込,○\n", encoding="utf-8")
    code, out, _ = invoke("import", str(path), "--catalog", str(kure))
    assert code == 1 and "No.5 ですが、名前は No.9 粗大ごみ収集の申込 (bulky-waste) のものです" in out


# --------------------------------------------------------------------------------------------------- round trips


def _set_up(city: Path) -> None:
    for args in (
        ("1", "--status", "○", "--channel", "dedicated:図書館システム", "--counts", "2022:196759:152983"),
        ("1", "--counts", "2021:150000:100000", "--verified-on", "2024-03-31"),
        ("2", "--status", "一部", "--note", "体育館のみ"),
        ("6", "--status", "—"),
        ("9", "--status", "×"),
        ("18/1", "--status", "○", "--channel", "mynaportal"),
        ("18/2", "--status", "×"),
    ):
        code, out, err = invoke("set", *args, "--catalog", str(city))
        assert code == 0, out + err


def _procedures(root: Path) -> list[dict[str, Any]]:
    """Every procedure as data; count entries by year (their order in the file carries no meaning)."""
    dumped = [p.model_dump(mode="json") for p in load_catalog(root).procedures]
    for p in dumped:
        p["counts"] = sorted(p["counts"], key=lambda c: c["fiscal_year"])
    return dumped


@pytest.mark.parametrize(("fmt", "lang"), [("xlsx", "ja"), ("csv", "ja"), ("xlsx", "en"), ("csv", "en")])
def test_export_then_import_on_a_fresh_init_reproduces_the_catalogue(
    tmp_path: Path, fmt: str, lang: str
) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for city in (a, b):
        assert invoke("init", str(city), "--name", "呉市", "--code", "342025")[0] == 0
    _set_up(a)
    out = tmp_path / ("a.xlsx" if fmt == "xlsx" else "a-csv")
    assert invoke("export", "-f", fmt, "-o", str(out), "--catalog", str(a), "--lang", lang)[0] == 0
    code, report, err = invoke("import", str(out), "--catalog", str(b), "--lang", lang)
    assert code == 0, report + err
    assert _procedures(b) == _procedures(a)
    # And back again: nothing left to change.
    code, report, _ = invoke("import", str(out), "--catalog", str(b))
    assert code == 0 and "変更はありません" in report
    assert "一致 0 · 追加 0" in report


def test_export_then_import_on_kamogawas_catalogue(tmp_path: Path) -> None:
    root = copy_shipped(tmp_path / "k")
    out = tmp_path / "k.xlsx"
    assert invoke("export", "-o", str(out), "--catalog", str(root))[0] == 0
    code, report, _ = invoke("import", str(out), "--catalog", str(root))
    assert code == 0 and "変更はありません" in report and "拒否" not in report.split("\n", 2)[2]
    for name in ("procedures", "systems", "roadmap"):
        assert (root / f"{name}.yaml").read_bytes() == (SHIPPED / f"{name}.yaml").read_bytes()
    # Into a fresh catalogue of the same city: every status, note, channel and sub-procedure status comes across.
    fresh = tmp_path / "fresh"
    assert invoke("init", str(fresh), "--name", "鴨川市", "--code", "122238")[0] == 0
    code, report, _ = invoke("import", str(out), "--catalog", str(fresh))
    assert code == 0, report
    assert (
        "システム 3行: 追加 「戸籍情報システム」 → koseki" in report
    )  # systems and the roadmap come across too

    def carried(root: Path) -> list[Any]:
        return [
            (
                p.id,
                p.effective_status,  # a group the plan marks ○ follows its ○ sub-procedures in the new catalogue
                p.note,
                p.verified_on,
                [(c.kind, c.name, c.since, c.inferred) for c in p.channels],
                [(s.id, s.status) for s in p.sub_procedures],
            )
            for p in load_catalog(root).procedures
        ]

    assert carried(fresh) == carried(SHIPPED)


def test_formula_names_added_from_csv_are_inert_when_exported(kure: Path, tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text(
        '手続名,年度,総件数,オンライン件数\n"=HYPERLINK(""http://x"",""y"")",2022,10,1\n"@SUM(A1)",2022,5,5\n',
        encoding="utf-8",
    )
    code, out, _ = invoke("import", str(path), "--catalog", str(kure), "--unmatched", "add")
    assert code == 0, out
    names = [p.name for p in load_catalog(kure).procedures if p.standard_no is None]
    assert names == ['=HYPERLINK("http://x","y")', "@SUM(A1)"]
    xlsx = tmp_path / "o.xlsx"
    assert invoke("export", "-o", str(xlsx), "--catalog", str(kure))[0] == 0
    book = openpyxl.load_workbook(xlsx)
    cells = [c for c in book["手続"]["B"] if c.value in names]
    assert len(cells) == 2 and all(c.data_type == "s" and c.quotePrefix for c in cells)
    # …and read back by import as the same names (unchanged), not as formulas.
    code, out, _ = invoke("import", str(xlsx), "--catalog", str(kure))
    assert code == 0 and "変更はありません" in out


# --------------------------------------------------------------------------------------------------- bad files


def _bad(kure: Path, path: Path, *words: str) -> None:
    before = (kure / "procedures.yaml").read_bytes()
    code, out, err = invoke("import", str(path), "--catalog", str(kure))
    assert code == 2, out + err
    for word in words:
        assert word in err
    assert (kure / "procedures.yaml").read_bytes() == before


def test_bad_files_exit_2_with_a_message(kure: Path, tmp_path: Path) -> None:
    text = tmp_path / "not.xlsx"
    text.write_text("hello", encoding="utf-8")
    _bad(
        kure,
        text,
        f"{text}: DX001 Excel のブック（.xlsx）ではありません: 中身はテキストです",
        "上に示したとおり",
    )
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 20)
    _bad(kure, broken, "壊れた zip")
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    _bad(kure, xls, ".xls", ".xlsx で保存し直して")
    other_zip = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other_zip, "w") as zf:
        zf.writestr("hello.txt", "hi")
    _bad(kure, other_zip, "Excel のブック（xlsx）ではありません")
    formula = tmp_path / "formula.xlsx"
    openpyxl_table(
        formula, [PLAN_HEADER, (1, "図書館の図書貸出予約等", '=IF(1,"○","×")', None)], title=None, at=(0, 0)
    )
    _bad(kure, formula, "数式", "Sheet1!C2")
    nothing = tmp_path / "nothing.csv"
    nothing.write_text("a,b\n1,2\n", encoding="utf-8")
    _bad(kure, nothing, "読み込める表がありません")
    _bad(kure, tmp_path / "missing.xlsx", "ファイルがありません")


def test_huge_files_are_refused_before_reading(
    kure: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"0" * 3_000_000)
    assert bomb.stat().st_size < 100_000
    monkeypatch.setattr(read, "MAX_UNZIPPED", 1_000_000)
    _bad(kure, bomb, "展開後のサイズが大きすぎます")
    monkeypatch.setattr(read, "MAX_BYTES", 10)
    big = tmp_path / "big.csv"
    big.write_text("No.,手続の種類,オンライン化\n" * 3, encoding="utf-8")
    _bad(kure, big, "ファイルが大きすぎます")


def test_the_embedded_catalogue_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "t.csv"
    path.write_text("No.,手続の種類,オンライン化\n9,粗大ごみ収集の申込,○\n", encoding="utf-8")
    code, _, err = invoke("import", str(path))
    assert code == 2 and "同梱のカタログ" in err
    # The command's target, not a catalogue problem: no rule's code (DX001 is unreadable YAML), for set too (D16).
    assert err.startswith("dxready: --catalog: ") and "DX001" not in err
    code, _, err = invoke("set", "9", "--status", "○")
    assert (
        code == 2
        and err.startswith("dxready: --catalog: ")
        and "DX001" not in err
        and "編集できません" in err
    )
    code, out, _ = invoke("import", str(path), "--dry-run", "--lang", "en")
    assert code == 0 and "status × → ○" in out and "--dry-run: nothing was written" in out
    # The dry run names the catalogue it tried as the shipped one, not by where it is installed (review s8 F16).
    code, out, _ = invoke("import", str(path), "--dry-run")
    head = "".join(out.split("一致")[0].split())
    assert (
        code == 0
        and "同梱のカタログ（鴨川市）" in head
        and "--catalogDIR" in head
        and "site-packages" not in head
    )
    assert "dxreadydiff:同梱カタログ→" in "".join(out.split())


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_report_fits_80_columns(
    kure: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """Every line of the report within 80 cells (a long row continues indented); wrapping changes only spaces."""
    from rich.cells import cell_len

    monkeypatch.chdir(tmp_path)  # short paths: a path longer than a line is kept whole
    with Path("city.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([PLAN_HEADER, *CITY_TABLE])
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = invoke("import", "city.csv", "--catalog", "kure", "--dry-run", "--lang", lang, "-v")
    assert code == 0
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    assert any(line.startswith("    ") for line in out.splitlines())  # some row did need a second line
    monkeypatch.setenv("COLUMNS", "1000")
    _, wide, _ = invoke("import", "city.csv", "--catalog", "kure", "--dry-run", "--lang", lang, "-v")
    assert len([line for line in wide.splitlines() if line.startswith("  city ")]) == len(CITY_TABLE)
    report = out.split("dxready diff:")[0]  # the diff below is render/diff's, wrapped by its own rule
    assert "".join(report.split()) == "".join(wide.split("dxready diff:")[0].split())


def test_dry_run_prints_the_diff_and_writes_nothing(kure: Path, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("No.,手続の種類,オンライン化\n9,粗大ごみ収集の申込,○\n", encoding="utf-8")
    before = (kure / "procedures.yaml").read_bytes()
    code, out, _ = invoke("import", str(path), "--catalog", str(kure), "--dry-run")
    assert code == 0 and "dxready diff:" in out and "？ → ○" in out
    assert (kure / "procedures.yaml").read_bytes() == before


def test_dry_runs_diff_names_its_sides_in_words(
    kure: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review F6: the diff's head read 「. + t.csv」; it is the catalogue with the file read in."""
    (tmp_path / "t.csv").write_text("No.,手続の種類,オンライン化\n9,粗大ごみ収集の申込,○\n", encoding="utf-8")
    monkeypatch.chdir(kure)
    for lang, said in (
        ("ja", "dxready diff: kure（このディレクトリ） → t.csv を読み込んだ後"),
        ("en", "dxready diff: kure (this directory) → after importing t.csv"),
    ):
        code, out, _ = invoke("import", str(tmp_path / "t.csv"), "--dry-run", "--lang", lang)
        assert code == 0 and said in out, out
    code, out, _ = invoke("import", str(tmp_path / "t.csv"), "--dry-run", "--format", "json")
    assert code == 0 and json.loads(out)["diff"]["head"] == "import:t.csv"


def test_csv_export_directory_round_trips_a_leading_apostrophe(tmp_path: Path) -> None:
    assert read._csv_value("'=1+1") == "=1+1"
    assert read._csv_value("''x") == "'x"
    assert read._csv_value("") is None
    rows = list(csv.reader(io.StringIO("a,b\r\n", newline="")))
    assert rows == [["a", "b"]]


@pytest.mark.parametrize(
    ("text", "status"),
    [("〇", "online"), ("◯", "online"), ("✕", "offline"), ("一部", "partial"), ("―", "not_applicable"),
     ("－", "not_applicable"), ("—", "not_applicable"), ("未実施", "offline"), ("適用除外", "not_applicable")],
)  # fmt: skip
def test_marks(text: str, status: str) -> None:
    parsed = import_.parse_mark(text)
    assert parsed is not None and parsed.value == status
    assert import_.parse_mark(None) is None and import_.parse_mark("  ") is None


def test_the_readme_worked_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's import section runs as written and prints what it shows."""
    import re
    import shlex

    from tests.helpers.catalogs import REPO

    monkeypatch.setenv("COLUMNS", "80")  # as the README shows it
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Spreadsheets: import and export", 1)[1].split("\n### ", 1)[0]
    monkeypatch.chdir(tmp_path)
    outputs = []
    for block in re.findall(r"```sh\n(.+?)\n```", section, re.S):
        for name, body in re.findall(r"cat > (\S+) <<'EOF'\n(.+?)\nEOF\n", block, re.S):
            Path(name).write_text(body + "\n", encoding="utf-8")
        for line in block.splitlines():
            if line.startswith("dxready "):
                args = shlex.split(line.split("#", 1)[0])[1:]
                code, out, err = invoke(*args)
                expected = 1 if "exit 1" in line else 0
                assert code == expected, (line, out, err)
                outputs.append(out)
    shown = re.search(r"```text\n(.+?)\n```", section, re.S)
    assert shown is not None
    real = outputs[2].splitlines()  # the import after the dry run
    for line in shown.group(1).splitlines():
        assert line in real, line
    catalog = load_catalog(tmp_path / "kure")
    assert catalog.procedure("own-001").name == "住民票の写しの交付請求"
    assert (tmp_path / "kure.xlsx").is_file()
    # The round trip: a fresh init of the same city, imported, exports the same bytes.
    assert load_catalog(tmp_path / "kure2").procedures_file == catalog.procedures_file
    first, second = tmp_path / "kure-csv", tmp_path / "kure2-csv"
    assert [(p.name, p.read_bytes()) for p in sorted(first.iterdir())] == [
        (p.name, p.read_bytes()) for p in sorted(second.iterdir())
    ]


def test_a_table_of_the_26_sub_procedures_fills_the_groups(kure: Path, tmp_path: Path) -> None:
    """A city's list of the 子育て・介護 procedures, one per row, goes into the sub-procedures; the groups follow."""
    from dxready.catalog.registry import STANDARD_BY_NO

    names = [s.name for no in (18, 19) for s in STANDARD_BY_NO[no].sub_procedures]
    names[9] = "児童手当の現況届"  # 等 left out, as cities write it
    names[15] = "要介護・要支援の認定の申請"  # a little differently
    path = tmp_path / "26.xlsx"
    xlsxwriter_table(
        path, [("手続名", "オンライン化"), *[(n, "〇") for n in names]], title="26手続", at=(2, 0)
    )
    code, out, err = invoke("import", str(path), "--catalog", str(kure))
    assert code == 0, out + err
    assert "→ childcare/childcare-10: 表記ゆれ → 個別手続 児童手当等の現況届" in out
    assert "→ nursing-care/nursing-care-01: 類似 → 個別手続 要介護・要支援認定の申請" in out
    catalog = load_catalog(kure)
    for group in ("childcare", "nursing-care"):
        proc = catalog.procedure(group)
        assert {s.status.value for s in proc.sub_procedures} == {"online"}
        assert (
            proc.status.value == "unknown"
        )  # recorded unknown: the group follows its sub-procedures by itself
        assert proc.effective_status.value == "online"


def test_damaged_workbooks_get_a_message_never_a_traceback(tmp_path: Path) -> None:
    import random

    root = copy_shipped(tmp_path / "k")
    good = tmp_path / "good.xlsx"
    assert invoke("export", "-o", str(good), "--catalog", str(root))[0] == 0
    data = good.read_bytes()
    rnd = random.Random(9)
    for i in range(25):
        damaged = bytearray(data)
        for _ in range(rnd.randint(1, 12)):
            damaged[rnd.randrange(len(damaged))] = rnd.randrange(256)
        path = tmp_path / f"d{i}.xlsx"
        path.write_bytes(bytes(damaged))
        code, out, err = invoke("import", str(path), "--catalog", str(root))
        assert code in (0, 1, 2), out + err
        if code == 2:
            assert err.strip() and "Traceback" not in err
    for name in ("procedures", "systems", "roadmap"):
        assert (root / f"{name}.yaml").read_bytes() == (SHIPPED / f"{name}.yaml").read_bytes()


def test_counts_of_a_recorded_year_are_updated_in_place(kure: Path, tmp_path: Path) -> None:
    assert invoke("set", "1", "--counts", "2022:100:10", "--catalog", str(kure))[0] == 0
    path = tmp_path / "c.csv"
    path.write_text(
        "手続名,年度,総件数,オンライン件数\n図書館の図書貸出予約等,FY2022,200,50\n", encoding="utf-8"
    )
    code, out, _ = invoke("import", str(path), "--catalog", str(kure))
    assert code == 0 and "件数 令和4年度 50/200（25.0%）" in out
    counts = load_catalog(kure).procedure("library-reservation").counts
    assert [(int(c.fiscal_year), c.total, c.online) for c in counts] == [(2022, 200, 50)]


def test_json_report_for_scripts(kure: Path, tmp_path: Path) -> None:
    import json

    path = tmp_path / "t.csv"
    path.write_text("No.,手続の種類,オンライン化\n9,粗大ごみ収集の申込,○\n1,図書館,まる\n", encoding="utf-8")
    code, out, _ = invoke("import", str(path), "--catalog", str(kure), "--format", "json", "--lang", "en")
    assert code == 1
    data = json.loads(out)
    assert data["summary"]["refused"] == 1 and data["written"] is False
    refused = next(r for r in data["rows"] if r["fate"] == "refused")
    assert (refused["sheet"], refused["row"], refused["column"], refused["header"]) == (
        "t",
        3,
        "C",
        "オンライン化",
    )
    path.write_text("No.,手続の種類,オンライン化\n9,粗大ごみ収集の申込,○\n", encoding="utf-8")
    code, out, _ = invoke("import", str(path), "--catalog", str(kure), "--format", "json", "--dry-run")
    data = json.loads(out)
    assert (
        code == 0
        and data["rows"][0]["fate"] == "matched"
        and data["diff"]["procedures"][0]["id"] == "bulky-waste"
    )


def test_counts_as_cities_publish_them(kure: Path, tmp_path: Path) -> None:
    """Online only, a printed rate for a part year, and a sub-procedure's row (Kure publishes 子育て row by row)."""
    path = tmp_path / "published.csv"
    path.write_text(
        "手続名,年度,総件数,オンライン件数,割合,期間末\n"
        "文化・スポーツ施設等の利用予約等,令和3年度,,,23.2%,2021-11-30\n"
        "児童手当等の現況届,令和4年度,,774,,\n"
        "児童手当等の受給資格及び児童手当の額についての認定請求,令和4年度,815,426,52.3%,\n",
        encoding="utf-8",
    )
    code, out, err = invoke("import", str(path), "--catalog", str(kure))
    assert code == 0, out + err
    assert "→ childcare/childcare-01" in out
    # A published rate for a part year in the words every view uses (diff review s8 D3): 公表値, 令和 date.
    assert "件数 令和3年度 23.2%（公表値、令和3年11月末現在）" in "".join(out.split("\n    "))
    catalog = load_catalog(kure)
    facility = catalog.procedure("facility-reservation").latest_counts()
    assert (facility.rate, facility.period_end, facility.total) == (23.2, dt.date(2021, 11, 30), None)
    subs = {s.id: s for s in catalog.procedure("childcare").sub_procedures}
    assert subs["childcare-10"].latest_counts().online == 774
    assert subs["childcare-01"].latest_counts().usage_rate == 52.3
    # Exported and imported again: nothing changes.
    out_dir = tmp_path / "csv"
    assert invoke("export", "-f", "csv", "-o", str(out_dir), "--catalog", str(kure))[0] == 0
    code, report, _ = invoke("import", str(out_dir), "--catalog", str(kure))
    assert code == 0 and "変更はありません" in report, report


def test_a_fake_workbook_says_what_is_wrong_and_points_to_no_place(kure: Path, tmp_path: Path) -> None:
    """A text file renamed .xlsx: what the file is (no Excel workbook), its path, exit 2 — and no "fix the places
    above" when there is no place (a line and column) above."""
    fake = tmp_path / "renamed.xlsx"
    fake.write_text("No.,手続,状況\n1,図書館,○\n", encoding="utf-8")
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    png = tmp_path / "picture.xlsx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    for path, ja, en in (
        (fake, "中身はテキストです", "it holds text"),
        (empty, "空のファイルです", "the file is empty"),
        (png, "別の形式のファイルです", "it is a file of another kind"),
    ):
        _bad(kure, path, f"{path}: DX001 Excel のブック（.xlsx）ではありません: {ja}", ".csv")
        code, _, err = invoke("import", str(path), "--catalog", str(kure), "--lang", "en")
        said = " ".join(err.split())
        assert code == 2 and f"not an Excel workbook (.xlsx): {en}" in said and str(path) in said
        assert "fix the places above" not in said and "fix what is said above" in said
