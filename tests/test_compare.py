"""`dxready compare`: the municipality × standard-procedure matrix, its rates, formats, broken catalogues, cache."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from dxready.catalog.load import parse
from dxready.cli import app
from dxready.commands import compare
from dxready.commands.cache import cache_dir
from tests.helpers.catalogs import SHIPPED

runner = CliRunner()
BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def _run(*args: str) -> Any:
    return runner.invoke(app, ["compare", *args])


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    """A parent directory with Kamogawa (the shipped catalogue) and a fresh Kure with a few statuses."""
    parent = tmp_path / "set"
    shutil.copytree(SHIPPED, parent / "kamogawa")
    assert (
        runner.invoke(app, ["init", str(parent / "kure"), "--name", "呉市", "--code", "342025"]).exit_code
        == 0
    )
    for no, mark in (("1", "×"), ("2", "○"), ("9", "○"), ("6", "—"), ("7", "一部")):
        assert (
            runner.invoke(app, ["set", no, "--status", mark, "--catalog", str(parent / "kure")]).exit_code
            == 0
        )
    (parent / ".git").mkdir()  # not a catalogue: skipped
    (parent / "notes").mkdir()
    return parent


def test_matrix_marks_and_rates_as_json(pair: Path) -> None:
    result = _run(str(pair), "--format", "json", "--as-of", "2024-03-31")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1 and data["as_of"] == "2024-03-31"
    by_code = {m["code"]: m for m in data["municipalities"]}
    assert list(by_code) == ["122238", "342025"]  # by the lower bound of the online rate: 52.9 before 10.0
    assert data["order"] == "rate_bounds[0] descending, then code"
    kamo, kure = by_code["122238"], by_code["342025"]
    assert kamo["name"] == "鴨川市" and kure["name"] == "呉市"
    # Kamogawa: 17 applicable rows, ○ 9 (1 4 5 14 15 18 19 20 21), 一部 2, × 6 → 9/17 = 52.9 %.
    assert kamo["online_rate"] == 52.9
    assert kamo["statuses"]["6"] == "not_applicable" and kamo["statuses"]["2"] == "partial"
    assert kamo["rate"] == 52.9 and kamo["rate_bounds"] == [52.9, 52.9]
    assert kamo["coverage"] == {"known": 17, "total": 17, "inferred": 0}
    # Kure: known 1 × 2 ○ 9 ○ 7 一部, 6 is —, 16 unknown → no single figure (○ 2 of 4 = 50.0 % was printed before):
    # between 2/20 (every unknown ×) and 18/20 (every unknown ○).
    assert kure["online_rate"] is None and kure["rate"] is None and kure["online_or_partial_rate"] is None
    assert kure["rate_bounds"] == [10.0, 90.0] and kure["rate_with_partial_bounds"] == [15.0, 95.0]
    assert kure["coverage"] == {"known": 4, "total": 20, "inferred": 0}
    assert kure["statuses"]["3"] == "unknown"
    # 21 rows: one not applicable, 16 unknown (no level yet), 4 recorded, of which × and 一部 have a settled level
    # (0 and 1); the two ○ rows stand between 2 and 4 until identity, fee and result are recorded.
    assert (
        sum(kure["level_distribution"].values()) == 2 and kure["recorded"] == "4/20"
    )  # the rate's coverage: 6 (—) is out of both
    procedures = {p["standard_no"]: p for p in data["procedures"]}
    assert procedures[1]["counts"]["online"] == 1 and procedures[1]["counts"]["offline"] == 1
    assert procedures[1]["online_rate"] == 50.0
    assert procedures[2]["online_rate"] == 50.0 and procedures[2]["online_or_partial_rate"] == 100.0
    assert procedures[6]["online_rate"] is None  # — in both
    # Kamogawa 一部, Kure unknown: 0 % or 50 %, not 0.0 % as before.
    assert procedures[3]["online_rate"] is None and procedures[3]["rate_bounds"] == [0.0, 50.0]
    totals = data["totals"]
    assert totals["municipalities"] == 2 and totals["broken"] == 0
    # ○ 9 + 2 of 17 + 20 applicable cells, 21 of them known (11 of 21 = 52.4 % was printed before).
    assert totals["online_rate"] is None and totals["rate_bounds"] == [29.7, 73.0]
    assert totals["coverage"] == {"known": 21, "total": 37, "inferred": 0}
    assert data["errors"] == []


def test_broken_catalogue_is_located_and_the_rest_compared(pair: Path) -> None:
    broken = pair / "broken"
    shutil.copytree(SHIPPED, broken)
    path = broken / "procedures.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: ×\n", "status: maybe\n", 1), encoding="utf-8"
    )
    line = path.read_text(encoding="utf-8").splitlines().index("    status: maybe") + 1
    result = _run(str(pair), "--format", "json")
    assert result.exit_code == 2
    assert f"{path}:{line}:13: DX003" in result.stderr
    data = json.loads(result.stdout)
    assert [m["code"] for m in data["municipalities"]] == ["122238", "342025"]
    assert data["errors"][0]["location"] == {"file": str(path), "line": line, "column": 13}
    assert data["totals"]["broken"] == 1


def test_a_missing_directory_is_broken_not_fatal(pair: Path, tmp_path: Path) -> None:
    result = _run(str(pair / "kure"), str(tmp_path / "nowhere"), "--format", "csv")
    assert result.exit_code == 2
    assert "nowhere" in result.stderr
    assert "呉市" in result.stdout


def test_markdown_is_a_gfm_table(pair: Path) -> None:
    result = _run(str(pair), "--format", "markdown")
    assert result.exit_code == 0
    tokens = MarkdownIt("commonmark").enable("table").parse(result.stdout)
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 1 + 2 + 1  # header, two municipalities, the per-procedure rates
    cells = [t.content for t in tokens if t.type == "inline"]
    assert "鴨川市" in cells and "52.9%" in cells and "50.0%" in cells


def test_csv_has_a_bom_and_one_row_per_municipality(pair: Path) -> None:
    result = _run(str(pair), "--format", "csv", "--lang", "en")
    assert result.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(result.stdout[1:])))
    assert rows[0][:5] == ["Municipality", "Code", "Status as of", "1", "2"]
    assert rows[1][:7] == ["鴨川市", "122238", "2023-12-31", "○", "一部", "一部", "○"]
    head = rows[0]
    assert head[24:] == [
        *(
            "Online rate",
            "Rate low",
            "Rate high",
            "Recorded",
            "Inferred",
            "Applicable low",
            "Applicable high",
        ),
        *("L0", "L1", "L2", "L3", "L4", "Unsettled"),
    ]
    # Kure has unknown rows: no settled rate, its bounds and coverage each in a column of their own ("4/20" would be
    # a date in a spreadsheet); its levels add up to its applicable rows with the unsettled ones.
    kure = dict(zip(head, rows[2], strict=True))
    assert [kure[h] for h in head[24:31]] == ["", "10.0", "90.0", "4", "0", "4", "20"]
    assert sum(int(kure[h]) for h in head[31:]) == 20
    kamo = dict(zip(head, rows[1], strict=True))
    assert [kamo[h] for h in head[24:31]] == ["52.9", "52.9", "52.9", "17", "0", "17", "17"]
    assert [r[0] for r in rows[3:]] == [
        "By procedure: online rate",
        "By procedure: rate low",
        "By procedure: rate high",
        "By procedure: recorded",
        "By procedure: inferred",
        "By procedure: applicable low",
        "By procedure: applicable high",
    ]
    assert [r[3 + 2] for r in rows[3:]] == ["", "0.0", "50.0", "1", "0", "1", "2"]  # No.3: 一部 and ？


def test_table_shows_marks_rates_and_summary(pair: Path) -> None:
    result = _run(str(pair))
    assert result.exit_code == 0
    assert "鴨川市" in result.stdout and "呉市" in result.stdout
    assert "52.9%" in result.stdout
    assert "2 団体、オンライン化率" in result.stdout


def test_catalogue_text_is_inert(tmp_path: Path) -> None:
    assert (
        runner.invoke(app, ["init", str(tmp_path / "x"), "--name", "呉市", "--code", "342025"]).exit_code == 0
    )
    path = tmp_path / "x" / "procedures.yaml"
    text = path.read_text(encoding="utf-8").replace("  name: 呉市", '  name: "[b]悪|市[/b]\\e[31m"', 1)
    path.write_text(text, encoding="utf-8")
    table = _run(str(tmp_path / "x"))
    assert "[b]悪|市[/b]\\u{1b}[31m" in table.stdout and "\x1b" not in table.stdout
    md = _run(str(tmp_path / "x"), "--format", "markdown")
    assert "\\[b\\]悪\\|市\\[/b\\]" in md.stdout


def test_cache_is_used_and_never_changes_the_answer(pair: Path) -> None:
    first = compare.load_rows([pair], use_cache=True)
    assert first.cached == 0
    second = compare.load_rows([pair], use_cache=True)
    assert second.cached == 2
    assert second.rows == first.rows
    # An edit changes the content hash: the cached row of the old bytes is not used.
    assert runner.invoke(app, ["set", "3", "--status", "○", "--catalog", str(pair / "kure")]).exit_code == 0
    third = compare.load_rows([pair], use_cache=True)
    assert third.cached == 1
    assert {r.code: r.statuses[3] for r in third.rows}["342025"] == "online"


def test_a_corrupt_cache_is_ignored(pair: Path) -> None:
    compare.load_rows([pair], use_cache=True)
    db = cache_dir() / "compare.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute('UPDATE entries SET value = \'{"not": "a row"}\'')
    again = compare.load_rows([pair], use_cache=True)
    assert again.cached == 0 and len(again.rows) == 2
    db.write_bytes(b"this is not a database")
    result = _run(str(pair), "--format", "json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["municipalities"]) == 2


def test_no_cache_writes_nothing(pair: Path) -> None:
    assert _run(str(pair), "--no-cache", "--format", "json").exit_code == 0
    assert not (cache_dir() / "compare.sqlite3").exists()


def test_broken_catalogues_are_not_cached(pair: Path) -> None:
    path = pair / "kure" / "procedures.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "procedures: []\n", encoding="utf-8")  # duplicate key
    assert _run(str(pair), "--format", "json").exit_code == 2
    result = _run(str(pair), "--format", "json")
    assert result.exit_code == 2 and "DX002" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        "a: !!str 1\n",
        "a: &x [1, 2]\nb: *x\n",
        "<<: {a: 1}\n",
        "a: 1\na: 2\n",
        "? [1]\n: x\n",
        "d: 2023-02-30\n",
        "t: !custom x\n",
        "n: 0o17\nh: 0x1f\nf: 1.5e3\ninf: .inf\nb: True\nz: ~\nk: 2024-01-01 10:00:00\n",
        "1: one\ntrue: yes\nnull: x\n",
        "- " * 70 + "x\n",
    ],
)
def test_the_fast_path_reads_what_the_loader_reads_or_defers(text: str) -> None:
    from dxready.catalog.load import LoadError

    try:
        expected: Any = parse(text, "t.yaml", positions=False)[0]
    except LoadError:
        expected = LoadError
    try:
        got: Any = compare.fast_values(text.encode(), "t.yaml")
    except compare._Invalid:
        return  # deferred to the full loader, which decides
    assert got == expected


def test_the_fast_path_reads_the_shipped_and_generated_catalogues_alike(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCH))
    try:
        import national  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(BENCH))
    files = [*SHIPPED.glob("*.yaml"), *national.files_of(national.generate(tmp_path / "n", 3))]
    for path in files:
        data = path.read_bytes()
        assert compare.fast_values(data, str(path)) == parse(data.decode("utf-8"), str(path))[0], path


GOLDEN = Path(__file__).parent / "golden"
GOLDEN_CASES = {
    "compare.md": ["--format", "markdown"],
    "compare.en.md": ["--format", "markdown", "--lang", "en"],
    "compare.json": ["--format", "json"],
    "compare.csv": ["--format", "csv"],
    "compare.txt": ["--format", "table"],
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden(name: str, pair: Path) -> None:
    """After an intended output change: DXREADY_UPDATE_GOLDEN=1 pytest tests/test_compare.py, then review the diff."""
    import os

    result = _run(str(pair), *GOLDEN_CASES[name], "--as-of", "2026-11-26")
    assert result.exit_code == 0, result.stderr
    out = result.stdout.replace(str(pair), "set")
    path = GOLDEN / name
    if os.environ.get("DXREADY_UPDATE_GOLDEN"):
        path.write_bytes(out.encode("utf-8"))
    assert path.is_file(), f"missing golden file {path}; run with DXREADY_UPDATE_GOLDEN=1"
    assert out == path.read_bytes().decode("utf-8")


def test_duplicate_codes_are_pointed_out_and_an_empty_set_is_refused(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dxready.cli import app
    from tests.helpers.catalogs import copy_shipped

    copy_shipped(tmp_path / "set" / "a")
    copy_shipped(tmp_path / "set" / "b")
    result = CliRunner().invoke(app, ["compare", str(tmp_path / "set"), "--format", "json"])
    assert result.exit_code == 0
    assert "122238" in result.stderr and "2" in result.stderr
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(app, ["compare", str(tmp_path / "empty")])
    assert result.exit_code == 2 and result.stdout == ""
    assert "procedures.yaml" in result.stderr


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_notes_on_stderr_fit_80_columns_and_a_problem_stays_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """The review found the 「団体コード … 重複して数えています」 note 86 cells wide at 80 columns."""
    from rich.cells import cell_len

    from tests.helpers.catalogs import copy_shipped

    monkeypatch.chdir(tmp_path)  # directories as a user gives them: relative

    for name in ("kamogawa-city-catalogue-copy-a", "kamogawa-city-catalogue-copy-b"):
        copy_shipped(Path("set") / name)
    broken = Path("set") / "broken-catalogue-with-a-long-directory-name"
    broken.mkdir()
    (broken / "procedures.yaml").write_text("procedures: [\n", encoding="utf-8")
    result = runner.invoke(app, ["compare", "set", "-f", "json", "--lang", lang], env={"COLUMNS": "80"})
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    problem = next(line for line in lines if ": DX001 " in line)
    assert cell_len(problem) > 80  # whole, as every error
    assert problem.endswith(("閉じてください", "expected node content)"))
    notes = [line for line in lines if line is not problem]
    assert notes and all(cell_len(line) <= 80 for line in notes)
    said = "".join(line.strip() for line in notes) if lang == "ja" else " ".join(x.strip() for x in notes)
    assert (
        "は比較にも合計にも入れていません。"
        if lang == "ja"
        else "is left out of the comparison and the totals"
    ) in said
    piped = runner.invoke(app, ["compare", "set", "-f", "json", "--lang", lang], env={"COLUMNS": ""})
    assert len(piped.stderr.splitlines()) == 3  # no $COLUMNS and not a terminal: each line whole, for grep


def test_one_municipality_is_singular_in_english() -> None:
    """The walk found 「1 municipalities, online rate …」 and full-width brackets in English records."""
    result = runner.invoke(app, ["compare", "--embedded", "--lang", "en"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "\n1 municipality, online rate 52.9% (64.7% including partial)" in result.stdout
    narrow = runner.invoke(app, ["compare", "--embedded", "--lang", "en"], env={"COLUMNS": "80"})
    assert narrow.stdout.splitlines()[1].startswith(
        "鴨川市 (122238) · Status as of 2023-12-31 · Online rate"
    )  # not （122238）


def test_one_municipality_is_one_row_the_directory_before_the_embedded_copy(tmp_path: Path) -> None:
    """Review s7 F17: a copy of Kamogawa beside --embedded was listed twice and counted twice in every total."""
    parent = tmp_path / "cities"
    shutil.copytree(SHIPPED, parent / "kamogawa")
    assert (
        runner.invoke(app, ["set", "7", "--status", "○", "--catalog", str(parent / "kamogawa")]).exit_code
        == 0
    )
    assert runner.invoke(app, ["init", str(parent / "tateyama"), "--name", "館山市"]).exit_code == 0
    result = _run(str(parent), "--embedded", "--format", "json", "--as-of", "2026-11-26")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert sorted(m["code"] for m in data["municipalities"]) == ["122050", "122238"]
    (kamo,) = [m for m in data["municipalities"] if m["code"] == "122238"]
    assert kamo["catalog"] == str(parent / "kamogawa") and kamo["statuses"]["7"] == "online"
    assert data["totals"]["municipalities"] == 2
    assert data["totals"]["coverage"] == {
        "known": 17,
        "total": 38,
        "inferred": 0,
    }  # Kamogawa's 17 once, Tateyama's 21 unknown
    assert data["procedures"][6]["counts"]["online"] == 1
    assert result.stderr.startswith("注意: 団体コード 122238 のカタログが 2 つあります。")
    assert f"{parent / 'kamogawa'} だけを数え" in result.stderr.replace("\n    ", "")
    english = _run(str(parent), "--embedded", "--format", "json", "--lang", "en")
    assert "only " + str(parent / "kamogawa") + " is counted" in english.stderr.replace("\n    ", " ")


def test_each_municipality_is_dated_by_its_own_status_date_not_the_run(pair: Path) -> None:
    """R4: Kamogawa's catalogue describes 2023-12-31 and Kure's states no date; the figures are never labelled with
    the day compare ran (or --as-of) as if every city stood there then."""
    from dxready.render.page import build_compare

    result = _run(str(pair), "--as-of", "2031-04-01")
    assert result.exit_code == 0, result.stderr
    flat = "".join(result.stdout.split())
    assert "2031-04-01時点" not in flat
    assert "状況の時点2023-12-31" in flat and "状況の時点記載なし" in flat
    assert "状況の時点は団体ごと（2023-12-31、記載なし1団体）、基準日2031-04-01" in flat
    en = runner.invoke(app, ["--lang", "en", "compare", str(pair), "--as-of", "2031-04-01"])
    assert "(as of 2031-04-01)" not in en.stdout and "Status as of 2023-12-31" in en.stdout
    data = json.loads(_run(str(pair), "--format", "json", "--as-of", "2031-04-01").stdout)
    by_code = {m["code"]: m for m in data["municipalities"]}
    assert by_code["122238"]["status_as_of"] == "2023-12-31" and by_code["342025"]["status_as_of"] is None
    assert data["status_as_of"] == {"earliest": "2023-12-31", "latest": "2023-12-31", "not_stated": 1}
    md = _run(str(pair), "--format", "markdown").stdout
    assert "| 状況の時点 |" in md and "| 2023-12-31 |" in md and "| 記載なし |" in md
    rows = list(csv.reader(io.StringIO(_run(str(pair), "--format", "csv").stdout.lstrip("\ufeff"))))
    assert rows[0][2] == "状況の時点" and {r[2] for r in rows[1:3]} == {"2023-12-31", ""}
    page = build_compare([pair], dt.date(2031, 4, 1), "ja").html
    assert "<dt>状況の時点</dt><dd>団体ごと（2023-12-31、記載なし 1 団体、表を参照）" in page
    assert ">2023-12-31</td>" in page and ">記載なし</td>" in page


def test_one_shared_status_date_is_stated_once(tmp_path: Path) -> None:
    for name in ("a", "b"):
        shutil.copytree(SHIPPED, tmp_path / name)
    (tmp_path / "b" / "procedures.yaml").write_text(
        (tmp_path / "b" / "procedures.yaml").read_text("utf-8").replace('code: "122238"', 'code: "342025"'),
        "utf-8",
    )
    result = _run(str(tmp_path), "--no-cache")
    assert "（状況の時点2023-12-31、基準日" in "".join(result.stdout.split())


def test_the_compare_page_by_procedure_has_the_rate_with_partial(pair: Path) -> None:
    """R5: terminal compare shows 一部を含む per procedure; the page's 手続別 table dropped it."""
    from dxready.render.page import build_compare

    page = build_compare([pair], dt.date(2026, 11, 26), "ja").html
    per = page.split('id="by-procedure"', 1)[1]
    assert "○＋一部" in per
    row2 = per.split("文化・スポーツ施設等の利用予約等", 1)[1].split("</tr>", 1)[0]
    assert "50.0%" in row2 and "100.0%" in row2  # ○ 1 of 2, ○＋一部 2 of 2
