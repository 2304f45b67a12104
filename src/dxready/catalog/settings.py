"""The optional ``dxready.yaml`` settings file: rule selection, severities, targets, ranking weights, waivers."""

# Annotations are evaluated in the class body (no `from __future__ import annotations`): as strings, pydantic
# would compile each one (typing.ForwardRef) while it creates the class, on every command's start-up.

import datetime as dt
from typing import Annotated

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from dxready.catalog import labels
from dxready.catalog.dates import SPELLINGS, parse_date
from dxready.catalog.factories import new_dict, new_list
from dxready.catalog.strict import STRICT
from dxready.findings import Severity

__all__ = ["Settings", "Severity", "Targets", "Waiver", "Weights"]

CodeOrPrefix = Annotated[str, StringConstraints(pattern=r"^DX[0-9]{0,3}$")]
Code = Annotated[str, StringConstraints(pattern=r"^DX[0-9]{3}$")]
Weight = Annotated[float, Field(ge=-1000, le=1000, allow_inf_nan=False)]
"""A ranking weight: a finite number (``.nan`` and ``.inf`` would make every score meaningless)."""


SeverityIn = Annotated[
    Severity, BeforeValidator(labels.parser(Severity)), WithJsonSchema(labels.schema(Severity))
]


class _Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Targets(_Settings):
    usage_rate: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)] = 50.0
    """Online usage rate (%) below which DX104 reports a procedure."""
    staleness_days: Annotated[int, STRICT, Field(ge=1, le=36_500)] = 365
    """A status not confirmed for longer than this is stale (DX110)."""
    review_cycle_years: Annotated[int, STRICT, Field(ge=1, le=10)] = 1
    """Default cycle of a recurring (適宜) roadmap review (DX402)."""


class Weights(_Settings):
    reach: Weight = 3.0
    priority: Weight = 2.0
    commitment: Weight = 2.0
    urgency: Weight = 2.0
    effort: Weight = 1.0


class Waiver(_Settings):
    code: Code
    subject: Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"\S")]
    reason: Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=r"\S")]
    until: (
        Annotated[
            dt.date,
            BeforeValidator(parse_date),
            WithJsonSchema({"type": "string", "description": f"a date: {SPELLINGS}"}),
        ]
        | None
    ) = None

    @model_validator(mode="after")
    def _not_dx011(self) -> "Waiver":
        # DX011 is what reports an expired waiver: waiving it would let every other waiver live for ever.
        if self.code == "DX011":
            from dxready.errors import ValueProblem

            raise ValueProblem(
                "DX011（期限切れの適用除外）は適用除外にできません", "DX011 (expired waiver) cannot be waived"
            )
        return self


class Settings(_Settings):
    select: list[CodeOrPrefix] = Field(default_factory=lambda: ["DX"])
    ignore: list[CodeOrPrefix] = Field(default_factory=new_list)
    severity: dict[Code, SeverityIn] = Field(default_factory=new_dict)
    # Functions (see catalog.factories); the defaults made without validating them (valid as written): a catalogue
    # without a settings file then never builds these models' validators.
    targets: Targets = Field(default_factory=lambda: Targets.model_construct())
    weights: Weights = Field(default_factory=lambda: Weights.model_construct())
    waivers: list[Waiver] = Field(default_factory=new_list)
