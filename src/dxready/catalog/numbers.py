"""Percentages as cities publish them: one decimal, rounded half up (四捨五入), in exact integer arithmetic.

Python's ``round`` rounds half to even on binary floats, so 1 of 80 (1.25 %) came out as 1.2 % where a city's table
says 1.3 %. Every rate dxready computes from two counts goes through :func:`percent`; a published rate is checked
against the counts by :func:`agrees`, which accepts the nearest tenth with a tie rounded either way (half up or
half even).
"""

from __future__ import annotations


def percent(part: int, whole: int) -> float:
    """``part / whole`` in percent, one decimal, half up: percent(1, 80) == 1.3. ``whole`` must be positive."""
    # tenths of a percent = 1000 · part / whole, rounded half up: floor((2000 · part + whole) / (2 · whole))
    return ((2000 * part + whole) // (2 * whole)) / 10


def agrees(published: float, part: int, whole: int) -> bool:
    """Whether a published one-decimal rate is ``part / whole`` rounded to the nearest tenth, a tie either way.

    1 of 80 (1.25 %) may be published as 1.3 (half up) or 1.2 (half even); 1,716 of 29,926 (5.734 %) as 5.7 only,
    426 of 815 (52.27 %) as 52.3 only (a cut 52.2 is reported: it reads as a different count)."""
    tenths = round(published * 10)
    return abs(2000 * part - 2 * tenths * whole) <= whole  # |10·exact − tenths| ≤ ½
