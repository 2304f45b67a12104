"""Terminal output with rich. Catalogue text enters only as ``rich.text.Text`` (never as markup) after
``render.safe.plain`` has made control characters visible, so names cannot restyle or drive the terminal."""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import TYPE_CHECKING

from dxready.findings import Msg
from dxready.i18n import t as _t
from dxready.render import views
from dxready.render.grid import cell_len
from dxready.render.safe import plain
from dxready.render.steps import catalogue_errors, no_steps, part_lines

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text

    from dxready.engine.ranking import NextStep
    from dxready.engine.run import Report

_SEV_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_MARK_STYLE = {"○": "green", "一部": "yellow", "×": "red", "—": "dim", "？": "magenta"}


def _console() -> tuple[Console, io.StringIO]:
    from dxready.render.console import console

    return console(colour=True)


def _render(*items: RenderableType) -> str:
    from dxready.render.celltext import printable
    from dxready.render.grid import print_renderable  # large tables as a plain grid

    console, buf = _console()
    for item in items:
        print_renderable(console, printable(item))
    return buf.getvalue()


def _text(value: str, style: str = "") -> Text:
    from dxready.render.celltext import cell

    return cell(value, style)


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
    grid = views.systems(report, lang)
    if not grid.rows:  # a sentence, not an empty frame
        empty = _t(
            lang,
            "システムは記録されていません（dxready add system ID --name … --tier … で記録してください）",
            "no systems recorded (record one with dxready add system ID --name … --tier …)",
        )
        return _render(_text(grid.title), _text(empty))
    return _render(_grid(grid))


def table_roadmap(report: Report, lang: str) -> str:
    grid = views.roadmap(report, lang)
    if not grid.rows:  # the items are the list under roadmap: in roadmap.yaml
        empty = _t(
            lang,
            "工程表に項目はありません（dxready add roadmap ID --area N --title … で記録してください）",
            "no roadmap items (record one with dxready add roadmap ID --area N --title …)",
        )
        return _render(_text(grid.title), _text(empty))
    return _render(_grid(grid))


def table_summary(report: Report, lang: str) -> str:
    return _render(_summary_table(report, lang))


def _bar(n: int, total: int, width: int = 24) -> str:
    if total <= 0 or width <= 0:
        return ""
    filled = round(width * n / total)
    return "█" * filled + "·" * (width - filled)


def _summary_table(report: Report, lang: str) -> Table:
    from rich.table import Table

    s = report.summary()
    rows = views.summary_rows(s, lang, views.city_counts(report), views.contradicted(report))
    from rich.cells import cell_len

    table = Table(title=_text(views.summary(report, lang).title), title_justify="left", show_header=False)
    # Labels and values whole where the terminal allows; the bars take what is left (8 to 24 cells), never wrapped.
    value_w = max(cell_len(value) for _, value in rows)
    fits = _width() - value_w - 7  # two columns: borders and padding take 7 cells
    # A label too wide for its column breaks before its settled mark (（確定分）), not in the middle of a word.
    rows = [[_break_settled(label, fits, lang), value] for label, value in rows]
    label_w = max(cell_len(line) for label, _ in rows for line in label.split("\n"))
    room = _width() - label_w - value_w - 10  # three columns: borders and padding take 10 cells
    bar_w = min(24, room) if room >= 8 else 0
    table.add_column(no_wrap=bar_w > 0)
    table.add_column(justify="right", no_wrap=bar_w > 0)
    if bar_w:
        table.add_column(no_wrap=True)
    bars: dict[int, str] = {
        1: _bar(s.by_status["online"], s.applicable, bar_w),
        2: _bar(s.by_status["partial"], s.applicable, bar_w),
        3: _bar(s.by_status["offline"], s.applicable, bar_w),
    }
    level_start = len(rows) - 5 - bool(s.unsettled)
    level_counts = [*s.levels.values(), sum(s.unsettled.values())]
    for i, (label, value) in enumerate(rows):
        bar = bars.get(i, "")
        if i >= level_start:
            bar = _bar(level_counts[i - level_start], s.applicable, bar_w)
        style = _MARK_STYLE.get(label.split(" ", 1)[0], "")
        cells = [_text(label, style), _text(value)] + ([_text(bar, style or "blue")] if bar_w else [])
        table.add_row(*cells)
    return table


