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
import gc
import os
from collections.abc import Callable, Iterator
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
from dxready.commands.compare_rows import (  # the rows live there; their names stay importable from here
    MISSING,
    SCHEMA_VERSION,
    STANDARD_NOS,
    Broken,
    Column,
    Comparison,
    Row,
    rate,
    row_order,
    summarise,
)
from dxready.findings import Location, Msg

__all__ = [
    "MISSING",
    "SCHEMA_VERSION",
    "STANDARD_NOS",
    "Broken",
    "Column",
    "Comparison",
    "Row",
    "load_rows",
    "rate",
    "row_order",
    "run_compare",
    "summarise",
]
_FILE_NAMES = (*FILES, SETTINGS)


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
