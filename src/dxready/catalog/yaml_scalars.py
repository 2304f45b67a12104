"""Plain YAML scalars → values by the YAML 1.2 core schema (null, bool, int, float), plus the timestamps ruamel.yaml's
1.2 tables know (``2024-03-31`` is a date), with a bounded memo because catalogue values repeat.

Part of the one YAML module (:mod:`dxready.catalog.yaml`, which re-exports what others use); pure Python, no ruamel.
Differences from ruamel.yaml's own 1.2 resolver (the loader before), all towards the core schema: ``1_000``,
``0b101``, ``+0x1F`` and ``.5e3`` without a sign in the exponent are strings, not numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"


def yaml_int(text: str) -> int:
    """A YAML 1.2 integer written in decimal; ValueError for 0x…, 0o…, 0b… (a catalogue records counts and numbers,
    and a hexadecimal one is a mistake or a disguise) and for more than 4,300 digits."""
    if text.isdigit() and text.isascii():  # the common case (counts): what the rest would read it as
        return int(text, 10)
    text = text.replace("_", "")
    body = text.lstrip("+-")
    if body[:2].lower() in ("0o", "0x", "0b"):
        raise ValueError("write integers in decimal (0x…, 0o…, 0b… are not accepted)")
    return int(text, 10)


def yaml_float(text: str) -> float:
    low = text.lower().replace("_", "")
    if low.lstrip("+-") in (".inf", "inf"):
        return float("-inf") if low.startswith("-") else float("inf")
    if low in (".nan", "nan"):
        return float("nan")
    return float(low)


def yaml_timestamp(text: str) -> dt.date | dt.datetime:
    text = text.strip()
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    return dt.datetime.fromisoformat(text.replace("t", "T").replace(" ", "T", 1).replace("Z", "+00:00"))


def _yaml_bool(text: str) -> bool:
    return text.lower() == "true"


def _yaml_null(text: str) -> None:
    return None


CONVERT: dict[str, Callable[[str], Any]] = {
    _INT: yaml_int,
    _FLOAT: yaml_float,
    _BOOL: _yaml_bool,
    _NULL: _yaml_null,
    _TIMESTAMP: yaml_timestamp,
}
"""Explicitly tagged scalars (``!!int 12``) → values."""

# The YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), then ruamel.yaml's timestamps.
_CORE: list[tuple[str, re.Pattern[str]]] = [
    (_NULL, re.compile(r"(?:~|null|Null|NULL|)\Z")),
    (_BOOL, re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")),
    (_INT, re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")),
    (
        _FLOAT,
        re.compile(
            r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
        ),
    ),
    (
        _TIMESTAMP,
        re.compile(
            r"""(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
            |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
            (?:[Tt]|[ \t]+)[0-9][0-9]?
            :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
            (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)\Z""",
            re.X,
        ),
    ),
]
_MAY_RESOLVE = frozenset("~nNtTfF-+0123456789.")
"""First characters of a plain scalar that may be other than a string (and the empty scalar)."""


_WORDS = {
    **dict.fromkeys(("~", "null", "Null", "NULL"), _NULL),
    **dict.fromkeys(("true", "True", "TRUE", "false", "False", "FALSE"), _BOOL),
}
"""The null and bool words of :data:`_CORE`, whole: a plain scalar starting with ~ n N t T f F is one of these or a
string (no number or timestamp starts so), found without a regex (``name``, ``note``, ``total``, ``fee`` …)."""
_NUMERIC = _CORE[2:]


def resolve_tag(text: str) -> str:
    """The tag a plain scalar resolves to (by :data:`_CORE`, in its order)."""
    if not text:
        return _NULL
    first = text[0]
    if first not in _MAY_RESOLVE:
        return _STR
    if first in "~nNtTfF":
        return _WORDS.get(text, _STR)
    if text.isdigit() and text.isascii():  # [0-9]+ (counts, numbers): the int pattern, without it
        return _INT
    for tag, pattern in _NUMERIC:
        if pattern.match(text):
            return tag
    return _STR


_MEMO: dict[str, tuple[str, Any]] = {}
"""Plain scalar text → (tag, value); only immutable values, so sharing them is safe."""
_MEMO_LIMIT = 100_000


class _BadValue(Exception):
    pass


def _plain(text: str) -> tuple[str, Any]:
    """A plain scalar's (tag, value); _BadValue when it matches a type but does not convert (2023-02-30)."""
    hit = _MEMO.get(text)
    if hit is not None:
        return hit
    tag = resolve_tag(text)
    if tag == _STR:
        return _STR, text  # not memoised: most strings are unique, and this path is cheap
    try:
        value = CONVERT[tag](text)
    except (ValueError, OverflowError) as exc:
        raise _BadValue(str(exc)) from None
    if len(_MEMO) < _MEMO_LIMIT:
        _MEMO[text] = (tag, value)
    return tag, value


def reset_memo() -> None:
    """Forget memoised scalars (a long run, such as compare, calls this to stay bounded and repeatable)."""
    _MEMO.clear()


def plain_value(text: str) -> Any:
    """What a plain scalar ``text`` reads as (raises ValueError when it matches a type but does not convert)."""
    try:
        return _plain(text)[1]
    except _BadValue as exc:
        raise ValueError(str(exc)) from None
