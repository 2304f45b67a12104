"""The one place a rich Console is made. Every terminal view renders into a string through it.

Catalogue text reaches rich only as ``Text`` (never markup), and a console here never reads markup, emoji codes or
"highlights" numbers: what the catalogue says is what is printed.
"""

from __future__ import annotations

import io
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

DEFAULT_WIDTH = 120


def console(width: int | None = None, *, colour: bool = False) -> tuple[Console, io.StringIO]:
    """A console writing into a buffer.

    ``width``: fixed (a wide matrix), else ``$COLUMNS``, else 120 off a terminal. ``colour``: styles when stdout
    is a terminal and ``$NO_COLOR`` is unset (the terminal's own width then applies when ``$COLUMNS`` is unset).
    """
    from rich.console import Console

    buf = io.StringIO()
    tty = colour and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    columns = width or int(os.environ.get("COLUMNS", "0") or 0) or None
    made = Console(
        file=buf,
        force_terminal=tty,
        no_color=not tty,
        width=columns or (None if tty else DEFAULT_WIDTH),
        highlight=False,
        emoji=False,
        markup=False,
    )
    return made, buf


def render(*items: RenderableType, width: int | None = None, colour: bool = False) -> str:
    """``items`` printed one after another, as text."""
    from dxready.render.celltext import printable

    made, buf = console(width, colour=colour)
    for item in items:
        made.print(printable(item))
    return buf.getvalue()
