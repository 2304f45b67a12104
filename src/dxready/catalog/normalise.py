"""Identifier-like YAML values as people type them: NFKC before validation.

``id: ｌｉｂｒａｒｙ``, ``code: １２２０５０``, ``systems: [ａｃｒｏｓｉｔｙ]`` and ``select: [ＤＸ１]`` mean what their
half-width spelling means. Only the values of identifier keys are touched (ids, references, codes); names and notes
stay exactly as written, so that DX010 can still see a homoglyph in a name. Enums, dates and fiscal years normalise
in their own validators (catalog.labels, catalog.dates, catalog.fiscal). ASCII text is left alone without copying,
so a catalogue typed in half-width costs one walk and no allocation.
"""

from __future__ import annotations

import unicodedata
from typing import Any

IDENTIFIER_KEYS = frozenset(
    {"id", "code", "subject", "systems", "procedures", "links", "roadmap", "select", "ignore", "kind"}
)


def _norm(value: str) -> str:
    return value if value.isascii() else unicodedata.normalize("NFKC", value).strip()


def normalise_identifiers(data: Any) -> Any:
    """``data`` with identifier values NFKC-normalised, in place (plain values fresh from the YAML)."""
    if isinstance(data, dict):
        _mapping(data)
    elif isinstance(data, list):
        _sequence(data)
    return data


def _mapping(data: dict[Any, Any]) -> None:
    # Exact types first (what the composer makes, one test per value on a large catalogue); anything else by isinstance.
    for key, value in data.items():
        kind = type(value)
        if kind is str:
            if key in IDENTIFIER_KEYS and not value.isascii():
                data[key] = _norm(value)
        elif kind is dict:
            if key == "severity":
                _severity(data, key, value)
            else:
                _mapping(value)
        elif kind is list:
            if key in IDENTIFIER_KEYS:
                _identifiers(value)
            else:
                _sequence(value)
        elif isinstance(value, str):
            if key in IDENTIFIER_KEYS:
                data[key] = _norm(value)
        elif isinstance(value, list):
            if key in IDENTIFIER_KEYS:
                _identifiers(value)
            else:
                _sequence(value)
        elif isinstance(value, dict):
            if key == "severity":
                _severity(data, key, value)
            else:
                _mapping(value)


def _severity(data: dict[Any, Any], key: Any, value: dict[Any, Any]) -> None:
    if not all(isinstance(k, str) and k.isascii() for k in value):
        data[key] = {_norm(k) if isinstance(k, str) else k: v for k, v in value.items()}


def _identifiers(value: list[Any]) -> None:
    for i, item in enumerate(value):
        if isinstance(item, str):
            value[i] = _norm(item)
        else:
            normalise_identifiers(item)


def _sequence(data: list[Any]) -> None:
    for item in data:
        kind = type(item)
        if kind is dict:
            _mapping(item)
        elif kind is list:
            _sequence(item)
        elif kind is not str and isinstance(item, dict | list):
            normalise_identifiers(item)
