"""A group recorded ○ (or ×, 一部) that its sub-procedures contradict (DX008) has no known status.

Either mark may be the wrong one, so no view may count the recorded mark: rates, levels and tables count the group
as unknown (？), as they count any unknown fact, and the procedures table says why.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.catalog.load import load_catalog
from dxready.cli import app
from dxready.render.grid import cell_len

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout


@pytest.fixture
def city(tmp_path: Path) -> Path:
    """館山市, 9 ○; the 子育て group recorded ○ while its first sub-procedure is ×."""
    root = tmp_path / "tateyama"
    assert _run("init", str(root), "--name", "館山市", "--code", "122050")[0] == 0
    for args in (("9", "--status", "○"), ("18", "--status", "○"), ("18/1", "--status", "×")):
        assert _run("set", *args, "--catalog", str(root))[0] == 0
    return root


def test_the_model_counts_a_contradicted_group_as_unknown(city: Path) -> None:
    childcare = load_catalog(city).procedures[17]
    assert childcare.status.value == "online" and childcare.status_contradicted
    assert childcare.effective_status.value == "unknown"


def test_rates_and_levels_do_not_count_the_contradicted_mark(city: Path) -> None:
    for command in (("gaps",), ("table", "summary")):
        summary = json.loads(_run(*command, "--catalog", str(city), "--format", "json")[1])["summary"]
        assert summary["by_status"]["online"] == 1 and summary["by_status"]["unknown"] == 20, command
        assert summary["coverage"] == {"known": 1, "total": 21, "inferred": 0} and summary["rate_bounds"] == [
            4.8,
            100.0,
        ]
    out = _run("gaps", "--catalog", str(city))[1]
    assert "4.8–100.0%（21件中1件確認）" in out and "9.5–" not in out
    assert "？ 未確認 20（うち個別手続と矛盾 1）" in out  # the summary says why the recorded ○ is not counted
    table = _run("table", "summary", "--catalog", str(city), "--format", "markdown", "--lang", "en")[1]
    assert "| ？ unknown | 20 (1 contradicted by sub-procedures) |" in table
    gaps = json.loads(_run("gaps", "--catalog", str(city), "--format", "json")[1])
    childcare = next(p for p in gaps["procedures"] if p["standard_no"] == 18)
    assert childcare["status"] == "unknown" and childcare["recorded_status"] == "online"
    assert childcare["level"] is None and childcare["level_bounds"] == [0, 4]
    assert "DX008" in [f["code"] for f in childcare["findings"]]
    compare = json.loads(_run("compare", str(city), "--format", "json")[1])
    (row,) = compare["municipalities"]
    assert row["coverage"] == {"known": 1, "total": 21, "inferred": 0} and row["statuses"]["18"] == "unknown"


def test_the_table_says_why_in_both_languages(city: Path) -> None:
    ja = _run("table", "procedures", "--catalog", str(city), "--format", "markdown")[1]
    assert "| ？（○ と個別手続 × 1 / ？ 14 / 15 が矛盾） |" in ja
    en = _run("table", "procedures", "--catalog", str(city), "--format", "markdown", "--lang", "en")[1]
    assert "| ？ (○ contradicts × 1 / ？ 14 / 15) |" in en
    terminal = _run("table", "procedures", "--catalog", str(city))[1]
    assert "矛盾" in terminal and max(cell_len(line) for line in terminal.splitlines()) <= 80


def test_check_reports_the_contradiction_once(city: Path) -> None:
    """DX008 says the group's mark is contradicted; DX103 does not also ask to record it (it is recorded)."""
    findings = json.loads(_run("check", "--catalog", str(city), "--format", "json")[1])["findings"]
    on_group = [
        f["code"]
        for f in findings
        if f["subject"]["id"] == "childcare" and "sub_procedure" not in (f["data"] or {})
    ]
    assert on_group == ["DX008"]


def test_the_page_says_why_too(city: Path, tmp_path: Path) -> None:
    import re

    for lang, said in (
        ("ja", "？（記録の ○ は個別手続と矛盾）"),
        ("en", "？ (recorded ○ contradicts its sub-procedures)"),
    ):
        out = tmp_path / f"page-{lang}.html"
        assert _run("page", "--catalog", str(city), "-o", str(out), "--lang", lang)[0] == 0
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8")))
        assert said in text
        assert (
            text.count("矛盾" if lang == "ja" else "contradicts its") == 1
        )  # the one contradicted group only
