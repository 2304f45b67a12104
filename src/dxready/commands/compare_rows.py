"""``compare``'s rows: one small, cacheable :class:`Row` per municipality, the columns and the comparison.

A row is compact on purpose (a national set has 1,741 of them, and a cached compare is mostly reading rows back); what
the cache gives back is checked field by field and sealed to its key (:meth:`Row.from_cache`).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from dxready.catalog.numbers import percent
from dxready.commands.usage import Usage, usage_of
from dxready.commands.usage import as_json as usage_json
from dxready.commands.usage import cache as cache_usage
from dxready.commands.usage import uncache as uncache_usage
from dxready.engine.rates import Rate, fields, inferred_status
from dxready.errors import Problem

SCHEMA_VERSION = 1
STANDARD_NOS = tuple(range(1, 22))


# --------------------------------------------------------------------------------------------------- rows


_CODE_OF = {"online": "o", "partial": "p", "offline": "x", "not_applicable": "n", "unknown": "u"}
_STATUS_OF = {v: k for k, v in _CODE_OF.items()}
MISSING = "."
"""In ``Row.marks`` and ``Row.grades``: the catalogue has no such row (or, for a level, it is not applicable). A
standard row missing from a catalogue (DX018) is a procedure whose status is unknown: every rate counts it as ？."""
GUESSED = "+"
"""In :attr:`Row.guessed`: this standard number's status is an inference (engine.rates.inferred_status)."""


