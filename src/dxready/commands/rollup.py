"""``compare`` for coordinators: usage per standard row across municipalities, and roll-ups by prefecture.

A roll-up adds up the cells of its municipalities (○ 一部 × — ？). Its online rate is stated as one figure only when
no cell is unknown; otherwise as the bounds the truth lies in (low: every unknown cell ×, high: every unknown cell ○),
with the coverage (known cells of applicable cells). Each roll-up also says how many of the prefecture's
municipalities (from the national registry) it holds. A municipality's prefecture comes from the registry by its code,
else from its header.

A ward (行政区) of a designated city is not one of the prefecture's 市町村, and its catalogue describes its city's
procedures: added up, a city would count once per ward (千葉市 and two wards read 3/54). Ward catalogues are therefore
set aside, never rolled up: the city counts by its own catalogue when it is there, and not at all when only its
wards are. Each roll-up lists the wards it set aside (:attr:`Rollup.wards`) so that every view can say so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dxready.catalog.numbers import percent
from dxready.commands.compare_rows import MISSING, city_of_ward

if TYPE_CHECKING:
    from dxready.commands.compare import Comparison, Row

UNKNOWN_PREFECTURE = "?"


@dataclass(frozen=True)
class UsageColumn:
    """One standard row's usage across the municipalities that counted it (each with its own latest year)."""

    no: int
    counted: int
    """Municipalities with usage for the row (a rate they published, or counts)."""
    pooled: int
    """Those whose cases and online cases were both recorded for the whole of :attr:`fiscal_year`: the only ones
    the pooled figures add up (cases of different years are never added together)."""
    total: int | None
    online: int | None
    """Cases and online cases summed over the ``pooled`` municipalities (None when there is none)."""
    fiscal_year: int | None = None
    """The one fiscal year pooled: the latest year any municipality counted whole (None when none did)."""

    @property
    def rate(self) -> float | None:
        """Online cases of all cases, pooled over the municipalities with both figures."""
        return percent(self.online, self.total) if self.total and self.online is not None else None


def usage_columns(comparison: Comparison) -> list[UsageColumn]:
    from dxready.commands.compare import STANDARD_NOS

    out = []
    rows = comparison.counted()  # a ward's counts are its city's: never pooled (Comparison.counted)
    for i, no in enumerate(STANDARD_NOS):
        entries = [u for row in rows if row.usage and (u := row.usage[i]) is not None]
        whole = [u for u in entries if u.poolable]
        year = max((u.fiscal_year for u in whole), default=None)
        pooled = [u for u in whole if u.fiscal_year == year]
        out.append(
            UsageColumn(
                no,
                len(entries),
                len(pooled),
                sum(u.total or 0 for u in pooled) if pooled else None,
                sum(u.online or 0 for u in pooled) if pooled else None,
                year,
            )
        )
    return out


def any_usage(comparison: Comparison) -> bool:
    return any(row.usage for row in comparison.rows)


