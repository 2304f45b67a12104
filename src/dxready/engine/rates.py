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
from typing import Any

from dxready.catalog.models import Status
from dxready.catalog.numbers import percent


def _pct(part: int, whole: int) -> float:
    return percent(part, whole)


@dataclass(frozen=True)
class Rate:
    """``part`` of ``total`` rows count towards the rate; ``known`` of them have a recorded status."""

    part: int
    known: int
    total: int

    def __post_init__(self) -> None:
        if not 0 <= self.part <= self.known <= self.total:
            raise ValueError(f"rate over inconsistent counts: {self.part}/{self.known}/{self.total}")

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
        return {"known": self.known, "total": self.total}


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
    ``coverage`` {known, total}, and the same for ○ and 一部 together (``rate_with_partial…``)."""
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
    """'52.9%' when complete; '42.9–100.0%（21件中9件確認）' when not; '—' with no applicable row.

    ``coverage=False`` only where the coverage stands in the next cell (compare's 確認済 column)."""
    bounds = rate.bounds
    if bounds is None:
        return "—"
    if rate.complete:
        return f"{_num(bounds[0])}%"
    span = f"{_num(bounds[0])}–{_num(bounds[1])}%"
    if not coverage:
        return span
    if lang == "ja":
        return f"{span}（{rate.total}件中{rate.known}件確認）"
    return f"{span} ({rate.known} of {rate.total} known)"


def coverage_text(rate: Rate, lang: str) -> str:
    """'9/21': rows with a recorded status of the applicable rows."""
    return f"{rate.known}/{rate.total}"
