"""``json.dumps(data, ensure_ascii=False, indent=2)``, byte for byte, without json's pure-Python encoder.

With ``indent`` set, the standard library runs its pure-Python encoder (a generator per container, several calls per
value): on a 10,000-procedure catalogue that is most of ``gaps -f json``. Here containers are walked by one small
recursive function and every string goes through the C escaper (``json.encoder.encode_basestring``); numbers use the
same ``repr`` json uses. Anything else (a subclass json would treat specially, a value it would refuse) is handed to
``json.dumps`` itself and indented in place, so the output is always what json would have written.
"""

from __future__ import annotations

import json
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


def _encode(value: Any, out: list[str], newline: str) -> None:
    """Append ``value`` (a dict or list) to ``out``; ``newline`` is a line break plus the current indentation."""
    inner = newline + "  "
    append = out.append
    if type(value) is dict:
        if not value:
            append("{}")
            return
        sep = "{" + inner
        for key, item in value.items():
            name = _quote(key) if type(key) is str else _key(key)
            kind = type(item)
            if kind is str:
                append(sep + name + ": " + _quote(item))
            elif kind is dict or kind is list:
                append(sep + name + ": ")
                _encode(item, out, inner)
            elif kind is int:
                append(sep + name + ": " + int.__repr__(item))
            elif item is None:
                append(sep + name + ": null")
            elif kind is bool:
                append(sep + name + (": true" if item else ": false"))
            elif kind is float:
                append(sep + name + ": " + _float(item))
            else:
                append(sep + name + ": " + _fallback(item, inner))
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
            append(sep + _quote(item))
        elif kind is dict or kind is list:
            start = len(out)
            append(sep)
            _encode(item, out, inner)
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
            append(sep + _fallback(item, inner))
        sep = "," + inner
    append(newline + "]")


def dumps(data: Any) -> str:
    """Exactly ``json.dumps(data, ensure_ascii=False, indent=2)``."""
    if type(data) is not dict and type(data) is not list:
        return json.dumps(data, ensure_ascii=False, indent=2)
    out: list[str] = []
    _encode(data, out, "\n")
    return "".join(out)
