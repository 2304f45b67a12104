"""Every terminal view, in Japanese and English, at 80 and 120 columns, on three catalogues: the shipped one, a
half-filled ``init`` with a few ``set``s, and 呉市 with its published 令和4年度 figures.

What a reader at a terminal must never see: a line wider than the terminal (measured in cells), a line (or a table
cell's line) that starts with a closing bracket or punctuation, an ASCII ``;`` joining Japanese clauses.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

import dxready.clitext
from dxready.cli import app
from dxready.render.wrap import NO_START
from tests.helpers.catalogs import copy_shipped
from tests.helpers.pages import with_history

runner = CliRunner()
AS_OF = "2026-11-30"
# A status mark is a word of its own: ？ (unknown) may start a cell, as ○ and × do.
_MARK = re.compile(r"？(?:[ （]|$)")
_BOX = re.compile(r"[│┃║]")


def _run(args: list[str], columns: int) -> str:
    result = runner.invoke(app, args, env={"COLUMNS": str(columns)})
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def bad_starts(text: str) -> list[str]:
    """Lines, and lines of table cells, that start with a closing mark or punctuation."""
    bad = []
    for line in text.splitlines():
        for segment in _BOX.split(line):
            shown = segment.strip()
            if shown and shown[0] in NO_START and shown[0] not in ".-" and not _MARK.match(shown):
                bad.append(line)
    return bad


def semicolons(text: str) -> list[str]:
    """Lines where an ASCII ';' stands next to Japanese text."""
    return [line for line in text.splitlines() if re.search(r"[^\x00-\x7f│┃] ?; |; ?[^\x00-\x7f│┃ ]", line)]


def _set(root: Path, *args: str) -> None:
    result = runner.invoke(app, ["set", *args, "--catalog", str(root)])
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="module")
def catalogs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("walk")
    shipped = copy_shipped(root / "shipped")
    half = root / "half"
    assert runner.invoke(app, ["init", str(half), "--name", "千代田区", "--code", "131016"]).exit_code == 0
    _set(half, "1", "--status", "○")
    _set(half, "5", "--status", "一部")
    _set(half, "9", "--status", "×", "--counts", "2023:1200:300", "--verified-on", "令和6年3月31日")
    _set(half, "6", "--status", "—")
    kure = root / "kure"
    assert runner.invoke(app, ["init", str(kure), "--name", "呉市", "--code", "342025"]).exit_code == 0
    # 呉市's published 令和4年度 counts (reference/national-context.md [V]).
    _set(kure, "1", "--status", "○", "--counts", "令和4年度:196,759:152,983")
    _set(kure, "5", "--status", "○", "--counts", "令和4年度:29,926:1,716")
    _set(kure, "15", "--status", "○", "--counts", "令和4年度:316:316")
    _set(kure, "18/1", "--status", "○", "--counts", "R4:815:426")
    _set(kure, "9", "--status", "×")
    return {"shipped": shipped, "half": half, "kure": kure, "history": with_history(root)}


VIEWS = [
    ["gaps"],
    ["gaps", "-v"],
    ["next"],
    ["table", "procedures"],
    ["table", "systems"],
    ["table", "roadmap"],
    ["table", "summary"],
    ["check"],
    ["check", "-v"],
]


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("which", ["shipped", "half", "kure"])
@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_views_fit_and_break_lines_properly(
    catalogs: dict[str, Path], view: list[str], which: str, lang: str, columns: int
) -> None:
    out = _run([*view, "--catalog", str(catalogs[which]), "--lang", lang, "--as-of", AS_OF], columns)
    if view[0] != "check":  # check keeps file:line:col lines whole off a terminal (test_width)
        wide = [line for line in out.splitlines() if cell_len(line) > columns]
        assert not wide, "\n".join(wide)
    assert not bad_starts(out), "\n".join(bad_starts(out))
    if lang == "ja":
        assert not semicolons(out), "\n".join(semicolons(out))


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize(
    "args",
    [
        ["diff", "{shipped}", "{half}"],
        ["diff", "{half}", "{kure}"],
        ["compare", "{shipped}", "{half}", "{kure}"],
        ["trend", "--catalog", "{history}"],
        ["rules"],
        *(["explain", code] for code in ("DX013", "DX015", "DX110", "DX203")),
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_other_views_fit_and_break_lines_properly(
    catalogs: dict[str, Path], args: list[str], lang: str, columns: int
) -> None:
    named = {k: str(v) for k, v in catalogs.items()}
    out = _run([a.format(**named) for a in args] + ["--lang", lang], columns)
    wide = [line for line in out.splitlines() if cell_len(line) > columns]
    assert not wide, "\n".join(wide)
    assert not bad_starts(out), "\n".join(bad_starts(out))
    if lang == "ja":
        assert not semicolons(out), "\n".join(semicolons(out))


@pytest.mark.parametrize("columns", [80, 120])
def test_summary_bars_never_wrap_and_give_way_to_the_figures(catalogs: dict[str, Path], columns: int) -> None:
    out = _run(["table", "summary", "--catalog", str(catalogs["half"])], columns)
    rows = [[seg.strip() for seg in _BOX.split(line)] for line in out.splitlines()]
    bar_cells = [cell for row in rows for cell in row if re.search("[█·]", cell)]
    widths = {len(cell) for cell in bar_cells}
    assert len(widths) <= 1 and all(8 <= w <= 24 for w in widths), bar_cells  # whole bars of one width
    assert any("20件中" in cell and "確認）" in cell for row in rows for cell in row), (
        out
    )  # the rate never wraps
    if columns == 120:
        assert bar_cells, out  # where there is room, the bars are drawn


# Pieces of help text that must never be split across lines.
_WHOLE = re.compile(
    r"(?:令和|平成|昭和|R)(?:元|\d+)(?:[年./]\d+(?:[月./]\d+日?)?|年度末?)|\d+年(?:\d+月(?:\d+日)?|度末?)"
    r"|\d+月\d+日|\d{4}-\d{2}-\d{2}|--?[a-z][a-z-]*|\d[\d,.:%]*\d|dxready [a-z]+(?: -[a-z-]+)?|\$[A-Z_]+"
    r"|\[既定: [^\]]*\]"
)
COMMANDS = [
    [],
    *(
        [c]
        for c in [
            "check",
            "gaps",
            "next",
            "table",
            "rules",
            "explain",
            "schema",
            "diff",
            "set",
            "add",
            "init",
            "export",
            "import",
        ]
    ),
]
COMMANDS += [["compare"], ["trend"], ["page"]]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "dxready")
def test_help_never_splits_a_date_option_number_or_command(
    monkeypatch: pytest.MonkeyPatch, command: list[str], lang: str
) -> None:
    monkeypatch.setattr(dxready.clitext, "help_width", lambda: 1000)
    whole = runner.invoke(app, ["--lang", lang, *command, "--help"], env={"COLUMNS": "1000"}).stdout
    monkeypatch.setattr(dxready.clitext, "help_width", lambda: 80)
    narrow = runner.invoke(app, ["--lang", lang, *command, "--help"], env={"COLUMNS": "80"}).stdout
    want = Counter(m for line in whole.splitlines() for m in _WHOLE.findall(line))
    have = Counter(m for line in narrow.splitlines() for m in _WHOLE.findall(line))
    assert want, "nothing to look for"
    assert not want - have, dict(want - have)
    assert all(cell_len(line) <= 80 for line in narrow.splitlines())
    assert not bad_starts(narrow)
    if lang == "ja":
        assert not semicolons(narrow), semicolons(narrow)


def test_fresh_init_check_folds_info_and_lists_every_error(catalogs: dict[str, Path]) -> None:
    import json

    half = str(catalogs["half"])
    folded = _run(["check", "--catalog", half, "--as-of", AS_OF], 80).splitlines()
    every = _run(["check", "-v", "--catalog", half, "--as-of", AS_OF], 80).splitlines()
    data = json.loads(_run(["check", "--format", "json", "--catalog", half, "--as-of", AS_OF], 80))
    dx103 = [f for f in data["findings"] if f["code"] == "DX103"]
    assert len(dx103) > 20 and len(folded) <= 10
    (line,) = [line for line in folded if "DX103" in line]
    assert re.match(r"\S+procedures\.yaml:\d+:\d+: DX103 \[情報\] ", line)
    assert f"{len(dx103)} 件" in line and "-v ですべて表示" in line
    assert sum("DX103" in line for line in every) == len(dx103)
    # Errors and warnings are never folded: each has its own file:line:col line.
    loud = [f for f in data["findings"] if f["severity"] != "info"]
    assert loud and all(sum(f"{f['code']} " in line for line in folded) >= 1 for f in loud)
    assert sum(" [エラー] " in line or " [警告] " in line for line in folded) == len(loud)


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_messages_fit_the_terminal(tmp_path: Path, lang: str, columns: int) -> None:
    env = {"COLUMNS": str(columns)}
    where = tmp_path / ("とても長い名前のディレクトリ" * 3)
    steps = [
        ["init", str(where), "--name", "呉市", "--code", "342025"],
        ["set", "1", "--catalog", str(where), "--status", "○", "--counts", "令和4年度:196,759:152,983"],
        [
            "add",
            "my-proc",
            "--catalog",
            str(where),
            "--name",
            "独自の手続で名前がとても長いものを追加する場合の名前",
        ],
        ["export", "--catalog", str(where), "-o", str(tmp_path / "c.xlsx")],
        ["set", "1", "--catalog", str(where), "--verified-on", "2024-02-30"],
    ]
    for args in steps:
        result = runner.invoke(app, ["--lang", lang, *args], env=env)
        assert result.exit_code in (0, 2), result.stderr
        for stream in (result.stdout, result.stderr):
            wide = [
                line for line in stream.splitlines() if cell_len(line) > columns and str(where) not in line
            ]
            assert not wide, (args, wide)
            assert not bad_starts(stream), (args, bad_starts(stream))


@pytest.mark.parametrize("which", ["shipped", "half", "kure"])
def test_next_at_80_columns_is_records_with_whole_commands(catalogs: dict[str, Path], which: str) -> None:
    out = _run(["next", "--catalog", str(catalogs[which]), "--as-of", AS_OF], 80)
    assert not re.search("[┏┃│]", out)  # records, not a four-column table
    assert re.search(r"^ *1\. .+（点数 \d+\.\d\d）$", out, re.M)  # right-aligned when there are 10 or more
    for line in out.splitlines():
        if "dxready set" in line:
            assert re.search(r"dxready set \S+ --[a-z-]+", line), line
