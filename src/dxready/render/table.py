"""Terminal output with rich. Catalogue text enters only as ``rich.text.Text`` (never as markup) after
``render.safe.plain`` has made control characters visible, so names cannot restyle or drive the terminal."""

from __future__ import annotations

import io
import os
import sys
from typing import TYPE_CHECKING

from dxready.i18n import t as _t
from dxready.render import views
from dxready.render.safe import plain
from dxready.render.views import part_lines

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text

    from dxready.engine.ranking import NextStep
    from dxready.engine.run import Report

_SEV_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_MARK_STYLE = {"○": "green", "一部": "yellow", "×": "red", "—": "dim", "？": "magenta"}


def _console() -> tuple[Console, io.StringIO]:
    from rich.console import Console

    buf = io.StringIO()
    tty = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    width = int(os.environ.get("COLUMNS", "0") or 0) or None
    console = Console(
        file=buf,
        force_terminal=tty,
        no_color=not tty,
        width=width or (None if tty else 120),
        highlight=False,
        emoji=False,
        markup=False,
    )
    return console, buf


def _render(*items: RenderableType) -> str:
    console, buf = _console()
    for item in items:
        console.print(item)
    return buf.getvalue()


def _text(value: str, style: str = "") -> Text:
    from rich.text import Text

    return Text(plain(value), style=style, overflow="fold")


def _grid(g: views.Grid, *, mark_col: int | None = None) -> Table:
    from rich.table import Table

    table = Table(title=_text(g.title), title_justify="left", show_lines=False)
    for h in g.headers:
        table.add_column(_text(h))
    for row in g.rows:
        table.add_row(*(_text(c, _MARK_STYLE.get(c, "") if i == mark_col else "") for i, c in enumerate(row)))
    return table


def table_procedures(report: Report, lang: str) -> str:
    return _render(_grid(views.procedures(report, lang), mark_col=2))


def table_systems(report: Report, lang: str) -> str:
    return _render(_grid(views.systems(report, lang)))


def table_roadmap(report: Report, lang: str) -> str:
    return _render(_grid(views.roadmap(report, lang)))


def table_summary(report: Report, lang: str) -> str:
    return _render(_summary_table(report, lang))


def _bar(n: int, total: int, width: int = 24) -> str:
    if total <= 0:
        return ""
    filled = round(width * n / total)
    return "█" * filled + "·" * (width - filled)


def _summary_table(report: Report, lang: str) -> Table:
    from rich.table import Table

    s = report.summary()
    rows = views.summary_rows(s, lang, views.city_counts(report))
    table = Table(title=_text(views.summary(report, lang).title), title_justify="left", show_header=False)
    table.add_column()
    table.add_column(justify="right")
    table.add_column()
    bars: dict[int, str] = {
        1: _bar(s.by_status["online"], s.applicable),
        2: _bar(s.by_status["partial"], s.applicable),
        3: _bar(s.by_status["offline"], s.applicable),
    }
    level_start = len(rows) - 5
    for i, (label, value) in enumerate(rows):
        bar = bars.get(i, "")
        if i >= level_start:
            bar = _bar(s.levels[i - level_start], s.applicable)
        style = _MARK_STYLE.get(label.split(" ", 1)[0], "")
        table.add_row(_text(label, style), _text(value), _text(bar, style or "blue"))
    return table


def gaps(report: Report, lang: str, show_waived: bool = False) -> str:
    from rich.table import Table
    from rich.text import Text

    items: list[RenderableType] = [
        _text(views.catalog_line(report, lang), "dim"),
        _summary_table(report, lang),
    ]
    by_proc = views.subject_findings(report, "procedure")
    table = Table(
        title=_text(_t(lang, "手続ごとのギャップ", "Gaps by procedure")),
        title_justify="left",
        show_lines=True,
    )
    for h in (
        _t(lang, "No.", "No."),
        _t(lang, "手続", "Procedure"),
        _t(lang, "状況", "Status"),
        _t(lang, "レベル", "Level"),
        _t(lang, "指摘と次の一手", "Findings and next steps"),
    ):
        table.add_column(_text(h))
    for p in views.ordered(report.catalog.procedures):
        findings = by_proc.get(p.id, [])
        if not p.applicable and not findings:
            continue
        cell = Text(overflow="fold")
        for f in findings:
            cell.append(f"{f.code} ", style=_SEV_STYLE[f.severity.value])
            cell.append(plain(f.message.get(lang)) + "\n")
            if f.next_step:
                cell.append("  → " + plain(f.next_step.get(lang)) + "\n", style="green")
        blockers = views.blockers_text(report, p.id, lang)
        if blockers:
            cell.append(
                _t(lang, "次のレベルへ: ", "to reach the next level: ") + plain(blockers), style="dim"
            )
        cell.rstrip()
        table.add_row(
            _text(str(p.standard_no or "")),
            _text(views.local(p.name, p.name_en, lang)),
            _text(views.status_text(p, lang), _MARK_STYLE[p.effective_status.mark]),
            _text(views.level_text(report, p.id, lang)),
            cell,
        )
    items.append(table)
    for kind, title, names in (
        ("system", _t(lang, "システム", "Systems"), views.subject_names(report, lang)["system"]),
        ("roadmap", _t(lang, "工程表", "Roadmap"), views.subject_names(report, lang)["roadmap"]),
        ("catalog", _t(lang, "カタログ全体", "Catalogue"), {}),
        ("settings", _t(lang, "設定", "Settings"), {}),
    ):
        found = views.subject_findings(report, kind)
        if not found:
            continue
        sub = Table(title=_text(title), title_justify="left", show_header=False)
        sub.add_column()
        sub.add_column()
        for ident, findings in found.items():
            for f in findings:
                line = Text(overflow="fold")
                line.append(f"{f.code} ", style=_SEV_STYLE[f.severity.value])
                line.append(plain(f.message.get(lang)))
                if f.next_step:
                    line.append("\n  → " + plain(f.next_step.get(lang)), style="green")
                sub.add_row(_text(names.get(ident, ident)), line)
        items.append(sub)
    waived = len(report.waived)
    if waived and not show_waived:
        items.append(
            _text(
                _t(
                    lang,
                    f"適用除外 {waived} 件（--show-waived で表示）",
                    f"{waived} waived (see --show-waived)",
                ),
                "dim",
            )
        )
    elif waived:
        items.append(_text(_t(lang, f"適用除外 {waived} 件:", f"{waived} waived:"), "dim"))
        for f in report.waived:
            items.append(_text(f"  {f.code} {f.subject.id}: {f.message.get(lang)} — {f.waived}", "dim"))
    return _render(*items)


def next_steps(report: Report, lang: str, steps: list[NextStep]) -> str:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=_text(_t(lang, "次の一手", "Next steps")), title_justify="left", show_lines=True)
    for h in (
        "#",
        _t(lang, "対象", "Subject"),
        _t(lang, "次の一手", "Action"),
        _t(lang, "点数（内訳）", "Score (parts)"),
    ):
        table.add_column(_text(h))
    weights = report.catalog.settings.weights
    for s in steps:
        action = Text(plain(s.action.get(lang)), overflow="fold")
        for b in s.blocked_by:
            action.append("\n⛔ " + plain(b.get(lang)), style="red")
        if s.codes:
            action.append("\n" + " ".join(s.codes), style="dim")
        parts = Text(f"{s.score:.2f}\n", style="bold")
        parts.append("\n".join(part_lines(s, weights, lang)), style="dim")
        table.add_row(_text(str(s.rank)), _text(s.display_name(lang)), action, parts)
    return _render(_text(views.catalog_line(report, lang), "dim"), table)
