"""A procedure's latest usage: the one answer every view (tables, ``gaps -f json``, ``compare``, DX104, ``next``'s
reach) gives to "which year, which figures, which rate".

The latest fiscal year is the latest one recorded anywhere in the row: the procedure's own counts, or, for a group,
any sub-procedure's. Where the group has its own entry for that year, that entry is the usage; where it lacks the
year but its sub-procedures have total and online counts for it, the usage is their sum, with how many rows it rests
on — and a rate only when every applicable sub-procedure is counted (an uncounted one could change it). An own entry
of an older year is used only when no later year holds anything that can be summed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from dxready.catalog.models import Counts, Procedure


@dataclass(frozen=True)
class LatestUsage:
    fiscal_year: int
    counts: Counts
    """The figures: the own entry, or for a sum a ``Counts`` of the summed total and online."""
    rate: float | None
    """The rate that may be stated (None: it cannot be, whatever is shown beside it)."""
    rate_from: Literal["counts", "published", "sub_procedures"] | None
    rows: tuple[int, int] | None = None
    """For a sum: (sub-procedures counted, applicable sub-procedures)."""
    own_index: int | None = None
    """For an own entry: its index in the procedure's ``counts``."""

    @property
    def summed(self) -> bool:
        return self.rows is not None


def latest_usage(p: Procedure) -> LatestUsage | None:
    """The procedure's latest usage (see the module docstring); None when nothing is recorded or summable."""
    own = p.latest_counts()
    sub_years = {int(c.fiscal_year) for s in p.sub_procedures for c in s.counts}
    for year in sorted(sub_years, reverse=True):  # the latest year after the own entry's that can be summed
        if own is not None and year <= int(own.fiscal_year):
            break
        summed = p.group_counts(year)
        if summed is not None:
            from dxready.catalog.models import Counts

            total, online, rows = summed
            rate = p.group_rate(year)
            return LatestUsage(
                year,
                Counts(fiscal_year=year, total=total, online=online),
                rate,
                "sub_procedures",
                (rows, max(rows, p.applicable_subs)),
            )
    if own is None:
        return None
    return LatestUsage(
        int(own.fiscal_year), own, own.usage_rate, own.rate_source, own_index=p.counts.index(own)
    )
