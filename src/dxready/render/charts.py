"""Inline SVG charts for the status page: summary bars, the 工程表 as a Gantt chart, the trend line, card rates.

Each chart is an ``<svg role="img">`` named by its ``<title>`` and described by its ``<desc>``, and the page puts the
same figures in a table beside it. Colours come from CSS classes (so the page's dark and print styles apply) and are
never the only carrier of a meaning: values are written as text, states are told apart by shape as well.
Every text from a catalogue goes through :func:`dxready.render.html.esc`.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dxready.catalog.fiscal import FiscalYear
from dxready.i18n import t as _t
from dxready.render.safe import plain


def esc(value: object) -> str:
    """Text for HTML content and quoted attributes: inert, visible, one escaping for both (html.py uses this)."""
    return html.escape(plain(str(value)), quote=True)


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def _open(ident: str, width: int, height: int, title: str, desc: str, cls: str = "chart") -> str:
    return (
        f'<svg class="{cls}" role="img" aria-labelledby="{ident}-t {ident}-d" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-t">{esc(title)}</title><desc id="{ident}-d">{esc(desc)}</desc>'
    )


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------------------------------- bars


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str
    css: str


def stacked(ident: str, bars: Sequence[Bar], title: str, desc: str) -> str:
    """One horizontal bar split into parts (e.g. ○ / 一部 / × / ？), each part named in a legend with its count."""
    width, left = 420, 0
    total = sum(b.value for b in bars) or 1
    rows = len(bars)
    height = 40 + 26 * rows
    parts = [_open(ident, width, height, title, desc)]
    x = 0.0
    for b in bars:
        w = (width - left) * b.value / total
        if w > 0:
            parts.append(f'<rect class="{b.css}" x="{x:.1f}" y="4" width="{w:.1f}" height="24"/>')
            if w > 2:  # a gap between parts, so adjacent colours are told apart without relying on them
                parts.append(f'<rect class="gap" x="{x + w - 1:.1f}" y="4" width="1" height="24"/>')
        x += w
    for i, b in enumerate(bars):
        y = 48 + 26 * i
        parts.append(f'<rect class="{b.css}" x="0" y="{y - 12}" width="14" height="14"/>')
        parts.append(f'<text x="22" y="{y}">{esc(b.label)}: {esc(b.shown)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def horizontal(ident: str, bars: Sequence[Bar], scale: float, title: str, desc: str) -> str:
    """One bar per item under its label, its value written after it (levels, card rates).

    Narrow on purpose (labels above the bars): on a 360-pixel phone the chart shrinks little and stays legible.
    """
    width, row = 420, 44
    span = width - 80
    height = row * len(bars) + 4
    parts = [_open(ident, width, height, title, desc)]
    for i, b in enumerate(bars):
        y = row * i
        w = span * (b.value / scale) if scale else 0
        parts.append(f'<text x="0" y="{y + 16}">{esc(_clip(b.label, 28))}</text>')
        parts.append(f'<rect class="track" x="0" y="{y + 22}" width="{span}" height="16"/>')
        if w > 0:
            parts.append(f'<rect class="{b.css}" x="0" y="{y + 22}" width="{w:.1f}" height="16"/>')
        parts.append(f'<text x="{max(w, span) + 6:.1f}" y="{y + 35}">{esc(b.shown)}</text>')
    parts.append("</svg>")
    return "".join(parts)


# --------------------------------------------------------------------------------------------------- gantt


@dataclass(frozen=True)
class Task:
    label: str
    start: int | None  # fiscal year
    end: int | None  # last fiscal year; None: no deadline / recurring (runs to the chart's end)
    open_ended: str  # "", "none" or "recurring"
    review: int | None
    state: str | None


@dataclass(frozen=True)
class Lane:
    title: str
    tasks: Sequence[Task]


_STATE_CSS = {"done": "st-done", "in_progress": "st-progress", "not_started": "st-todo", None: "st-none"}


def gantt(ident: str, lanes: Sequence[Lane], today: dt.date, title: str, desc: str, lang: str) -> str:
    """The 工程表: a row per item from 1 April of its start year to 31 March of its target year; today's line."""
    years = [y for lane in lanes for task in lane.tasks for y in (task.start, task.end, task.review) if y]
    now = int(FiscalYear.of(today))
    first = min([*years, now])
    last = max([*years, now])
    label_w, right, row, head = 330, 20, 24, 34
    width = 960
    span = width - label_w - right
    count = last - first + 1

    def x_of(day: dt.date) -> float:
        origin = dt.date(first, 4, 1)
        days = (dt.date(last + 1, 4, 1) - origin).days
        return label_w + span * (day - origin).days / days

    rows = sum(1 + len(lane.tasks) for lane in lanes)
    height = head + row * rows + 30
    parts = [_open(ident, width, height, title, desc, cls="chart gantt")]
    for i in range(count + 1):
        x = label_w + span * i / count
        parts.append(f'<line class="grid" x1="{x:.1f}" y1="{head - 6}" x2="{x:.1f}" y2="{height - 26}"/>')
    for i in range(count):
        x = label_w + span * (i + 0.5) / count
        parts.append(
            f'<text class="axis" x="{x:.1f}" y="{head - 12}" text-anchor="middle">'
            f"{esc(FiscalYear(first + i).label(lang))}</text>"
        )
    y = head
    for lane in lanes:
        parts.append(f'<text class="lane" x="0" y="{y + 16}">{esc(_clip(lane.title, 26))}</text>')
        y += row
        for task in lane.tasks:
            parts.append(f'<text x="12" y="{y + 16}">{esc(_clip(task.label, 22))}</text>')
            start = task.start if task.start is not None else first
            end = task.end if task.end is not None else last
            x0, x1 = x_of(dt.date(start, 4, 1)), x_of(dt.date(max(end, start) + 1, 4, 1))
            css = _STATE_CSS.get(task.state, "st-none")
            dash = ' stroke-dasharray="6 4"' if task.open_ended else ""
            parts.append(
                f'<rect class="task {css}" x="{x0:.1f}" y="{y + 4}" width="{x1 - x0:.1f}" height="16"{dash}/>'
            )
            if task.open_ended:  # an arrow head: the bar does not end where the chart does
                parts.append(
                    f'<path class="arrow" d="M{x1 - 8:.1f} {y + 4} L{x1:.1f} {y + 12} L{x1 - 8:.1f} {y + 20} Z"/>'
                )
            if task.review is not None:
                xr = x_of(dt.date(task.review, 4, 1))
                parts.append(
                    f'<path class="review" d="M{xr:.1f} {y + 2} L{xr + 7:.1f} {y + 12} L{xr:.1f} {y + 22}'
                    f' L{xr - 7:.1f} {y + 12} Z"/>'
                )
            y += row
    xt = x_of(today)
    parts.append(f'<line class="today" x1="{xt:.1f}" y1="{head - 6}" x2="{xt:.1f}" y2="{height - 24}"/>')
    anchor = "end" if xt > width - 160 else "start"
    dx = -4 if anchor == "end" else 4
    parts.append(
        f'<text class="today-label" x="{xt + dx:.1f}" y="{height - 8}" text-anchor="{anchor}">'
        f"{esc(_t(lang, f'基準日 {today.isoformat()}', f'today {today.isoformat()}'))}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


# --------------------------------------------------------------------------------------------------- line


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | None]
    css: str
    marker: str  # "circle" or "square": the series differ in shape, not colour alone
    bands: Sequence[tuple[float, float] | None] = ()
    """Per point, the range (low, high) that unknown facts leave the value in, where it has no single value: drawn
    as a band, so that a city with unknown rows (every new one) still sees its trend."""


