"""Every format of ``gaps`` and ``next`` says the same things: the same findings, the same waiver count.

The formats are the registry's (``render.formats``), so a format added later is held to the same contract (the
parsers below fail on a format they do not know). The catalogue has what made the formats disagree before: waived
findings of a procedure and of a system, and findings about the settings themselves (DX011: an expired waiver, a
waiver naming no rule), which the terminal listed apart and markdown merged, saying nothing of waivers.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from dxready.render import formats
from tests.helpers.catalogs import copy_shipped

runner = CliRunner()
AS_OF = ["--as-of", "2026-11-26"]
WAIVERS = """\
waivers:
  - code: DX110
    subject: library-reservation
    reason: 確認済み
  - code: DX303
    subject: koseki
    reason: 連携は移行時に
  - code: DX301
    subject: health-management
    reason: 移行計画は別紙
  - code: DX303
    subject: health-management
    reason: 移行計画は別紙
  - code: DX999
    subject: library-reservation
    reason: 存在しないルール
  - code: DX103
    subject: road-occupancy
    reason: 古い
    until: 2020-01-01
"""
WAIVED = 4
CODE = re.compile(r"DX\d{3}")


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_shipped(tmp_path_factory.mktemp("agree") / "c")
    (root / "dxready.yaml").write_text(WAIVERS, encoding="utf-8")
    return root


def _run(args: list[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", "1000")  # the terminal views unwrapped: one group or row per line
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.stdout


def _md_cells(line: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


# --------------------------------------------------------------------------------------------------- gaps


def _gaps(fmt: str, text: str, show_waived: bool) -> tuple[Counter[str], int | None]:
    """(active findings per code, waived count as the format states it; None when it states none)."""
    if fmt == "json":
        data = json.loads(text)
        return Counter(g["code"] for g in data["groups"] for _ in g["subjects"]), data["summary"]["waived"]
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
        waived = sum(1 for r in rows if r["waived"])
        return Counter(r["code"] for r in rows if not r["waived"]), (waived if show_waived else None)
    if fmt == "markdown":
        return _gaps_markdown(text, show_waived)
    if fmt == "table":
        return _gaps_table(text, show_waived)
    raise AssertionError(f"no parser for gaps --format {fmt}: add one")


def _gaps_markdown(text: str, show_waived: bool) -> tuple[Counter[str], int | None]:
    found: Counter[str] = Counter()
    waived_items = 0
    section = ""
    for line in text.splitlines():
        if line.startswith("### "):
            section = line[4:]
        elif line.startswith("| ") and section in ("手続", "Procedures"):
            cells = _md_cells(line)
            found.update(CODE.match(x).group(0) for x in cells[4].split("<br>") if CODE.match(x))  # type: ignore[union-attr]
        elif line.startswith("- ") and section in ("適用除外", "Waived"):
            waived_items += 1
        elif line.startswith("- "):
            item = line[2:].split(" — ", 1)[-1] if line.startswith("- **") else line[2:]
            match = CODE.match(item)
            assert match, line
            found[match.group(0)] += 1
    said = re.search(r"適用除外 (\d+) 件", text)
    if show_waived:
        return found, waived_items
    return found, int(said.group(1)) if said else None


def _gaps_table(text: str, show_waived: bool) -> tuple[Counter[str], int | None]:
    found: Counter[str] = Counter()
    for line in text.splitlines():
        head = re.match(r"^(?:エラー|警告|情報) (DX\d{3}) .*?(?:（(\d+) 件）)?$", line)
        if head:
            found[head.group(1)] += int(head.group(2) or 1)
    said = re.search(r"適用除外 (\d+) 件", text)
    total = re.search(r"指摘 (\d+) 件", text)
    assert total and int(total.group(1)) == sum(found.values())
    return found, int(said.group(1)) if said else None


@pytest.mark.parametrize("show_waived", [False, True])
def test_every_gaps_format_reports_the_same_findings_and_waivers(
    catalog: Path, show_waived: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = ["gaps", "--catalog", str(catalog), *AS_OF, *(["--show-waived"] if show_waived else [])]
    said = {
        fmt: _gaps(fmt, _run([*base, "--format", fmt], monkeypatch), show_waived) for fmt in formats("gaps")
    }
    reference, _ = said["json"]
    assert reference["DX011"] == 2  # the settings' own findings are there to compare
    for fmt, (found, waived) in said.items():
        assert found == reference, fmt
        if fmt == "csv" and not show_waived:
            assert waived is None  # a row format: waived findings are rows, listed with --show-waived
            continue
        assert waived == WAIVED, fmt


def test_the_json_and_csv_name_the_same_subjects(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = ["gaps", "--catalog", str(catalog), *AS_OF]
    data = json.loads(_run([*base, "--format", "json"], monkeypatch))
    from_json = sorted((s["kind"], s["id"], g["code"]) for g in data["groups"] for s in g["subjects"])
    rows = csv.DictReader(io.StringIO(_run([*base, "--format", "csv"], monkeypatch).lstrip("\ufeff")))
    assert from_json == sorted((r["kind"], r["id"], r["code"]) for r in rows)
    assert ("settings", "road-occupancy", "DX011") in from_json
    assert ("procedure", "library-reservation", "DX110") not in from_json  # waived


# --------------------------------------------------------------------------------------------------- next


def _next(fmt: str, text: str) -> list[tuple[int, str, tuple[str, ...]]]:
    """(rank, subject as the format names it, codes) per step."""
    if fmt == "json":
        return [(s["rank"], s["subject"]["id"], tuple(s["codes"])) for s in json.loads(text)["steps"]]
    if fmt == "csv":
        rows = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        return [(int(r["rank"]), r["id"], tuple(r["codes"].split())) for r in rows]
    if fmt == "markdown":
        steps = []
        for line in text.splitlines():
            cells = _md_cells(line) if line.startswith("| ") else []
            if cells and cells[0].isdigit():
                codes = cells[2].split("<br>")[-1]
                steps.append((int(cells[0]), cells[1], tuple(codes.split()) if CODE.match(codes) else ()))
        return steps
    if fmt == "table":
        return _next_table(text)
    raise AssertionError(f"no parser for next --format {fmt}: add one")


def _next_table(text: str) -> list[tuple[int, str, tuple[str, ...]]]:
    steps: list[tuple[int, str, tuple[str, ...]]] = []
    for line in text.splitlines():
        if not line.startswith("│"):
            continue
        cells = [c.strip() for c in line.split("│")[1:-1]]
        if cells[0].isdigit():
            steps.append((int(cells[0]), cells[1], ()))
        elif re.fullmatch(r"DX\d{3}( DX\d{3})*", cells[2]):
            rank, name, _ = steps[-1]
            steps[-1] = (rank, name, tuple(cells[2].split()))
    return steps


def test_every_next_format_lists_the_same_steps(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = ["next", "--catalog", str(catalog), *AS_OF, "--top", "200"]
    said = {fmt: _next(fmt, _run([*base, "--format", fmt], monkeypatch)) for fmt in formats("next")}
    data = json.loads(_run([*base, "--format", "json"], monkeypatch))
    names = {s["subject"]["id"]: s["name"] for s in data["steps"]}
    by_id = said["json"]
    assert len(by_id) > 10
    for fmt, steps in said.items():
        assert [(rank, codes) for rank, _, codes in steps] == [(rank, codes) for rank, _, codes in by_id], fmt
        named = [names[ident] for _, ident, _ in by_id] if fmt in ("markdown", "table") else None
        if named is not None:
            assert [name for _, name, _ in steps] == named, fmt
        else:
            assert steps == by_id, fmt
    # A subject whose findings are all waived is no step in any format; one with a finding left still is.
    assert "health-management" not in {ident for _, ident, _ in by_id}
    koseki = next(codes for _, ident, codes in by_id if ident == "koseki")
    assert "DX303" not in koseki and "DX301" in koseki
