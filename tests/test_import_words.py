"""Import's messages name enum and yes/no values in the report's language: a Japanese line says 電子申請, はい／いいえ
and マイナンバーカード (the words the tool prints and the cells read), never e_application, true or mynumber_card; an
English line says the values."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "500"})
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout + result.stderr


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    root = tmp_path / "tateyama"
    assert invoke("init", str(root), "--name", "館山市")[0] == 0
    out = tmp_path / "t.xlsx"
    assert invoke("export", "-o", str(out), "--catalog", str(root))[0] == 0
    book = openpyxl.load_workbook(out)
    ws = book["手続"]
    headers = [c.value for c in ws[1]]
    for row, header, value in (
        (2, "チャネル", "電子申請"),
        (3, "手数料", "有料"),
        (4, "本人確認", "顔認証"),
        (5, "チャネル", "電子申請\ne_application"),
        (7, "結果の交付", "郵送"),
        (8, "オンライン化目標年度", "来年度"),
        (9, "納付方法", "現金"),
        (10, "チャネル", "ファクス"),
        (11, "納付方法", "窓口\n現金書留"),  # one item a line: the second is wrong (review s8 D7)
        (12, "添付書類", "{name: 住民票, held: true}"),
    ):
        ws.cell(row, headers.index(header) + 1).value = value
    book.save(tmp_path / "edited.xlsx")
    return root


def _lines(root: Path, lang: str) -> dict[int, str]:
    code, out = invoke("import", str(root.parent / "edited.xlsx"), "--catalog", str(root), "--lang", lang)
    assert code == 1  # rows refused: nothing written
    found = (re.match(r"\s+手続 (?:row )?(\d+)", line) for line in out.splitlines())
    return {int(m.group(1)): m.string for m in found if m}


def test_japanese_lines_use_the_words_the_tool_prints(edited: Path) -> None:
    lines = _lines(edited, "ja")
    assert lines[2].endswith("チャネル 電子申請 を追加")
    assert lines[3].endswith("'有料' を読めません（はい か いいえ で書いてください）")
    assert (
        "使える値は マイナンバーカード、アカウント、押印、押印＋印鑑証明、署名、本人確認書類、不要"
        in lines[4]
    )
    assert lines[5].endswith("チャネル 電子申請 が 2 回あります")
    assert "使える値は 電子、紙、なし" in lines[7]
    assert "'来年度' は年度ではありません" in lines[8]
    assert "使える値は 窓口、コンビニ、ペイジー" in lines[9]
    assert lines[10].endswith(
        "チャネル 'ファクス' は使えません。使える値: マイナポータル、引越しワンストップ、エルタックス、電子入札、電子申請、"
        "専用システム（名前は 種類:名前）"
    )
    for line in lines.values():  # no enum value, true/false or pydantic's English in a Japanese line
        assert not re.search(
            r"e_application|mynumber_card|electronic|counter|\btrue\b|Input should|Value error", line
        )


def test_english_lines_use_the_values(edited: Path) -> None:
    lines = _lines(edited, "en")
    assert lines[2].endswith("channel e_application added")
    assert lines[3].endswith("cannot read '有料' (use yes or no, or true or false)")
    assert "use mynumber_card, account" in lines[4]  # not pydantic's "Input should be …" (review s8 D7)
    assert lines[5].endswith("channel e_application is given twice")
    assert lines[10].endswith(
        "'ファクス' is not a channel; use mynaportal, moving_onestop, eltax, e_bidding, "
        "e_application, dedicated (name it KIND:NAME)"
    )


def test_system_and_roadmap_enum_refusals_name_the_sheets_words(tmp_path: Path) -> None:
    from tests.helpers.catalogs import copy_shipped

    root = copy_shipped(tmp_path / "k")
    out = tmp_path / "k.xlsx"
    assert invoke("export", "-o", str(out), "--catalog", str(root))[0] == 0
    book = openpyxl.load_workbook(out)
    for sheet, header, value in (("システム", "区分", "基幹"), ("工程表", "状態", "終了")):
        ws = book[sheet]
        ws.cell(2, [c.value for c in ws[1]].index(header) + 1).value = value
    book.save(tmp_path / "edited.xlsx")
    code, ja = invoke("import", str(tmp_path / "edited.xlsx"), "--catalog", str(root))
    assert code == 1
    assert "'基幹' は使えません。使える値: 基幹系、情報系、独立系" in ja
    assert "'終了' は使えません。使える値: 未着手、実施中、完了" in ja
    assert "--tier" not in ja and "backbone" not in ja and "not_started" not in ja
    code, en = invoke("import", str(tmp_path / "edited.xlsx"), "--catalog", str(root), "--lang", "en")
    assert "'基幹' is not allowed; use backbone, intranet, standalone" in en
    assert "'終了' is not allowed; use not_started, in_progress, done" in en


def test_a_list_cells_bad_line_is_named_as_the_sheet_counts_it(edited: Path) -> None:
    """Review s8 D7: pydantic's 0-based index (「1: 使える値は…」 for line 2) and its English are not the sheet's."""
    ja, en = _lines(edited, "ja"), _lines(edited, "en")
    assert "2 行目の「現金書留」は使えません（使える値は 窓口、コンビニ、" in ja[11], ja[11]
    assert "1 件目の held は項目にありません" in ja[12], ja[12]
    assert "line 2 (現金書留) is not one of counter, convenience_store," in en[11], en[11]
    assert "item 1: held is not a field" in en[12], en[12]
    for line in (ja[11], ja[12], en[11], en[12]):
        assert "Input should" not in line and not re.search(r"[（(]\d+[:.]", line), line
