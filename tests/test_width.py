"""Every terminal view fits $COLUMNS, measured in cells (a Japanese character takes two)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from dxready.cli import app
from tests.helpers.catalogs import copy_shipped

runner = CliRunner()
AS_OF = ["--as-of", "2026-11-30"]
NO_LINE_START = tuple("」』）)、。，．・：；！？ー")

VIEWS = [
    ["gaps", *AS_OF],
    ["gaps", "-v", *AS_OF],
    ["next", *AS_OF],
    ["table", "procedures"],
    ["table", "systems"],
    ["table", "roadmap"],
    ["table", "summary"],
    ["rules"],
    ["explain", "DX110"],
]


def _lines(args: list[str], columns: int) -> list[str]:
    result = runner.invoke(app, args, env={"COLUMNS": str(columns)})
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("args", VIEWS, ids=lambda a: " ".join(a[:2]))
def test_views_fit_the_terminal(args: list[str], lang: str, columns: int) -> None:
    lines = _lines([*args, "--lang", lang], columns)
    wide = [line for line in lines if cell_len(line) > columns]
    assert not wide, "\n".join(wide)


@pytest.mark.parametrize("columns", [80, 120])
def test_compare_fits_the_terminal(tmp_path: Path, columns: int) -> None:
    for name in ("a", "b"):
        copy_shipped(tmp_path / name)
    lines = _lines(["compare", str(tmp_path)], columns)
    wide = [line for line in lines if cell_len(line) > columns]
    assert not wide, "\n".join(wide)


def test_gaps_fits_one_screen_at_80_columns() -> None:
    lines = _lines(["gaps", *AS_OF], 80)
    assert len(lines) <= 60
    assert all(cell_len(line) <= 80 for line in lines)
    commands = [line.strip() for line in lines if line.strip().startswith("dxready ")]
    assert commands and all(c.endswith(("2026-11-30",)) or " " in c for c in commands)
    # Japanese line-breaking: no line starts with a closing mark.
    assert not [line for line in lines if line.strip().startswith(NO_LINE_START)]


def test_gaps_says_everything_by_grouping() -> None:
    """Every finding of the JSON is counted in a group the terminal shows, and the counts agree."""
    data = json.loads(runner.invoke(app, ["gaps", *AS_OF, "--format", "json"]).stdout)
    found = sorted(
        (f["code"], f["subject"]["kind"], f["subject"]["id"])
        for key in ("procedures", "systems", "roadmap")
        for s in data[key]
        for f in s["findings"]
    ) + sorted((f["code"], f["subject"]["kind"], f["subject"]["id"]) for f in data["catalog_findings"])
    grouped = [(g["code"], s["kind"], s["id"]) for g in data["groups"] for s in g["subjects"]]
    assert sorted(found) == sorted(grouped)
    text = "\n".join(_lines(["gaps", *AS_OF], 80))
    for g in data["groups"]:
        assert g["code"] in text
        if g["count"] > 1:
            assert f"（{g['count']} 件）" in text
    total = sum(g["count"] for g in data["groups"])
    assert f"指摘 {total} 件" in text


def test_formats_agree_on_findings_and_waivers(tmp_path: Path) -> None:
    import csv
    import io

    root = copy_shipped(tmp_path / "c")
    (root / "dxready.yaml").write_text(
        "waivers:\n  - code: DX110\n    subject: library-reservation\n    reason: 確認済み\n",
        encoding="utf-8",
    )
    base = ["gaps", "--catalog", str(root), *AS_OF]
    data = json.loads(runner.invoke(app, [*base, "--format", "json"]).stdout)
    from_json = sorted((s["kind"], s["id"], g["code"]) for g in data["groups"] for s in g["subjects"])
    rows = list(
        csv.DictReader(io.StringIO(runner.invoke(app, [*base, "--format", "csv"]).stdout.lstrip("\ufeff")))
    )
    from_csv = sorted((r["kind"], r["id"], r["code"]) for r in rows if not r["waived"])
    assert from_json == from_csv
    assert data["summary"]["waived"] == 1
    table = runner.invoke(app, base).stdout
    markdown = runner.invoke(app, [*base, "--format", "markdown"]).stdout
    assert "適用除外 1 件" in table
    for code in {c for _, _, c in from_json}:
        assert code in table and code in markdown


@pytest.mark.parametrize(
    ("option", "check"),
    [
        # A catalogue-wide finding goes with its rule family: DX302 (a business no system serves) is a systems one.
        (["--only", "systems"], lambda f: f["subject"]["kind"] == "system" or f["code"].startswith("DX3")),
        (["--status", "×"], lambda f: f["subject"]["kind"] == "procedure"),
        (["--status", "未オンライン", "--code", "DX1"], lambda f: f["code"].startswith("DX1")),
        (["--min-severity", "warning"], lambda f: f["severity"] in ("warning", "error")),
        (["--code", "DX110"], lambda f: f["code"] == "DX110"),
        (["--id", "7"], lambda f: f["subject"]["id"] == "road-occupancy"),
    ],
)
def test_filters(option: list[str], check: object) -> None:
    data = json.loads(runner.invoke(app, ["gaps", *AS_OF, "--format", "json", *option]).stdout)
    findings = [f for key in ("procedures", "systems", "roadmap") for s in data[key] for f in s["findings"]]
    findings += data["catalog_findings"]
    assert findings and all(check(f) for f in findings)  # type: ignore[operator]
    everything = json.loads(runner.invoke(app, ["gaps", *AS_OF, "--format", "json"]).stdout)
    assert sum(g["count"] for g in data["groups"]) < sum(g["count"] for g in everything["groups"])
    steps = json.loads(runner.invoke(app, ["next", *AS_OF, "--format", "json", *option]).stdout)["steps"]
    assert all(set(s["codes"]) <= {f["code"] for f in findings} for s in steps)


def test_filters_refuse_what_matches_nothing() -> None:
    assert runner.invoke(app, ["gaps", "--code", "DX9"]).exit_code == 2
    assert runner.invoke(app, ["gaps", "--status", "maybe"]).exit_code == 2
    assert runner.invoke(app, ["next", "--only", "people"]).exit_code == 2


def test_check_lines_stay_whole_in_a_pipe_and_wrap_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Piped, ``check`` keeps one ``file:line:col: CODE message`` per line for editors and CI; on a terminal a long
    line continues indented, within the width."""
    piped = runner.invoke(app, ["check", *AS_OF]).stdout.splitlines()
    assert all(line.startswith("data/") or ": " in line for line in piped)
    import sys

    from dxready.render import text

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    line = text._fit("data/procedures.yaml:1:1: DX110 [情報] " + "とても長い説明の文です。" * 12)
    assert all(cell_len(part) <= 80 for part in line.split("\n"))
    assert all(part.startswith("    ") for part in line.split("\n")[1:])


def test_check_shows_findings_at_one_position_once(tmp_path: Path) -> None:
    root = copy_shipped(tmp_path / "c")
    result = runner.invoke(app, ["check", "--catalog", str(root), *AS_OF])
    lines = [line for line in result.stdout.splitlines() if " DX302 " in line]
    assert len(lines) == 1 and "（5 件:" in lines[0]
