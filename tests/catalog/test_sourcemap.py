"""The source map stored as trees of packed positions (issue 14) locates exactly as the path-keyed dictionaries it
replaced did: the same value or key for every path, present or not, with and without ``key``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hypothesis import given, settings

from dxready.catalog.load import LoadError, parse
from dxready.catalog.sourcemap import SourceMap, pack, unpack
from dxready.findings import Location, Path
from tests.test_yaml import _catalogue_texts, documents


def _dict_locate(
    file: str,
    values: dict[Path, tuple[int, int]],
    keys: dict[Path, tuple[int, int]],
    path: Iterable[object],
    key: bool,
) -> Location:
    """SourceMap.locate as it was before issue 14 (over dictionaries by path)."""
    parts = tuple(p for p in path if isinstance(p, str | int))
    if not key and parts in values:
        line, col = values[parts]
        return Location(file, line, col)
    for n in range(len(parts), -1, -1):
        prefix = parts[:n]
        if key and prefix in keys:
            line, col = keys[prefix]
            return Location(file, line, col)
        if prefix in values:
            line, col = values[prefix]
            return Location(file, line, col)
    return Location(file, 1, 1)


def _probes(values: dict[Path, tuple[int, int]]) -> list[tuple[Any, ...]]:
    """Every recorded path, each cut short, each with a missing or odd last part, and a few that match nothing."""
    probes: list[tuple[Any, ...]] = [(), ("nope",), (0,), (-1,), (True,), (None, "x")]
    for path in values:
        probes += [path, path[:-1], (*path, "missing"), (*path, 99), (*path[:-1], 10_000), (*path, 0, "id")]
        probes.append(tuple(("x" if isinstance(p, int) else 0) for p in path))
    return probes


def _agrees(text: str) -> None:
    try:
        _, source = parse(text, "f.yaml")
    except LoadError:
        return
    values, keys = source.values, source.keys
    for path in _probes(values):
        for key in (False, True):
            assert source.locate(path, key=key) == _dict_locate("f.yaml", values, keys, path, key), (
                path,
                key,
            )


def test_locates_as_before_on_every_catalogue_here() -> None:
    for _, text in _catalogue_texts():
        _agrees(text)


@settings(max_examples=150, deadline=None)
@given(text=documents())
def test_locates_as_before_on_generated_documents(text: str) -> None:
    _agrees(text)


def test_big_mappings_are_indexed_and_empty_maps_locate_at_the_start() -> None:
    text = "".join(f"k{i}: {i}\n" for i in range(50)) + "1: one\n"
    _, source = parse(text, "f.yaml")
    assert source.locate(("k42",)) == Location("f.yaml", 43, 6)
    assert source.locate(("k42",), key=True) == Location("f.yaml", 43, 1)
    assert source.locate((1,)) == Location("f.yaml", 51, 4)
    assert source.locate(("1",)) == Location("f.yaml", 1, 1)  # the string "1" is not the integer key 1
    assert SourceMap("g.yaml").locate(("a", 1)) == Location("g.yaml", 1, 1)
    assert unpack(pack(123_456, 7_000_000)) == (123_457, 7_000_001)
