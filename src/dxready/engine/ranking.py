"""Next steps: one action per subject, ranked by a documented, deterministic score (ARCHITECTURE.md, "Next steps").

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
from dxready.findings import Finding, Msg, Subject, SubjectKind

if TYPE_CHECKING:
    from dxready.catalog.models import Procedure, RoadmapItem, System
    from dxready.catalog.registry import StandardProcedure
    from dxready.engine.run import Report

STANDARD_DEADLINE = FiscalYear(2025)
_CHANNEL_NAMES = {  # the shared channel in each language, as DX101's next step names it
    "mynaportal": Msg("マイナポータル", "Mynaportal"),
    "moving_onestop": Msg("引越しワンストップサービス", "the moving one-stop service"),
    "eltax": Msg("eLTAX", "eLTAX"),
    "e_bidding": Msg("電子調達システム", "the shared e-procurement system"),
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


@dataclass(frozen=True)
class Parts:
    """The score's parts, each in [0, 1]; the score is Σ weight × part (the weights of ``dxready.yaml``)."""

    reach: float = 0.0
    priority: float = 0.0
    commitment: float = 0.0
    urgency: float = 0.0
    effort: float = 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "reach": self.reach,
            "priority": self.priority,
            "commitment": self.commitment,
            "urgency": self.urgency,
            "effort": self.effort,
        }


@dataclass(frozen=True)
class _Scene:
    """What scoring one subject needs to know about the others: commitments, systems, findings, gaps held."""

    now: FiscalYear
    weights: Weights
    committed_procedures: frozenset[str]
    committed_systems: frozenset[str]
    systems: dict[str, System]
    findings: dict[Subject, list[Finding]]
    held: dict[str, int]
    """System id → how many gap procedures it processes."""
    gaps: int

    @classmethod
    def of(cls, report: Report) -> _Scene:
        catalog = report.catalog
        open_items = [i for i in catalog.roadmap if i.state is None or i.state.value != "done"]
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
        return cls(
            now=FiscalYear.of(report.as_of),
            weights=catalog.settings.weights,
            committed_procedures=frozenset(pid for i in open_items for pid in i.procedures),
            committed_systems=frozenset(sid for i in open_items for sid in i.systems),
            systems={s.id: s for s in catalog.systems},
            findings=by_subject,
            held=held,
            gaps=len(gap_procedures),
        )

    def findings_of(self, kind: SubjectKind, ident: str) -> tuple[list[Finding], list[Finding]]:
        """(all findings, those of warning severity or above) about one subject."""
        found = self.findings.get(Subject(kind, ident), [])
        return found, [f for f in found if f.severity.rank >= Severity.warning.rank]


def _rank(report: Report) -> list[NextStep]:
    catalog = report.catalog
    scene = _Scene.of(report)
    steps = [
        *(_procedure_step(p, scene) for p in catalog.procedures),
        *(_system_step(s, scene) for s in catalog.systems),
        *(_roadmap_step(item, scene) for item in catalog.roadmap),
    ]
    raw = [step for step in steps if step is not None]
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


def _procedure_reach(p: Procedure, entry: StandardProcedure | None) -> float:
    """Annual cases where counted, else the registry's frequency tier, else low."""
    from dxready.catalog.usage import latest_usage

    latest = latest_usage(p)
    if (
        latest is not None and latest.counts.total is not None
    ):  # a year with only a published rate has no case count
        return _reach_from_counts(latest.counts.total)
    if entry is not None:
        return entry.frequency / 3
    return 1 / 3


_WAITING_PHASES = {
    # The Japanese word is one that `dxready set system --phase` accepts (catalog/labels.py).
    Phase.planning: Msg("計画立案", "planning"),
    Phase.selection: Msg("システム選定", "selection"),
    Phase.migrating: Msg("移行中", "migrating"),
}


def _blockers(p: Procedure, scene: _Scene) -> tuple[list[Msg], list[str]]:
    """The systems this procedure waits for (their standardisation migration is not done), said and by id."""
    blocked: list[Msg] = []
    blocked_ids: list[str] = []
    for sid in p.systems:
        s = scene.systems.get(sid)
        if s is None or s.migration is None:
            continue
        phase = _WAITING_PHASES.get(s.migration.phase)
        if phase is not None:
            blocked_ids.append(sid)
            blocked.append(
                Msg(
                    f"{s.name} の標準化移行（{phase.ja}）待ち",
                    f"waiting for {s.name_en or s.name} to migrate ({phase.en})",
                )
            )
    return blocked, blocked_ids


