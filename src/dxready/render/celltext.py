"""Table cells that rich wraps with Japanese line-breaking rules.

rich breaks lines only at spaces and folds everything else character by character, so a Japanese cell may start a
line with 」、。）. :class:`Cell` is a ``rich.text.Text`` whose wrapping and measuring come from
:mod:`dxready.render.wrap` (cells measured by ``rich.cells.cell_len``, kinsoku, ASCII words kept whole while they
fit). Catalogue text enters through :func:`cell`, which makes control characters visible first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.containers import Lines
from rich.measure import Measurement
from rich.text import Text

from dxready.render.safe import plain
from dxready.render.wrap import breaks, widest_piece

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, JustifyMethod, OverflowMethod, RenderableType


class Cell(Text):
    """A ``Text`` wrapped at kinsoku-safe break points (never re-wrapped when ``no_wrap``)."""

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        if no_wrap or self.no_wrap or overflow == "ignore":
            return super().wrap(
                console, width, justify=justify, overflow=overflow, tab_size=tab_size, no_wrap=no_wrap
            )
        wrap_justify = justify or self.justify or "default"
        wrap_overflow = overflow or self.overflow or "fold"
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            new_lines = line.divide(breaks(line.plain, width))
            for piece in new_lines:
                piece.rstrip()
            new_lines.justify(console, width, justify=wrap_justify, overflow=wrap_overflow)
            for piece in new_lines:
                piece.truncate(width, overflow=wrap_overflow)
            lines.extend(new_lines)
        return lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = super().__rich_measure__(console, options).maximum
        return Measurement(min(widest_piece(self.plain), widest), widest)


def cell(value: str, style: str = "", *, no_wrap: bool = False) -> Cell:
    """Catalogue (or any) text as a kinsoku-wrapped cell; control characters shown as escapes."""
    return Cell(plain(value), style=style, no_wrap=no_wrap, overflow="fold")


def paragraph(value: str, width: int, *, rest: str = "", style: str = "") -> Text:
    """A line of text for ``console.print``, wrapped at ``width`` cells with Japanese rules; lines after the first
    start with ``rest``. (rich's own print joins ``Text`` pieces into a plain ``Text`` and wraps that word by word,
    so the wrapping is done here and the result is never re-wrapped.)"""
    return Text(paragraph_text(value, width, rest=rest), style=style, no_wrap=True, overflow="ignore")


def paragraph_text(value: str, width: int, *, rest: str = "") -> str:
    """:func:`paragraph`'s lines as plain text (a long view writes them without rich)."""
    from dxready.render.wrap import wrap

    shown = plain(value)
    body = shown.lstrip(" ")
    return "\n".join(wrap(body, width, indent=rest, first=shown[: len(shown) - len(body)]))


def printable(item: RenderableType) -> RenderableType:
    """``item`` as ``console.print`` should get it: rich's print joins ``Text`` pieces into a plain ``Text`` (losing
    :class:`Cell`'s line breaking), so a ``Cell`` goes in a ``Group`` of its own, which renders it as it is."""
    from rich.console import Group

    return Group(item) if isinstance(item, Cell) else item
