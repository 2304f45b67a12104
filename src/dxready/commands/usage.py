"""Usage figures for ``compare``: each standard row's latest counted fiscal year (cases, online cases, rate).

A compare row carries them per standard number (``Row.usage``); the validated-catalogue cache stores them as plain
lists, and nothing read back is trusted (:func:`uncache` checks every figure's type and range).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_STANDARD_ROWS = 21


@dataclass(frozen=True)
class Usage:
    """One standard row's latest counted fiscal year: cases, online cases and the online usage rate (one decimal)."""

    fiscal_year: int
    total: int | None
    online: int | None
    rate: float | None
    published: bool = False
    """The rate is the one the city published (no counts to compute it from)."""
    period_end: str | None = None
    """A part year: the date the figures run to (ISO), None for a whole fiscal year."""

    @property
    def poolable(self) -> bool:
        """Cases and online cases of a whole year: what a pooled figure may add up."""
        return self.total is not None and self.online is not None and self.period_end is None

    def json(self) -> dict[str, Any]:
        return {
            "fiscal_year": self.fiscal_year,
            "total": self.total,
            "online": self.online,
            "rate": self.rate,
            "rate_source": "published" if self.published else "counts",
            "period_end": self.period_end,
        }


def usage_of(procedure: Any) -> Usage | None:
    """The procedure's latest counts as a :class:`Usage` (None without counts)."""
    from dxready.catalog.usage import latest_usage

    u = latest_usage(procedure)
    if u is None or (u.summed and u.rate is None):  # a sum over some sub-procedures is not the group's usage
        return None
    end = u.counts.period_end
    return Usage(
        u.fiscal_year,
        u.counts.total,
        u.counts.online,
        u.rate,
        u.rate_from == "published",
        end.isoformat() if end is not None else None,
    )


def as_json(usage: tuple[Usage | None, ...]) -> dict[str, Any]:
    """``{"7": {...}}``: the counted standard rows only (an empty object when nothing is counted)."""
    return {str(no): u.json() for no, u in enumerate(usage, start=1) if u is not None}


def cache(usage: tuple[Usage | None, ...]) -> list[Any]:
    return [
        None if u is None else [u.fiscal_year, u.total, u.online, u.rate, u.published, u.period_end]
        for u in usage
    ]


def uncache(value: Any) -> tuple[Usage | None, ...]:
    """What :func:`cache` stored, checked (ValueError for anything else: the row is then computed again)."""
    if not isinstance(value, list) or len(value) not in (0, _STANDARD_ROWS):
        raise ValueError("not a cached row")
    return tuple(_item(item) for item in value)


def _item(item: Any) -> Usage | None:
    if item is None:
        return None
    if not (isinstance(item, list) and len(item) == 6):
        raise ValueError("not a cached row")
    year, total, online, rate, published, end = item
    if not isinstance(published, bool) or not (end is None or (isinstance(end, str) and _DATE.match(end))):
        raise ValueError("not a cached row")
    if not (_is_int(year) and 1868 <= year <= 2200):
        raise ValueError("not a cached row")
    if not all(v is None or (_is_int(v) and 0 <= v <= 10**12) for v in (total, online)):
        raise ValueError("not a cached row")
    if rate is not None and not (
        isinstance(rate, int | float) and not isinstance(rate, bool) and 0 <= rate <= 100
    ):
        raise ValueError("not a cached row")
    return Usage(year, total, online, None if rate is None else float(rate), published, end)


_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
