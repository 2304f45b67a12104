"""What every rule module provides, and the small helpers rules share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from dxready.catalog.load import Catalog
from dxready.catalog.settings import Severity, Targets
from dxready.findings import MISSING_FACT, Finding, Msg, Path, Subject


@dataclass(frozen=True)
class Context:
    """What a rule may know besides the catalogue: "now", the configured targets and the codes of every rule.

    ``codes`` is filled by the engine from the registry (a rule never imports the registry that lists it).
    """

    as_of: dt.date
    targets: Targets = field(default_factory=Targets)
    codes: frozenset[str] = frozenset()


class Documented(Protocol):
    """A documented check: rule modules and the loader's own checks (DX001–DX003)."""

    CODE: str
    NAME: str
    SEVERITY: Severity
    SUMMARY: Msg
    DESCRIPTION_JA: str
    WHY_JA: str
    NEXT_STEP: Msg
    __doc__: str | None


class Rule(Documented, Protocol):
    """A rule module: one pure ``check`` over the loaded catalogue."""

    def check(self, catalog: Catalog, ctx: Context) -> Iterator[Finding]: ...


def missing_fact(
    code: str,
    subject: Subject,
    message: Msg,
    file: str,
    path: Path,
    *,
    next_step: Msg | None = None,
    data: dict[str, object] | None = None,
) -> Finding:
    """A finding that asks for a fact the rule needs and the catalogue lacks: info level, never an accusation.

    ``next`` ranks it below the real gaps of the same subject (``data["missing_fact"]``).
    """
    return Finding(
        code,
        subject,
        message,
        file,
        path,
        severity=Severity.info,
        next_step=next_step,
        data={**(data or {}), MISSING_FACT: True},
    )


def at_procedure(index: int, *keys: str | int) -> tuple[str | int, ...]:
    """The path of procedure ``index`` (and a field below it) in procedures.yaml."""
    return ("procedures", index, *keys)


SHOWN = 5
"""How many names a finding lists before "… and N more"."""


def listing(ja: list[str], en: list[str], unit_ja: str, total: int | None = None) -> Msg:
    """The first :data:`SHOWN` names and how many more: 「A」、「B」 ほか 3 手続 / 'A', 'B' and 3 more. ``total``: how
    many names there are in all, when only the first :data:`SHOWN` are given (a long list need not be worded)."""
    more = (len(ja) if total is None else total) - SHOWN
    return Msg(
        "、".join(ja[:SHOWN]) + (f" ほか {more} {unit_ja}" if more > 0 else ""),
        ", ".join(en[:SHOWN]) + (f" and {more} more" if more > 0 else ""),
    )
