"""Text that comes from a catalogue, a path or git is data: the terminal-safe form of it.

A base module (no dxready imports), so that messages built below ``render/`` (a path in a write error, a directory in
a git problem) can be made inert where they are made. ``render/safe.py`` holds the other sinks (markdown, CSV, JSON,
Mermaid, GitHub) and re-exports these two.
"""

from __future__ import annotations

import unicodedata

_ESCAPED = frozenset(("Cc", "Cf", "Cs", "Co", "Zl", "Zp"))
"""Control (C0, C1), format (bidi, zero-width, tag characters), surrogate, private-use and line/paragraph separators."""


def _shown(ch: str) -> str:
    return f"\\u{{{ord(ch):x}}}"


def plain(text: str) -> str:
    """The terminal sink: control, C1, bidi, zero-width and tag characters become visible, unambiguous escapes
    (``\\u{1b}``, ``\\u{202e}``, ``\\u{e0041}``); line breaks (LF) are kept."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch != "\n" and unicodedata.category(ch) in _ESCAPED:
            out.append(_shown(ch))
        else:
            out.append(ch)
    return "".join(out)


def oneline(text: str) -> str:
    """Terminal-safe and on one line."""
    return plain(text).replace("\n", " ")
