"""``dxready trend`` as text: a rich table, markdown with a mermaid chart, JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dxready.engine.rates import applicable_bounds, applicable_text, fields
from dxready.engine.rates import text as rate_text
from dxready.i18n import t as _t

if TYPE_CHECKING:
    from dxready.commands.trend import Point, Trend

BAR_WIDTH = 24
BAR_FROM = 120
"""Narrower than this many columns the table has no room for the bar: it is left out rather than squeezing the rest."""


def _bar(value: float | None) -> str:
    if value is None:
        return ""
    eighths = round(value / 100 * BAR_WIDTH * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + ("" if rest == 0 else "▏▎▍▌▋▊▉"[rest - 1])


def _subject(p: Point, lang: str) -> str:
    if not p.commit:
        # Words of at most 10 cells: at 80 columns the subject keeps 11, and "(uncommitted" would fold mid-word.
        return _t(lang, "（未コミットの変更）", "(not yet committed)")
    return p.subject if len(p.subject) <= 50 else p.subject[:49] + "…"


def _headers(lang: str, *, terminal: bool = False) -> list[str]:
    """The columns of :func:`_row`: the commit's date is labelled as what it is (the day the catalogue was
    recorded), apart from the status date the recorded catalogue states (its 状況の時点), which may be long before."""
    return [
        _t(
            lang,
            "記録日" if terminal else "記録日（コミット）",
            "Recorded" if terminal else "Recorded (commit)",
        ),
        _t(lang, "コミット", "Commit"),
        _t(lang, "状況の時点", "As of" if terminal else "Status as of"),
        # "Applicable" is one 10-cell word: at 80 columns it would leave the subject 6 cells.
        _t(lang, "対象", "In scope" if terminal else "Applicable"),
        "○",
        "一部",
        "×",
        "？",
        _t(lang, "オンライン化率", "Online rate"),
        _t(lang, "内容", "Subject"),
    ]


def _as_of(p: Point, lang: str) -> str:
    """The status date the point's catalogue states; 記載なし where it states none; blank where it was unreadable."""
    if p.problem is not None:
        return ""
    return p.as_of.isoformat() if p.as_of else _t(lang, "記載なし", "not stated")


def legend(lang: str) -> str:
    """What the two dates of a point are, and in which order the points come."""
    return _t(
        lang,
        "記録日はコミットした日、状況の時点は記録された状況の日付です（コミット順）。",
        "Recorded: the day the catalogue was committed; as of: the date its statuses describe (in commit order).",
    )


def _recorded(p: Point, lang: str) -> list[str]:
    """The point's 記録日 and コミット cells. The working tree was recorded on no day (the run's date is not a record
    date): 作業中 / 未コミット, as the page says it; working / uncommitted in English (review s8 D9)."""
    if not p.commit:
        return [_t(lang, "作業中", "working"), _t(lang, "未コミット", "uncommitted")]
    return [p.date.isoformat(), p.short]


def _row(p: Point, lang: str, *, coverage: bool = True) -> list[str]:
    if p.problem is not None:
        unreadable = _t(lang, f"読めません: {p.problem.ja}", f"unreadable: {p.problem.en}")
        return [*_recorded(p, lang), "", "", "", "", "", "", unreadable, _subject(p, lang)]
    return [
        *_recorded(p, lang),
        _as_of(p, lang),
        applicable_text(p.applicable, p.unknown, lang, unknown_beside=True),  # the ？ column says how many
        str(p.online),
        str(p.partial),
        str(p.offline),
        str(p.unknown),
        rate_text(p.rates()[0], lang, coverage=coverage) if p.applicable else "—",
        _subject(p, lang),
    ]


def _terminal_row(p: Point, lang: str) -> list[str]:
    """A row of the terminal table: the rate without its coverage (the ？ column says it); an unreadable commit
    says so in the rate column and gives its problem under its subject, where there is room for it."""
    from dxready.render.safe import oneline

    row = [oneline(c) for c in _row(p, lang, coverage=False)]
    if (
        not p.commit
    ):  # 作業中 beside its subject （未コミットの変更）: 未コミット would only narrow the subject
        row[1] = ""
    if p.problem is not None:
        problem = _t(lang, p.problem.ja, p.problem.en)
        row[8:] = [_t(lang, "読めません", "unreadable"), f"{row[9]}\n{oneline(problem)}"]
    return row


