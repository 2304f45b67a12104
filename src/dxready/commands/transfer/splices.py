"""Text splices for import's passes: edit's document, and splices merged and joined in one pass (linear
over 10,000 edits)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dxready.commands.edit import Splice, _Doc


def _doc(text: str) -> _Doc:
    """edit's document: its nodes made from the C parser's events as they are read (the one YAML module's
    ``compose_nodes``), so that import's passes over a large file stay fast."""
    from dxready.commands.edit import _Doc

    return _Doc(text)


def _merge(splices: list[Splice]) -> list[Splice]:
    """edit._merge_inserts in one pass: insertions at one point (the end of one entry and the next new key or entry)
    become one, in the order they were made, keeping a single leading line break."""
    from dxready.commands.edit import Splice

    merged: list[Splice] = []
    at: dict[int, int] = {}
    for s in splices:
        if s.start != s.end:
            merged.append(s)
            continue
        i = at.get(s.start)
        if i is None:
            at[s.start] = len(merged)
            merged.append(s)
            continue
        prev, text = merged[i], s.text
        for nl in ("\r\n", "\n"):
            if prev.text.startswith(nl) and text.startswith(nl):
                text = text[len(nl) :]
                break
        merged[i] = Splice(prev.start, prev.end, prev.text + text)
    return merged


def _join(text: str, splices: list[Splice]) -> str:
    """edit.apply, which joins the text in one pass (10,000 splices into a large file stay linear)."""
    from dxready.commands.edit import apply

    return apply(text, splices)
