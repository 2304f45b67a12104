"""Dates as people write them: every accepted spelling gives the same date; impossible dates say why."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxready.catalog.dates import DateError, parse_date

_FULL = str.maketrans("0123456789/-.", "０１２３４５６７８９／－．")


def spellings(day: dt.date) -> list[str]:
    y, m, d = day.year, day.month, day.day
    out = [
        day.isoformat(),
        f"{y}/{m}/{d}",
        f"{y}/{m:02d}/{d:02d}",
        f"{y}.{m}.{d}",
        f"{y}年{m}月{d}日",
    ]
    if day >= dt.date(2019, 5, 1):
        n = y - 2018
        era = "元" if n == 1 else str(n)
        out += [f"令和{era}年{m}月{d}日", f"R{n}.{m}.{d}", f"R{n}/{m}/{d}", f"r{n}.{m}.{d}"]
    elif day >= dt.date(1989, 1, 8):
        n = y - 1988
        era = "元" if n == 1 else str(n)
        out += [f"平成{era}年{m}月{d}日", f"H{n}.{m}.{d}"]
    out += [s.translate(_FULL) for s in out]
    return out


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_spelling_is_the_same_date(day: dt.date) -> None:
    for text in spellings(day):
        assert parse_date(text) == day, text


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-03-31", dt.date(2024, 3, 31)),
        ("2024/3/31", dt.date(2024, 3, 31)),
        ("2024年3月31日", dt.date(2024, 3, 31)),
        ("令和6年3月31日", dt.date(2024, 3, 31)),
        ("R6.3.31", dt.date(2024, 3, 31)),
        ("R6/3/31", dt.date(2024, 3, 31)),
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("平成31年4月30日", dt.date(2019, 4, 30)),
        ("２０２４／３／３１", dt.date(2024, 3, 31)),
    ],
)
def test_the_issue_spellings(text: str, day: dt.date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023-02-29", "28日まで"),
        ("令和6年2月30日", "29日まで"),
        ("2024/13/1", "13月はありません"),
        ("令和元年4月30日", "2019年5月1日から"),
        ("平成31年5月1日", "4月30日まで"),
        ("令和0年5月1日", "元年"),
        ("昨日", "日付として読めません"),
    ],
)
def test_impossible_dates_say_why(text: str, reason: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(text)
    assert reason in info.value.ja
    assert info.value.en


def test_nfkc_is_what_is_matched() -> None:
    assert parse_date(unicodedata.normalize("NFKC", "Ｒ６．３．３１")) == parse_date("Ｒ６．３．３１")