def _break_settled(label: str, fits: int, lang: str) -> str:
    from rich.cells import cell_len

    mark = _t(lang, "（確定分）", " (settled)")
    if cell_len(label) <= fits or not label.endswith(mark):
        return label
    return label[: -len(mark)] + "\n" + mark.strip()


def _width() -> int:
    console, _ = _console()
    return console.width


def _lines(text: str, width: int, first: str = "", rest: str = "  ", style: str = "") -> list[Text]:
    """``text`` wrapped in cells with Japanese line-breaking rules, as styled lines (never re-wrapped by rich)."""
    from rich.text import Text

    from dxready.render.wrap import wrap

    pieces = wrap(plain(text), width, indent=rest, first=first)
    return [Text(p, style=style, no_wrap=True, overflow="ignore") for p in pieces]


def _joined(
    items: list[str], sep: str, width: int, first: str = "", rest: str = "  ", style: str = ""
) -> list[Text]:
    from rich.text import Text

    from dxready.render.wrap import join_fit

    return [
        Text(p, style=style, no_wrap=True, overflow="ignore")
        for p in join_fit([plain(i) for i in items], sep, width, first, rest)
    ]


def _command(command: str, indent: str = "    ") -> Text:
    from rich.text import Text

    # A command is never wrapped, so that it can be copied whole.
    return Text(indent + plain(command), style="green", no_wrap=True, overflow="ignore")


def _summary_lines(report: Report, lang: str, width: int) -> list[Text]:
    rows = views.summary_rows(
        report.summary(), lang, contradicted=views.contradicted(report), settled_label=False
    )
    level_start = next(i for i, r in enumerate(rows) if r[0].startswith(_t(lang, "レベル", "Level")))
    status = [f"{label} {value}" for label, value in rows[:level_start]]
    levels = [f"{label.split(' ', 1)[1]} {value}" for label, value in rows[level_start:]]
    return _joined(status, " · ", width) + _joined(levels, " · ", width, first=_t(lang, "レベル ", "Levels "))


def _procedure_levels(report: Report, lang: str, width: int) -> list[Text]:
    """Each procedure's readiness level (its span, 2–4（未確定）, while an unknown fact could move it; ？ while its
    status is unknown; — where none applies), with what keeps it from the next level (``gaps -v``)."""
    items = _lines(_t(lang, "手続ごとの準備レベル", "Each procedure's readiness level"), width, style="bold")
    for p in views.ordered(report.catalog.procedures):
        name = f"No.{p.standard_no} " if p.standard_no else ""
        name += views.local(p.name, p.name_en, lang)
        level = views.level_text(report, p.id, lang).replace("\n", _t(lang, "、", ", "))
        if p.status_inferred and p.status.value != "unknown":  # a level resting on an inference says so (D17)
            level += _t(lang, "（状況は推定）", " (status inferred)")
        items += _clause_lines(
            _t(lang, f"{name}: レベル {level}", f"{name}: level {level}"), width, rest="    "
        )
        # an unknown status has one blocker, its status, which the level's ？ already says
        known = p.applicable and p.effective_status.value != "unknown"
        blockers = views.blockers_text(report, p.id, lang) if known else ""
        if blockers:
            items += _clause_lines(
                _t(lang, f"次のレベルへ: {blockers}", f"to reach the next level: {blockers}"),
                width,
                first="  ",
                rest="    ",
                style="dim",
            )
    return items


