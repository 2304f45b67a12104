"""``table roadmap --format mermaid``: the 工程表 as a Mermaid Gantt chart by fiscal year."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from dxready.cli import app
from tests.helpers.catalogs import write_example

TASK = re.compile(
    r"^    (?P<name>[^:]+) :(?P<tags>(?:active, |done, |milestone, )?)(?P<id>[tr]\d+), "
    r"(?P<start>\d{4}-\d\d-\d\d), (?P<end>\d{4}-\d\d-\d\d|0d)$"
)


def _gantt(*args: str) -> str:
    result = CliRunner().invoke(app, ["table", "roadmap", "--format", "mermaid", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_shipped_roadmap_one_bar_per_item_one_section_per_area() -> None:
    out = _gantt()
    lines = out.splitlines()
    assert lines[:6] == [
        "```mermaid",
        "gantt",
        "    title 鴨川市 工程表（令和5年度〜令和9年度）",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %Y-%m",
        "    tickInterval 1year",
    ]
    assert lines[-1] == "```"
    sections = [line for line in lines if line.startswith("    section ")]
    assert sections[0] == "    section (1) フロントヤード改革の推進"
    assert len(sections) == 7
    tasks = [TASK.match(line) for line in lines[6:-1] if not line.startswith("    section ")]
    assert all(tasks), [line for line in lines if line.startswith("    ") and not TASK.match(line)]
    bars = [m for m in tasks if m and m["id"].startswith("t")]
    assert len(bars) == 24  # the plan's 24 items
    by_name = {m["name"]: m for m in bars if m}
    planning = by_name["① 計画立案（令和5年度〜令和6年度）"]
    assert (planning["start"], planning["end"]) == ("2023-04-01", "2025-04-01")
    selection = by_name["② システム選定（令和6年度）"]
    assert (selection["start"], selection["end"]) == ("2024-04-01", "2025-04-01")
    # no deadline: to the end of the chart's last fiscal year; in progress is drawn active
    kakanai = by_name["⑤ 「書かない窓口」システムの導入と拡大（令和5年度〜期限なし）"]
    assert (kakanai["tags"], kakanai["end"]) == ("active, ", "2028-04-01")
    milestones = [m for m in tasks if m and m["tags"] == "milestone, "]
    assert len(milestones) == 4 and all(m["start"] == "2027-04-01" for m in milestones)


def test_english_labels() -> None:
    out = _gantt("--lang", "en")
    assert "    title Kamogawa City roadmap (FY2023–FY2027)" in out
    assert "    ① Planning (FY2023–FY2024) :t6, 2023-04-01, 2025-04-01" in out


def test_catalogue_text_cannot_break_the_chart(tmp_path: Path) -> None:
    catalog, _ = write_example(
        "areas:\n  - {no: 1, title: 'A: B'}\n"
        "roadmap:\n"
        '  - {id: x, area: 1, no: 1, title: "evil: 2020-01-01, 1d\\n    section hacked #x; %%{init}%%",'
        " start_fiscal_year: 2024, target: 2025, state: done}\n"
        "  - {id: y, area: 1, title: 開始なし, target: none}\n",
        tmp_path / "cat",
    )
    out = _gantt("--catalog", str(catalog), "--as-of", "2025-04-01")
    lines = out.splitlines()
    assert "    section (1) A： B" in lines
    assert [line for line in lines if line.startswith("    section")] == ["    section (1) A： B"]
    evil = next(line for line in lines if "evil" in line)
    assert TASK.match(evil)
    assert evil.endswith(":done, t1, 2024-04-01, 2026-04-01")
    assert "%%" not in out and "#" not in out.replace("```", "")
    assert "    開始なし（開始年度の記載なし〜期限なし） :t2, 2024-04-01, 2026-04-01" in lines


def test_write_the_chart_into_a_markdown_block(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# 工程表\n<!-- dxready:roadmap -->\n<!-- /dxready:roadmap -->\n", encoding="utf-8")
    args = ["table", "roadmap", "--format", "mermaid", "--write", str(readme)]
    assert CliRunner().invoke(app, args).exit_code == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# 工程表\n<!-- dxready:roadmap -->\n```mermaid\ngantt\n")
    assert text.endswith("```\n<!-- /dxready:roadmap -->\n")
    assert CliRunner().invoke(app, [*args, "--check"]).exit_code == 0
