"""Japanese fiscal years (年度): one type read from 2025, FY2025, R7, 令和7年度 and printed per language."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

_ERAS = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988}
_ERA_RE = re.compile(r"^(令和|平成|R|H)(元|[0-9]{1,2})(?:年度?)?$")
_WESTERN_RE = re.compile(r"^(?:FY)?([0-9]{4})(?:年度)?$")


def wareki(day: dt.date) -> str:
    """2023-12-31 → 令和5年12月末, 2023-12-20 → 令和5年12月20日 (dates before 令和 keep the western year)."""
    last = (day + dt.timedelta(days=1)).month != day.month
    when = f"{day.month}月末" if last else f"{day.month}月{day.day}日"
    if day >= dt.date(2019, 5, 1):
        n = day.year - 2018
        return f"令和{'元' if n == 1 else n}年{when}"
    return f"{day.year}年{when}"


def period_text(end: dt.date | str, lang: str) -> str:
    """The day a part year's figures run to, as every view says it: 令和5年11月末現在 / to 2023-11-30."""
    day = end if isinstance(end, dt.date) else dt.date.fromisoformat(str(end))
    return f"{wareki(day)}現在" if lang == "ja" else f"to {day.isoformat()}"


def rate_notes(published: bool, period_end: dt.date | str | None, lang: str) -> list[str]:
    """What sets a rate apart from a whole fiscal year's counted rate, as every view words it: 公表値 (the city's
    published figure) and the day a part year runs to. ['公表値', '令和5年11月末現在'];
    ['published rate', 'to 2023-11-30']; [] for a whole year's counts."""
    notes = [("公表値" if lang == "ja" else "published rate")] if published else []
    return notes + ([period_text(period_end, lang)] if period_end else [])


class FiscalYearError(ValueError):
    """The text is not a fiscal year in any accepted spelling; ``ja`` and ``en`` say why."""

    def __init__(self, ja: str, en: str) -> None:
        super().__init__(en)
        self.ja = ja
        self.en = en


_SPELLINGS = "2025, FY2025, R7 or 令和7年度"
_SPELLINGS_JA = "2025、FY2025、R7、令和7年度 のように書いてください"


class FiscalYear(int):
    """A fiscal year, 1 April to 31 March, stored as its starting western year (令和7年度 = 2025)."""

    @classmethod
    def parse(cls, value: object) -> FiscalYear:
        if isinstance(value, FiscalYear):
            return value
        if isinstance(value, bool):
            raise FiscalYearError(
                "年度は年で書きます（true/false ではありません）", "a fiscal year is a year, not true/false"
            )
        if isinstance(value, int):
            return cls._checked(value)
        if not isinstance(value, str):
            raise FiscalYearError(
                f"{value!r} は年度ではありません。{_SPELLINGS_JA}",
                f"expected a fiscal year such as {_SPELLINGS}, got {value!r}",
            )
        text = unicodedata.normalize("NFKC", value).strip().upper().replace(" ", "")
        match = _WESTERN_RE.match(text)
        if match:
            return cls._checked(int(match.group(1)))
        match = _ERA_RE.match(text)
        if match:
            era, num = match.groups()
            n = 1 if num == "元" else int(num)
            if n < 1:
                raise FiscalYearError(
                    f"{value!r}: 元号の年は 1（元）から数えます", f"{value!r}: era years start at 1 (元)"
                )
            return cls._checked(_ERAS[era] + n)
        raise FiscalYearError(
            f"{value!r} は年度ではありません。{_SPELLINGS_JA}",
            f"{value!r} is not a fiscal year; write {_SPELLINGS}",
        )

    @classmethod
    def _checked(cls, year: int) -> FiscalYear:
        if not 1990 <= year <= 2100:
            raise FiscalYearError(
                f"年度 {year} は範囲外です（1990〜2100）", f"fiscal year {year} is out of range (1990–2100)"
            )
        return cls(year)

    @classmethod
    def of(cls, day: dt.date) -> FiscalYear:
        """The fiscal year a date falls in."""
        return cls(day.year if day.month >= 4 else day.year - 1)

    @property
    def start(self) -> dt.date:
        return dt.date(int(self), 4, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(int(self) + 1, 3, 31)

    def ja(self) -> str:
        if self >= 2019:
            n = int(self) - 2018
            return f"令和{'元' if n == 1 else n}年度"
        return f"平成{int(self) - 1988}年度"

    def en(self) -> str:
        return f"FY{int(self)}"

    def label(self, lang: str) -> str:
        return self.ja() if lang == "ja" else self.en()

    def __repr__(self) -> str:
        return f"FiscalYear({int(self)})"

    def __str__(self) -> str:
        return self.ja()

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            cls.parse,
            serialization=core_schema.plain_serializer_function_ser_schema(int, when_used="always"),
            json_schema_input_schema=core_schema.union_schema(
                [
                    core_schema.int_schema(ge=1990, le=2100),
                    core_schema.str_schema(
                        pattern=r"^(FY)?[0-9]{4}(年度)?$|^(令和|平成|R|H)(元|[0-9]{1,2})(年度?)?$"
                    ),
                ]
            ),
        )
