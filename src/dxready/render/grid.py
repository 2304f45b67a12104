"""Large terminal tables as a plain grid, drawn line by line instead of through rich's layout engine.

rich measures, wraps and renders every cell through several layers (1.5–2 ms a row): a 10,000-row table takes longer
than loading its catalogue. Above :data:`BIG` rows a ``rich.table.Table`` is drawn here instead, with the same box
characters, padding, justification and title; widths are measured with ``rich.cells.cell_len`` so full-width
(Japanese) text stays aligned. Where a table fits the width it comes out as rich draws it (styles aside: a large
table is plain text, as markdown is); where it does not, the widest wrappable columns shrink as rich shrinks them and
their text folds at the cell width (at spaces where it can).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table

BIG = 300
"""Tables with more rows than this are drawn as a plain grid."""


class _Cells(dict[int, str]):
    """Code point → as many spaces as rich gives it cells (rich's own table, looked up once per character), for
    ``str.translate``: the translated text is as long as the original is wide."""

    def __missing__(self, codepoint: int) -> str:
        from rich.cells import get_character_cell_size

        cells = " " * get_character_cell_size(chr(codepoint))
        self[codepoint] = cells
        return cells


_CELLS = _Cells()
_TRAILING_SPACE = re.compile(r"\s+$")
"""``rich.text``'s own pattern: rich drops trailing white space (``str.isspace``: also U+2028, U+001F) from a line
with more code points than the console has cells (``Text.rstrip_end``), so such a line goes through rich."""
_WIDTH: dict[str, int] = {}


def cell_len(text: str) -> int:
    """``rich.cells.cell_len`` at C speed (one ``str.translate``)."""
    if text.isascii() and text.isprintable():
        return len(text)
    if "\u200d" in text or "\ufe0f" in text:  # joiners and variation selectors: rich's own walk
        from rich.cells import cell_len as rich_cell_len

        return rich_cell_len(text)
    return len(text.translate(_CELLS))


def _char_width(ch: str) -> int:
    width = _WIDTH.get(ch)
    if width is None:
        width = _WIDTH[ch] = len(_CELLS[ord(ch)])
    return width


def print_renderable(console: Console, item: RenderableType) -> None:
    """``console.print(item)``, except that a large table is written as a plain grid, and a line already fitted
    (``Text`` with ``no_wrap`` and ``overflow="ignore"``, as the views make their lines) is written as its text when
    the console draws no styles (not a terminal): what rich would print, without laying it out again (at 30,000
    procedures ``gaps`` printed ~5,000 such lines through rich: most of its rendering time)."""
    from rich.table import Table
    from rich.text import Text

    if isinstance(item, Table) and item.row_count > BIG:
        console.file.write(plain_grid(item, console.width))
    elif (
        type(item) is Text
        and item.no_wrap
        and item.overflow == "ignore"
        and item.justify in (None, "default")
        and not console.is_terminal
        and "\t" not in item.plain
        and "\n" not in item.plain  # rich lays out each line on its own
        and (len(item.plain) <= console.width or not _TRAILING_SPACE.search(item.plain))
        and cell_len(item.plain) <= console.width  # rich cuts a longer one (a long URL) at the width
    ):
        console.file.write(item.plain + item.end)
    else:
        console.print(item)


def natural_width(console: Console, table: Table) -> int:
    """The cells ``table`` takes unconstrained (``rich.measure.Measurement``'s maximum), measured here for a large
    table (rich measures each cell through several layers: seconds for 1,741 rows)."""
    columns = table.columns
    if (
        table.row_count <= BIG
        or table.width is not None
        or table.min_width is not None
        or table.show_footer
        or table.collapse_padding
        or any(c.width is not None or c.min_width is not None or c.max_width is not None for c in columns)
    ):
        from rich.measure import Measurement

        return Measurement.get(console, console.options.update_width(100_000), table).maximum
    n = len(columns)
    pad_l, pad_r = table.padding[3], table.padding[1]
    total = (2 if table.show_edge and table.box is not None else 0) + (n - 1 if table.box is not None else 0)
    for i, column in enumerate(columns):
        widest = max((size for c in column.cells for _, size in _lines(c)), default=0)
        if table.show_header:
            widest = max(widest, *(size for _, size in _lines(column.header)))
        total += (
            widest
            + (pad_l if (i > 0 or table.pad_edge) else 0)
            + (pad_r if (i < n - 1 or table.pad_edge) else 0)
        )
    return total


def _lines(cell: Any) -> list[tuple[str, int]]:
    """A cell's lines, each with its width in cells (a plain ``str`` cell is text as it is: no markup is read)."""
    text = cell if type(cell) is str else cell.plain if hasattr(cell, "plain") else str(cell)
    if "\n" not in text:
        return [(text, cell_len(text))]
    return [(line, cell_len(line)) for line in text.split("\n")]


def _fold(line: str, size: int, width: int) -> list[tuple[str, int]]:
    """One line cut into pieces of at most ``width`` cells, at spaces where a word fits, else inside the word."""
    if size <= width:
        return [(line, size)]
    out: list[tuple[str, int]] = []
    current = ""
    used = 0
    for word in line.split(" "):
        size = cell_len(word)
        if current and used + 1 + size <= width:
            current += " " + word
            used += 1 + size
            continue
        if current:
            out.append((current, used))
        current, used = "", 0
        if size <= width:
            current, used = word, size
            continue
        for ch in word:  # a word longer than the cell: fold it
            w = _char_width(ch)
            if used + w > width and current:
                out.append((current, used))
                current, used = "", 0
            current += ch
            used += w
    out.append((current, used))
    return out


def _justify(text: str, size: int, width: int, how: str) -> str:
    space = width - size
    if space <= 0:
        return text
    if how == "right":
        return " " * space + text
    if how == "center":
        left = space // 2
        return " " * left + text + " " * (space - left)
    return text + " " * space


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    """rich's own rule: take the widest wrappable columns down, towards the next widest, until the table fits."""
    total = sum(widths)
    excess = total - max_width
    while excess > 0 and any(wrapable):
        largest = max(w for w, ok in zip(widths, wrapable, strict=True) if ok)
        second = max((w for w, ok in zip(widths, wrapable, strict=True) if ok and w != largest), default=0)
        columns = [i for i, (w, ok) in enumerate(zip(widths, wrapable, strict=True)) if ok and w == largest]
        reduce = min(excess, (largest - second) * len(columns))
        if reduce <= 0:
            break
        for n, i in enumerate(columns):
            cut = reduce // len(columns) + (1 if n < reduce % len(columns) else 0)
            widths[i] -= cut
            excess -= cut
    return widths


def _title(table: Table, total: int) -> list[str]:
    """The title's lines, folded and justified over the table's width."""
    title: Any = table.title
    title = title.plain if hasattr(title, "plain") else str(title)
    return [
        _justify(piece, size, total, table.title_justify)
        for line in title.split("\n")
        for piece, size in _fold(line, cell_len(line), total)
    ]


def _verticals(box: Any, edge: bool) -> tuple[tuple[str, str, str], tuple[str, str, str]]:
    """(left, between, right) characters of the header row and of the body rows."""
    if box is None:
        return ("", "", ""), ("", "", "")
    if not edge:
        return ("", box.head_vertical, ""), ("", box.mid_vertical, "")
    return (box.head_left, box.head_vertical, box.head_right), (box.mid_left, box.mid_vertical, box.mid_right)


def plain_grid(table: Table, max_width: int) -> str:
    """The table as rich draws it (without styles): title, box, header, rows."""
    columns = table.columns
    n = len(columns)
    box = table.box
    if box is not None and not table.show_header:
        box = box.get_plain_headed_box()  # as rich does
    edge = table.show_edge and box is not None
    cells = [[_lines(c) for c in column.cells] for column in columns]
    headers = [_lines(column.header) for column in columns]
    pad_l, pad_r = table.padding[3], table.padding[1]
    pads = [
        (pad_l if (i > 0 or table.pad_edge) else 0, pad_r if (i < n - 1 or table.pad_edge) else 0)
        for i in range(n)
    ]
    content = []
    for i in range(n):
        widest = max((size for cell in cells[i] for _, size in cell), default=0)
        if table.show_header:
            widest = max(widest, *(size for _, size in headers[i]))
        content.append(widest)
    extra = (2 if edge else 0) + (n - 1 if box is not None else 0)
    widths = [content[i] + sum(pads[i]) for i in range(n)]
    if sum(widths) + extra > max_width:
        wrapable = [not column.no_wrap for column in columns]
        widths = _collapse(widths, wrapable, max_width - extra)
    inner = [max(widths[i] - sum(pads[i]), 1) for i in range(n)]
    total = sum(widths) + extra
    out: list[str] = []

    if table.title is not None:
        out.extend(_title(table, total))

    justify = [str(column.justify) for column in columns]
    head, body = _verticals(box, edge)
    blank = [("", 0)] * n

    def row(values: list[list[tuple[str, int]]], chars: tuple[str, str, str], bottom: bool = False) -> None:
        folded: list[list[tuple[str, int]]] = []
        for i in range(n):
            width = inner[i]
            cell = values[i]
            if len(cell) == 1 and cell[0][1] <= width:
                folded.append(cell)
            else:
                folded.append([piece for line, size in cell for piece in _fold(line, size, width)])
        height = max(len(f) for f in folded)
        if bottom:  # rich aligns header cells at the bottom
            folded = [[blank[i]] * (height - len(f)) + f for i, f in enumerate(folded)]
        left, vertical, right = chars
        for k in range(height):
            parts = []
            for i in range(n):
                text, size = folded[i][k] if k < len(folded[i]) else blank[i]
                a, b = pads[i]
                parts.append(" " * a + _justify(text, size, inner[i], justify[i]) + " " * b)
            out.append(left + vertical.join(parts) + right)

    if box is not None and edge:
        out.append(box.get_top(widths))
    if table.show_header:
        row(headers, head, bottom=True)
        if box is not None:
            out.append(box.get_row(widths, "head", edge=edge))
    separator = box.get_row(widths, "row", edge=edge) if box is not None and table.show_lines else None
    for r in range(len(cells[0]) if cells else 0):
        if r and separator is not None:
            out.append(separator)
        row([cells[i][r] for i in range(n)], body)
    if box is not None and edge:
        out.append(box.get_bottom(widths))
    return "\n".join(out) + "\n"
