"""`dxready compare` for coordinators: --embedded, usage per standard row, --by prefecture, registry names."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from dxready.cli import app
from dxready.commands import compare

runner = CliRunner()


def _ok(*args: str) -> None:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stdout + result.stderr


@pytest.fixture
def chiba(tmp_path: Path) -> Path:
    """館山市 (three ○, two of them counted) and 呉市 (every row ×, one counted), directories named by code."""
    parent = tmp_path / "set"
    tate, kure = parent / "122050", parent / "342025"
    _ok("init", str(tate), "--name", "館山市")
    _ok("set", "1", "2", "9", "--status", "○", "--catalog", str(tate))
    _ok("set", "9", "--counts", "2023:1000:250", "--catalog", str(tate))
    _ok("set", "1", "--counts", "2021:100:10", "--counts", "2022:500:400", "--catalog", str(tate))
    _ok("init", str(kure), "--code", "342025")
    _ok("set", "*", "--status", "×", "--catalog", str(kure))
    _ok("set", "1", "--counts", "2022:196759:152983", "--catalog", str(kure))
    return parent


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, ["compare", *args, "--format", "json", "--as-of", "2024-03-31"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_embedded_alone_and_beside_others(chiba: Path) -> None:
    alone = _json("--embedded")
    assert [m["name"] for m in alone["municipalities"]] == ["鴨川市"]
    both = _json(str(chiba), "--embedded")
    assert sorted(m["code"] for m in both["municipalities"]) == ["122050", "122238", "342025"]


def test_nothing_to_compare_is_refused() -> None:
    result = runner.invoke(app, ["compare"])
    assert result.exit_code == 2 and "--embedded" in result.stderr


def test_usage_of_the_latest_year_per_row_and_pooled(chiba: Path) -> None:
    data = _json(str(chiba))
    rows = {m["code"]: m for m in data["municipalities"]}
    assert rows["122050"]["usage"] == {
        "1": {
            "fiscal_year": 2022,
            "total": 500,
            "online": 400,
            "rate": 80.0,
            "rate_source": "counts",
            "period_end": None,
        },  # the latest, not 2021
        "9": {
            "fiscal_year": 2023,
            "total": 1000,
            "online": 250,
            "rate": 25.0,
            "rate_source": "counts",
            "period_end": None,
        },
    }
    assert rows["342025"]["usage"]["1"]["rate"] == 77.8
    pooled = {u["standard_no"]: u for u in data["usage"]}
    assert pooled[1] == {
        "standard_no": 1,
        "counted": 2,
        "pooled": 2,
        "pooled_fiscal_year": 2022,
        "total": 197259,
        "online": 153383,
        "rate": 77.8,
    }
    assert pooled[9]["counted"] == 1 and pooled[9]["rate"] == 25.0
    assert set(pooled) == {1, 9}


def test_usage_in_table_markdown_and_csv(chiba: Path) -> None:
    table = runner.invoke(app, ["compare", str(chiba)]).stdout
    assert "オンライン利用率（各団体の最新年度）" in table
    assert "77.8%（令和4年度、2 団体）" in table and "25.0%（令和5年度、1 団体）" in table
    md = runner.invoke(app, ["compare", str(chiba), "--format", "markdown", "--lang", "en"]).stdout
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    assert sum(tok.type == "table_open" for tok in tokens) == 2
    assert "| 館山市 | 122050 | 80.0% (FY2022) | 25.0% (FY2023) |" in md
    text = runner.invoke(app, ["compare", str(chiba), "--format", "csv"]).stdout
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    head = rows[0]
    assert head[-63:] == [h for n in range(1, 22) for h in (f"利用率{n}", f"利用率{n}年度", f"利用率{n}注記")]
    tate = next(r for r in rows if r[1] == "122050")
    assert tate[head.index("利用率1")] == "80.0" and tate[head.index("利用率2")] == ""
    assert tate[head.index("利用率1年度")] == "令和4年度" and tate[head.index("利用率9年度")] == "令和5年度"


def test_no_counts_no_usage_columns(tmp_path: Path) -> None:
    _ok("init", str(tmp_path / "a"), "--name", "鴨川市")
    text = runner.invoke(app, ["compare", str(tmp_path / "a"), "--format", "csv"]).stdout
    assert "利用率" not in text
    assert "オンライン利用率" not in runner.invoke(app, ["compare", str(tmp_path / "a")]).stdout


def test_cached_rows_keep_their_usage(chiba: Path) -> None:
    first = compare.load_rows([chiba], use_cache=True)
    second = compare.load_rows([chiba], use_cache=True)
    assert second.cached == 2 and second.rows == first.rows
    assert {r.code: r.usage[0].rate for r in second.rows if r.usage[0]} == {"122050": 80.0, "342025": 77.8}


def test_by_prefecture_rolls_up_with_coverage_and_bounds(chiba: Path) -> None:
    data = _json(str(chiba), "--embedded", "--by", "prefecture")
    groups = {g["prefecture"]: g for g in data["rollups"]}
    assert list(groups) == ["千葉県", "広島県"]  # 都道府県コード order
    chiba_group, hiroshima = groups["千葉県"], groups["広島県"]
    assert chiba_group["municipalities"] == 2 and chiba_group["in_registry"] == 54
    assert hiroshima["in_registry"] == 23 and hiroshima["codes"] == ["342025"]
    # 鴨川市: ○ 9, 一部 2, × 6, — 4. 館山市: ○ 3, ？ 18. Unknowns: no single figure, bounds instead.
    assert chiba_group["cells"] == {
        "online": 12,
        "partial": 2,
        "offline": 6,
        "not_applicable": 4,
        "unknown": 18,
    }
    assert chiba_group["rate"] is None
    assert chiba_group["rate_bounds"] == [round(100 * 12 / 38, 1), round(100 * 30 / 38, 1)]
    assert chiba_group["coverage"] == {"known": 20, "total": 38, "inferred": 0}
    # 呉市: every row known (×): the rate is a single figure.
    assert hiroshima["rate"] == 0.0 and hiroshima["rate_bounds"] == [0.0, 0.0]


def test_by_prefecture_text_formats(chiba: Path) -> None:
    table = runner.invoke(app, ["compare", str(chiba), "--by", "prefecture"]).stdout
    assert "千葉県" in table and "1/54" in table and "14.3–100.0%" in table and "3/21" in table
    assert "〜" not in table  # a span is written with one dash, as every other terminal view writes it
    md = runner.invoke(app, ["compare", str(chiba), "--by", "prefecture", "--format", "markdown"]).stdout
    assert "| 広島県 | 1/23 | 0 | 0 | 21 | 0 | 0 | 0.0% | 21/21 |" in md
    text = runner.invoke(
        app, ["compare", str(chiba), "--by", "prefecture", "--format", "csv", "--lang", "en"]
    ).stdout
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["Prefecture", "Municipalities", "In registry"]
    assert rows[1] == [
        "千葉県",
        "1",
        "54",
        "3",
        "0",
        "0",
        "0",
        "18",
        "",
        "14.3",
        "100.0",
        "3",
        "0",
        "3",
        "21",
        "0",
    ]


def test_a_broken_catalogue_named_by_code_is_named_from_the_registry(chiba: Path) -> None:
    broken = chiba / "011002"
    broken.mkdir()
    (broken / "procedures.yaml").write_text("bad: [\n", encoding="utf-8")
    result = runner.invoke(app, ["compare", str(chiba)])
    assert result.exit_code == 2
    assert "(北海道札幌市)" in result.stderr


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("by", [[], ["--by", "prefecture"]])
def test_usage_and_rollups_fit_the_terminal(chiba: Path, columns: int, lang: str, by: list[str]) -> None:
    from rich.cells import cell_len

    result = runner.invoke(
        app, ["compare", str(chiba), "--embedded", *by, "--lang", lang], env={"COLUMNS": str(columns)}
    )
    assert result.exit_code == 0, result.stderr
    assert not [line for line in result.stdout.splitlines() if cell_len(line) > columns]
    if by:
        assert ("千葉県" in result.stdout) and ("広島県" in result.stdout)
    else:
        label = "オンライン利用率" if lang == "ja" else "Online usage rate"
        assert label in result.stdout and "80.0%" in result.stdout  # 館山市 No.1 2022: 400 of 500


@pytest.mark.parametrize("fmt", ["table", "markdown", "json", "csv"])
def test_a_hostile_prefecture_in_a_header_stays_inert_in_the_rollups(tmp_path: Path, fmt: str) -> None:
    """A code outside the registry takes its prefecture from the header: catalogue text, inert in every format."""
    root = tmp_path / "set" / "x"
    _ok("init", str(root), "--name", "試験市", "--code", "349992")
    path = root / "procedures.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "prefecture: 広島県", 'prefecture: "=HYPERLINK(1)\\u202e県"', 1
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["compare", str(tmp_path / "set"), "--by", "prefecture", "-f", fmt])
    assert result.exit_code == 0, result.stderr
    assert "\u202e" not in result.stdout and "HYPERLINK" in result.stdout
    if fmt == "csv":
        assert "\n'=HYPERLINK" in result.stdout.replace("\r\n", "\n")  # never a formula in a spreadsheet


def test_a_counted_row_without_a_rate_shows_a_dash_not_a_blank(chiba: Path) -> None:
    """Counted online cases with no total: the row is counted but has no rate — "—", as every view writes an
    unknown rate, never an empty cell that reads as "not counted" — and nothing pooled."""
    _ok("set", "2", "--counts", "2023::40", "--catalog", str(chiba / "122050"))
    md = runner.invoke(app, ["compare", str(chiba), "--format", "markdown", "--lang", "en"]).stdout
    assert "| 館山市 | 122050 | 80.0% (FY2022) | — (FY2023) | 25.0% (FY2023) |" in md
    assert "| 77.8% (FY2022, 2 municipalities) | — | 25.0% (FY2023, 1 municipality) |" in md
    table = runner.invoke(app, ["compare", str(chiba)], env={"COLUMNS": "200"}).stdout
    assert "—（令和5年度）" in table
    narrow = runner.invoke(app, ["compare", str(chiba)], env={"COLUMNS": "60"}).stdout
    assert "2 —（令和5年度）" in narrow and "  2 —\n" in narrow


def test_the_pool_counts_only_the_municipalities_it_adds_up(tmp_path: Path) -> None:
    """A review: 呉市 counted 600 / 1,000 and 習志野市 published 23.2 % only; the pooled row said 60.0 % (n=2), and a row
    with 1,234 online cases and no total said total 0, online 0."""
    kure, nara = tmp_path / "kure", tmp_path / "nara"
    _ok("init", str(kure), "--name", "呉市")
    _ok("init", str(nara), "--name", "習志野市")
    _ok("set", "1", "--status", "○", "--counts", "R5:1000:600", "--catalog", str(kure))
    _ok("set", "1", "--status", "○", "--counts", "令和5年度:23.2%", "--catalog", str(nara))
    _ok("set", "11", "--status", "○", "--counts", "2023::1234", "--catalog", str(nara))
    data = json.loads(runner.invoke(app, ["compare", str(tmp_path), "--format", "json"]).stdout)
    by_no = {c["standard_no"]: c for c in data["usage"]}
    assert by_no[1] == {
        "standard_no": 1,
        "counted": 2,
        "pooled": 1,
        "pooled_fiscal_year": 2023,
        "total": 1000,
        "online": 600,
        "rate": 60.0,
    }
    assert by_no[11] == {
        "standard_no": 11,
        "counted": 1,
        "pooled": 0,
        "pooled_fiscal_year": None,
        "total": None,
        "online": None,
        "rate": None,
    }
    table = runner.invoke(app, ["compare", str(tmp_path)], env={"COLUMNS": "120"}).stdout
    assert "60.0%（令和5年度、1 団体）" in table and "（令和5年度、2 団体）" not in table
    assert "23.2%（令和5年度 公表値）" in table  # a published rate says so


def test_the_pool_never_adds_up_different_fiscal_years_and_a_published_part_year_says_so(
    tmp_path: Path,
) -> None:
    """R6/R13: 館山市 counted 令和5年度 600/1,000 and 南房総市 令和2年度 100/5,000; the pooled row said 11.7% (n=2) with no
    year anywhere. 鴨川市's 23.2% is a published rate to 11月末: it was shown bare under a title that said 件数."""
    tate, mina, kamo = tmp_path / "tate", tmp_path / "mina", tmp_path / "kamo"
    _ok("init", str(tate), "--name", "館山市")
    _ok("init", str(mina), "--name", "南房総市")
    _ok("init", str(kamo), "--name", "鴨川市")
    _ok("set", "1", "--counts", "R5:1000:600", "--catalog", str(tate))
    _ok("set", "1", "--counts", "R2:5000:100", "--catalog", str(mina))
    _ok("set", "4", "--counts", "令和5年度:23.2%@2023-11-30", "--catalog", str(kamo))
    data = json.loads(runner.invoke(app, ["compare", str(tmp_path), "--format", "json"]).stdout)
    by_no = {c["standard_no"]: c for c in data["usage"]}
    assert by_no[1]["rate"] == 60.0 and by_no[1]["pooled"] == 1 and by_no[1]["pooled_fiscal_year"] == 2023
    assert by_no[4]["pooled"] == 0 and by_no[4]["rate"] is None
    kamo_usage = next(m for m in data["municipalities"] if m["name"] == "鴨川市")["usage"]["4"]
    assert kamo_usage["rate_source"] == "published" and kamo_usage["period_end"] == "2023-11-30"
    for width in ("80", "200"):
        table = runner.invoke(app, ["compare", str(tmp_path)], env={"COLUMNS": width}).stdout
        assert "11.7%" not in table and "(n=" not in table
        assert "60.0%（令和5年度、1 団体）" in table and "2.0%（令和2年度）" in table
        assert "23.2%（令和5年度 公表値、令和5年11月末現在）" in table
        assert "オンライン利用率（各団体の最新年度）\n" in table and "件数）" not in table.split("全体")[0]
        assert not any(line.lstrip().startswith("数") for line in table.splitlines())
    md = runner.invoke(app, ["compare", str(tmp_path), "--format", "markdown"]).stdout
    assert "60.0%（令和5年度、1 団体）" in md and "11.7%" not in md


