"""Run the selected rules over a catalogue; stamp severities, waivers and locations; compute levels; sort."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dxready.catalog.load import Catalog
from dxready.catalog.models import Procedure, Status
from dxready.catalog.settings import Settings, Severity
from dxready.findings import Finding
from dxready.rules.base import Context, Rule

if TYPE_CHECKING:  # imported where levels and rates are computed: check computes neither
    from dxready.engine.levels import Readiness
    from dxready.engine.rates import Rate


@dataclass(frozen=True)
class Summary:
    """The standard rows' tally, rates and levels; a city's own procedures (no ``standard_no``) counted apart."""

    applicable: int
    by_status: dict[str, int]
    levels: dict[int, int]
    not_applicable: int
    online: Rate
    """○ among the applicable standard rows, with bounds and coverage (engine.rates)."""
    with_partial: Rate
    """○ and 一部 together: how the national dashboard counts (partial offers count as online)."""
    own: dict[str, int] = field(default_factory=dict)
    """Status → how many of the city's own procedures (outside the 21); empty when there are none."""
    inferred: int = 0
    """Standard rows whose status is marked as the author's inference."""
    unsettled: dict[tuple[int, int], int] = field(default_factory=dict)
    """(lowest, highest) level → how many recorded rows an unknown fact could move within that span; ``levels``
    counts only the rows whose level no unknown fact could change."""

    @property
    def online_rate(self) -> float | None:
        """The ○ rate when every applicable row is known, else None (see ``online.bounds``)."""
        return self.online.rate

    @property
    def online_or_partial_rate(self) -> float | None:
        return self.with_partial.rate


@dataclass(frozen=True)
class Report:
    """Everything a renderer needs: the catalogue, "now", findings (active and waived) and readiness."""

    catalog: Catalog
    as_of: dt.date
    findings: tuple[Finding, ...]
    waived: tuple[Finding, ...]
    readiness: dict[str, Readiness | None] = field(default_factory=dict)

    def summary(self) -> Summary:
        return summarize(self.catalog.procedures, self.readiness)

    def findings_for(self, kind: str, ident: str) -> list[Finding]:
        return [f for f in self.findings if f.subject.kind == kind and f.subject.id == ident]

    def count(self, severity: Severity) -> int:
        return sum(f.severity is severity for f in self.findings)


def summarize(procedures: Sequence[Procedure], levels: dict[str, Readiness | None]) -> Summary:
    """Counts, rates and levels over the standard rows (every row when the catalogue has no standard row)."""
    from dxready.engine.rates import ONLINE, ONLINE_OR_PARTIAL, rate_of

    standard = [p for p in procedures if p.standard]
    own = [p for p in procedures if not p.standard] if standard else []
    rows = standard or list(procedures)
    statuses = [p.effective_status for p in rows]
    applicable = [s for s in statuses if s is not Status.not_applicable]
    by_status = Counter(s._value_ for s in applicable)
    # A procedure whose status is unknown has no level yet: it is counted among the unsettled (0 to its ceiling),
    # never as level 0.
    recorded = {p.id for p, s in zip(rows, statuses, strict=True) if s is not Status.not_applicable}
    ready = [r for pid, r in levels.items() if r is not None and pid in recorded]
    dist = Counter(r.level for r in ready if r.settled)
    open_ = Counter(r.bounds for r in ready if not r.settled)
    return Summary(
        applicable=len(applicable),
        by_status={s.value: by_status.get(s.value, 0) for s in Status if s is not Status.not_applicable},
        levels={n: dist.get(n, 0) for n in range(5)},
        not_applicable=len(rows) - len(applicable),
        online=rate_of(statuses, ONLINE),
        with_partial=rate_of(statuses, ONLINE_OR_PARTIAL),
        own=dict(Counter(p.effective_status.value for p in own)),
        inferred=sum(p.status_inferred and p.status is not Status.unknown for p in rows),
        unsettled=dict(sorted(open_.items())),
    )


def selected(
    code: str, settings: Settings, select: list[str] | None = None, ignore: list[str] | None = None
) -> bool:
    """Whether rule ``code`` runs: the most specific prefix decides, and at equal specificity the command line wins over
    the settings file (``--select DX104`` runs DX104 though ``dxready.yaml`` ignores it), an ignore over a select."""
    chosen = select if select else settings.select

    def best(prefixes: list[str]) -> int:
        return max((len(p) for p in prefixes if code.startswith(p)), default=-1)

    picked = best(chosen)
    if picked < 0 or best(ignore or []) >= picked:
        return False
    return picked >= best(settings.ignore) if select else picked > best(settings.ignore)


def run(
    catalog: Catalog,
    as_of: dt.date,
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    rules: tuple[Rule, ...] | None = None,
    levels: bool = True,
) -> Report:
    """The report of the selected rules. ``levels=False`` (``check``, whose every format shows findings only): no
    readiness levels, ``Report.readiness`` empty."""
    from dxready.perf import collector_paused

    with collector_paused():
        return _run(catalog, as_of, select=select, ignore=ignore, rules=rules, levels=levels)


def _run(
    catalog: Catalog,
    as_of: dt.date,
    *,
    select: list[str] | None,
    ignore: list[str] | None,
    rules: tuple[Rule, ...] | None,
    levels: bool = True,
) -> Report:
    from dxready.rules import ALL_CODES, RULES

    settings = catalog.settings
    ctx = Context(as_of=as_of, targets=settings.targets, codes=ALL_CODES)
    active: list[Finding] = []
    waived: list[Finding] = []
    for rule in rules if rules is not None else RULES:
        if not selected(rule.CODE, settings, select, ignore):
            continue
        override = settings.severity.get(rule.CODE)
        default = rule.SEVERITY
        default_rank = default.rank
        for raw in rule.check(catalog, ctx):
            # A rule may lower one finding below its default (e.g. "deadline unknown" as info); settings win.
            own = raw.severity
            if own is not default and own.rank >= default_rank:
                own = default
            waiver = _waiver_for(raw, settings, as_of) if settings.waivers else None
            stamped = raw.stamped(
                # A missing fact stays info whatever the settings raise the rule to: it accuses nothing.
                own if raw.is_missing_fact else (override or own),
                raw.next_step or rule.NEXT_STEP,
                raw.location or catalog.locate(raw.file, raw.path),
                waiver,
            )
            (active if waiver is None else waived).append(stamped)
    ready: dict[str, Readiness | None] = {}
    if levels:
        from dxready.engine.levels import life_event_bundles, readiness

        bundles = life_event_bundles(catalog.procedures)
        ready = {p.id: readiness(p, bundles) for p in catalog.procedures}
    return Report(
        catalog=catalog,
        as_of=as_of,
        findings=tuple(sorted(active, key=Finding.sort_key)),
        waived=tuple(sorted(waived, key=Finding.sort_key)),
        readiness=ready,
    )


def _waiver_for(f: Finding, settings: Settings, as_of: dt.date) -> str | None:
    for w in settings.waivers:
        if w.code == f.code and w.subject == f.subject.id and (w.until is None or w.until >= as_of):
            return w.reason
    return None
