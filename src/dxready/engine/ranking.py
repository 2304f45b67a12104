"""Next steps: one action per subject, ranked by a documented, deterministic score (DESIGN §4).

score = Σ weight × part, each part in [0, 1]; weights come from ``dxready.yaml`` (``weights:``), defaults in
:class:`dxready.catalog.settings.Weights`:

- reach (3): annual cases, log-scaled (1,000,000 cases → 1) where counted; else the national registry's frequency
  tier (high 1, medium ⅔, low ⅓); for a system, the share of gap procedures it holds back.
- priority (2): 1 for the nation's priority procedures (子育て・介護・罹災証明 among the 31 特に利便性, and 引越し).
- commitment (2): 1 when a roadmap item of the plan names the subject and is not done.
- urgency (2): deadline passed 1, ends this fiscal year ⅔, next fiscal year ⅓, else 0.
- effort (1): 1 when a shared national channel exists (マイナポータル, eLTAX, 電子調達), else 0 (procurement needed).

Steps that only ask for a missing fact (a status, channels … — ``Finding.is_missing_fact``) come after every step
that closes a real gap, and within a subject a real gap leads. Ties break by standard number, then kind, then the
catalogue's order (the plan's), then id.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dxready.catalog.fiscal import FiscalYear
from dxready.catalog.models import Phase, Status, circled
from dxready.catalog.registry import STANDARD_BY_NO
from dxready.catalog.settings import Severity, Weights
from dxready.findings import Finding, Msg, Subject

if TYPE_CHECKING:
    from dxready.engine.run import Report

STANDARD_DEADLINE = FiscalYear(2025)
_CHANNEL_NAMES = {
    "mynaportal": "マイナポータル",
    "moving_onestop": "引越しワンストップサービス",
    "eltax": "eLTAX",
    "e_bidding": "電子調達システム",
}


@dataclass(frozen=True)
class NextStep:
    rank: int
    subject: Subject
    name: Msg
    action: Msg
    score: float
    parts: dict[str, float]
    blocked_by: tuple[Msg, ...] = ()
    blocked_ids: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    standard_no: int | None = None
    missing_fact: bool = False
    """Every finding behind this step asks for a missing fact: it ranks after the steps that close real gaps."""

    def display_name(self, lang: str) -> str:
        return self.name.get(lang)


def _urgency(deadline: FiscalYear | None, now: FiscalYear) -> float:
    if deadline is None:
        return 0.0
    if deadline < now:
        return 1.0
    if deadline == now:
        return 2 / 3
    if deadline == now + 1:
        return 1 / 3
    return 0.0


def _reach_from_counts(total: int) -> float:
    return min(1.0, math.log10(total + 1) / 6)


def _primary(findings: list[Finding]) -> Finding:
    """The finding whose next step leads: real gaps before "record the fact" ones, then the most severe."""
    return sorted(findings, key=lambda f: (f.is_missing_fact, -f.severity.rank, f.code))[0]


def rank(report: Report) -> list[NextStep]:
    """All next steps, best first (callers slice --top)."""
    from dxready.perf import collector_paused

    with collector_paused():
        return _rank(report)


def _rank(report: Report) -> list[NextStep]:
    catalog = report.catalog
    weights = catalog.settings.weights
    now = FiscalYear.of(report.as_of)
    committed_p: set[str] = set()
    committed_s: set[str] = set()
    for item in catalog.roadmap:
        if item.state is None or item.state.value != "done":
            committed_p.update(item.procedures)
            committed_s.update(item.systems)
    systems = {s.id: s for s in catalog.systems}
    by_subject: dict[Subject, list[Finding]] = {}
    for f in report.findings:
        by_subject.setdefault(f.subject, []).append(f)

    gap_procedures = [
        p for p in catalog.procedures if p.applicable and p.effective_status is not Status.online
    ]
    held: dict[str, int] = {}
    for p in gap_procedures:
        for sid in p.systems:
            held[sid] = held.get(sid, 0) + 1
    gap_count = len(gap_procedures)

    raw: list[NextStep] = []
    for p in catalog.procedures:
        if not p.applicable:
            continue
        findings = by_subject.get(Subject("procedure", p.id), [])
        serious = [f for f in findings if f.severity.rank >= Severity.warning.rank]
        if p.effective_status is Status.online and not serious:
            continue
        if not findings:
            continue
        entry = STANDARD_BY_NO.get(p.standard_no) if p.standard_no else None
        latest = p.latest_counts()
        if latest is not None:
            reach = _reach_from_counts(latest.total)
        elif entry is not None:
            reach = entry.frequency / 3
        else:
            reach = 1 / 3
        shared = entry.shared_channel if entry is not None else None
        parts = {
            "reach": round(reach, 3),
            "priority": 1.0 if entry is not None and entry.priority else 0.0,
            "commitment": 1.0 if p.id in committed_p else 0.0,
            "urgency": round(_urgency(p.target_fiscal_year, now), 3),
            "effort": 1.0 if shared else 0.0,
        }
        primary = _primary(serious or findings)
        action = primary.next_step or primary.message
        if shared and p.effective_status is not Status.online:
            channel = _CHANNEL_NAMES.get(shared, shared)
            action = Msg(f"{action.ja}（共通基盤: {channel}）", f"{action.en} (shared channel: {channel})")
        blocked: list[Msg] = []
        blocked_ids: list[str] = []
        for sid in p.systems:
            s = systems.get(sid)
            if (
                s is not None
                and s.migration is not None
                and s.migration.phase in (Phase.planning, Phase.selection, Phase.migrating)
            ):
                blocked_ids.append(sid)
                blocked.append(
                    Msg(
                        f"{s.name} の標準化移行（{s.migration.phase.value}）待ち",
                        f"waiting for {s.name_en or s.name} to migrate ({s.migration.phase.value})",
                    )
                )
        raw.append(
            _step(
                Subject("procedure", p.id),
                Msg(p.name, p.name_en or p.name),
                action,
                parts,
                weights,
                blocked,
                blocked_ids,
                findings,
                p.standard_no,
            )
        )

    for s in catalog.systems:
        findings = by_subject.get(Subject("system", s.id), [])
        serious = [f for f in findings if f.severity.rank >= Severity.warning.rank]
        if not serious and not held.get(s.id):
            continue
        if not findings:
            continue
        deadline = (
            STANDARD_DEADLINE
            if s.migration is None or s.migration.target_fiscal_year is None
            else (s.migration.target_fiscal_year)
        )
        parts = {
            "reach": round(held.get(s.id, 0) / gap_count, 3) if gap_count else 0.0,
            "priority": 1.0 if s.businesses() else 0.0,
            "commitment": 1.0 if s.id in committed_s else 0.0,
            "urgency": round(_urgency(deadline, now), 3) if s.businesses() else 0.0,
            "effort": 0.0,
        }
        primary = _primary(serious or findings)
        raw.append(
            _step(
                Subject("system", s.id),
                Msg(s.name, s.name_en or s.name),
                primary.next_step or primary.message,
                parts,
                weights,
                [],
                [],
                findings,
                None,
            )
        )

    for item in catalog.roadmap:
        findings = by_subject.get(Subject("roadmap", item.id), [])
        serious = [f for f in findings if f.severity.rank >= Severity.warning.rank]
        if not serious:
            continue
        parts = {
            "reach": 0.0,
            "priority": 0.0,
            "commitment": 1.0,
            "urgency": round(_urgency(item.target_year, now), 3),
            "effort": 0.0,
        }
        primary = _primary(serious)
        raw.append(
            _step(
                Subject("roadmap", item.id),
                Msg(
                    f"({item.area}){circled(item.no)} {item.title}",
                    f"({item.area}){circled(item.no)} {item.title_en or item.title}",
                ),
                primary.next_step or primary.message,
                parts,
                weights,
                [],
                [],
                findings,
                None,
            )
        )

    kinds = {"procedure": 0, "system": 1, "roadmap": 2, "catalog": 3, "settings": 4}
    # Ties: standard number, then kind, then the plan's own order (catalogue position), then id.
    position = {Subject("procedure", p.id): i for i, p in enumerate(catalog.procedures)}
    position.update({Subject("system", s.id): i for i, s in enumerate(catalog.systems)})
    position.update({Subject("roadmap", r.id): i for i, r in enumerate(catalog.roadmap)})
    raw.sort(
        key=lambda s: (
            s.missing_fact,  # real gaps first; "record the fact" after them
            -s.score,
            s.standard_no or 99,
            kinds[s.subject.kind],
            position.get(s.subject, 0),
            s.subject.id,
        )
    )
    return [replace(s, rank=i + 1) for i, s in enumerate(raw)]


def _step(
    subject: Subject,
    name: Msg,
    action: Msg,
    parts: dict[str, float],
    weights: Weights,
    blocked: list[Msg],
    blocked_ids: list[str],
    findings: list[Finding],
    standard_no: int | None,
) -> NextStep:
    score = round(sum(getattr(weights, k) * v for k, v in parts.items()), 2)
    return NextStep(
        rank=0,
        subject=subject,
        name=name,
        action=action,
        score=score,
        parts=parts,
        blocked_by=tuple(blocked),
        blocked_ids=tuple(blocked_ids),
        codes=tuple(sorted({f.code for f in findings})),
        standard_no=standard_no,
        missing_fact=bool(findings) and all(f.is_missing_fact for f in findings),
    )
