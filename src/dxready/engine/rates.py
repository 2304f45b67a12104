"""Rates over partly known data: the one place where a rate, its bounds and its coverage are computed and worded.

A rate is stated only when no unknown fact could change it. Over ``total`` applicable rows of which ``known`` have a
recorded status and ``part`` count towards the rate, the truth lies between ``part / total`` (every unknown row ×)
and ``(part + total - known) / total`` (every unknown row ○); ``rate`` is that figure only when nothing is unknown.
(A row recorded later as — leaves the denominator; the rate then still lies within these bounds, by the mediant
inequality, except when every row turns out to be —.)

Every renderer of summaries — ``gaps``, ``table summary``, ``compare``, ``diff`` — calls :func:`text` for words and
:func:`fields` for JSON, so that no output shows a bare figure over incomplete data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dxready.catalog.models import Status
from dxready.catalog.numbers import percent
from dxready.i18n import t as _t

if TYPE_CHECKING:
    from dxready.catalog.models import Procedure


def _pct(part: int, whole: int) -> float:
    return percent(part, whole)


@dataclass(frozen=True)
class Rate:
    """``part`` of ``total`` rows count towards the rate; ``known`` of them have a recorded status, ``inferred`` of
    those a status marked as the author's inference (``inferred: [status]``).

    An inferred status is recorded, not confirmed: the bounds take it as written (as the levels and the tally do),
    but the words never call it 確認 (confirmed): they say how many of the recorded rows are inferences."""

    part: int
    known: int
    total: int
    inferred: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.part <= self.known <= self.total or not 0 <= self.inferred <= self.known:
            raise ValueError(
                f"rate over inconsistent counts: {self.part}/{self.known}/{self.total} ({self.inferred} inferred)"
            )

    @property
    def complete(self) -> bool:
        return self.known == self.total

    @property
    def rate(self) -> float | None:
        """The rate in percent (one decimal) when every applicable row is known; else None."""
        return _pct(self.part, self.total) if self.total and self.complete else None

    @property
    def bounds(self) -> tuple[float, float] | None:
        """[low, high]: every unknown row ×, every unknown row ○; None when there is no applicable row."""
        if not self.total:
            return None
        return _pct(self.part, self.total), _pct(self.part + self.total - self.known, self.total)

    @property
    def low(self) -> float | None:
        b = self.bounds
        return None if b is None else b[0]

    @property
    def coverage(self) -> dict[str, int]:
        """{known, total, inferred}: the JSON's coverage, so that every reader words the same counts."""
        return {"known": self.known, "total": self.total, "inferred": self.inferred}


KNOWN = frozenset({Status.online, Status.partial, Status.offline})


def inferred_status(p: Procedure) -> bool:
    """THE definition of an inferred status, used by every count of them (summary, compare, JSON, page): a
    procedure whose status is marked as the author's inference (``inferred: [status]``) and whose effective status
    is ○, 一部 or × — one of the known applicable rows that a rate's coverage counts. An inferred — (not applicable)
    or ？ is not counted: it is out of the rate, or not recorded at all."""
    return p.status_inferred and p.effective_status in KNOWN


def rate_of(statuses: Iterable[Status], counted: frozenset[Status]) -> Rate:
    """The rate of ``counted`` statuses among the applicable ones (not-applicable rows are left out)."""
    part = known = total = 0
    for s in statuses:
        if s is Status.not_applicable:
            continue
        total += 1
        if s is not Status.unknown:
            known += 1
            part += s in counted
    return Rate(part, known, total)


ONLINE = frozenset({Status.online})
ONLINE_OR_PARTIAL = frozenset({Status.online, Status.partial})


def fields(online: Rate, with_partial: Rate) -> dict[str, Any]:
    """The JSON keys every summary carries: ``rate`` (null unless complete), ``rate_bounds`` [low, high],
    ``coverage`` {known, total, inferred} (inferred: of the known rows, see :func:`inferred_status`), and the same
    for ○ and 一部 together (``rate_with_partial…``)."""
    return {
        "rate": online.rate,
        "rate_bounds": _bounds(online),
        "coverage": online.coverage,
        "rate_with_partial": with_partial.rate,
        "rate_with_partial_bounds": _bounds(with_partial),
    }


def _bounds(rate: Rate) -> list[float] | None:
    b = rate.bounds
    return None if b is None else [b[0], b[1]]


def _num(value: float) -> str:
    return f"{value:.1f}"


def text(rate: Rate, lang: str, *, coverage: bool = True) -> str:
    """'52.9%' when complete; '42.9–100.0%（21件中9件確認）' when not; '—' with no applicable row. Where some recorded
    statuses are inferences, the words say so and never call them 確認: '75.0–85.0%（20件中18件記録、うち推定12件）',
    '52.9%（17件中推定3件）'.

    ``coverage=False`` only where the coverage stands in the next cell (compare's 確認済 column)."""
    bounds = rate.bounds
    if bounds is None:
        return "—"
    n = rate.inferred
    if rate.complete:
        figure = f"{_num(bounds[0])}%"
        if not n or not coverage:
            return figure
        if lang == "ja":
            return f"{figure}（{rate.total}件中推定{n}件）"
        return f"{figure} ({n} of {rate.total} inferred)"
    span = f"{_num(bounds[0])}–{_num(bounds[1])}%"
    if not coverage:
        return span
    if lang == "ja":
        if n:
            return f"{span}（{rate.total}件中{rate.known}件記録、うち推定{n}件）"
        return f"{span}（{rate.total}件中{rate.known}件確認）"
    if n:
        return f"{span} ({rate.known} of {rate.total} recorded, {n} inferred)"
    return f"{span} ({rate.known} of {rate.total} known)"


def coverage_text(rate: Rate, lang: str) -> str:
    """'9/21': rows with a recorded status of the applicable rows."""
    return f"{rate.known}/{rate.total}"


def applicable_bounds(applicable: int, unknown: int) -> list[int]:
    """[low, high] of the applicable standard rows: an unknown (？) row may still turn out not applicable (—), so
    only the known ones (○ 一部 ×) are sure to apply; ``applicable`` counts the known and the unknown together."""
    return [applicable - unknown, applicable]


def applicable_text(
    applicable: int, unknown: int, lang: str, *, unknown_beside: bool = False, dash: str = "–"
) -> str:
    """How many standard rows apply, as every view says it (review s8 F1): '17' when every row is known;
    '4–21（未確認 17）' / '4–21 (17 unknown)' while some are ？, since each may still turn out —.

    ``unknown_beside=True`` only where the ？ count stands in the next cell (trend's ？ column): then '4–21'.
    ``dash`` joins the span: the page gives its own (〜 in Japanese, as its other ranges; review s8 D8)."""
    if not unknown:
        return str(applicable)
    low, high = applicable_bounds(applicable, unknown)
    span = f"{low}{dash}{high}"
    if unknown_beside:
        return span
    return _t(lang, f"{span}（未確認 {unknown}）", f"{span} ({unknown} unknown)")
