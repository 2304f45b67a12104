"""Integers are integers: the field types for counts, numbers and codes.

pydantic's lax mode turns ``true`` into 1, ``"12"`` into 12 and ``1e3`` into 1000; a catalogue is a record of facts, so
an integer field takes a YAML integer written in decimal (the loader refuses ``0x10``) and nothing else. Full-width
digits (``１２``, typed with a Japanese IME) are read as the ASCII digits they stand for; digits of other scripts
(``١٢``) are refused. A count larger than :data:`~dxready.catalog.limits.MAX_COUNT` is refused at load with its
position, so no rate or sum downstream can overflow.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StringConstraints

from dxready.catalog.limits import MAX_COUNT

_FULLWIDTH = re.compile(r"^[\uff10-\uff19]+$")
_FULLWIDTH_TO_ASCII = {0xFF10 + n: 0x30 + n for n in range(10)}


def ascii_digits(value: object) -> object:
    """Full-width digits → ASCII digits; anything else unchanged."""
    if isinstance(value, str) and _FULLWIDTH.match(value.strip()):
        return value.strip().translate(_FULLWIDTH_TO_ASCII)
    return value


class Worded(ValueError):
    """A refused value; ``ja`` and ``en`` say why (the loader words each language from its own text)."""

    def __init__(self, ja: str, en: str) -> None:
        super().__init__(en)
        self.ja = ja
        self.en = en


class NotAnInteger(Worded):
    """Not a plain integer."""


def strict_int(value: Any) -> Any:
    """A YAML integer, or full-width digits; ValueError for true/false, quoted numbers, floats, other scripts."""
    if isinstance(value, bool):
        raise NotAnInteger("true/false は整数ではありません", "true or false is not an integer")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _FULLWIDTH.match(value.strip()):
        return int(value.strip().translate(_FULLWIDTH_TO_ASCII))
    if isinstance(value, float):
        raise NotAnInteger(
            "整数を書いてください（小数や 1e3 は使えません）", "write an integer (not a decimal or 1e3)"
        )
    if isinstance(value, str):
        raise _not_an_integer(value.strip())
    return value  # lists, mappings: pydantic says what it expected


_SEPARATED = re.compile(r"^[0-9\uff10-\uff19]{1,3}(?:[,\uff0c][0-9\uff10-\uff19]{3})+$")
_SIGNED = re.compile(r"^[+-]?[0-9]+$")


def _not_an_integer(text: str) -> NotAnInteger:
    """What is wrong with a string where an integer belongs: a thousands separator (1,200), quotes around digits
    ("45": a YAML number is never a string unless quoted; full-width digits alone are read), or no number at all."""
    if len(text) <= 40 and _SEPARATED.match(text):  # 1,200 (block style: a string)
        digits = re.sub(r"[,\uff0c]", "", text).translate(_FULLWIDTH_TO_ASCII)
        return NotAnInteger(
            f"{text} のような桁区切りのカンマは使えません。{digits} と書いてください",
            f"a thousands separator as in {text} cannot be used; write {digits}",
        )
    if _SIGNED.match(text):
        return NotAnInteger(f"引用符を外して {text} と書いてください", f"remove the quotes: write {text}")
    if text.isdigit():  # digits of another script (١٢٣)
        return NotAnInteger(
            "整数は 0〜9 の数字で書いてください（全角の数字も読めます）",
            "write the integer with the digits 0-9 (full-width digits are read too)",
        )
    return NotAnInteger(
        "整数を数字だけで書いてください（全角の数字も読めます。単位や文字は書けません）",
        "write the integer in digits only (full-width digits are read too; no unit or other text)",
    )


STRICT = BeforeValidator(strict_int)
"""Put first in ``Annotated[int, STRICT, Field(...)]``: integers only."""

Count = Annotated[int, STRICT, Field(ge=0, le=MAX_COUNT)]
"""A number of applications, cards or people: 0 … 10¹²."""

DigitCode = Annotated[str, BeforeValidator(ascii_digits), StringConstraints(pattern=r"^[0-9]{6}$")]
"""A 全国地方公共団体コード: six ASCII digits (full-width digits accepted and converted)."""
