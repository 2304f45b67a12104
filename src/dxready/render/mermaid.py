"""Mermaid charts: the plan's 工程表 as a Gantt chart, and readiness over time as a line chart.

The Gantt chart has one bar per roadmap item and one section per area, by fiscal year.

A bar runs from the start of its start fiscal year (1 April) to the end of its target fiscal year (31 March). An
item with no deadline (期限なし) or a recurring one (適宜) runs to the end of the chart's last fiscal year, and a
review year (見直し・改正) is a milestone. An item without a start year starts with the chart and says so. ``done`` items are drawn as done and ``in_progress`` ones as active.

The output is a fenced ``mermaid`` block, ready for a markdown file (GitHub renders it) or ``table --write``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dxready.catalog.fiscal import FiscalYear
from dxready.catalog.models import circled
from dxready.i18n import t as _t
from dxready.render.safe import mermaid

if TYPE_CHECKING:
    from dxready.catalog.models import RoadmapItem
    from dxready.engine.run import Report


def _text(value: str) -> str:
    """Catalogue text through the Mermaid sink: it can neither end a task name early nor start a statement."""
    return mermaid(value) or "—"


def _years(item: RoadmapItem) -> list[int]:
    years = [item.start_fiscal_year, item.target_year, item.review_fiscal_year]
    return [int(y) for y in years if y is not None]


def _target_label(item: RoadmapItem, lang: str) -> str:
    if item.target == "none":
        return _t(lang, "期限なし", "no deadline")
    if item.target == "recurring":
        return _t(lang, "適宜", "as needed")
    return item.target.label(lang)


def _task(item: RoadmapItem, n: int, first: FiscalYear, last: FiscalYear, lang: str) -> list[str]:
    start = item.start_fiscal_year or first
    end = max(item.target_year or last, start)
    title = item.title_en if lang == "en" and item.title_en else item.title
    label = f"{circled(item.no)} {title}".strip()
    target = _target_label(item, lang)
    if item.start_fiscal_year is None:
        span = _t(lang, f"開始年度の記載なし〜{target}", f"no start year–{target}")
    elif item.target_year == start:
        span = start.label(lang)
    else:
        span = _t(lang, f"{start.label(lang)}〜{target}", f"{start.label(lang)}–{target}")
    name = _t(lang, f"{label}（{span}）", f"{label} ({span})")
    tags = {"done": "done, ", "in_progress": "active, "}.get(item.state.value if item.state else "", "")
    # Mermaid's end date is exclusive: the bar stops where the next fiscal year starts.
    until = FiscalYear(int(end) + 1).start.isoformat()
    lines = [f"    {_text(name)} :{tags}t{n}, {start.start.isoformat()}, {until}"]
    if item.review_fiscal_year is not None:
        review = _text(f"{label} {_t(lang, '見直し・改正', 'review')}")
        lines.append(f"    {review} :milestone, r{n}, {item.review_fiscal_year.start.isoformat()}, 0d")
    return lines


def roadmap_gantt(report: Report, lang: str) -> str:
    catalog = report.catalog
    items = catalog.roadmap
    years = [y for item in items for y in _years(item)]
    first = FiscalYear(min(years) if years else int(FiscalYear.of(report.as_of)))
    last = FiscalYear(max(max(years) if years else first, first))
    municipality = catalog.procedures_file.municipality
    title = _t(
        lang,
        f"{municipality.name} 工程表（{first.ja()}〜{last.ja()}）",
        f"{municipality.name_en or municipality.name} roadmap ({first.en()}–{last.en()})",
    )
    if not items:  # no years to span: say so instead of a chart with a made-up range
        title = _t(
            lang,
            f"{municipality.name} 工程表（項目なし）",
            f"{municipality.name_en or municipality.name} roadmap (no items)",
        )
    lines = [
        "```mermaid",
        "gantt",
        f"    title {_text(title)}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %Y-%m",
        "    tickInterval 1year",
    ]
    areas = {a.no: a for a in catalog.roadmap_file.areas}
    order: list[int] = []
    for item in items:
        if item.area not in order:
            order.append(item.area)
    task = 0
    for no in order:
        area = areas.get(no)
        name = (area.title_en if lang == "en" and area.title_en else area.title) if area else ""
        lines.append(f"    section ({no}) {_text(name)}" if name else f"    section ({no})")
        for item in (i for i in items if i.area == no):
            task += 1
            lines.extend(_task(item, task, first, last, lang))
    lines.append("```")
    return "\n".join(lines) + "\n"


def trend_chart(points: Sequence[tuple[str, float | None]], lang: str) -> str:
    """The online rate over time as a Mermaid ``xychart-beta`` line (points without a rate are left out)."""
    shown = [(label, rate) for label, rate in points if rate is not None]
    labels = ", ".join(json.dumps(_text(label), ensure_ascii=False) for label, _ in shown)
    values = ", ".join(f"{rate:.1f}" for _, rate in shown)
    title = _t(lang, "オンライン化率（○）の推移", "Online rate (○) over time")
    return (
        "\n".join(
            [
                "```mermaid",
                "xychart-beta",
                f"    title {json.dumps(title, ensure_ascii=False)}",
                f"    x-axis [{labels}]",
                '    y-axis "%" 0 --> 100',
                f"    line [{values}]",
                "```",
            ]
        )
        + "\n"
    )
