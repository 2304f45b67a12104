"""``dxready compare``: a municipality × standard-procedure matrix over many catalogues, with rates and levels.

Built for the national set (1,741 catalogues). What dominates is YAML parsing: catalogues are composed here by the
loader's own composer (:mod:`dxready.catalog.yaml`, values straight from the C parser's events) without recording
positions, and validated by the same models and load rules. Only when that finds
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

from dxready.catalog.load import FILES, SETTINGS, UNREADABLE, LoadError, Problem, reset_scalar_memo
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


def fast_values(data: bytes, shown: str) -> Any:
    """Bytes → plain values without positions; accepts only what :func:`dxready.catalog.load.parse` accepts, alike."""
    from dxready.catalog import limits
    from dxready.catalog.load import decode
    from dxready.catalog.yaml import YamlProblem, compose, syntax_errors

    text = decode(data, shown)
    if "%YAML" in text:  # a directive: the loader decides (it refuses all but 1.2)
        raise _Invalid
    try:  # depth and the number of values are limited by the composer itself
        value, _, _ = compose(text, positions=False, budget=min(len(text), limits.MAX_NODES) + 10_000)
    except (YamlProblem, *syntax_errors(), RecursionError, ValueError, OverflowError):
        raise _Invalid from None
    return value


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
    result.count_once()  # one municipality, one row: a second catalogue with the same code is set aside
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
