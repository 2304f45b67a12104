"""Narrowing a report to what the reader asked for (gaps/next ``--only --status --min-severity --code --id``), and
checking that rule codes given on the command line name at least one rule.

A filtered report is still a report: every format renders it the same way, so a filter can never make the table say
something the JSON does not.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dxready.catalog.settings import Severity

if TYPE_CHECKING:
    from dxready.engine.run import Report
    from dxready.findings import Finding

KINDS = {"procedures": "procedure", "systems": "system", "roadmap": "roadmap"}
FAMILIES = {"DX1": "procedure", "DX2": "procedure", "DX3": "system", "DX4": "roadmap"}
"""The area of a finding about the whole catalogue (a standard business that no system serves is a systems gap)."""


def area(f: Finding) -> str:
    """procedure | system | roadmap | catalog: what ``--only`` sorts a finding under."""
    kind = f.subject.kind
    return FAMILIES.get(f.code[:3], kind) if kind == "catalog" else kind


def normalise_code(text: str) -> str:
    """'ｄｘ１０１ ' → 'DX101': rule codes as people type them."""
    return unicodedata.normalize("NFKC", text).strip().upper()


def unknown_codes(codes: Iterable[str]) -> list[tuple[str, list[str]]]:
    """(code or prefix, nearest real codes) for every one that matches no rule."""
    from dxready.rules import ALL_CODES

    known = sorted(ALL_CODES)
    out = []
    for code in codes:
        if not any(c.startswith(code) for c in known):
            near = difflib.get_close_matches(code, known, n=3, cutoff=0.5)
            out.append((code, near))
    return out


@dataclass(frozen=True)
class Filters:
    only: str | None = None
    """procedures | systems | roadmap"""
    statuses: frozenset[str] = frozenset()
    """Status values (after parsing marks and words): only procedures in one of them."""
    min_severity: Severity | None = None
    codes: tuple[str, ...] = ()
    """Codes or prefixes (DX1, DX101)."""
    ids: tuple[str, ...] = ()
    """Subject ids, or standard numbers of procedures."""

    @property
    def empty(self) -> bool:
        return not (self.only or self.statuses or self.min_severity or self.codes or self.ids)

    def keep(self, f: Finding, report: Report) -> bool:
        kind = f.subject.kind
        if self.only and area(f) != KINDS[self.only]:
            return False
        if self.min_severity is not None and f.severity.rank < self.min_severity.rank:
            return False
        if self.codes and not any(f.code.startswith(c) for c in self.codes):
            return False
        proc = report.catalog.procedure(f.subject.id) if kind == "procedure" else None
        if self.statuses and (proc is None or proc.status.value not in self.statuses):
            return False
        if self.ids:
            names = {f.subject.id}
            if proc is not None and proc.standard_no is not None:
                names.add(str(proc.standard_no))
            if not names & set(self.ids):
                return False
        return True


def apply(report: Report, filters: Filters) -> Report:
    """The report with only the findings (active and waived) that the filters keep."""
    if filters.empty:
        return report
    return replace(
        report,
        findings=tuple(f for f in report.findings if filters.keep(f, report)),
        waived=tuple(f for f in report.waived if filters.keep(f, report)),
    )


def parse_statuses(values: Iterable[str]) -> tuple[frozenset[str], list[str]]:
    """(status values, inputs that are not a status) from marks or words (○, 一部, ×, offline, 未オンライン …)."""
    from dxready.catalog.models import Status

    good: set[str] = set()
    bad: list[str] = []
    for value in values:
        parsed = Status.parse(value)
        if isinstance(parsed, str) and parsed in Status._value2member_map_:
            good.add(parsed)
        else:
            bad.append(value)
    return frozenset(good), bad
