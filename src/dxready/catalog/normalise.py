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
        for key, value in data.items():
            if key in IDENTIFIER_KEYS and isinstance(value, str):
                data[key] = _norm(value)
            elif key in IDENTIFIER_KEYS and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        value[i] = _norm(item)
                    else:
                        normalise_identifiers(item)
            elif key == "severity" and isinstance(value, dict):
                if not all(isinstance(k, str) and k.isascii() for k in value):
                    data[key] = {_norm(k) if isinstance(k, str) else k: v for k, v in value.items()}
            elif isinstance(value, dict | list):
                normalise_identifiers(value)
    elif isinstance(data, list):
        for item in data:
            if isinstance(item, dict | list):
                normalise_identifiers(item)
    return data
