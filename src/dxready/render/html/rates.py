"""Numbers as the page shows them, and rates as the JSON states them (a point only when complete)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dxready.catalog.fiscal import FiscalYear
from dxready.catalog.models import Status
from dxready.i18n import t as _t
from dxready.render.views import pct as pct  # 52.9%, — without a figure: as every view writes a rate


def integer(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def fy(year: int | None, lang: str) -> str:
    return "" if year is None else FiscalYear(year).label(lang)


def local(obj: dict[str, Any], key: str, lang: str) -> str:
    """A catalogue name in the output language: the English one where recorded, else as written."""
    return str((obj.get(f"{key}_en") if lang == "en" else None) or obj.get(key) or "")


def status_of(value: str | None) -> Status | None:
    return None if value is None else Status(value)


# --------------------------------------------------------------------------------------------------- rates


@dataclass(frozen=True)
class RateView:
    """A rate as the JSON states it: a point figure only when complete, else bounds and coverage."""

    point: float | None
    bounds: tuple[float, float] | None
    known: int | None
    total: int | None
    inferred: int = 0
    """Of the known rows, those whose status is the author's inference: never worded as 確認 (engine.rates)."""

    @property
    def complete(self) -> bool:
        return self.known is None or self.known == self.total

    def text(self, lang: str) -> str:
        if self.point is not None and self.complete:
            if self.inferred and self.total is not None:
                n, total = self.inferred, self.total
                return pct(self.point) + _t(lang, f"（{total}件中推定{n}件）", f" ({n} of {total} inferred)")
            return pct(self.point)
        if self.bounds is not None:
            low, high = self.bounds
            shown = f"{low:.1f}〜{high:.1f}%" if lang == "ja" else f"{low:.1f}–{high:.1f}%"
        else:
            shown = "—"
        return shown + self.coverage_text(lang) if not self.complete else shown

    def short_text(self, lang: str) -> str:
        """Without the coverage, for a cell whose row shows it in a column of its own."""
        if self.point is not None and self.complete:
            return pct(self.point)
        if self.bounds is None:
            return "—"
        low, high = self.bounds
        return f"{low:.1f}〜{high:.1f}%" if lang == "ja" else f"{low:.1f}–{high:.1f}%"

    def coverage_text(self, lang: str) -> str:
        if self.known is None or self.total is None:
            return ""
        if self.inferred:
            n = self.inferred
            return _t(
                lang,
                f"（{self.total}件中{self.known}件記録、うち推定{n}件）",
                f" ({self.known} of {self.total} recorded, {n} inferred)",
            )
        return _t(lang, f"（{self.total}件中{self.known}件確認）", f" ({self.known} of {self.total} known)")

    def sort_key(self) -> str:
        value = self.point if self.point is not None and self.complete else (self.bounds or (None,))[0]
        return "" if value is None else f"{value}"


def rate_view(obj: dict[str, Any], which: str = "online") -> RateView:
    """Read a summary, a trend point or a compare row: ``rate``/``rate_bounds``/``coverage`` where the JSON has
    them, else the older ``online_rate`` with the coverage that ``by_status``/``recorded`` give."""
    point_key = "rate" if which == "online" else "rate_with_partial"
    bounds_key = "rate_bounds" if which == "online" else "rate_with_partial_bounds"
    legacy = "online_rate" if which == "online" else "online_or_partial_rate"
    known = total = None
    inferred: Any = obj.get(
        "inferred"
    )  # older JSON: a summary's own count, which may count an inferred — too
    coverage = obj.get("coverage")
    if isinstance(coverage, dict):
        known, total = coverage.get("known"), coverage.get("total")
        inferred = coverage.get("inferred", inferred)  # the rate's own count (engine.rates.inferred_status)
    elif isinstance(obj.get("recorded"), str) and "/" in obj["recorded"]:
        a, b = obj["recorded"].split("/", 1)
        known, total = int(a), int(b)
    elif isinstance(obj.get("by_status"), dict) and "applicable" in obj:
        total = int(obj["applicable"])
        known = total - int(obj["by_status"].get("unknown", 0))
    elif "unknown" in obj and "applicable" in obj:  # a trend point
        total = int(obj["applicable"])
        known = total - int(obj["unknown"] or 0)
    point = obj.get(point_key) if point_key in obj else obj.get(legacy)
    raw = obj.get(bounds_key)
    bounds = (float(raw[0]), float(raw[1])) if isinstance(raw, list | tuple) and len(raw) == 2 else None
    guessed = inferred if isinstance(inferred, int) and not isinstance(inferred, bool) else 0
    # Never more than the known rows are worded as guesses (older JSON's wider count).
    guessed = max(0, min(guessed, known if known is not None else 0))
    return RateView(point, bounds, known, total, guessed)