def test_csv_keeps_what_makes_each_figure_true(tmp_path: Path) -> None:
    """Review s8 F12: the csv read 0,0,0,0,0 for levels of a city whose 21 rows were all unsettled, put the rate
    bounds in one text cell (26.3-68.4) and its coverage as 1/21 (a date in a spreadsheet), and gave usage rates of
    different years and kinds (a published part year's 23.2) bare, side by side in one column."""
    kure, fuchu, tate = tmp_path / "kure", tmp_path / "fuchu", tmp_path / "tate"
    _ok("init", str(kure), "--name", "呉市")
    _ok("init", str(fuchu), "--name", "東京都府中市")
    _ok("init", str(tate), "--name", "館山市")
    _ok("set", "*", "--status", "×", "--catalog", str(kure))
    _ok("set", "1", "--counts", "2023:1000:600", "--status", "○", "--catalog", str(kure))
    _ok("set", "1", "--counts", "2022:500:100", "--status", "○", "--catalog", str(fuchu))
    _ok("set", "1", "2", "3", "--status", "○", "--catalog", str(tate))
    _ok("set", "7", "--counts", "2022:23.2%@2022-11-30", "--status", "一部", "--catalog", str(tate))

    def table(lang: str) -> dict[str, dict[str, str]]:
        result = runner.invoke(app, ["compare", str(tmp_path), "--format", "csv", "--lang", lang])
        assert result.exit_code == 0, result.stderr
        rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
        assert len({len(r) for r in rows}) == 1  # every row as wide as the header
        return {r[1] or r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}

    ja = table("ja")
    fu, ku, ta = ja["132063"], ja["342025"], ja["122050"]
    # Levels: the unsettled rows have a column of their own, and the level columns add up to the applicable rows.
    assert [fu[f"L{n}"] for n in range(5)] == ["0"] * 5 and fu["未確定"] == "21"
    for row in (fu, ku, ta):
        assert sum(int(row[h]) for h in ("L0", "L1", "L2", "L3", "L4", "未確定")) == int(row["対象上限"])
    # The rate: a figure only when settled, its bounds and its coverage each a number in a cell of its own.
    assert [
        fu[h] for h in ("オンライン化率", "率下限", "率上限", "記録", "推定", "対象下限", "対象上限")
    ] == [*("", "4.8", "100.0", "1", "0", "1", "21")]
    assert [ku[h] for h in ("オンライン化率", "率下限", "率上限", "記録", "対象上限")] == [
        "4.8",
        "4.8",
        "4.8",
        "21",
        "21",
    ]
    assert "確認済" not in fu and not any("-" in v or "/" in v for v in ta.values() if v[:1].isdigit())
    # Usage: each rate with its fiscal year and its kind, as the terminal says them.
    assert (fu["利用率1"], fu["利用率1年度"], fu["利用率1注記"]) == ("20.0", "令和4年度", "")
    assert (ku["利用率1"], ku["利用率1年度"], ku["利用率1注記"]) == ("60.0", "令和5年度", "")
    assert (ta["利用率7"], ta["利用率7年度"], ta["利用率7注記"]) == (
        "23.2",
        "令和4年度",
        "公表値、令和4年11月末現在",
    )
    terminal = runner.invoke(app, ["compare", str(tmp_path)], env={"COLUMNS": "200"}).stdout
    assert "23.2%（令和4年度 公表値、令和4年11月末現在）" in terminal
    # The per-procedure rows: one figure per row, each procedure's under its number.
    assert ja["手続別: 率下限"]["1"] == "100.0" and ja["手続別: 率上限"]["2"] == "66.7"
    assert ja["手続別: オンライン化率"]["1"] == "100.0" and ja["手続別: オンライン化率"]["2"] == ""
    assert ja["手続別: 記録"]["2"] == "2" and ja["手続別: 対象上限"]["2"] == "3"
    en = table("en")
    ta = en["122050"]
    assert (ta["usage7"], ta["usage7 fiscal year"], ta["usage7 note"]) == (
        "23.2",
        "FY2022",
        "published rate; to 2022-11-30",
    )
    assert en["132063"]["Unsettled"] == "21" and en["132063"]["Rate low"] == "4.8"
    assert en["By procedure: rate high"]["2"] == "66.7"