@dataclass(frozen=True)
class Row:
    """One municipality: its status and readiness level for each of the 21 standard procedures.

    Compact on purpose (a national set has 1,741 of them, and a cached compare is mostly reading rows back):
    ``marks`` has one letter per standard number — o online, p partial, x offline, n not applicable, u unknown,
    ``.`` no such row — and ``grades`` one readiness level digit (``.`` where there is none).
    """

    catalog: str
    name: str
    code: str
    prefecture: str | None
    marks: str
    grades: str
    guessed: str = ""
    """One letter per standard number (or empty: none): ``+`` where the status is an inference by the one rule of
    engine.rates.inferred_status, ``.`` elsewhere; so that the totals, the row and each procedure's column state
    the same count."""
    usage: tuple[Usage | None, ...] = ()
    """Per standard number (in order, or empty): the latest fiscal year's counts (commands/usage.py)."""
    status_as_of: str | None = None
    """The catalogue's own status date (procedures.yaml ``as_of``, ISO), None when it states none: each
    municipality's figures are dated by it, never by the day compare ran."""

    @functools.cached_property
    def statuses(self) -> dict[int, str]:
        return {no: _STATUS_OF[ch] for no, ch in zip(STANDARD_NOS, self.marks, strict=True) if ch != MISSING}

    @functools.cached_property
    def levels(self) -> dict[int, int]:
        return {no: int(ch) for no, ch in zip(STANDARD_NOS, self.grades, strict=True) if ch != MISSING}

    def count(self, status: str) -> int:
        return self.marks.count(_CODE_OF[status])

    @property
    def known(self) -> int:
        return self.count("online") + self.count("partial") + self.count("offline")

    @property
    def inferred(self) -> int:
        """Known standard rows whose status is the author's inference (counted apart in 確認済)."""
        return self.guessed.count(GUESSED)

    @property
    def applicable(self) -> int:
        """Known, unknown and missing rows: a standard row the catalogue lacks counts as ？, never as left out."""
        return self.known + self.count("unknown") + self.marks.count(MISSING)

    @property
    def recorded(self) -> str:
        """'7/21': the online rate's coverage, known rows of the applicable ones ('7/21（推定2）' when some of them
        are the author's inference). Not-applicable rows are out of the rate and out of this count."""
        text = f"{self.known}/{self.applicable}"
        return text + (f"（推定{self.inferred}）" if self.inferred else "")

    @property
    def online(self) -> Rate:
        """○ among the applicable rows (a missing one as ？), with bounds and coverage."""
        return Rate(self.count("online"), self.known, self.applicable, self.inferred)

    @property
    def with_partial(self) -> Rate:
        return Rate(self.count("online") + self.count("partial"), self.known, self.applicable, self.inferred)

    @property
    def online_rate(self) -> float | None:
        """Null unless every applicable row is known (see :attr:`online`)."""
        return self.online.rate

    @property
    def online_or_partial_rate(self) -> float | None:
        return self.with_partial.rate

    @functools.cached_property
    def level_distribution(self) -> dict[int, int]:
        return {n: self.grades.count(str(n)) for n in range(5)}

    @property
    def unsettled(self) -> int:
        """Applicable rows (？ included) whose level an unknown fact could still move: no figure in ``levels``."""
        return self.applicable - sum(self.level_distribution.values())

    @functools.cached_property
    def body(self) -> str:
        """This row's JSON object without ``catalog`` (which depends on how the run named the directory)."""
        import json

        return json.dumps(
            {
                "name": self.name,
                "code": self.code,
                "prefecture": self.prefecture,
                "status_as_of": self.status_as_of,
                "statuses": {str(no): self.statuses.get(no) for no in STANDARD_NOS},
                "levels": {str(no): self.levels.get(no) for no in STANDARD_NOS},
                "recorded": self.recorded,
                "inferred": self.inferred,
                # the applicable rows at least (the known ones) and at most (？ and missing ones too), as gaps says
                "applicable_bounds": [self.known, self.applicable],
                **fields(self.online, self.with_partial),
                "online_rate": self.online_rate,
                "online_or_partial_rate": self.online_or_partial_rate,
                "level_distribution": {str(n): c for n, c in self.level_distribution.items()},
                "levels_unsettled": self.unsettled,
                "usage": usage_json(self.usage),
            },
            ensure_ascii=False,
            separators=(", ", ": "),
        )

    def json_object(self) -> str:
        """The row as one JSON object: ``catalog`` first, then :attr:`body`."""
        import json

        return '{"catalog": ' + json.dumps(self.catalog, ensure_ascii=False) + ", " + self.body[1:]

    def to_cache(self, key: str) -> list[Any]:
        fields: list[Any] = [self.name, self.code, self.prefecture, self.marks, self.grades, self.guessed]
        fields.append(cache_usage(self.usage))
        fields.append(self.status_as_of)
        return [*fields, _seal(key, fields)]

    @classmethod
    def from_cache(cls, value: Any, catalog: str, key: str) -> Row:
        """A row as :meth:`to_cache` stored it under ``key``, or ValueError when the value is anything else.

        Nothing read back is trusted: every field is checked (types, lengths, marks and levels from the known sets,
        a municipality code of six digits), the seal binds the row to the key it was stored under (so a row copied
        or edited in the database is refused), and the JSON text is made again from the checked fields, never
        taken from the cache. A refused row is recomputed from the catalogue.
        """
        if not (isinstance(value, list) and len(value) == 9):
            raise ValueError("not a cached row")
        name, code, prefecture, marks, grades, guessed, usage, status_as_of, seal = value
        if status_as_of is not None and not (isinstance(status_as_of, str) and _DATE.match(status_as_of)):
            raise ValueError("not a cached row")
        if (
            not isinstance(guessed, str)
            or len(guessed) not in (0, len(STANDARD_NOS))
            or set(guessed) - {GUESSED, "."}
        ):
            raise ValueError("not a cached row")  # also a row cached before per-number inferences: recomputed
        texts = (name, code, marks, grades, seal)
        if not all(isinstance(t, str) for t in texts) or not isinstance(prefecture, str | None):
            raise ValueError("not a cached row")
        if not (
            0 < len(name) <= 2000 and _CODE.match(code) and (prefecture is None or len(prefecture) <= 2000)
        ):
            raise ValueError("not a cached row")
        if len(marks) != len(STANDARD_NOS) or len(grades) != len(STANDARD_NOS):
            raise ValueError("not a cached row")
        if not set(marks) <= {*_STATUS_OF, MISSING} or not set(grades) <= set("01234" + MISSING):
            raise ValueError("not a cached row")
        if not hmac.compare_digest(
            seal, _seal(key, [name, code, prefecture, marks, grades, guessed, usage, status_as_of])
        ):
            raise ValueError("not a cached row")
        return cls(
            catalog, name, code, prefecture, marks, grades, guessed, uncache_usage(usage), status_as_of
        )


