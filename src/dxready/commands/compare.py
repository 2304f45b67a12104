"""``dxready compare``: a municipality × standard-procedure matrix over many catalogues, with rates and levels.

Built for the national set (1,741 catalogues). What dominates is YAML parsing, and inside it ruamel.yaml's tag
resolver, which the C parser calls back in Python for every scalar: so catalogues are composed here by the same C
parser with a resolver that memoises each plain scalar's tag (the same YAML 1.2 tables, so the same values as the
loader), walked without recording positions, and validated by the same models and load rules. Only when that finds
a problem is the catalogue loaded again by :func:`dxready.catalog.load.load_catalog`, which finds the file, line and column.
Each catalogue is reduced to one small row as soon as it is read (nothing holds every catalogue's tree), and a valid
catalogue's row is cached by the content hash of its files (:mod:`dxready.commands.cache`).
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import hmac
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dxready.catalog.load import (
    FILES,
    SETTINGS,
    TAGS,
    UNREADABLE,
    LoadError,
    Problem,
    fast_compose,
    reset_scalar_memo,
)
from dxready.commands.usage import Usage, usage_of
from dxready.commands.usage import as_json as usage_json
from dxready.commands.usage import cache as cache_usage
from dxready.commands.usage import uncache as uncache_usage
from dxready.engine.rates import Rate, fields
from dxready.findings import Location, Msg

SCHEMA_VERSION = 1
STANDARD_NOS = tuple(range(1, 22))
_FILE_NAMES = (*FILES, SETTINGS)


# --------------------------------------------------------------------------------------------------- rows


_CODE_OF = {"online": "o", "partial": "p", "offline": "x", "not_applicable": "n", "unknown": "u"}
_STATUS_OF = {v: k for k, v in _CODE_OF.items()}
MISSING = "."
"""In ``Row.marks`` and ``Row.grades``: the catalogue has no such row (or, for a level, it is not applicable)."""


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
    inferred: int = 0
    """Standard rows whose recorded status is marked as the author's inference (counted apart in 確認済)."""
    usage: tuple[Usage | None, ...] = ()
    """Per standard number (in order, or empty): the latest fiscal year's counts (commands/usage.py)."""

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
    def recorded(self) -> str:
        """'7/20': the online rate's coverage, known rows of the applicable ones present ('7/20（推定2）' when some
        of them are the author's inference). Not-applicable rows are out of the rate and out of this count."""
        text = f"{self.known}/{self.known + self.count('unknown')}"
        return text + (f"（推定{self.inferred}）" if self.inferred else "")

    @property
    def online(self) -> Rate:
        """○ among the applicable rows present, with bounds and coverage."""
        return Rate(self.count("online"), self.known, self.known + self.count("unknown"))

    @property
    def with_partial(self) -> Rate:
        return Rate(
            self.count("online") + self.count("partial"), self.known, self.known + self.count("unknown")
        )

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

    @functools.cached_property
    def body(self) -> str:
        """This row's JSON object without ``catalog`` (which depends on how the run named the directory)."""
        import json

        return json.dumps(
            {
                "name": self.name,
                "code": self.code,
                "prefecture": self.prefecture,
                "statuses": {str(no): self.statuses.get(no) for no in STANDARD_NOS},
                "levels": {str(no): self.levels.get(no) for no in STANDARD_NOS},
                "recorded": self.recorded,
                "inferred": self.inferred,
                **fields(self.online, self.with_partial),
                "online_rate": self.online_rate,
                "online_or_partial_rate": self.online_or_partial_rate,
                "level_distribution": {str(n): c for n, c in self.level_distribution.items()},
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
        fields: list[Any] = [self.name, self.code, self.prefecture, self.marks, self.grades, self.inferred]
        fields.append(cache_usage(self.usage))
        return [*fields, _seal(key, fields)]

    @classmethod
    def from_cache(cls, value: Any, catalog: str, key: str) -> Row:
        """A row as :meth:`to_cache` stored it under ``key``, or ValueError when the value is anything else.

        Nothing read back is trusted: every field is checked (types, lengths, marks and levels from the known sets,
        a municipality code of six digits), the seal binds the row to the key it was stored under (so a row copied
        or edited in the database is refused), and the JSON text is made again from the checked fields, never
        taken from the cache. A refused row is recomputed from the catalogue.
        """
        if not (isinstance(value, list) and len(value) == 8):
            raise ValueError("not a cached row")
        name, code, prefecture, marks, grades, inferred, usage, seal = value
        if (
            not isinstance(inferred, int)
            or isinstance(inferred, bool)
            or not 0 <= inferred <= len(STANDARD_NOS)
        ):
            raise ValueError("not a cached row")
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
            seal, _seal(key, [name, code, prefecture, marks, grades, inferred, usage])
        ):
            raise ValueError("not a cached row")
        return cls(catalog, name, code, prefecture, marks, grades, inferred, uncache_usage(usage))


_CODE = re.compile(r"^[0-9]{6}$")


def _seal(key: str, fields: list[Any]) -> str:
    """A digest binding the row's fields to the cache key (the content hash of the files it was computed from)."""
    import json

    text = json.dumps([key, *fields], ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def row_order(row: Row) -> tuple[float, str, str]:
    """Rows by the lower bound of their online rate, best first (a bound no unknown can lower), then by code."""
    low = row.online.low
    return (-(low if low is not None else -1.0), row.code, row.catalog)


def rate(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class Column:
    """One standard procedure across municipalities."""

    no: int
    name: str
    counts: dict[str, int]
    """status → municipalities; ``missing`` for catalogues without the row."""

    @property
    def known(self) -> int:
        return sum(self.counts.get(s, 0) for s in ("online", "partial", "offline"))

    @property
    def online(self) -> Rate:
        """○ among the municipalities where the row is applicable, with bounds and coverage."""
        return Rate(self.counts.get("online", 0), self.known, self.known + self.counts.get("unknown", 0))

    @property
    def with_partial(self) -> Rate:
        some = self.counts.get("online", 0) + self.counts.get("partial", 0)
        return Rate(some, self.known, self.known + self.counts.get("unknown", 0))

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

    @property
    def exit_code(self) -> int:
        """0; 1 when a catalogue was left out; 2 when none could be read (nothing to compare at all)."""
        if not self.broken:
            return 0
        return 1 if self.rows else 2

    def shared_codes(self) -> dict[str, list[str]]:
        """Municipality codes that more than one catalogue carries, with those catalogues."""
        codes: dict[str, list[str]] = {}
        for row in self.rows:
            codes.setdefault(row.code, []).append(row.catalog)
        return {code: where for code, where in codes.items() if len(where) > 1}

    def columns(self) -> list[Column]:
        from dxready.catalog.registry import STANDARD_BY_NO

        names = {**_STATUS_OF, MISSING: "missing"}
        by_no = zip(*(row.marks for row in self.rows), strict=True) if self.rows else [()] * len(STANDARD_NOS)
        return [
            Column(no, STANDARD_BY_NO[no].name, {names[ch]: n for ch, n in Counter(column).items()})
            for no, column in zip(STANDARD_NOS, by_no, strict=True)
        ]

    def rates(self) -> tuple[Rate, Rate]:
        """○, and ○ with 一部, over every applicable cell of every municipality."""
        cells = Counter("".join(row.marks for row in self.rows))
        online, partial = cells.get("o", 0), cells.get("p", 0)
        known = online + partial + cells.get("x", 0)
        applicable = known + cells.get("u", 0)
        return Rate(online, known, applicable), Rate(online + partial, known, applicable)

    def totals(self) -> dict[str, Any]:
        cells = Counter("".join(row.marks for row in self.rows))
        grades = Counter("".join(row.grades for row in self.rows))
        on, some = self.rates()
        return {
            "municipalities": len(self.rows),
            "broken": len(self.broken),
            "cells": {status: cells.get(ch, 0) for status, ch in _CODE_OF.items()},
            **fields(on, some),
            "online_rate": on.rate,
            "online_or_partial_rate": some.rate,
            "levels": {n: grades.get(str(n), 0) for n in range(5)},
        }


def summarise(catalog: Any, shown: str) -> Row:
    """A loaded catalogue → its row: the first procedure recorded for each standard number."""
    from dxready.engine.levels import life_event_bundles, readiness

    procedures = catalog.procedures
    bundles = life_event_bundles(procedures)
    statuses: dict[int, str] = {}
    levels: dict[int, int] = {}
    usage: dict[int, Usage | None] = {}
    inferred = 0
    for p in procedures:
        if p.standard_no is None or p.standard_no in statuses:
            continue
        inferred += p.status_inferred and p.effective_status.value not in ("unknown", "not_applicable")
        statuses[p.standard_no] = p.effective_status.value
        usage[p.standard_no] = usage_of(p)
        ready = readiness(p, bundles)
        if ready is not None and p.effective_status.value != "unknown":  # unknown status: no level yet
            levels[p.standard_no] = ready.level
    m = catalog.procedures_file.municipality
    marks = "".join(_CODE_OF[statuses[no]] if no in statuses else MISSING for no in STANDARD_NOS)
    grades = "".join(str(levels[no]) if no in levels else MISSING for no in STANDARD_NOS)
    counted = tuple(usage.get(no) for no in STANDARD_NOS)
    return Row(shown, m.name, m.code, m.prefecture, marks, grades, inferred, counted if any(counted) else ())


# --------------------------------------------------------------------------------------------------- fast loading


class _Invalid(Exception):
    """The fast path found a problem, or something it leaves to the full loader; that one will say where."""


class _FastWalker:
    """Nodes → plain values like :class:`dxready.catalog.load._Walker` with ``positions=False``, comparing tags by identity.

    Anything out of the ordinary (an explicit tag, a merge key, a non-scalar key, a duplicate key, a value that does
    not convert, too deep, too many nodes) raises _Invalid, and the full loader decides and locates.
    """

    def __init__(self, budget: int) -> None:
        from dxready.catalog.load import yaml_float, yaml_int, yaml_timestamp

        self.budget = budget
        tag = TAGS.get
        self.str_ = tag("tag:yaml.org,2002:str")
        self.map_ = tag("tag:yaml.org,2002:map")
        self.seq_ = tag("tag:yaml.org,2002:seq")
        self.scalars: list[tuple[Any, Callable[[str], Any]]] = [
            (t, f)
            for name, f in (
                ("int", yaml_int),
                ("float", yaml_float),
                ("bool", lambda text: text.lower() == "true"),
                ("null", lambda text: None),
                ("timestamp", yaml_timestamp),
            )
            if (t := tag(f"tag:yaml.org,2002:{name}")) is not None
        ]
        self.int_ = tag("tag:yaml.org,2002:int")

    def walk(self, node: Any, depth: int) -> Any:
        from dxready.catalog.load import MAX_DEPTH, yaml_int

        self.budget -= 1
        if self.budget < 0 or depth > MAX_DEPTH:
            raise _Invalid
        tag = node.ctag
        if tag is self.str_:
            return node.value
        if tag is self.map_:
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key_tag = key_node.ctag
                key: Any
                if key_tag is self.str_:
                    key = key_node.value
                elif key_tag is self.int_:
                    key = yaml_int(key_node.value)
                elif any(key_tag is t for t, _ in self.scalars):
                    key = str(key_node.value)
                else:
                    raise _Invalid
                if key in result:
                    raise _Invalid
                result[key] = self.walk(value_node, depth + 1)
            return result
        if tag is self.seq_:
            return [self.walk(item, depth + 1) for item in node.value]
        if tag is self.int_ and node.value.isdigit() and len(node.value) <= 18:  # ASCII digits only
            return int(node.value)
        for known, convert in self.scalars:
            if tag is known:
                try:
                    return convert(node.value)
                except (ValueError, OverflowError):
                    raise _Invalid from None
        raise _Invalid


def fast_values(data: bytes, shown: str) -> Any:
    """Bytes → plain values without positions; accepts only what :func:`dxready.catalog.load.parse` accepts, alike."""
    from ruamel.yaml.error import YAMLError

    from dxready.catalog import limits
    from dxready.catalog.load import decode

    text = decode(data, shown)
    if "%YAML" in text:  # a directive: the loader decides (it refuses all but 1.2)
        raise _Invalid
    try:
        limits.check_shape(text, shown)
    except LoadError:
        raise _Invalid from None
    try:
        node = fast_compose(text)
    except (YAMLError, RecursionError):
        raise _Invalid from None
    if node is None:
        return None
    try:
        return _FastWalker(budget=min(len(text), limits.MAX_NODES) + 10_000).walk(node, 0)
    except (RecursionError, ValueError, OverflowError):  # e.g. an integer key of over 4,300 digits
        raise _Invalid from None


def fast_catalog(root: Path, blobs: dict[str, bytes]) -> Any:
    """A validated :class:`~dxready.catalog.load.Catalog` without positions, or _Invalid / LoadError."""
    from dxready.catalog.load import Catalog, SourceMap, validate
    from dxready.catalog.models import FILE_MODELS
    from dxready.catalog.settings import Settings
    from dxready.engine.integrity import problems

    models: dict[str, Any] = {}
    sources: dict[str, SourceMap] = {}
    for name in _FILE_NAMES:
        model = Settings if name == SETTINGS else FILE_MODELS[name]
        if name not in blobs:
            models[name] = model()
            continue
        shown = str(root / f"{name}.yaml")
        source = SourceMap(shown)
        models[name] = validate(model, fast_values(blobs[name], shown), source)
        sources[name] = source
    catalog = Catalog(
        root=root,
        label=str(root),
        procedures_file=models["procedures"],
        systems_file=models["systems"],
        roadmap_file=models["roadmap"],
        settings=models[SETTINGS],
        sources=sources,
        paths={n: root / f"{n}.yaml" for n in blobs},
    )
    if problems(catalog):
        raise _Invalid
    return catalog


# --------------------------------------------------------------------------------------------------- the run


def catalogue_dirs(directories: list[Path]) -> Iterator[tuple[Path, bool]]:
    """(directory, named by the user): each given catalogue, or each subdirectory of a given parent directory.

    A given directory is a catalogue when it holds procedures.yaml; otherwise its subdirectories are the candidates,
    and those without procedures.yaml (``.git``, notes) are skipped when they are read.
    """
    import os

    for d in directories:
        if (d / "procedures.yaml").is_file() or not d.is_dir():
            yield d, True
            continue
        with os.scandir(d) as entries:
            children = sorted(e.name for e in entries if e.is_dir() and not e.name.startswith("."))
        if not children:
            yield d, True
        for name in children:
            yield d / name, False


def read_bytes(path: str) -> bytes:
    """A file's bytes, bounded like the loader reads them (regular files only, within the size limit); OSError else."""
    from dxready.catalog import limits

    if not os.path.lexists(path):
        raise FileNotFoundError(path)
    try:
        return limits.read_bounded(path, path)
    except LoadError:
        raise OSError(path) from None


def _read(root: Path) -> dict[str, bytes] | None:
    """The catalogue's files by name (procedures required), or None when they cannot all be read."""
    import os

    base = os.fspath(root)
    blobs: dict[str, bytes] = {}
    for name in _FILE_NAMES:
        try:
            blobs[name] = read_bytes(os.path.join(base, name + ".yaml"))
        except FileNotFoundError:
            if name == "procedures":
                return None
        except OSError:  # a directory in a file's place, no permission: the loader will say so
            return None
    return blobs


CHUNK = 256
"""Catalogues read, hashed and looked up in the cache together: one cache query per chunk, memory bounded by it."""


def load_rows(
    directories: list[Path], *, use_cache: bool, progress: Callable[[int, int], None] | None = None
) -> Comparison:
    """Read the catalogues a chunk at a time; keep only each one's row (or its problems).

    ``progress(done, total)`` is called after each chunk when given (the command line draws a bar with it).
    """
    from dxready.commands.cache import Cache

    result = Comparison(as_of=dt.date.today())
    cache = Cache() if use_cache else None
    reset_scalar_memo()  # per run: bounded, and every run starts alike
    enabled = gc.isenabled()
    gc.disable()  # the collector dominates large parses; it runs once per chunk instead
    try:
        chunk: list[tuple[Path, bool]] = []
        items = list(catalogue_dirs(directories)) if progress is not None else catalogue_dirs(directories)
        total = len(items) if isinstance(items, list) else 0
        done = 0
        for item in items:
            chunk.append(item)
            if len(chunk) == CHUNK:
                if _load_chunk(chunk, cache, result):
                    gc.collect(1)  # only what this chunk's parsing left: older objects are not revisited
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
                chunk = []
        _load_chunk(chunk, cache, result)
        if progress is not None:
            progress(total, total)
    finally:
        if cache is not None:
            cache.close()
        if enabled:
            gc.enable()
    result.rows.sort(key=row_order)
    return result


def _load_chunk(chunk: list[tuple[Path, bool]], cache: Any, result: Comparison) -> int:
    """Add the chunk's rows (or problems) to ``result``; how many catalogues had to be parsed."""
    from dxready.commands.cache import content_key
    from dxready.engine.integrity import load as load_catalog

    read = [(root, named, _read(root)) for root, named in chunk]
    keys = {str(root): content_key(sorted(blobs.items())) for root, _, blobs in read if blobs is not None}
    hits = cache.get_many(list(keys.values())) if cache is not None else {}
    parsed = 0
    for root, named, blobs in read:
        shown = str(root)
        if blobs is None:
            if named or (root / "procedures.yaml").exists():
                result.broken.append(Broken(shown, _located(root)))
            continue
        key = keys[shown]
        hit = hits.get(key)
        if hit is not None:
            try:
                result.rows.append(Row.from_cache(hit, shown, key))
                result.cached += 1
                continue
            except ValueError:
                pass  # not a row this version wrote: recompute
        parsed += 1
        try:
            row = summarise(fast_catalog(root, blobs), shown)
        except (_Invalid, LoadError):
            try:
                row = summarise(load_catalog(root), shown)  # where exactly: positions, only now
            except LoadError as exc:
                result.broken.append(Broken(shown, exc.problems, exc.more))
                continue
        result.rows.append(row)
        if cache is not None:
            cache.put(key, row.to_cache(key))
    return parsed


def _located(root: Path) -> list[Problem]:
    from dxready.engine.integrity import load as load_catalog

    try:
        load_catalog(root)
    except LoadError as exc:
        return exc.problems
    return [
        Problem(
            UNREADABLE,
            Location(str(root)),
            Msg("カタログ（procedures.yaml）がありません", "no catalogue here (procedures.yaml)"),
        )
    ]


def run_compare(
    directories: list[Path],
    *,
    as_of: dt.date,
    use_cache: bool,
    progress: Callable[[int, int], None] | None = None,
) -> Comparison:
    """Compare the catalogues: the rows, and the catalogues that could not be read (see ``exit_code``).

    ``progress(done, total)`` is called after each chunk when given (the command line draws a bar with it).
    """
    comparison = load_rows(directories, use_cache=use_cache, progress=progress)
    comparison.as_of = as_of
    return comparison
