"""`dxready compare`'s counts say what gaps says (review s8 diff review D2, D5, D15)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()


def _ok(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


def _csv(*args: str) -> list[list[str]]:
    text = _ok("compare", *args, "--format", "csv")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len({len(r) for r in rows}) == 1  # every row as wide as the header
    return rows


@pytest.fixture
def tateyama(tmp_path: Path) -> Path:
    """館山市 half filled: 1 2 ○, 4 ○ (inferred), 3 一部, 9 ×, 6 —, the rest ？."""
    parent = tmp_path / "set"
    tate = parent / "tateyama"
    _ok("init", str(tate), "--name", "館山市")
    _ok("set", "1", "2", "--status", "○", "--catalog", str(tate))
    _ok("set", "4", "--status", "○", "--inferred", "--catalog", str(tate))
    _ok("set", "3", "--status", "一部", "--catalog", str(tate))
    _ok("set", "9", "--status", "×", "--catalog", str(tate))
    _ok("set", "6", "--status", "—", "--catalog", str(tate))
    return parent


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_csv_and_json_give_the_applicable_count_as_gaps_does_bounds(tateyama: Path, lang: str) -> None:
    """D2: the csv's 対象 held the upper bound alone (20) where gaps says 対象手続 5–20（未確認 15）."""
    gaps = json.loads(_ok("gaps", "--catalog", str(tateyama / "tateyama"), "--format", "json"))
    bounds = gaps["summary"]["applicable_bounds"]
    assert bounds == [5, 20]
    data = json.loads(_ok("compare", str(tateyama), "--format", "json"))
    assert data["municipalities"][0]["applicable_bounds"] == bounds
    rows = _csv(str(tateyama), "--lang", lang)
    head = rows[0]
    low, high = ("対象下限", "対象上限") if lang == "ja" else ("Applicable low", "Applicable high")
    assert ("対象" if lang == "ja" else "Applicable") not in head  # no column holds the upper bound alone
    row = dict(zip(head, rows[1], strict=True))
    assert [int(row[low]), int(row[high])] == bounds
    per = {r[0]: dict(zip(head, r, strict=True)) for r in rows[2:]}
    label = "手続別: {}" if lang == "ja" else "By procedure: {}"
    assert per[label.format(low if lang == "ja" else low.lower())]["7"] == "0"
    assert per[label.format(high if lang == "ja" else high.lower())]["7"] == "1"


@pytest.fixture
def chiba(tateyama: Path) -> Path:
    """館山市 (above), 千葉市 (1 2 ○) and its ward 千葉市中央区 (1 2 3 ○, 10 counted)."""
    city, ward = tateyama / "chiba", tateyama / "chuo"
    _ok("init", str(city), "--name", "千葉市")
    _ok("set", "1", "2", "--status", "○", "--catalog", str(city))
    _ok("init", str(ward), "--name", "千葉市中央区")
    _ok("set", "1", "2", "3", "--status", "○", "--catalog", str(ward))
    _ok("set", "10", "--counts", "2023:100:50", "--catalog", str(ward))
    return tateyama