def _stacked(row: list[str]) -> list[str]:
    """A row of the terminal table: the status date under the day it was recorded, in one column (the table has
    no room at 80 columns for a column of its own, and the header names both)."""
    return [f"{row[0]}\n{row[2]}" if row[2] else row[0], row[1], *row[3:]]


def _lines_len(text: str) -> int:
    from dxready.render.grid import cell_len

    return max(cell_len(line) for line in text.split("\n"))


SUBJECT_ROOM = 20
"""Cells the subject keeps before the headers give up their natural width and wrap."""


def _fixed_widths(head: list[str], rows: list[list[str]], room: int) -> list[int]:
    """Widths of every column but the subject: the widest value (a date, a count, a rate range is never broken) or
    the header whole, where ``room`` cells allow it and the subject keeps SUBJECT_ROOM; else the header on at most
    two lines, whichever is wider."""
    from dxready.render.wrap import widest_piece

    cell_len = _lines_len
    values = [max((cell_len(r[i]) for r in rows), default=0) for i in range(8)]
    natural = [max(cell_len(h), v) for h, v in zip(head, values, strict=False)]
    if sum(natural) + SUBJECT_ROOM <= room:
        return natural
    # Else a header takes two lines at most, and one of two Japanese characters (対象, 一部) stays whole.
    half = [
        (cell_len(h) + 3) // 4 * 2 for h in head
    ]  # half its cells, rounded up to whole full-width characters
    return [
        max(min(cell_len(h), max(widest_piece(h), 4, hw)), v)
        for h, hw, v in zip(head, half, values, strict=False)
    ]


SUBJECT_MIN = 10
"""Fewer cells than this left for the subject (narrower than 80 columns): the points are records, not a table."""
SUBJECT_PIECE = 24
"""The widest piece of a subject (a date, a word) that the subject column must hold whole."""


def _records(
    console: Any, head: list[str], rows: list[list[str]], points: Sequence[Point], lang: str
) -> None:
    """Each point as a line (date, commit: subject) and its figures labelled, wrapped at the console's width; the
    working tree's line is 「作業中（未コミット）」 (no 記録日: nothing was recorded)."""
    from rich.text import Text

    from dxready.render.wrap import join_fit, wrap

    width = console.width
    for row, p in zip(rows, points, strict=True):
        subject = row[9].split("\n")
        if p.commit:
            said = f"{head[0]} {row[0]} {row[1]}: {subject[0]}".rstrip(": ")
        else:  # its subject (未コミットの変更) would say it again
            working, uncommitted = _recorded(p, lang)
            said = _t(lang, f"{working}（{uncommitted}）", f"{working} ({uncommitted})")
        lines = wrap(said, width, indent="    ")
        lines += [line for more in subject[1:] for line in wrap(more, width, indent="    ", first="    ")]
        figures = [f"{h} {v}" for h, v in zip(head[2:9], row[2:9], strict=True) if v]
        lines += join_fit(figures, " · ", width, first="  ", indent="  ")
        for line in lines:
            console.print(Text(line, no_wrap=True, overflow="ignore"), soft_wrap=True)