_CODE = re.compile(r"^[0-9]{6}$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _seal(key: str, fields: list[Any]) -> str:
    """A digest binding the row's fields to the cache key (the content hash of the files it was computed from)."""
    import json

    text = json.dumps([key, *fields], ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def city_of_ward(row: Row) -> str | None:
    """The designated city's code when ``row`` is one of its wards (by the registry), else None."""
    from dxready.catalog.municipalities import by_code

    entry = by_code(row.code)
    return entry.ward_of if entry is not None else None


def row_order(row: Row) -> tuple[float, str, str]:
    """Rows by the lower bound of their online rate, best first (a bound no unknown can lower), then by code."""
    low = row.online.low
    return (-(low if low is not None else -1.0), row.code, row.catalog)


def rate(part: int, whole: int) -> float | None:
    return percent(part, whole) if whole else None


@dataclass(frozen=True)
class Column:
    """One standard procedure across municipalities."""

    no: int
    name: str
    counts: dict[str, int]
    """status → municipalities; ``missing`` for catalogues without the row."""
    name_en: str = ""
    """The registry's English name (``--lang en``)."""
    inferred: int = 0
    """Municipalities whose known status for this row is the author's inference (never worded 確認)."""

    def label(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name

    @property
    def known(self) -> int:
        return sum(self.counts.get(s, 0) for s in ("online", "partial", "offline"))

    def shown(self, status: str) -> int:
        """The count a ○/一部/×/—/？ column shows: ？ includes the municipalities whose catalogue lacks the row."""
        return self.counts.get(status, 0) + (self.counts.get("missing", 0) if status == "unknown" else 0)

    @property
    def applicable(self) -> int:
        """Municipalities where the row is known, unknown or missing (a missing row counts as ？)."""
        return self.known + self.counts.get("unknown", 0) + self.counts.get("missing", 0)

    @property
    def online(self) -> Rate:
        """○ among the municipalities where the row is applicable, with bounds and coverage."""
        return Rate(self.counts.get("online", 0), self.known, self.applicable, self.inferred)

    @property
    def with_partial(self) -> Rate:
        some = self.counts.get("online", 0) + self.counts.get("partial", 0)
        return Rate(some, self.known, self.applicable, self.inferred)

    @property
    def online_rate(self) -> float | None:
        return self.online.rate

    @property
    def online_or_partial_rate(self) -> float | None:
        return self.with_partial.rate


@dataclass(frozen=True)
class Broken:
    catalog: str
    problems: list[Problem]
    more: int = 0
    """Problems beyond the ones kept (the loader keeps the first 100)."""


@dataclass
class Comparison:
    """What the renderers get: the rows, the columns, the broken catalogues and the totals."""

    as_of: dt.date
    rows: list[Row] = field(default_factory=list)
    broken: list[Broken] = field(default_factory=list)
    cached: int = 0
    skipped: dict[str, list[str]] = field(default_factory=dict)
    """Municipality code → the catalogues left out because an earlier one has the same code (one municipality is
    one row: counted once in every total); the row kept is the first read (see :meth:`count_once`)."""

    @property
    def exit_code(self) -> int:
        """0; 2 when any catalogue given could not be read — the comparison of the others is printed all the same,
        but an input was unusable, which is exit 2 everywhere (1 would read as findings in CI)."""
        return 2 if self.broken else 0

    def count_once(self) -> None:
        """Keep the first row read of each municipality code and set the others aside in :attr:`skipped`: the same
        municipality twice (a copy of the shipped catalogue beside ``--embedded``, two copies of one city) would be
        counted twice in every column and total. Rows are read in the order given (each parent's catalogues in
        name order, ``--embedded`` last), so a directory the user names wins over the shipped copy."""
        kept: dict[str, Row] = {}
        for row in self.rows:
            if row.code in kept:
                self.skipped.setdefault(row.code, []).append(row.catalog)
            else:
                kept[row.code] = row
        self.rows = list(kept.values())

    def shared_codes(self) -> dict[str, list[str]]:
        """Municipality codes that more than one catalogue carries: the catalogue counted first, then those left
        out."""
        counted = {row.code: row.catalog for row in self.rows}
        return {code: [counted[code], *where] for code, where in self.skipped.items()}

    def counted(self) -> list[Row]:
        """The rows every total adds up (the totals, each procedure's column, the pooled usage): all but a designated
        city's wards. A ward is not a municipality and its catalogue describes its city's procedures, so counted it
        would be one more 団体 and its city's cells once more; its row is shown, never added (as ``--by prefecture``
        sets it aside: commands/rollup.py)."""
        return [row for row in self.rows if city_of_ward(row) is None]

    def wards(self) -> list[str]:
        """The codes of the wards' rows that no total counts (see :meth:`counted`), in the rows' order."""
        return [row.code for row in self.rows if city_of_ward(row) is not None]

    def columns(self) -> list[Column]:
        from dxready.catalog.registry import STANDARD_BY_NO

        names = {**_STATUS_OF, MISSING: "missing"}
        rows = self.counted()
        by_no = zip(*(row.marks for row in rows), strict=True) if rows else [()] * len(STANDARD_NOS)
        guessed = Counter(i for row in rows for i, ch in enumerate(row.guessed) if ch == GUESSED)
        return [
            Column(
                no,
                STANDARD_BY_NO[no].name,
                {names[ch]: n for ch, n in Counter(column).items()},
                STANDARD_BY_NO[no].name_en,
                guessed.get(i, 0),
            )
            for i, (no, column) in enumerate(zip(STANDARD_NOS, by_no, strict=True))
        ]

    def rates(self) -> tuple[Rate, Rate]:
        """○, and ○ with 一部, over every applicable cell of every municipality."""
        rows = self.counted()
        cells = Counter("".join(row.marks for row in rows))
        online, partial = cells.get("o", 0), cells.get("p", 0)
        known = online + partial + cells.get("x", 0)
        applicable = known + cells.get("u", 0) + cells.get(MISSING, 0)
        inferred = sum(row.inferred for row in rows)
        return Rate(online, known, applicable, inferred), Rate(online + partial, known, applicable, inferred)

    def status_dates(self) -> tuple[str | None, str | None, int]:
        """The municipalities' own status dates: the earliest, the latest (ISO, None when no catalogue states
        one) and how many catalogues state none."""
        stated = sorted(row.status_as_of for row in self.rows if row.status_as_of)
        if not stated:
            return None, None, len(self.rows)
        return stated[0], stated[-1], len(self.rows) - len(stated)

    def totals(self) -> dict[str, Any]:
        rows = self.counted()
        cells = Counter("".join(row.marks for row in rows))
        grades = Counter("".join(row.grades for row in rows))
        on, some = self.rates()
        return {
            "municipalities": len(rows),
            "broken": len(self.broken),
            # ``missing``: standard rows a catalogue lacks, counted as ？ by the rates (as the columns' counts say)
            "cells": {
                **{status: cells.get(ch, 0) for status, ch in _CODE_OF.items()},
                "missing": cells.get(MISSING, 0),
            },
            **fields(on, some),
            "online_rate": on.rate,
            "online_or_partial_rate": some.rate,
            "levels": {n: grades.get(str(n), 0) for n in range(5)},
            "levels_unsettled": sum(row.unsettled for row in rows),
            "wards_left_out": self.wards(),
        }


def summarise(catalog: Any, shown: str) -> Row:
    """A loaded catalogue → its row: the first procedure recorded for each standard number."""
    from dxready.engine.levels import life_event_bundles, readiness

    procedures = catalog.procedures
    bundles = life_event_bundles(procedures)
    statuses: dict[int, str] = {}
    levels: dict[int, int] = {}
    usage: dict[int, Usage | None] = {}
    guesses: set[int] = set()
    for p in procedures:
        if p.standard_no is None or p.standard_no in statuses:
            continue
        if inferred_status(p):
            guesses.add(p.standard_no)
        statuses[p.standard_no] = p.effective_status.value
        usage[p.standard_no] = usage_of(p)
        ready = readiness(p, bundles)
        # unknown status, or a level an unknown fact could still move: no level yet (engine.levels)
        if ready is not None and ready.settled and p.effective_status.value != "unknown":
            levels[p.standard_no] = ready.level
    m = catalog.procedures_file.municipality
    marks = "".join(_CODE_OF[statuses[no]] if no in statuses else MISSING for no in STANDARD_NOS)
    grades = "".join(str(levels[no]) if no in levels else MISSING for no in STANDARD_NOS)
    guessed = "".join(GUESSED if no in guesses else "." for no in STANDARD_NOS) if guesses else ""
    counted = tuple(usage.get(no) for no in STANDARD_NOS)
    when = catalog.procedures_file.as_of
    return Row(
        shown,
        m.name,
        m.code,
        m.prefecture,
        marks,
        grades,
        guessed,
        counted if any(counted) else (),
        when.isoformat() if when is not None else None,
    )
