"""Every text of one catalogue file at once: what DX010 and the JSON writer need to know of it, found in one pass.

A file's model is written out as JSON by pydantic (C speed) and three things are read from those bytes: whether
JSON escapes anything in it (a control character, a line break, a tab, a quote or a backslash), whether it may hold a
letter of another script that looks like a Latin or Japanese one, and whether every other character is one that
``str.isprintable`` accepts. :meth:`dxready.catalog.load.Catalog.text_scan` keeps the answer for the run: DX010 (which
walks a file string by string only when it may hold something suspicious) and ``gaps -f json`` (whose C writer may
then skip looking at each string again) both use it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pydantic import BaseModel

CANDIDATES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u0370-\u058f\u0600-\u0605\u061c\u06dd\u070f\u13a0-\u13ff"
    "\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ue000-\uf8ff\ufff9-\ufffb\U000e0000-\U000e007f"
    "\U000f0000-\U0010ffff]"
)
"""Every character DX010 could find suspicious; text without any of these is passed at regex speed."""

FOREIGN_UTF8 = (*(bytes([lead]) for lead in range(0xCD, 0xD7)), b"\xe1\x8e", b"\xe1\x8f")
"""The UTF-8 lead bytes of U+0340–U+05BF (Greek, Cyrillic, Armenian) and of U+1380–U+13FF (Cherokee): the printable
characters of :data:`CANDIDATES`, found by a byte search (a few each is faster than one regex over the text)."""


def foreign(js: bytes) -> bool:
    return any(lead in js for lead in FOREIGN_UTF8)


class TextScan(NamedTuple):
    """What one file's texts hold (a named tuple: a frozen dataclass would compile six methods as check starts)."""

    escaped: bool
    """JSON escapes some character of the file's texts (a control character, a line break, a tab, a quote, a
    backslash)."""
    printable: bool
    """Every character of the file's texts, once JSON has escaped those, is one that ``str.isprintable`` accepts:
    none is one the JSON sink escapes (:data:`dxready.render.safe.JSON_ESCAPED`, all refused by isprintable)."""
    suspect: bool
    """The file may hold a character DX010 reports (see :data:`CANDIDATES`): worth walking string by string."""


def scan(model: BaseModel) -> TextScan:
    js = model.__pydantic_serializer__.to_json(model)  # model_dump_json() as UTF-8 bytes
    escaped = b"\\" in js
    text = js.decode("utf-8")
    # Every candidate but the other scripts' letters is a character isprintable refuses: printable text is passed
    # without the search, which runs only on text such as a full-width space (isprintable refuses it too).
    printable = text.isprintable()
    suspect = escaped or foreign(js) or (not printable and CANDIDATES.search(text) is not None)
    return TextScan(escaped, printable, suspect)
