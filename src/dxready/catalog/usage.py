"""A procedure's latest usage: the one answer every view (tables, ``gaps -f json``, ``compare``, DX104, ``next``'s
reach) gives to "which year, which figures, which rate".

The latest fiscal year is the latest one recorded anywhere in the row: the procedure's own counts, or, for a group,
any sub-procedure's. Where the group has its own entry for that year, that entry is the usage; where it lacks the
year but its sub-procedures have total and online counts for it, the usage is their sum, with how many rows it rests
on — and a rate only when every applicable sub-procedure is counted (an uncounted one could change it). Where that
latest year cannot be summed (a sub-procedure has a published rate or online cases only for it: a sum without its
cases would understate the group's, review s8 F15), the row has no usage to show:
an older year's figures are never shown as the latest (review s7 F2), and each sub-procedure's row shows its own.
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
    """The procedure's latest usage (see the module docstring); None when nothing is recorded, or when the latest
    year recorded under a group is neither the group's own nor summable."""
    own = p.latest_counts()
    sub_year = max((int(c.fiscal_year) for s in p.sub_procedures for c in s.counts), default=None)
    if sub_year is not None and (own is None or sub_year > int(own.fiscal_year)):
        summed = p.group_counts(sub_year)
        if summed is None:  # the latest year cannot be summed: no usage (never an older year's, a part sum)
            return None
        from dxready.catalog.models import Counts

        total, online, rows = summed
        return LatestUsage(
            sub_year,
            Counts(fiscal_year=sub_year, total=total, online=online),
            p.group_rate(sub_year),
            "sub_procedures",
            (rows, max(rows, p.applicable_subs)),
        )
    if own is None:
        return None
    return LatestUsage(
        int(own.fiscal_year), own, own.usage_rate, own.rate_source, own_index=p.counts.index(own)
    )
