from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxready.catalog.fiscal import FiscalYear, FiscalYearError


@pytest.mark.parametrize(
    "text", [2025, "2025", "FY2025", "fy2025", "R7", "Ｒ７", "令和7年度", "令和7年", "2025年度", "２０２５"]
)
def test_spellings_of_fy2025(text: object) -> None:
    fy = FiscalYear.parse(text)
    assert int(fy) == 2025 and fy.ja() == "令和7年度" and fy.en() == "FY2025"


def test_gannen_and_heisei() -> None:
    assert FiscalYear.parse("令和元年度") == 2019 and FiscalYear(2019).ja() == "令和元年度"
    assert FiscalYear.parse("平成30年度") == 2018 and FiscalYear(2018).ja() == "平成30年度"


@pytest.mark.parametrize("bad", ["令和", "FY25", "next year", True, 1800, "R0", 3.5])
def test_rejects(bad: object) -> None:
    with pytest.raises(FiscalYearError):
        FiscalYear.parse(bad)


def test_year_bounds_and_membership() -> None:
    fy = FiscalYear(2023)
    assert fy.start == dt.date(2023, 4, 1) and fy.end == dt.date(2024, 3, 31)
    assert FiscalYear.of(dt.date(2024, 3, 31)) == 2023 and FiscalYear.of(dt.date(2024, 4, 1)) == 2024


@given(st.integers(min_value=2019, max_value=2100))
def test_round_trip_through_both_labels(year: int) -> None:
    fy = FiscalYear(year)
    assert FiscalYear.parse(fy.ja()) == fy and FiscalYear.parse(fy.en()) == fy
    assert FiscalYear.of(fy.start) == fy and FiscalYear.of(fy.end) == fy