def _clause_lines(text: str, width: int, first: str = "", rest: str = "  ", style: str = "") -> list[Text]:
    """A level or criteria line broken after 、 and before （ where it can be (as the page keeps （未確定）,
    （未確認） and 令和5年11月末現在 whole, review s8 D6), a clause wider than the line by the messages' wrap, which
    keeps the status words (未確認, オンライン …) whole. English breaks at spaces only, as ever."""
    from rich.text import Text

    from dxready.render.wrap import wrap

    plain_text = plain(text)
    lines: list[str] = []
    line = first
    for clause in (c for c in re.split(r"(?<=、)|(?=（)", plain_text) if c):
        if cell_len(line) + cell_len(clause) <= width:
            line += clause
            continue
        if line.strip():
            lines.append(line.rstrip())
            line = rest
        if cell_len(line) + cell_len(clause) <= width:
            line += clause
            continue
        *done, line = wrap(clause, width, indent=rest, first=line, words=True)
        lines += done
    lines.append(line.rstrip())
    return [Text(p, style=style, no_wrap=True, overflow="ignore") for p in lines]


def gaps(report: Report, lang: str, show_waived: bool = False, verbose: bool = False) -> str:
    """One line (or a short paragraph) per finding; findings shared by many subjects once, with the subjects listed.

    ``verbose`` adds the summary table with bars, each subject's own message and command, and the criteria of the
    next level for each procedure.
    """
    from rich.text import Text

    from dxready.catalog.settings import Severity
    from dxready.render.gapsview import build
    from dxready.render.text import severity_count

    view = build(report, lang)
    width = _width()
    items: list[RenderableType] = [*_joined(views.catalog_parts(report, lang), " · ", width, style="dim")]
    note = views.embedded_note(report, lang)  # the shipped catalogue: how to make a copy set can edit
    items += _lines(note, width, style="yellow") if note else []
    if verbose:
        items.append(_summary_table(report, lang))
    else:
        items += _summary_lines(report, lang, width)
    counts = (
        "、".join(f"{Severity(s).label(lang)} {n}" for s, n in view.counts.items() if n)
        if lang == "ja"
        else ", ".join(severity_count(n, s) for s, n in view.counts.items() if n)
    )
    if view.total:
        total = _t(
            lang,
            f"指摘 {view.total} 件（{counts}）",
            f"{view.total} finding{'s' if view.total != 1 else ''} ({counts})",
        )
        if not verbose:
            total += _t(
                lang,
                "。-v で説明と手続ごとのレベルを表示します",
                "; -v for explanations and levels",
            )
    else:
        total = _t(lang, "指摘はありません", "No findings")
    items += _lines(total, width, style="bold")
    for g in view.groups:
        sev = Severity(g.severity)
        head = f"{sev.label(lang)} {g.code} "
        if g.shared:
            head_text = _t(lang, f"{g.title}（{len(g.entries)} 件）", f"{g.title} ({len(g.entries)})")
            lines = _lines(head_text, width, first=head, rest="  ")
            lines[0].stylize(_SEV_STYLE[g.severity], 0, len(head))
            items += lines
            if verbose:
                for e in g.entries:
                    shown = e.ref != e.name and not e.message.startswith(e.ref)
                    items += _lines(e.message, width, first=f"  - {e.ref} " if shown else "  - ", rest="    ")
                    if e.command:
                        items.append(_command(e.command, "      "))
            else:
                sep = _t(lang, "、", ", ")
                named = [f"{e.ref} {e.name}" if e.ref != e.name else e.ref for e in g.entries]
                lines = _joined(named, sep, width, first="  ", rest="  ")
                if len(lines) > 2:
                    refs = Counter(e.ref for e in g.entries)
                    twice = {r for r, n in refs.items() if n > 1}
                    lines = _joined(
                        [n if e.ref in twice else e.ref for n, e in zip(named, g.entries, strict=True)],
                        sep,
                        width,
                        first="  ",
                        rest="  ",
                    )
                items += lines
        else:
            e = g.entries[0]
            lines = _lines(e.message, width, first=head, rest="  ")
            lines[0].stylize(_SEV_STYLE[g.severity], 0, len(head))
            items += lines
        if g.next_step:
            items += _lines(g.next_step, width, first="  → ", rest="    ", style="green")
        if g.command and not (verbose and g.shared):
            items.append(_command(g.command))
    if verbose:
        items += _procedure_levels(report, lang, width)
    waived = len(view.waived)
    if waived and not show_waived:
        items += _lines(
            _t(lang, f"適用除外 {waived} 件（--show-waived で表示）", f"{waived} waived (see --show-waived)"),
            width,
            style="dim",
        )
    elif waived:
        items += _lines(_t(lang, f"適用除外 {waived} 件:", f"{waived} waived:"), width, style="dim")
        for e, reason in zip(view.waived, view.waived_reasons, strict=True):
            items += _lines(f"{e.message} — {reason}", width, first=f"  {e.ref} ", rest="    ", style="dim")
    del Text
    return _render(*items)


