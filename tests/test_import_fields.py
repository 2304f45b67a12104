"""export's last columns and its 基本情報 sheet read back: bad cells refused with sheet, row and column, nothing
written; （なし） removes a value; a city's own table with the same headers but no ID column is read as before."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from dxready.catalog.load import load_catalog
from dxready.cli import app
from tests.helpers.catalogs import copy_shipped

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def kamogawa(tmp_path: Path) -> tuple[Path, openpyxl.Workbook]:
    root = copy_shipped(tmp_path / "k")
    out = tmp_path / "k.xlsx"
    assert invoke("export", "-o", str(out), "--catalog", str(root))[0] == 0
    return root, openpyxl.load_workbook(out)


def _import(root: Path, book: openpyxl.Workbook, tmp_path: Path) -> tuple[int, str, dict[str, bytes]]:
    before = {p.name: p.read_bytes() for p in root.glob("*.yaml")}
    path = tmp_path / "edited.xlsx"
    book.save(path)
    code, out, err = invoke("import", str(path), "--catalog", str(root))
    assert "Traceback" not in out + err
    return code, out + err, before


@pytest.mark.parametrize(
    ("cell", "value", "said"),
    [
        ("O2", "300円", "手続 2行 O列（手数料）: 拒否"),
        (
            "Q2",
            "{name: [",
            "手続 2行 Q列（添付書類）: 拒否 「図書館の図書貸出予約等」: YAML として読めません",
        ),
        ("N2", "magic", "手続 2行 N列（本人確認）: 拒否"),
        ("U2", "来年", "手続 2行 U列（オンライン化目標年度）: 拒否"),
        (
            "Q2",
            "{name: &a x, note: *a}",
            "Q列（添付書類）: 拒否",
        ),  # read as the loader reads files, then checked
    ],
)
def test_a_bad_cell_is_refused_with_its_column_and_nothing_is_written(
    kamogawa: tuple[Path, openpyxl.Workbook], tmp_path: Path, cell: str, value: str, said: str
) -> None:
    root, book = kamogawa
    book["手続"][cell] = value
    code, out, before = _import(root, book, tmp_path)
    assert code == 1 and said in out, out
    assert {p.name: p.read_bytes() for p in root.glob("*.yaml")} == before


def test_header_rows_refused_by_label_and_required_fields(
    kamogawa: tuple[Path, openpyxl.Workbook], tmp_path: Path
) -> None:
    root, book = kamogawa
    sheet = book["基本情報"]
    sheet["B4"] = "（なし）"  # 団体コード: required
    sheet["A20"], sheet["B20"] = "市長", "誰か"
    code, out, before = _import(root, book, tmp_path)
    assert code == 1
    assert "基本情報 4行 B列（値）: 拒否 「団体コード」: 必須の項目は削除できません" in out
    assert "基本情報 20行 A列（項目）: 拒否 「市長」" in out
    assert {p.name: p.read_bytes() for p in root.glob("*.yaml")} == before


def test_none_removes_a_value_and_values_are_set(
    kamogawa: tuple[Path, openpyxl.Workbook], tmp_path: Path
) -> None:
    root, book = kamogawa
    procedures, header = book["手続"], book["基本情報"]
    procedures["L2"] = "（なし）"  # library-reservation's English name
    procedures["O2"] = "false"  # no fee
    procedures["P2"] = "credit_card\npay_easy"
    procedures["V2"] = "生涯学習課"
    header["B6"] = "（なし）"  # the plan
    code, out, _ = _import(root, book, tmp_path)
    assert code == 0, out
    c = load_catalog(root)
    library = c.procedure("library-reservation")
    assert library is not None
    assert library.name_en is None and library.fee is False and library.owner == "生涯学習課"
    assert [p.value for p in library.payment or []] == ["credit_card", "pay_easy"]
    assert c.procedures_file.municipality.plan is None


def test_a_citys_own_table_with_an_owner_column_is_read_as_before(tmp_path: Path) -> None:
    city = tmp_path / "kure"
    assert invoke("init", str(city), "--name", "呉市")[0] == 0
    path = tmp_path / "city.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(
            [
                ["No.", "手続の種類", "オンライン化", "備考", "担当課", "手数料"],
                [9, "粗大ごみ収集の申込", "〇", "", "環境政策課", "300円"],
            ]
        )
    code, out, err = invoke("import", str(path), "--catalog", str(city))
    assert code == 0, out + err
    p = load_catalog(city).procedure("bulky-waste")
    assert p is not None and p.status.value == "online" and p.owner is None and p.fee is None


def test_another_municipalitys_workbook_is_refused_whole(
    kamogawa: tuple[Path, openpyxl.Workbook], tmp_path: Path
) -> None:
    _, book = kamogawa
    city = tmp_path / "tateyama"
    assert invoke("init", str(city), "--name", "館山市")[0] == 0
    code, out, before = _import(city, book, tmp_path)
    assert (
        code == 1
        and "基本情報 4行 B列（値）: 拒否 「団体コード」: 団体コード 122238 はこのカタログの 122050" in out
    )
    # the ways out it names exist (set municipality takes no --code): a new catalogue, or the file itself
    assert (
        "dxready init DIR --name 団体名" in out and "procedures.yaml の municipality.code を書き換えて" in out
    )
    assert "set municipality" not in out
    assert {p.name: p.read_bytes() for p in city.glob("*.yaml")} == before
    # The way out it names is one that exists: set municipality has no --code (review s8 F13).
    words = "".join(out.split())
    assert (
        "setmunicipality" not in words and "procedures.yamlのmunicipality.codeを書き換えてください" in words
    )


def test_a_groups_recorded_status_and_its_mark(
    kamogawa: tuple[Path, openpyxl.Workbook], tmp_path: Path
) -> None:
    root, book = kamogawa
    procedures = book["手続"]
    assert (procedures["C19"].value, procedures["K19"].value) == ("○", "○")  # childcare: recorded ○, shown ○
    procedures["C19"] = "×"  # the shown mark changed, beside the recorded ○: the row's two cells disagree
    code, out, before = _import(root, book, tmp_path)
    assert code == 1 and "手続 19行 K列（記録上の状況）: 拒否" in out, out
    words = "".join(out.split())
    assert "オンライン化×と記録上の状況○が合いません。手続シートのC19とK19のどちらかを空欄に" in words, out
    assert {p.name: p.read_bytes() for p in root.glob("*.yaml")} == before
    procedures["C19"] = None  # (a ？ beside a known mark in the other cell says nothing: review s8 D4)
    procedures["K19"] = "？"  # recorded unknown: the group follows its sub-procedures (all ○), shown ○
    code, out, _ = _import(root, book, tmp_path)
    assert code == 0, out
    childcare = load_catalog(root).procedure("childcare")
    assert childcare is not None and childcare.status.value == "unknown"
    assert childcare.effective_status.value == "online"


def test_a_channel_cell_states_the_channels(kamogawa: tuple[Path, openpyxl.Workbook], tmp_path: Path) -> None:
    root, book = kamogawa
    procedures = book["手続"]
    procedures["E2"] = (
        "mynaportal:ぴったりサービス | since=2023-04-01"  # library: dedicated removed, one added
    )
    procedures["E3"] = "e_application\ne_application"
    code, out, _ = _import(root, book, tmp_path)
    assert code == 1 and "手続 3行 E列（チャネル）: 拒否" in out and "2 回" in out
    procedures["E3"] = None
    code, out, _ = _import(root, book, tmp_path)
    assert code == 0 and "チャネルを更新" in out, out
    library = load_catalog(root).procedure("library-reservation")
    assert library is not None
    assert [(c.kind.value, c.name, str(c.since), c.inferred) for c in library.channels] == [
        ("mynaportal", "ぴったりサービス", "2023-04-01", False)
    ]
