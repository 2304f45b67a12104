"""Dates as people in a city hall write them: 2024-03-31, 2024/3/31, 2024年3月31日, 令和6年3月31日, R6.3.31, 令和元年5月1日,
and as dxready prints them: 令和6年3月末 (the month's last day), 令和5年11月30日, with 現在 after it or not.

The one date reader: every place a date is typed (``--as-of``, ``--verified-on``, ``--counts …@DATE``,
``--cards-as-of``, the catalogue's and dxready.yaml's dates, import's cells) reads it here. Input is NFKC-normalised
first (full-width digits and slashes are the same date). An impossible date is refused with
the reason (2月30日 does not exist; 令和 began on 2019年5月1日), in both languages.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

# era → (first day, western year of its year 1)
_ERAS: dict[str, tuple[dt.date, int]] = {
    "令和": (dt.date(2019, 5, 1), 2018),
    "R": (dt.date(2019, 5, 1), 2018),
    "平成": (dt.date(1989, 1, 8), 1988),
    "H": (dt.date(1989, 1, 8), 1988),
}
_ERA_NAME = {"R": "令和", "H": "平成", "令和": "令和", "平成": "平成"}
_SEP = r"\s*[-/.]\s*"
# Patterns, compiled on first use through re's cache: a catalogue whose dates YAML reads as dates never needs them,
# and compiling them is most of this module's import (issue 14).
# The day: digits, or 末 (the month's last day, as views print a month-end: 令和6年3月末).
_KANJI = r"\s*年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日|(末)日?)"
_WESTERN = rf"^(\d{{4}})(?:{_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})|{_KANJI})(?:\s*現在)?$"
_ERA = rf"^(令和|平成|R|H)\s*(元|\d{{1,2}})(?:{_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})|{_KANJI})(?:\s*現在)?$"
SPELLINGS = "2024-03-31, 2024/3/31, 2024年3月31日, 令和6年3月31日, 令和6年3月末, R6.3.31"


class DateError(ValueError):
    """Not a date; ``ja`` and ``en`` say why."""

    def __init__(self, ja: str, en: str) -> None:
        super().__init__(en)
        self.ja = ja
        self.en = en


def normalise(text: str) -> str:
    """NFKC, trimmed, 'r6' → 'R6'; what every date spelling is matched against."""
    text = unicodedata.normalize("NFKC", text).strip()
    return re.sub(r"^[rh](?=\s*(元|\d))", lambda m: m.group(0).upper(), text)


def parse_date(value: object) -> dt.date:
    """One date from any accepted spelling (a ``date`` passes through); DateError with the reason otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise DateError(
            f"日付ではありません（{value!r}）。{SPELLINGS} のように書いてください",
            f"not a date ({value!r}); write it as {SPELLINGS}",
        )
    text = normalise(value)
    m = re.match(_WESTERN, text)
    if m:
        year = int(m.group(1))
        month = int(m.group(2) or m.group(4))
        return _checked(value, year, month, _day(year, month, m.group(3) or m.group(5)))
    m = re.match(_ERA, text)
    if m:
        era, num = m.group(1), m.group(2)
        n = 1 if num == "元" else int(num)
        month = int(m.group(3) or m.group(5))
        day = _day(_ERAS[era][1] + n, month, m.group(4) or m.group(6))
        name = _ERA_NAME[era]
        if n < 1:
            raise DateError(
                f"{value!r}: {name}は元年（1年）から始まります", f"{value!r}: era years start at 1 (元年)"
            )
        first, base = _ERAS[era]
        date = _checked(value, base + n, month, day)
        if date < first:
            raise DateError(
                f"{value!r}: {name}は{first.year}年{first.month}月{first.day}日からです",
                f"{value!r}: the {name} era began on {first.isoformat()}",
            )
        if era in ("平成", "H") and date >= _ERAS["令和"][0]:
            raise DateError(
                f"{value!r}: 平成は2019年4月30日までです（5月1日からは令和元年）",
                f"{value!r}: the 平成 era ended on 2019-04-30 (令和 from 2019-05-01)",
            )
        return date
    raise DateError(
        f"{value!r} は日付として読めません。{SPELLINGS} のように書いてください",
        f"{value!r} is not a date; write it as {SPELLINGS}",
    )


def _day(year: int, month: int, day: str | None) -> int:
    """The day as written, or (末, no digits) the month's last day; an impossible month is left to ``_checked``."""
    if day is not None:
        return int(day)
    return calendar.monthrange(year, month)[1] if 1 <= month <= 12 and 1 <= year <= 9999 else 1


def _checked(value: str, year: int, month: int, day: int) -> dt.date:
    if not 1 <= month <= 12:
        raise DateError(
            f"{value!r}: {month}月はありません（1〜12月）", f"{value!r}: there is no month {month}"
        )
    if not 1900 <= year <= 2200:
        raise DateError(f"{value!r}: {year}年は範囲外です", f"{value!r}: year {year} is out of range")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return _bad_day(value, year, month, day, last)
    return dt.date(year, month, day)


def _bad_day(value: str, year: int, month: int, day: int, last: int) -> dt.date:
    raise DateError(
        f"{value!r}: {year}年{month}月は{last}日までです（{day}日はありません）",
        f"{value!r}: {year}-{month:02d} has {last} days (there is no day {day})",
    )
