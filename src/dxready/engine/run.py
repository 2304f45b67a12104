"""Run the selected rules over a catalogue; stamp severities, waivers and locations; compute levels; sort."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dxready.catalog.load import Catalog
from dxready.catalog.settings import Settings, Severity
from dxready.findings import Finding, waiver_key
from dxready.rules.base import Context, Rule

if TYPE_CHECKING:  # imported where levels and rates are computed: check computes neither
    from dxready.engine.levels import Readiness
    from dxready.engine.summary import Summary as Summary
    from dxready.engine.summary import summarize as summarize


def __getattr__(name: str) -> object:
    """``Summary`` and ``summarize``, from :mod:`dxready.engine.summary` when first asked for: check shows no summary,
    and creating a dataclass compiles its methods (issue 14)."""
    if name in ("Summary", "summarize"):
        from dxready.engine import summary

        return getattr(summary, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Report:
    """Everything a renderer needs: the catalogue, "now", findings (active and waived) and readiness."""

    catalog: Catalog
    as_of: dt.date
    findings: tuple[Finding, ...]
    waived: tuple[Finding, ...]
    readiness: dict[str, Readiness | None] = field(default_factory=dict)

    def summary(self) -> Summary:
        from dxready.engine.summary import summarize

        return summarize(self.catalog.procedures, self.readiness)

    def findings_for(self, kind: str, ident: str) -> list[Finding]:
        return [f for f in self.findings if f.subject.kind == kind and f.subject.id == ident]

    def count(self, severity: Severity) -> int:
        return sum(f.severity is severity for f in self.findings)


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
    key = waiver_key(f.subject)
    for w in settings.waivers:
        if w.code == f.code and w.subject == key and (w.until is None or w.until >= as_of):
            return w.reason
    return None
