"""Percentages as cities publish them: half up, exact; a published rate agrees when it is the nearest tenth."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from dxready.catalog.numbers import agrees, percent


def test_half_up_where_round_would_go_to_even() -> None:
    # round(100 * 1 / 80, 1) == 1.2 (half to even on a binary float); cities print 1.3.
    assert (percent(1, 80), percent(1, 16), percent(1, 400)) == (1.3, 6.3, 0.3)
    assert (percent(0, 7), percent(7, 7), percent(152983, 196759)) == (0.0, 100.0, 77.8)


@given(st.integers(0, 10**12), st.integers(1, 10**12))
def test_percent_is_decimal_half_up(part: int, whole: int) -> None:
    # Decimal's 28 significant digits decide the rounding of any quotient of these sizes exactly.
    expected = (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assert percent(part, whole) == float(expected)


def test_a_tie_may_be_rounded_either_way_but_nothing_else() -> None:
    assert agrees(1.3, 1, 80) and agrees(1.2, 1, 80) and not agrees(1.1, 1, 80) and not agrees(1.4, 1, 80)
    assert agrees(5.7, 1716, 29926) and not agrees(5.8, 1716, 29926)
    assert agrees(52.3, 426, 815) and not agrees(52.2, 426, 815)  # cut, not rounded: reads as another count


@given(st.integers(0, 10**6), st.integers(1, 10**6))
def test_the_computed_rate_always_agrees(part: int, whole: int) -> None:
    assert agrees(percent(part, whole), part, whole)
