"""Catalogue text is data: make it inert for terminals, markdown, CSV and GitHub workflow commands."""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Iterable

# The terminal sink lives in the base module (messages below render/ use it too); re-exported here with the rest.
from dxready.inert import _ESCAPED as _ESCAPED
from dxready.inert import oneline as oneline
from dxready.inert import plain as plain

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


def write(text: str | Iterable[str] | Iterable[bytes]) -> None:
    """Write ``text`` (or its pieces, as a streaming renderer returns them: text, or UTF-8 bytes) to stdout, a slice
    at a time."""
    try:
        for piece in (text,) if isinstance(text, str) else text:
            if isinstance(piece, bytes):
                _write_utf8(piece)
            elif len(piece) <= _SLICE:
                sys.stdout.write(piece)
            else:  # a large output: encoded a slice at a time, not all at once
                for start in range(0, len(piece), _SLICE):
                    sys.stdout.write(piece[start : start + _SLICE])
        sys.stdout.flush()
    except BrokenPipeError:  # `dxready gaps | head`
        sys.stderr.close()


def _write_utf8(piece: bytes) -> None:
    """UTF-8 to stdout: to its byte stream as it is, when stdout writes UTF-8 with ``\\n`` line ends (after what its
    text layer holds); else decoded and written as text (the stream's own encoding and errors)."""
    stream = sys.stdout
    raw = getattr(stream, "buffer", None)
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    if raw is None or encoding != "utf8" or os.linesep != "\n":
        stream.write(piece.decode("utf-8"))
        return
    stream.flush()
    raw.write(piece)


# The same set as a character class, for whole documents (JSON): generated from Unicode 15.1 categories; the test
# suite checks it against this Python's unicodedata. Compiled on first use (:func:`__getattr__`): compiling it costs
# about 10 M instructions, and most commands (check among them) never write JSON (issue 14).
_INVISIBLE_CLASS = (
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\uf8ff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
)


@functools.cache
def _invisible() -> re.Pattern[str]:
    return re.compile(_INVISIBLE_CLASS)


def __getattr__(name: str) -> re.Pattern[str]:
    """``JSON_ESCAPED`` (also ``_INVISIBLE``): what :func:`json_inert` escapes (render/jsonfast.py writes strings
    without any of them at C speed), compiled when first asked for."""
    if name in ("JSON_ESCAPED", "_INVISIBLE"):
        return _invisible()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


terminal = plain


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_inert(text: str) -> str:
    """The JSON/SARIF sink: a JSON document with the same characters written as ``\\uXXXX`` escapes.

    ``json.dumps(ensure_ascii=False)`` escapes C0 controls only; C1, bidi, zero-width and tag characters would reach
    whoever reads the file raw. They can stand only inside JSON strings, where the escape means the same character.
    """
    return _invisible().sub(_json_escape, text)


def json_dumps(data: object, **options: object) -> str:
    """``json.dumps`` (UTF-8, not ASCII-only) through :func:`json_inert`; with ``indent=2`` by the encoder of
    :mod:`dxready.render.jsonfast` (the same bytes, without json's pure-Python encoder)."""
    if options == {"indent": 2}:
        from dxready.render.jsonfast import dumps

        return json_inert(dumps(data))
    import json

    return json_inert(json.dumps(data, ensure_ascii=False, **options))  # type: ignore[arg-type]


_MERMAID_STARTS = (  # matched through re's cache: compiled only by the views that draw a chart
    r"^(?:click|call|callback|href|section|title|dateformat|axisformat|tickinterval|excludes|includes|todaymarker|"
    r"weekday|weekend|inclusiveenddates|topaxis|acctitle|accdescr|gantt|xychart|x-axis|y-axis|line|bar|style|"
    r"classdef|class|linkstyle|%%|---)"
)
_MERMAID_INERT = str.maketrans(
    {
        ":": "：",
        ";": "；",
        "#": "＃",
        "%": "％",
        "`": "'",
        "{": "｛",
        "}": "｝",
        '"': "＂",
        "[": "［",
        "]": "］",
    }
)


def mermaid(text: str) -> str:
    """The Mermaid sink: one line; characters with a meaning in gantt/xychart syntax in their full-width forms; a text
    that begins like a statement (``section``, ``click``, ``title`` …) gets its first letter in full width, so it
    stays a name."""
    out = oneline(text).translate(_MERMAID_INERT).strip()
    if re.match(_MERMAID_STARTS, out, re.IGNORECASE):
        first = out[0]
        out = (chr(ord(first) + 0xFEE0) if "!" <= first <= "~" else first) + out[1:]
    return out


# What GitHub links in rendered markdown (a PR comment, a job summary): ``@name`` mentions a user or team (notifying
# them) and ``#123`` (also ``owner/repo#123``) links an issue. A word joiner written as an entity after the sign
# renders the same text and breaks the reference; the output itself holds no invisible character. An ``@`` inside a
# word (an e-mail address) mentions nobody and is left as it is.
_GH_REFERENCE = r"(?<![0-9A-Za-z])@(?=[0-9A-Za-z])|#(?=[0-9])"  # compiled through re's cache, when first used


def _md_inert(text: str) -> str:
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    if "@" not in text and "#" not in text:
        return escaped
    return re.sub(_GH_REFERENCE, lambda m: m.group() + "&#8288;", escaped)


def md_cell(text: str) -> str:
    """A markdown table cell: inert markup, escaped pipes, line breaks as <br>, no GitHub mention or issue link."""
    return _md_inert(plain(text).replace("\r\n", "\n")).replace("\n", "<br>")


def md_text(text: str) -> str:
    """Markdown running text (headings, list items): inert, on one line, no GitHub mention or issue link."""
    return _md_inert(oneline(text))


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