@dataclass
class Rollup:
    """The municipalities of one prefecture (or of the registry's unknowns), added up."""

    key: str
    municipalities: list[str] = field(default_factory=list)
    cells: Counter[str] = field(default_factory=Counter)
    in_registry: int | None = None
    """How many municipalities the national registry lists for this prefecture (wards not counted)."""
    wards: list[str] = field(default_factory=list)
    """Codes of the designated cities' wards whose catalogues were set aside (not municipalities: not rolled up)."""
    inferred: int = 0
    """Known cells whose status is the author's inference (recorded, never worded 確認: engine.rates)."""

    @property
    def known(self) -> int:
        return self.cells["online"] + self.cells["partial"] + self.cells["offline"]

    @property
    def applicable(self) -> int:
        return self.known + self.cells["unknown"]

    def _bounds(self, part: int) -> tuple[float, float] | None:
        if not self.applicable:
            return None
        unknown = self.cells["unknown"]
        return (
            percent(part, self.applicable),
            percent(part + unknown, self.applicable),
        )

    @property
    def rate_bounds(self) -> tuple[float, float] | None:
        return self._bounds(self.cells["online"])

    @property
    def rate(self) -> float | None:
        """Null unless every applicable cell is known: no unknown could change it then."""
        bounds = self.rate_bounds
        return bounds[0] if bounds is not None and not self.cells["unknown"] else None

    @property
    def with_partial_bounds(self) -> tuple[float, float] | None:
        return self._bounds(self.cells["online"] + self.cells["partial"])

    def json(self) -> dict[str, Any]:
        partial = self.with_partial_bounds
        return {
            "prefecture": None if self.key == UNKNOWN_PREFECTURE else self.key,
            "municipalities": len(self.municipalities),
            "in_registry": self.in_registry,
            "cells": {
                s: self.cells[s] for s in ("online", "partial", "offline", "not_applicable", "unknown")
            },
            "rate": self.rate,
            "rate_bounds": None if self.rate_bounds is None else list(self.rate_bounds),
            "online_or_partial_rate": partial[0]
            if partial is not None and not self.cells["unknown"]
            else None,
            "online_or_partial_rate_bounds": None if partial is None else list(partial),
            "coverage": {"known": self.known, "total": self.applicable, "inferred": self.inferred},
            # the applicable cells at least (the known ones) and at most (？ too), as gaps gives 対象手続
            "applicable_bounds": [self.known, self.applicable],
            "wards_left_out": list(self.wards),
        }


def prefecture_of(row: Row) -> str:
    from dxready.catalog.municipalities import by_code

    entry = by_code(row.code)
    if entry is not None:
        return entry.prefecture
    return row.prefecture or UNKNOWN_PREFECTURE


def rollups(comparison: Comparison) -> list[Rollup]:
    """One roll-up per prefecture present, in 都道府県コード order (unknown last); wards set aside (module doc)."""
    from dxready.catalog.municipalities import registry
    from dxready.commands.scaffold import PREFECTURES

    in_registry = Counter(e.prefecture for e in registry().municipalities)
    groups: dict[str, Rollup] = {}
    for row in comparison.rows:
        key = prefecture_of(row)
        group = groups.setdefault(key, Rollup(key, in_registry=in_registry.get(key)))
        if city_of_ward(row) is not None:
            group.wards.append(row.code)
            continue
        group.municipalities.append(row.code)
        group.cells.update(row.statuses.values())
        group.inferred += row.inferred
        # A standard row the catalogue lacks (DX018) is a cell whose status is unknown, never one left out.
        group.cells["unknown"] += row.marks.count(MISSING)
    order = {p: i for i, p in enumerate(PREFECTURES)}
    return sorted(groups.values(), key=lambda g: (order.get(g.key, len(order)), g.key))


def wards_set_aside(comparison: Comparison) -> list[tuple[str, list[Row], Row | None]]:
    """Per designated city (in code order) whose wards' catalogues are in the set: the city's code, those ward rows,
    and the city's own row when its catalogue is there (None: the city is not counted at all)."""
    rows = {row.code: row for row in comparison.rows}
    by_city: dict[str, list[Row]] = {}
    for row in comparison.rows:
        city = city_of_ward(row)
        if city is not None:
            by_city.setdefault(city, []).append(row)
    return [
        (city, sorted(wards, key=lambda r: r.code), rows.get(city)) for city, wards in sorted(by_city.items())
    ]


def registry_name(directory: str) -> str | None:
    """``千葉県鴨川市`` when a catalogue directory is named by a municipality's code (``…/122238``), else None."""
    import os
    import unicodedata

    from dxready.catalog.municipalities import by_code

    base = unicodedata.normalize("NFKC", os.path.basename(os.path.normpath(directory))).strip()
    if not (base.isascii() and base.isdigit() and len(base) in (5, 6)):
        return None
    if len(base) == 5:
        from dxready.catalog.codes import check_digit

        base += str(check_digit(base))
    entry = by_code(base)
    return entry.full_name if entry is not None else None
