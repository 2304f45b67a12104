"""Walk every text value of a loaded catalogue with its file, path and subject."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import TYPE_CHECKING

from pydantic import BaseModel

from dxready.findings import Subject

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog


def _texts(value: object, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, item in value.__dict__.items():
            if isinstance(item, Enum) or item is None or isinstance(item, int | float | bool):
                continue
            if isinstance(item, str):
                yield (*path, name), item
            else:
                yield from _texts(item, (*path, name))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _texts(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))


def iter_texts(
    catalog: Catalog, files: frozenset[str] = frozenset({"procedures", "systems", "roadmap"})
) -> Iterator[tuple[str, tuple[str | int, ...], str, Subject]]:
    """(file, path, text, subject) for every string in the catalogue files named in ``files``."""
    pf = catalog.procedures_file
    if "procedures" in files:
        code = pf.municipality.code
        for path, text in _texts(pf.municipality, ("municipality",)):
            yield "procedures", path, text, Subject("catalog", code)
        for i, fact in enumerate(pf.facts):
            for path, text in _texts(fact, ("facts", i)):
                yield "procedures", path, text, Subject("catalog", fact.id)
        for i, p in enumerate(pf.procedures):
            for path, text in _texts(p, ("procedures", i)):
                yield "procedures", path, text, Subject("procedure", p.id)
    if "systems" in files:
        for i, s in enumerate(catalog.systems):
            for path, text in _texts(s, ("systems", i)):
                yield "systems", path, text, Subject("system", s.id)
    if "roadmap" in files:
        for i, a in enumerate(catalog.roadmap_file.areas):
            for path, text in _texts(a, ("areas", i)):
                yield "roadmap", path, text, Subject("catalog", f"area-{a.no}")
        for i, r in enumerate(catalog.roadmap):
            for path, text in _texts(r, ("roadmap", i)):
                yield "roadmap", path, text, Subject("roadmap", r.id)
