"""A catalogue's summary: the standard rows' tally, rates and levels (``gaps``, ``diff``, ``trend``; not ``check``).

Re-exported by :mod:`dxready.engine.run`, where it was defined; kept apart so that ``check`` does not create it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from dxready.catalog.models import Procedure, Status

if TYPE_CHECKING:
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
    unsettled: dict[tuple[int, int], int] = field(default_factory=dict)
    """(lowest, highest) level → how many recorded rows an unknown fact could move within that span; ``levels``
    counts only the rows whose level no unknown fact could change."""
    missing: tuple[int, ...] = ()
    """Standard numbers (1–21) the catalogue has no row for: each is counted as a row whose status is unknown (？),
    in the tally, the rates' bounds and their coverage, and among the unsettled levels (0–4), so that a deleted
    or mis-numbered row can never narrow or raise a rate (DX018 reports it)."""

    @property
    def inferred(self) -> int:
        """Known applicable standard rows (○ 一部 ×) whose status is the author's inference: the rates' own count
        (engine.rates.inferred_status), so that 「うち推定の状況」 and the rates' words state one number."""
        return self.online.inferred

    @property
    def online_rate(self) -> float | None:
        """The ○ rate when every applicable row is known, else None (see ``online.bounds``)."""
        return self.online.rate

    @property
    def online_or_partial_rate(self) -> float | None:
        return self.with_partial.rate


def summarize(procedures: Sequence[Procedure], levels: dict[str, Readiness | None]) -> Summary:
    """Counts, rates and levels over the 21 standard numbers: the first row of each number (a second row under the
    same number is DX019's error, left out here as compare leaves it out), and a number without a row counted as
    unknown (？). A city's own procedures are counted apart."""
    from dxready.catalog.registry import STANDARD_BY_NO
    from dxready.engine.rates import ONLINE, ONLINE_OR_PARTIAL, inferred_status, rate_of

    first: dict[int, Procedure] = {}
    for p in procedures:
        if p.standard_no is not None:
            first.setdefault(p.standard_no, p)
    rows = list(first.values())
    own = [
        p for p in procedures if p.standard_no is None
    ]  # not p.standard (a property: 10,000 calls at 10,000)
    missing = tuple(no for no in sorted(STANDARD_BY_NO) if no not in first)
    statuses = [p.effective_status for p in rows] + [Status.unknown] * len(missing)
    applicable = [s for s in statuses if s is not Status.not_applicable]
    by_status = Counter(s._value_ for s in applicable)
    # A procedure whose status is unknown has no level yet: it is counted among the unsettled (0 to its ceiling),
    # never as level 0.
    recorded = {
        p.id for p, s in zip(rows, statuses, strict=False) if s is not Status.not_applicable
    }  # rows first
    # The recorded standard rows' readiness, looked up by id (21 lookups, not a pass over every procedure's levels).
    ready = [r for pid in recorded if (r := levels.get(pid)) is not None]
    dist = Counter(r.level for r in ready if r.settled)
    open_ = Counter(r.bounds for r in ready if not r.settled)
    if missing:
        open_[(0, 4)] += len(missing)  # a row not there could be at any level
    # Recorded statuses that are the author's inference: the rates' words say how many (never 確認).
    guessed = sum(inferred_status(p) for p in rows)
    return Summary(
        applicable=len(applicable),
        by_status={s.value: by_status.get(s.value, 0) for s in Status if s is not Status.not_applicable},
        levels={n: dist.get(n, 0) for n in range(5)},
        not_applicable=len(statuses) - len(applicable),
        online=replace(rate_of(statuses, ONLINE), inferred=guessed),
        with_partial=replace(rate_of(statuses, ONLINE_OR_PARTIAL), inferred=guessed),
        own=dict(Counter(p.effective_status._value_ for p in own)),  # enums' values without their property
        unsettled=dict(sorted(open_.items())),
        missing=missing,
    )
