"""Column widths for a terminal table that never break a word (an id, a number, a range, a date).

rich shrinks a table that is too wide by narrowing its widest columns first, whatever they hold, so an id or a
rate in a narrowed column is folded mid-word (``library-reserva`` / ``tion``). :func:`fit` gives each column at
least its widest unbreakable piece (``rich.measure.Measurement``'s minimum: for :class:`dxready.render.celltext.Cell`
the widest kinsoku-safe piece; for a ``no_wrap`` column, all of its text) and shares what is left max-min fairly (a
column that needs little more gets all it needs; only the longest texts wrap). Where even the minimums do not fit,
it says so and the caller draws another view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


def fit(console: Console, table: Table, width: int) -> bool:
    """Fix the widths of ``table``'s columns so that it fits ``width`` cells without breaking a word; False (and
    the table unchanged) when it cannot."""
    from rich.measure import Measurement

    from dxready.render.grid import BIG

    if table.row_count > BIG:
        return True  # measuring every cell twice costs seconds there: rich's own shrinking, as before
    options = console.options.update_width(100_000)
    columns = table.columns
    lows, highs = [], []
    for column in columns:
        measured = [Measurement.get(console, options, c) for c in [column.header, *column.cells]]
        highs.append(max((m.maximum for m in measured), default=1))
        lows.append(highs[-1] if column.no_wrap else max((m.minimum for m in measured), default=1))
    n = len(columns)
    edges = 2 if table.show_edge and table.box is not None else 0
    padding = table.padding[1] + table.padding[3]
    room = width - edges - (n - 1 if table.box is not None else 0) - n * padding
    if sum(highs) <= room:
        return True  # rich draws it at its natural width
    if sum(lows) > room:
        return False
    # Max-min fair: the columns that want least get all they want; the rest share what is left equally, so that
    # only the longest texts wrap.
    widths = list(lows)
    spare = room - sum(lows)
    waiting = sorted(range(n), key=lambda i: highs[i] - lows[i])
    while waiting and spare > 0:
        share = spare // len(waiting)
        i = waiting[0]
        want = highs[i] - widths[i]
        if want <= share:
            widths[i] += want
            spare -= want
            waiting.pop(0)
            continue
        for j in waiting:
            widths[j] += share
        spare -= share * len(waiting)
        for j in waiting[::-1][:spare]:  # the cells the division left, to the columns that want most
            widths[j] += 1
        break
    for column, w, high in zip(columns, widths, highs, strict=True):
        column.width = min(w, high)
    return True