def _bands(s: Series, xy: Callable[[int, float], tuple[float, float]], half: float) -> list[str]:
    """The series' ranges: one shape per run of neighbouring points with a range (a polygon from the highs, left
    to right, back along the lows), a single point's as a bar ``half`` wide either side."""
    runs: list[list[tuple[int, float, float]]] = [[]]
    for i, band in enumerate(s.bands):
        if band is None:
            runs.append([])
        else:
            runs[-1].append((i, band[0], band[1]))
    out = []
    for run in (r for r in runs if r):
        if len(run) == 1:
            i, low, high = run[0]
            x, y_high = xy(i, high)
            _, y_low = xy(i, low)
            out.append(
                f'<rect class="band {s.css}" x="{x - half:.1f}" y="{y_high:.1f}" width="{2 * half:.1f}"'
                f' height="{max(y_low - y_high, 1.0):.1f}"/>'
            )
            continue
        upper = [xy(i, high) for i, _, high in run]
        lower = [xy(i, low) for i, low, _ in reversed(run)]
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in upper + lower)
        out.append(f'<polygon class="band {s.css}" points="{points}"/>')
    return out


def line(ident: str, labels: Sequence[str], series: Sequence[Series], title: str, desc: str) -> str:
    """Rates (0–100 %) over points in time, evenly spaced; a missing value breaks the line."""
    width, left, right, top, bottom = 520, 48, 16, 16, 70
    height = 300
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(labels)

    def xy(i: int, v: float) -> tuple[float, float]:
        x = left + (plot_w * (i + 0.5) / n if n else 0)
        return x, top + plot_h * (1 - v / 100)

    parts = [_open(ident, width, height, title, desc)]
    for tick in (0, 25, 50, 75, 100):
        _, y = xy(0, tick)
        parts.append(f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}"/>')
        parts.append(f'<text class="axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}%</text>')
    step = max(1, (n + 7) // 8)
    for i, label in enumerate(labels):
        if i % step == 0 or i == n - 1:
            x, _ = xy(i, 0)
            parts.append(
                f'<text class="axis" x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle">{esc(label)}</text>'
            )
    for s in series:
        parts.extend(_bands(s, xy, plot_w / n / 4 if n else 0))
    for s in series:
        run: list[str] = []
        segments: list[list[str]] = []
        for i, v in enumerate(s.values):
            if v is None:
                if run:
                    segments.append(run)
                run = []
                continue
            x, y = xy(i, v)
            run.append(f"{x:.1f},{y:.1f}")
        if run:
            segments.append(run)
        for seg in segments:
            if len(seg) > 1:
                parts.append(f'<polyline class="series {s.css}" points="{" ".join(seg)}"/>')
        for i, v in enumerate(s.values):
            if v is None:
                continue
            x, y = xy(i, v)
            if s.marker == "square":
                parts.append(
                    f'<rect class="dot {s.css}" x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8"/>'
                )
            else:
                parts.append(f'<circle class="dot {s.css}" cx="{x:.1f}" cy="{y:.1f}" r="4.5"/>')
    for k, s in enumerate(series):
        ly = height - 22 + 0 * k
        lx = left + 220 * k
        shape = (
            f'<rect class="dot {s.css}" x="{lx}" y="{ly - 8}" width="8" height="8"/>'
            if s.marker == "square"
            else f'<circle class="dot {s.css}" cx="{lx + 4}" cy="{ly - 4}" r="4.5"/>'
        )
        parts.append(shape + f'<text x="{lx + 14}" y="{ly}">{esc(s.label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
