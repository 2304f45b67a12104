"""Catalogue text is data: make it inert for terminals, markdown, CSV and GitHub workflow commands."""

from __future__ import annotations

import re
import sys
import unicodedata

# What GFM can read as markup inside a line: emphasis, code, links (brackets), HTML, pipes, strikethrough,
# entities and math. Parentheses, # and + are plain text once no bracket or line start can precede them.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")


def prepare_streams() -> None:
    """Write UTF-8 whatever the locale says, so Japanese output never raises UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(encoding="utf-8", errors="replace")


_SLICE = 1 << 20


def write(text: str) -> None:
    try:
        if len(text) <= _SLICE:
            sys.stdout.write(text)
        else:  # a large output (gaps -f json at 10,000 procedures): encoded a slice at a time, not all at once
            for start in range(0, len(text), _SLICE):
                sys.stdout.write(text[start : start + _SLICE])
        sys.stdout.flush()
    except BrokenPipeError:  # `dxready gaps | head`
        sys.stderr.close()


def plain(text: str) -> str:
    """Terminal-safe: control and invisible format characters become visible escapes (\\x1b, \\u202e)."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp") and ch != "\n":
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def oneline(text: str) -> str:
    """Terminal-safe and on one line."""
    return plain(text).replace("\n", " ")


def md_cell(text: str) -> str:
    """A markdown table cell: inert markup, escaped pipes, line breaks as <br>."""
    escaped = _MD_SPECIAL.sub(r"\\\1", plain(text).replace("\r\n", "\n"))
    return escaped.replace("\n", "<br>")


def md_text(text: str) -> str:
    """Markdown running text (headings, list items): inert, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", oneline(text))


def csv_cell(text: str) -> str:
    """A CSV cell that Excel will not run as a formula."""
    text = plain(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def gh_message(text: str) -> str:
    """The message part of a GitHub workflow command."""
    return plain(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_property(text: str) -> str:
    """A property value (file=…) of a GitHub workflow command."""
    return gh_message(text).replace(":", "%3A").replace(",", "%2C")