def _procedure_step(p: Procedure, scene: _Scene) -> NextStep | None:
    if not p.applicable:
        return None
    findings, serious = scene.findings_of("procedure", p.id)
    if (p.effective_status is Status.online and not serious) or not findings:
        return None
    entry = STANDARD_BY_NO.get(p.standard_no) if p.standard_no else None
    shared = entry.shared_channel if entry is not None else None
    parts = Parts(
        reach=round(_procedure_reach(p, entry), 3),
        priority=1.0 if entry is not None and entry.priority else 0.0,
        commitment=1.0 if p.id in scene.committed_procedures else 0.0,
        urgency=round(_urgency(p.target_fiscal_year, scene.now), 3),
        effort=1.0 if shared else 0.0,
    )
    primary = _primary(serious or findings)
    action = primary.next_step or primary.message
    if shared and p.effective_status is not Status.online:
        channel = _CHANNEL_NAMES.get(shared, Msg(shared, shared))
        # Before the step, not after it: a step may end with a command to paste (…例: dxready set ID --status ○).
        action = Msg(f"（共通基盤: {channel.ja}）{action.ja}", f"(shared channel: {channel.en}) {action.en}")
    # Recording a fact (the status, the channels) waits for no migration; closing a gap may.
    blocked, blocked_ids = ([], []) if primary.is_missing_fact else _blockers(p, scene)
    name = Msg(p.name, p.name_en or p.name)
    subject = Subject("procedure", p.id)
    return _step(subject, name, action, parts, scene.weights, blocked, blocked_ids, findings, p.standard_no)


def _system_step(s: System, scene: _Scene) -> NextStep | None:
    findings, serious = scene.findings_of("system", s.id)
    if (not serious and not scene.held.get(s.id)) or not findings:
        return None
    migration = s.migration
    deadline = (
        STANDARD_DEADLINE
        if migration is None or migration.target_fiscal_year is None
        else migration.target_fiscal_year
    )
    standardised = bool(s.businesses())
    parts = Parts(
        reach=round(scene.held.get(s.id, 0) / scene.gaps, 3) if scene.gaps else 0.0,
        priority=1.0 if standardised else 0.0,
        commitment=1.0 if s.id in scene.committed_systems else 0.0,
        urgency=round(_urgency(deadline, scene.now), 3) if standardised else 0.0,
    )
    primary = _primary(serious or findings)
    name = Msg(s.name, s.name_en or s.name)
    action = primary.next_step or primary.message
    return _step(Subject("system", s.id), name, action, parts, scene.weights, [], [], findings, None)


def _roadmap_step(item: RoadmapItem, scene: _Scene) -> NextStep | None:
    findings, serious = scene.findings_of("roadmap", item.id)
    if not serious:
        return None
    parts = Parts(commitment=1.0, urgency=round(_urgency(item.target_year, scene.now), 3))
    primary = _primary(serious)
    name = Msg(
        f"({item.area}){circled(item.no)} {item.title}",
        f"({item.area}){circled(item.no)} {item.title_en or item.title}",
    )
    action = primary.next_step or primary.message
    return _step(Subject("roadmap", item.id), name, action, parts, scene.weights, [], [], findings, None)


def _step(
    subject: Subject,
    name: Msg,
    action: Msg,
    parts: Parts,
    weights: Weights,
    blocked: list[Msg],
    blocked_ids: list[str],
    findings: list[Finding],
    standard_no: int | None,
) -> NextStep:
    values = parts.as_dict()
    score = round(sum(getattr(weights, k) * v for k, v in values.items()), 2)
    return NextStep(
        rank=0,
        subject=subject,
        name=name,
        action=action,
        score=score,
        parts=values,
        blocked_by=tuple(blocked),
        blocked_ids=tuple(blocked_ids),
        codes=tuple(sorted({f.code for f in findings})),
        standard_no=standard_no,
        missing_fact=bool(findings) and all(f.is_missing_fact for f in findings),
    )
