"""``json.dumps(data, ensure_ascii=False, indent=2)``, byte for byte, without json's pure-Python encoder.

With ``indent`` set, the standard library runs its pure-Python encoder (a generator per container, several calls per
value): on a 10,000-procedure catalogue that is most of ``gaps -f json``. Here containers are walked by one small
recursive function and every string goes through the C escaper (``json.encoder.encode_basestring``); numbers use the
same ``repr`` json uses. Anything else (a subclass json would treat specially, a value it would refuse) is handed to
``json.dumps`` itself and indented in place, so the output is always what json would have written.

:func:`chunks` writes a top-level mapping piece by piece, a :class:`Lazy` value as a list whose items are made one at
a time: a large output (``gaps -f json`` at 10,000 procedures) then never exists whole, nor its tree of dicts. Those
items go through orjson's C writer when they hold nothing it would write otherwise than json (checked item by item:
str keys, 64-bit ints, floats without an exponent, no character the JSON sink escapes), about 3× faster.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

try:
    from _json import encode_basestring as _quote  # the C escaper json uses with ensure_ascii=False
except ImportError:  # pragma: no cover - CPython always has it
    from json.encoder import py_encode_basestring as _quote

_INFINITY = float("inf")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    """A mapping key as json writes it (in the order of json's own checks)."""
    if isinstance(key, str):
        return _quote(key)
    if isinstance(key, float):
        return '"' + _float(key) + '"'
    if key is True:
        return '"true"'
    if key is False:
        return '"false"'
    if key is None:
        return '"null"'
    if isinstance(key, int):
        return '"' + int.__repr__(key) + '"'
    json.dumps({key: None})  # raises json's own TypeError
    raise TypeError(key)  # pragma: no cover


def _fallback(value: Any, newline: str) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", newline)


def _encoder(
    quote: Callable[[str], str], fallback: Callable[[Any, str], str]
) -> Callable[[Any, list[str], str], None]:
    """The encoder of containers, with this way of quoting strings and of writing values json must write."""

    def encode(value: Any, out: list[str], newline: str) -> None:
        """Append ``value`` (a dict or list) to ``out``; ``newline`` is a line break plus the current indentation."""
        inner = newline + "  "
        append = out.append
        if type(value) is dict:
            if not value:
                append("{}")
                return
            sep = "{" + inner
            for key, item in value.items():
                name = quote(key) if type(key) is str else _key(key)
                kind = type(item)
                if kind is str:
                    append(sep + name + ": " + quote(item))
                elif kind is dict or kind is list:
                    append(sep + name + ": ")
                    encode(item, out, inner)
                elif kind is int:
                    append(sep + name + ": " + int.__repr__(item))
                elif item is None:
                    append(sep + name + ": null")
                elif kind is bool:
                    append(sep + name + (": true" if item else ": false"))
                elif kind is float:
                    append(sep + name + ": " + _float(item))
                else:
                    append(sep + name + ": " + fallback(item, inner))
                sep = "," + inner
            append(newline + "}")
            return
        if not value:
            append("[]")
            return
        sep = "[" + inner
        shallow = (
            len(newline) <= 5
        )  # a list near the top (procedures, findings): each item's pieces joined at once
        for item in value:
            kind = type(item)
            if kind is str:
                append(sep + quote(item))
            elif kind is dict or kind is list:
                start = len(out)
                append(sep)
                encode(item, out, inner)
                if shallow:  # fewer, larger strings: less memory held until the final join
                    out[start:] = ["".join(out[start:])]
            elif kind is int:
                append(sep + int.__repr__(item))
            elif item is None:
                append(sep + "null")
            elif kind is bool:
                append(sep + ("true" if item else "false"))
            elif kind is float:
                append(sep + _float(item))
            else:
                append(sep + fallback(item, inner))
            sep = "," + inner
        append(newline + "]")

    return encode


_encode = _encoder(_quote, _fallback)


def dumps(data: Any) -> str:
    """Exactly ``json.dumps(data, ensure_ascii=False, indent=2)``."""
    if type(data) is not dict and type(data) is not list:
        return json.dumps(data, ensure_ascii=False, indent=2)
    out: list[str] = []
    _encode(data, out, "\n")
    return "".join(out)


class Lazy:
    """A list in the output whose items are made while writing (each one is written, then dropped).

    ``vouched``: the producer's own test that an item is plain for the C writer (see :func:`_plain`) given that its
    strings hold no character the sink escapes, used instead of looking at every value; when it says no, the item is
    looked at as any other. Only for a sink with ``escaped`` (whose characters the producer has ruled out).
    ``paired``: the items come as (item, vouched for) pairs instead, the producer's word given as it made the item
    (whatever ``vouched`` is; taken only for such a sink too).
    """

    def __init__(
        self, items: Iterable[Any], vouched: Callable[[Any], bool] | None = None, *, paired: bool = False
    ) -> None:
        self.items = items
        self.vouched = vouched
        self.paired = paired


def _plain(value: Any, search: Callable[[str], object] | None, keys: set[str]) -> bool:
    """Whether orjson writes ``value`` (a dict or list) byte for byte as json does, and none of its strings holds a
    character ``search`` finds: dicts with str keys, lists, str, bool, None, ints (orjson refuses those beyond 64
    bits), floats that both write without an exponent (orjson writes 1e-05 as 0.00001 and NaN as null). A string
    is searched only when it is not ASCII or holds DEL (the sink's one ASCII character; C0 controls are escaped as
    json escapes them before the sink sees them) and not printable (``search`` finds only characters that
    ``str.isprintable`` refuses, as :func:`chunks` requires). ``keys``: str keys already found plain (the same few
    keys recur in every item), added to as more are found."""
    if type(value) is dict:
        if not value.keys() <= keys:  # one C-level test for a dict whose keys have all been seen
            for key in value:
                if type(key) is not str or (
                    search is not None
                    and not (key.isascii() and "\x7f" not in key)
                    and not key.isprintable()
                    and search(key) is not None
                ):
                    return False
                keys.add(key)
        items: Iterable[Any] = value.values()
    else:
        items = value
    for item in items:
        kind = type(item)
        if kind is str:
            if (
                search is not None
                and not (item.isascii() and "\x7f" not in item)
                and not item.isprintable()
                and search(item) is not None
            ):
                return False
        elif kind is int or kind is bool or item is None:
            continue
        elif kind is dict or kind is list:
            if not _plain(item, search, keys):
                return False
        elif kind is not float or not (item == 0.0 or 1e-4 <= abs(item) < 1e16):
            return False
    return True


def _orjson_writer(
    escape: Callable[[str], str] | None, escaped: re.Pattern[str] | None
) -> Callable[[Any, bool], bytes | None] | None:
    """orjson's C writer for the containers it writes byte for byte as json does (and in which ``escape`` finds
    nothing to change: no character of ``escaped``): a function that returns the UTF-8 text at indentation 0, or None
    for any other value. None when orjson is not installed, or ``escape`` comes without ``escaped``."""
    if escape is not None and escaped is None:
        return None
    search = escaped.search if escape is not None and escaped is not None else None
    try:
        import orjson
    except ImportError:  # pragma: no cover - a dependency; the pure-Python writer is the same bytes
        return None
    write, option = orjson.dumps, orjson.OPT_INDENT_2
    keys: set[str] = set()

    def fast(value: Any, vouched: bool = False) -> bytes | None:
        if not vouched and not _plain(value, search, keys):
            return None
        try:
            return write(value, option=option)
        except TypeError:  # orjson.JSONEncodeError: an int beyond 64 bits, a lone surrogate
            return None

    return fast


_BATCH = 64
"""Vouched items of a top-level list written by one call of the C writer."""
_BATCH_HEAD, _BATCH_TAIL = len(b'{\n  "": [\n    '), len(b"\n  ]\n}")
_CHUNK = 64
"""Pieces joined into one chunk: a few hundred kilobytes of output at a time."""


def _batch_writer(
    element: Callable[[Any, list[Any], str, str, bool], None],
) -> Callable[[list[Any], list[Any], str], str]:
    """How vouched items of a top-level list (at indentation 4) are appended to UTF-8 output at once: the C writer's
    text of a mapping holding them is that list's part of the output, without re-indenting each item (``element``
    writes them one by one when the C writer refuses the run). The function returns what comes before the next item.
    """
    import orjson

    dumps_, indent = orjson.dumps, orjson.OPT_INDENT_2

    def batched(batch: list[Any], out: list[Any], before: str) -> str:
        try:
            text = dumps_({"": batch}, option=indent)
        except TypeError:  # an int beyond 64 bits, a lone surrogate: item by item, as element writes them
            for value in batch:
                element(value, out, before, "\n    ", True)
                before = ",\n    "
            return before
        out.append(before.encode("utf-8"))
        out.append(text[_BATCH_HEAD:-_BATCH_TAIL])
        return ",\n    "

    return batched


def _runs(
    values: Iterable[Any],
    vouch: Callable[[Any], bool] | None,
    size: int,
    paired: bool = False,
    taken: bool = True,
) -> Iterator[tuple[list[Any] | None, Any, bool]]:
    """A list's items as (None, item, vouched for) or, with ``size``, runs of up to ``size`` vouched mappings as
    (those items, None, True). ``paired``: ``values`` are (item, vouched for) pairs, the word taken when ``taken``."""
    batch: list[Any] = []
    for value in values:
        if paired:
            value, vouched = value
            vouched = taken and vouched
        else:
            vouched = vouch is not None and vouch(value)
        if vouched and size and type(value) is dict:
            batch.append(value)
            if len(batch) >= size:
                yield batch, None, True
                batch = []
            continue
        if batch:
            yield batch, None, True
            batch = []
        yield None, value, vouched
    if batch:
        yield batch, None, True


def chunks(
    data: dict[str, Any],
    escape: Callable[[str], str] | None = None,
    escaped: re.Pattern[str] | None = None,
) -> Iterator[str]:
    """``dumps(data)`` in pieces: ``"".join(chunks(data))`` is ``dumps(data)`` with every Lazy value a list.

    ``escape``, when given, is applied to every quoted string (and value json writes itself) that holds a character
    other than printable ASCII: the same text as applying it to the whole output, when it changes only characters
    that can stand nowhere but inside strings (the JSON sink's invisible characters), without reading the rest.
    ``escaped``: the characters ``escape`` changes (:data:`dxready.render.safe.JSON_ESCAPED`), all of them characters
    that ``str.isprintable`` refuses (so printable text is passed without a search), which lets the C writer take the
    items that hold none of them.
    """
    return _pieces(data, escape, escaped, False)  # type: ignore[return-value]


def utf8_chunks(
    data: dict[str, Any],
    escape: Callable[[str], str] | None = None,
    escaped: re.Pattern[str] | None = None,
) -> Iterator[bytes]:
    """:func:`chunks` encoded as UTF-8, the form a large output is written in: the C writer's UTF-8 goes out as it is
    (not decoded, re-indented as text and encoded again by the stream), about a third of ``gaps -f json``'s
    rendering at 10,000 procedures. The rest is encoded strictly: with ``escape`` (the JSON sink) no lone surrogate is
    left; without it, one raises UnicodeEncodeError here, as a UTF-8 stream would raise it."""
    return _pieces(data, escape, escaped, True)  # type: ignore[return-value]


def _pieces(
    data: dict[str, Any],
    escape: Callable[[str], str] | None,
    escaped: re.Pattern[str] | None,
    binary: bool,
) -> Iterator[str | bytes]:
    quote, fallback = _quote, _fallback
    if escape is not None:
        esc = escape
        known = escaped is not None  # printable text holds none of the characters escape changes

        def quote(text: str) -> str:
            quoted = _quote(text)
            if (quoted.isascii() and "\x7f" not in quoted) or (known and quoted.isprintable()):
                return quoted
            return esc(quoted)

        def fallback(value: Any, newline: str) -> str:
            return esc(_fallback(value, newline))

    encode = _encoder(quote, fallback)

    fast = _orjson_writer(escape, escaped)
    # Text as the output is made of it: UTF-8 (binary) or str.
    made: Callable[[str], Any] = (lambda text: text.encode("utf-8")) if binary else str
    empty_text: Any = b"" if binary else ""

    def element(item: Any, out: list[Any], sep: str, inner: str, vouched: bool = False) -> None:
        if fast is not None and type(item) is dict:  # either writer holds one item whole
            text = fast(item, vouched)
            if text is not None:
                out.append(made(sep))
                if binary:
                    out.append(text.replace(b"\n", inner.encode("ascii")))
                else:
                    out.append(text.decode("utf-8").replace("\n", inner))
                return
        piece: list[str] = []
        if type(item) is dict or type(item) is list:
            piece.append(sep)
            encode(item, piece, inner)
            out.append(made("".join(piece)))
        else:  # a scalar: as a one-item list writes it, without the brackets
            encode([item], piece, inner[:-2])
            out.append(made(sep + piece[0][len("[" + inner) :]))

    batched = _batch_writer(element) if binary and fast is not None else None

    if not data:
        yield made("{}")
        return
    out: list[Any] = []
    sep = "{\n  "
    for key, item in data.items():
        name = quote(key) if type(key) is str else _key(key)
        if type(item) is Lazy or type(item) is list:  # a list is written as Lazy writes it, item by item
            before = sep + name + ": [\n    "
            empty = True
            values: Iterable[Any]
            vouch: Callable[[Any], bool] | None = None
            paired = False
            if isinstance(item, Lazy):
                values, paired = item.items, item.paired
                vouch = item.vouched if escaped is not None else None
            else:
                values = item
            size = _BATCH if batched is not None else 0  # vouched items written together (UTF-8 output only)
            for run, value, vouched in _runs(values, vouch, size, paired, escaped is not None):
                if run is not None and batched is not None:
                    before = batched(run, out, before)
                else:
                    element(value, out, before, "\n    ", vouched)
                    before = ",\n    "
                empty = False
                if len(out) >= _CHUNK or run is not None:  # a run is a chunk's worth of output by itself
                    yield empty_text.join(out)
                    out.clear()
            out.append(made(sep + name + ": []" if empty else "\n  ]"))
        else:
            element(item, out, sep + name + ": ", "\n  ")
        sep = ",\n  "
        if len(out) >= _CHUNK:
            yield empty_text.join(out)
            out.clear()
    out.append(made("\n}"))
    yield empty_text.join(out)
