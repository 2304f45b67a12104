"""``compare``'s notes on stderr that depend on the view: with ``--by prefecture``, the wards' catalogues set aside.

A designated city's ward is not a municipality: its catalogue is never rolled up (commands/rollup.py). The note names
each ward's catalogue and says whether its city is counted, by which catalogue, or not at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dxready.catalog.municipalities import by_code
from dxready.commands.rollup import wards_set_aside
from dxready.render.compare_extra import city_name
from dxready.render.safe import oneline
from dxready.render.wrap import fit_message

if TYPE_CHECKING:
    from dxready.commands.compare import Comparison


def stderr_width() -> int | None:
    """The width a note on stderr fits: ``$COLUMNS`` or the terminal's; None (lines whole) when stderr is piped."""
    import os
    import sys

    from dxready.render.wrap import terminal_width

    if os.environ.get("COLUMNS", "").isdigit() or sys.stderr.isatty():
        return terminal_width()
    return None


def rollup_notes(comparison: Comparison, lang: str, width: int | None = None, *, by: bool = True) -> str:
    """For stderr: each designated city whose wards' catalogues were set aside, naming them and saying whether the
    city itself is counted (by its own catalogue) or not at all; with ``by=False`` (the matrix) that their rows are
    shown but left out of the totals."""
    width = width or stderr_width()
    lines = []
    for city, wards, own in wards_set_aside(comparison):
        name = city_name(city)
        named = [(w.catalog, (e.name if (e := by_code(w.code)) is not None else w.code)) for w in wards]
        if lang == "ja":
            listed = "、".join(f"{path}（{ward}）" for path, ward in named)
            counted = (
                f"{name}は {own.catalog} で数えています"
                if own is not None
                else f"{name}のカタログがないため、{name}は数えていません"
            )
            where = "都道府県別の集計に入れていません" if by else "行は示しますが、合計には入れていません"
            line = (
                f"注意: {listed} は{name}の区のカタログです。区は市町村ではないため、{where}（{counted}）。"
            )
        else:
            listed = ", ".join(f"{path} ({ward})" for path, ward in named)
            counted = (
                f"{name} is counted by {own.catalog}"
                if own is not None
                else f"there is no catalogue of {name} itself, so {name} is not counted"
            )
            it = "it" if len(named) == 1 else "them"
            where = (
                f"the roll-up by prefecture leaves {it} out"
                if by
                else f"{'its row is' if len(named) == 1 else 'their rows are'} shown but left out of the totals"
            )
            line = (
                f"note: {listed} {'is a catalogue of a ward' if len(named) == 1 else 'are catalogues of wards'} "
                f"of {name}; a ward is not a municipality, so {where} ({counted})"
            )
        line = oneline(line)
        lines.append(fit_message(line, width) if width else line)
    return "".join(line + "\n" for line in lines)
