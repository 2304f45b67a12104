"""One date reader wherever a date is typed (review F4/F5): the forms dxready prints (令和6年3月末, 令和5年11月30日,
with 現在 after them) are read back by ``--as-of``, ``--verified-on``, ``--counts …@DATE``, ``--cards-as-of``,
import's cells and dxready.yaml's waivers, as are R6.3.31 and full-width digits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from dxready.catalog.dates import DateError, parse_date
from dxready.catalog.load import load_catalog
from dxready.cli import app
from dxready.render.views import wareki

runner = CliRunner()


@pytest.fixture
def city(tmp_path: Path) -> Path:
    root = tmp_path / "tateyama"
    assert runner.invoke(app, ["init", str(root), "--name", "館山市"]).exit_code == 0
    return root


def test_every_date_the_tool_prints_reads_back() -> None:
    day = dt.date(2018, 1, 1)
    while day < dt.date(2032, 1, 1):
        assert parse_date(wareki(day)) == day, wareki(day)
        assert parse_date(f"{wareki(day)}現在") == day
        day += dt.timedelta(days=3)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("令和6年3月末", "2024-03-31"),
        ("令和6年2月末日", "2024-02-29"),
        ("令和5年11月30日", "2023-11-30"),
        ("R6.3.31", "2024-03-31"),
        ("令和６年３月末", "2024-03-31"),
        ("２０２４年２月末", "2024-02-29"),
        ("令和 6 年 3 月 31 日", "2024-03-31"),
    ],
)
def test_forms(text: str, day: str) -> None:
    assert parse_date(text) == dt.date.fromisoformat(day)


@pytest.mark.parametrize("text", ["令和6年13月末", "令和6年2月30日", "令和6年3月", "令和6年末"])
def test_impossible_or_partial_dates_are_refused(text: str) -> None:
    with pytest.raises(DateError):
        parse_date(text)


def test_set_reads_the_printed_forms_in_every_option(city: Path) -> None:
    result = runner.invoke(app, ["set", "municipality", "--as-of", "令和6年3月末", "-c", str(city)])
    assert result.exit_code == 0, result.output
    assert load_catalog(city).procedures_file.as_of == dt.date(2024, 3, 31)
    result = runner.invoke(
        app,
        [
            "set",
            "4",
            "--counts",
            "令和5年度:45.5%@令和5年11月30日",
            "--verified-on",
            "令和６年３月末",
            "-c",
            str(city),
        ],
    )
    assert result.exit_code == 0, result.output
    row = load_catalog(city).procedures[3]
    assert row.verified_on == dt.date(2024, 3, 31)
    assert row.counts[-1].period_end == dt.date(2023, 11, 30)
    result = runner.invoke(
        app,
        ["set", "municipality", "--cards", "館山市:30000:45000", "--cards-as-of", "R6.3末", "-c", str(city)],
    )
    assert result.exit_code == 2  # R6.3末 is no form: refused, one line
    result = runner.invoke(
        app,
        [
            "set",
            "municipality",
            "--cards",
            "館山市:30000:45000",
            "--cards-as-of",
            "令和6年3月末",
            "-c",
            str(city),
        ],
    )
    assert result.exit_code == 0, result.output
    card = load_catalog(city).procedures_file.municipality.mynumber_card
    assert card is not None and card.as_of == dt.date(2024, 3, 31)


def test_a_counts_date_that_does_not_exist_says_why(city: Path) -> None:
    result = runner.invoke(app, ["set", "4", "--counts", "R5:45.5%@令和5年11月31日", "-c", str(city)])
    assert result.exit_code == 2 and "30日までです" in result.stderr


def test_a_waiver_until_a_printed_date(city: Path) -> None:
    (city / "dxready.yaml").write_text(
        "waivers:\n  - code: DX103\n    subject: procedure:bulky-waste\n    reason: 調査中\n    until: 令和9年3月末\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", "-c", str(city), "--as-of", "令和8年3月末", "--format", "json"])
    assert result.exit_code in (0, 1), result.output


def test_import_reads_a_reiwa_date_typed_in_a_cell(city: Path, tmp_path: Path) -> None:
    book = tmp_path / "t.xlsx"
    assert runner.invoke(app, ["export", "-f", "xlsx", "-o", str(book), "-c", str(city)]).exit_code == 0
    wb = openpyxl.load_workbook(book)
    sheet = wb["手続"]
    header = [c.value for c in sheet[1]]
    column = header.index("確認日") + 1
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value in (12, "12"))
    sheet.cell(row, column).value = "令和6年4月1日"
    wb.save(book)
    result = runner.invoke(app, ["import", str(book), "-c", str(city)])
    assert result.exit_code == 0, result.output
    assert load_catalog(city).procedures[11].verified_on == dt.date(2024, 4, 1)
