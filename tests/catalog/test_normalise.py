"""catalog.normalise: the walk that takes exact types first normalises exactly what the plain walk did."""

from __future__ import annotations

import copy
import unicodedata
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from dxready.catalog.normalise import IDENTIFIER_KEYS, normalise_identifiers


def _reference(data: Any) -> Any:
    """The walk as first written (one isinstance test per value), kept here as the yardstick."""

    def norm(value: str) -> str:
        return value if value.isascii() else unicodedata.normalize("NFKC", value).strip()

    if isinstance(data, dict):
        for key, value in data.items():
            if key in IDENTIFIER_KEYS and isinstance(value, str):
                data[key] = norm(value)
            elif key in IDENTIFIER_KEYS and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        value[i] = norm(item)
                    else:
                        _reference(item)
            elif key == "severity" and isinstance(value, dict):
                if not all(isinstance(k, str) and k.isascii() for k in value):
                    data[key] = {norm(k) if isinstance(k, str) else k: v for k, v in value.items()}
            elif isinstance(value, dict | list):
                _reference(value)
    elif isinstance(data, list):
        for item in data:
            if isinstance(item, dict | list):
                _reference(item)
    return data


class _Str(str):
    pass


_TEXT = st.sampled_from(["lib", "ｌｉｂ", " ＤＸ１ ", "１２２０５０", "図書館", "µ", ""]) | st.text(
    max_size=4
)
_LEAF = st.none() | st.booleans() | st.integers() | _TEXT | _TEXT.map(_Str)
_KEY = st.sampled_from([*sorted(IDENTIFIER_KEYS), "severity", "name", "note"]) | _TEXT | st.integers()
_DATA = st.recursive(
    _LEAF,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEY, inner, max_size=5),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(data=_DATA)
def test_same_as_the_plain_walk(data: Any) -> None:
    expected = _reference(copy.deepcopy(data))
    got = normalise_identifiers(copy.deepcopy(data))
    assert got == expected
    assert repr(got) == repr(expected)  # the same types too (a str subclass stays where it was left)


def test_each_kind_of_place() -> None:
    data = {
        "code": "１２２０５０",
        "name": "ｌｉｂ",
        "procedures": [{"id": " ｌｉｂ ", "systems": ["ａｂ", {"id": "ｘ"}], "note": "ｎ"}],
        "severity": {"ＤＸ１": "info"},
        "nested": [[{"links": ["ｌ"]}], {"kind": _Str("ｋ")}],
        "select": _Str("ＤＸ"),
    }
    expected = _reference(copy.deepcopy(data))
    assert expected["code"] == "122050" and expected["procedures"][0]["systems"][0] == "ab"
    assert normalise_identifiers(data) == expected