def table(trend: Trend, lang: str) -> str:
    path, points = trend.path, trend.points

    from rich.table import Table
    from rich.text import Text

    from dxready.render.celltext import cell
    from dxready.render.console import console as make_console
    from dxready.render.safe import oneline
    from dxready.render.wrap import widest_piece, wrap

    console, buf = make_console()
    console.print(Text(oneline(_t(lang, f"オンライン化の推移: {path}", f"Readiness over time: {path}"))))
    if not points:
        console.print(Text(_t(lang, "この期間のコミットはありません。", "No commits in this period.")))
        return buf.getvalue()
    for line in wrap(legend(lang), console.width):
        console.print(Text(line, no_wrap=True, overflow="ignore"), soft_wrap=True)
    # The bar draws a definite rate only (while a status is unknown there is none) and needs room: otherwise no
    # column is drawn for it, rather than an empty one.
    bars = [_bar(p.online_rate) if console.width >= BAR_FROM else "" for p in points]
    # The ？ column beside the rate says how many statuses are unknown (as in compare's table), so the rate is the
    # range alone. Every column but the subject gets the width of its widest value: only the subject wraps, and a
    # date, a count or a rate is never broken.
    full_head = _headers(lang, terminal=True)
    full_rows = [_terminal_row(p, lang) for p in points]
    head, rows = _stacked(full_head), [_stacked(r) for r in full_rows]
    columns = len(head) + (1 if any(bars) else 0)
    chrome = columns + 1 + 2 * columns  # the borders and each column's padding
    room = console.width - chrome - max(len(b) for b in bars)
    widths = _fixed_widths(head, rows, room)
    # A subject's widest unbreakable piece (a date 令和7年4月1日 with its bracket, a word) must fit its column, or
    # the table would cut it: then records, where it stays whole. Past SUBJECT_PIECE cells (a URL) it is cut anyway.
    widest = min(max(widest_piece(row[8]) for row in rows), SUBJECT_PIECE)
    if room - sum(widths) < max(SUBJECT_MIN, widest):  # no room for a subject's words: one record per point
        _records(console, full_head, full_rows, points, lang)
        return buf.getvalue()
    t = Table()
    for i, header in enumerate(head):
        t.add_column(
            cell(header),
            justify="right" if 2 <= i <= 7 else "left",
            overflow="fold",
            width=widths[i] if i < 8 else None,
        )
        if i == 7 and any(bars):
            t.add_column(_t(lang, "○の割合", "○ share"), no_wrap=True)
    for row, bar in zip(rows, bars, strict=True):
        cells = [cell(c) for c in row]
        t.add_row(*cells[:8], *([Text(bar)] if any(bars) else []), cells[8])
    console.print(t)
    return buf.getvalue()


def markdown(trend: Trend, lang: str) -> str:
    path, points = trend.path, trend.points
    from dxready.render.mermaid import trend_chart
    from dxready.render.safe import md_cell, md_text, oneline

    shown = oneline(path).replace("`", "'")
    lines = [f"### {md_text(_t(lang, 'オンライン化の推移', 'Readiness over time'))}: `{shown}`", ""]
    if not points:
        lines.append(_t(lang, "この期間のコミットはありません。", "No commits in this period."))
        return "\n".join(lines) + "\n"
    chart: list[tuple[str, float | None]] = []
    seen: dict[str, int] = {}
    for p in points:
        label = p.date.isoformat() if p.commit else _t(lang, "作業中", "working")
        seen[label] = seen.get(label, 0) + 1
        chart.append((label if seen[label] == 1 else f"{label} ({seen[label]})", p.online_rate))
    lines += [trend_chart(chart, lang).rstrip("\n"), "", md_text(legend(lang)), ""]
    head = _headers(lang)
    lines += ["| " + " | ".join(head) + " |", "|---|---|---|---:|---:|---:|---:|---:|---:|---|"]
    for p in points:
        lines.append("| " + " | ".join(md_cell(c) for c in _row(p, lang)) + " |")
    return "\n".join(lines) + "\n"


def json_(trend: Trend, lang: str) -> str:
    from dxready.commands.trend import SCHEMA_VERSION

    path, points = trend.path, trend.points
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "file": path,
        "points": [
            {
                "commit": p.commit or None,
                "date": p.date.isoformat(),
                "subject": p.subject if p.commit else None,
                "as_of": p.as_of.isoformat() if p.as_of else None,
                "applicable": p.applicable,
                "applicable_bounds": applicable_bounds(p.applicable, p.unknown),
                "online": p.online,
                "partial": p.partial,
                "offline": p.offline,
                "unknown": p.unknown,
                **(fields(*p.rates()) if p.problem is None else {}),
                "online_rate": p.online_rate,
                "online_or_partial_rate": p.online_or_partial_rate,
                "problem": None if p.problem is None else p.problem.get(lang),
            }
            for p in points
        ],
    }
    from dxready.render.safe import json_dumps

    return json_dumps(data, indent=2) + "\n"
