"""What the models of the three catalogue files share: the base model (frozen, no extra keys), ids, texts, fiscal
years and dates as the catalogue writes them, and the plan's circled numbers."""

# Annotations are evaluated in the class body (no `from __future__ import annotations`): as strings, pydantic
# would compile each one (typing.ForwardRef) while it creates the class, on every command's start-up.

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints, WithJsonSchema

from dxready.catalog.dates import SPELLINGS, parse_date
from dxready.catalog.fiscal import FiscalYear

SLUG = r"^[a-z0-9][a-z0-9-]*$"
Id = Annotated[str, StringConstraints(pattern=SLUG, max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False, defer_build=True)


def _fiscal(value: object) -> object:
    return FiscalYear.parse(value)


FY = Annotated[FiscalYear, BeforeValidator(_fiscal)]
Date = Annotated[
    dt.date,
    BeforeValidator(parse_date),
    WithJsonSchema({"type": "string", "description": f"a date: {SPELLINGS}"}),
]


def circled(n: int | None) -> str:
    """① for 1 … ⑳ for 20, as the plan numbers its items."""
    if n is None:
        return ""
    return chr(0x2460 + n - 1) if 1 <= n <= 20 else f"({n})"
