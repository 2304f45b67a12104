"""Whole-number options: one place that reads full-width digits (``--top ３``) as ``--code １２２０７６`` and
``--counts ２０２２:…`` already are.

Typer reads an ``int`` option through pydantic, which refuses ``３``; an option built by :func:`int_option` reads its
text NFKC-normalised instead. Its refusals use pydantic's own words, so ``clitext`` says them in Japanese as before.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import typer

_WHOLE = re.compile(r"[+-]?[0-9]+")


class WholeNumber:
    """Typer's ``parser`` for an int option: NFKC, an ASCII whole number, at least ``minimum``."""

    def __init__(self, minimum: int | None = None) -> None:
        self.minimum = minimum

    def __call__(self, value: object) -> int:
        if isinstance(value, bool):
            raise ValueError("Input should be a valid integer")
        if isinstance(value, int):
            number = value
        else:
            text = unicodedata.normalize("NFKC", str(value)).strip().replace("−", "-")
            if not _WHOLE.fullmatch(text) or len(text) > 20:
                raise ValueError("Input should be a valid integer, unable to parse string as an integer")
            number = int(text)
        if self.minimum is not None and number < self.minimum:
            raise ValueError(f"Input should be greater than or equal to {self.minimum}")
        return number


def int_option(*names: str, minimum: int | None = None, **kwargs: Any) -> Any:
    """``typer.Option`` for a whole number: full-width digits read, the minimum shown in help and enforced."""
    return typer.Option(*names, min=minimum, parser=WholeNumber(minimum), **kwargs)