_FACTS = Msg(
    "── 以下は事実を記録する一手（課題の一手の後に点数順）──",
    "── Below: facts to record (after the gaps, by score) ──",
)


def _facts_start(steps: list[NextStep], i: int) -> bool:
    """Step ``i`` is the first that only asks for a missing fact (the ranking puts those after the real gaps)."""
    return i > 0 and steps[i].missing_fact and not steps[i - 1].missing_fact


NEXT_RECORDS_BELOW = 100
"""Below this many columns ``next`` shows one record per step instead of its four-column table."""


def _next_records(report: Report, lang: str, steps: list[NextStep], width: int) -> list[RenderableType]:
    """Each step as a heading (rank, subject, score), its action, blockers, then codes and the score's parts."""
    weights = report.catalog.settings.weights
    items: list[RenderableType] = [*_lines(_t(lang, "次の一手", "Next steps"), width, style="bold")]
    if not steps:
        items += _lines(no_steps(report, lang), width)
    elif besides := catalogue_errors(report, lang):
        items += _lines(besides, width, style="red")
    number = len(str(max((s.rank for s in steps), default=1))) + 1  # "9." and "10." right-aligned
    body = " " * (number + 1)  # every step's text starts under its heading's
    for i, s in enumerate(steps):
        if _facts_start(steps, i):
            items += _lines(_FACTS.get(lang), width, style="dim")
        score = _t(lang, f"（点数 {s.score:.2f}）", f" (score {s.score:.2f})")
        head = f"{s.rank}.".rjust(number) + " "
        items += _lines(s.display_name(lang) + score, width, first=head, rest=body, style="bold")
        items += _lines(s.action.get(lang), width, first=body, rest=body)
        for b in s.blocked_by:
            items += _lines(b.get(lang), width, first=body + "⛔ ", rest=body + "   ", style="red")
        parts = [*([" ".join(s.codes)] if s.codes else []), *part_lines(s, weights, lang)]
        items += _joined(parts, " · ", width, first=body, rest=body)
    return items


def next_steps(report: Report, lang: str, steps: list[NextStep]) -> str:
    from rich.table import Table

    width = _width()
    if width < NEXT_RECORDS_BELOW or not steps:
        return _render(
            *_joined(views.catalog_parts(report, lang), " · ", width, style="dim"),
            *_next_records(report, lang, steps, width),
        )
    table = Table(title=_text(_t(lang, "次の一手", "Next steps")), title_justify="left", show_lines=True)
    for h in (
        "#",
        _t(lang, "対象", "Subject"),
        _t(lang, "次の一手", "Action"),
        _t(lang, "点数（内訳）", "Score (parts)"),
    ):
        table.add_column(_text(h))
    weights = report.catalog.settings.weights
    for i, s in enumerate(steps):
        if _facts_start(steps, i):
            table.add_row("", _text(_FACTS.get(lang), "dim"), "", "")
        action = _text(s.action.get(lang))
        for b in s.blocked_by:
            action.append("\n⛔ " + plain(b.get(lang)), style="red")
        if s.codes:
            action.append("\n" + " ".join(s.codes), style="dim")
        parts = _text(f"{s.score:.2f}\n", "bold")
        parts.append("\n".join(part_lines(s, weights, lang)), style="dim")
        table.add_row(_text(str(s.rank)), _text(s.display_name(lang)), action, parts)
    note = views.embedded_note(report, lang)
    besides = catalogue_errors(report, lang)
    return _render(
        _text(views.catalog_line(report, lang), "dim"),
        *([_text(note, "yellow")] if note else []),
        *([_text(besides, "red")] if besides else []),
        table,
    )