def test_by_prefecture_never_counts_a_designated_citys_wards_as_municipalities(tmp_path: Path) -> None:
    """Review s8 F20: 千葉市 and two of its wards read 「3/54」 with the city's cells added once per ward (63); the two
    wards alone read 「2/54」 although none of 千葉県's 54 市町村 was there."""
    chiba, chuo, hana = tmp_path / "chiba", tmp_path / "chuo", tmp_path / "hana"
    _ok("init", str(chiba), "--name", "千葉市")
    _ok("init", str(chuo), "--name", "千葉市中央区")
    _ok("init", str(hana), "--name", "千葉市花見川区")
    _ok("set", "1", "--status", "○", "--catalog", str(chuo))

    def rollup(*dirs: Path, lang: str = "ja", fmt: str = "json") -> tuple[str, str]:
        result = runner.invoke(
            app,
            ["compare", *map(str, dirs), "--by", "prefecture", "-f", fmt, "--lang", lang],
            env={"COLUMNS": "80"},
        )
        assert result.exit_code == 0, result.stderr
        return result.stdout, result.stderr

    out, err = rollup(chiba, chuo, hana)
    (group,) = json.loads(out)["rollups"]
    assert group["municipalities"] == 1 and group["codes"] == ["121002"] and group["in_registry"] == 54
    assert group["coverage"] == {"known": 0, "total": 21, "inferred": 0}  # 千葉市's own 21 cells, once
    assert group["wards_left_out"] == ["121011", "121029"]
    said = "".join(err.split())  # one note, fitted to 80 columns
    assert (
        f"{chuo}（千葉市中央区）、{hana}（千葉市花見川区）" in said
        and f"千葉市は{chiba}で数えています" in said
    )
    table, _ = rollup(chiba, chuo, hana, fmt="table")
    assert " 1/54 " in table and "3/54" not in table and "0/21" in table
    assert "千葉市の区2件。" in "".join(table.split())

    out, err = rollup(chuo, hana)  # the wards alone: 千葉市 is not counted, and that is said
    (group,) = json.loads(out)["rollups"]
    assert group["municipalities"] == 0 and group["codes"] == [] and group["cells"]["online"] == 0
    assert group["wards_left_out"] == ["121011", "121029"]
    assert "千葉市のカタログがないため、千葉市は数えていません" in "".join(err.split())
    table, _ = rollup(chuo, hana, fmt="table")
    assert " 0/54 " in table and "2/54" not in table
    assert "千葉市の区2件（千葉市のカタログはなく、千葉市も数えていません）" in "".join(table.split())
    md, _ = rollup(chuo, hana, fmt="markdown")
    assert "| 千葉県 | 0/54 | 0 | 0 | 0 | 0 | 0 | — | 0/0 |" in md and "千葉市の区 2 件" in md
    text, _ = rollup(chuo, hana, fmt="csv", lang="en")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][1] == "Municipalities" and rows[0][-1] == "Wards left out"
    assert rows[1][:3] == ["千葉県", "0", "54"] and rows[1][-1] == "2"
    en, err = rollup(chuo, hana, fmt="table", lang="en")
    assert "2 wards of 千葉市 (no catalogue of 千葉市 itself: 千葉市 is not counted)" in " ".join(en.split())
    assert "so 千葉市 is not counted" in " ".join(err.split()) and "注意" not in err
    for text in (table, en, err):
        assert all(len(line) <= 80 for line in text.splitlines())