def test_the_matrix_shows_a_ward_but_counts_it_in_no_total(chiba: Path, tmp_path: Path) -> None:
    """D5: the matrix counted 千葉市中央区 as a third 団体 and its city's cells again (62 cells where 41 are)."""
    data = json.loads(_ok("compare", str(chiba), "--format", "json"))
    assert [m["code"] for m in data["municipalities"]] == [
        "122050",
        "121011",
        "121002",
    ]  # the ward's row shown
    totals = data["totals"]
    assert totals["municipalities"] == 2 and totals["wards_left_out"] == ["121011"]
    assert totals["coverage"] == {"known": 7, "total": 41, "inferred": 1}
    assert totals["cells"]["online"] == 5  # 館山市 1 2 4, 千葉市 1 2: not the ward's 1 2 3
    assert {p["standard_no"]: p["counts"].get("online", 0) for p in data["procedures"]}[3] == 0
    assert data["usage"] == []  # the ward's counts are its city's: never pooled
    for lang in ("ja", "en"):
        rows = _csv(str(chiba), "--lang", lang)
        per = {r[0]: r for r in rows if r[0].startswith(("手続別", "By procedure"))}
        no1 = rows[0].index("1")
        high = "手続別: 対象上限" if lang == "ja" else "By procedure: applicable high"
        known = "手続別: 記録" if lang == "ja" else "By procedure: recorded"
        assert (
            per[high][no1] == "2" and per[known][no1 + 2] == "1"
        )  # No.1 over 2 municipalities; No.3 館山市 一部
        out = runner.invoke(app, ["--lang", lang, "compare", str(chiba)], env={"COLUMNS": "80"})
        assert out.exit_code == 0
        assert all(len(line) <= 80 for line in out.stdout.splitlines())
        text = ("" if lang == "ja" else " ").join(out.stdout.split())  # lines wrapped at 80 columns, joined
        if lang == "ja":
            assert "2団体、オンライン化率12.2–95.1%（41件中7件記録、うち推定1件）" in text
            assert "区のカタログは数えていません（区は市町村ではありません）:千葉市の区1件。" in text
            assert "合計には入れていません" in out.stderr
        else:
            assert "2 municipalities, online rate 12.2–95.1% (7 of 41 recorded, 1 inferred)" in text
            assert "Ward catalogues are not counted" in text and "left out of the totals" in out.stderr
    md = _ok("compare", str(chiba), "--format", "markdown")
    assert "2 団体、" in md and "千葉市の区 1 件" in md
    page = tmp_path / "page.html"
    _ok("page", "--compare", str(chiba), "--output", str(page))
    html = page.read_text(encoding="utf-8")
    assert "2 団体（区のカタログ 1 件は行を示しますが、数えていません。区は市町村ではありません）" in html


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_csv_calls_the_recorded_rows_recorded_as_gaps_does(tateyama: Path, lang: str) -> None:
    """D15: the csv headed gaps' 記録 (5 rows, one of them inferred) 既知 / Known."""
    gaps = _ok("gaps", "--catalog", str(tateyama / "tateyama"), "--lang", lang)
    said = "20件中5件記録、うち推定1件" if lang == "ja" else "5 of 20 recorded, 1 inferred"
    assert said in " ".join(gaps.split()).replace("20 件中", "20件中")
    rows = _csv(str(tateyama), "--lang", lang)
    recorded, inferred = ("記録", "推定") if lang == "ja" else ("Recorded", "Inferred")
    assert not {"既知", "Known"} & set(rows[0])
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row[recorded], row[inferred]) == ("5", "1")
    label = "手続別: 記録" if lang == "ja" else "By procedure: recorded"
    assert dict(zip(rows[0], next(r for r in rows if r[0] == label), strict=True))["4"] == "1"


def test_the_rollup_csv_names_its_figures_as_the_matrix_csv_does(chiba: Path) -> None:
    """D11 (and D2, D15 for the roll-up): the roll-up's csv headed its columns rate_low, known, applicable where the
    matrix's says Rate low, Recorded, Applicable low/high, held the upper bound alone under 対象 and had no 推定."""
    for lang in ("ja", "en"):
        matrix = _csv(str(chiba), "--lang", lang)[0]
        rows = _csv(str(chiba), "--by", "prefecture", "--lang", lang)
        shared = [h for h in rows[0] if h in matrix]
        assert shared == [*matrix[24:31]]  # the rate, its bounds, 記録, 推定 and the applicable bounds, alike
        group = dict(zip(rows[0], rows[1], strict=True))
        figures = [group[h] for h in shared]
        # 千葉県: 館山市 and 千葉市 (the ward set aside): 7 of 41 cells recorded, 1 inferred, 34 unknown
        assert figures == ["", "12.2", "95.1", "7", "1", "7", "41"]
    data = json.loads(_ok("compare", str(chiba), "--by", "prefecture", "--format", "json"))
    (group,) = data["rollups"]
    assert group["coverage"] == {"known": 7, "total": 41, "inferred": 1} and group["applicable_bounds"] == [
        7,
        41,
    ]
