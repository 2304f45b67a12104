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


def standard_subject(no: int) -> Subject:
    """The subject of a finding about the standard procedure No. ``no`` as such (no row for it): ``standard-07``."""
    return Subject("catalog", f"standard-{no:02d}")  # 01–21: listed in number order


def finding_subjects(catalog: Catalog) -> set[Subject]:
    """Every subject a rule's finding can have, but DX011's own (``settings``): the municipality's code, facts,
    procedures (a sub-procedure's findings carry its group's id), systems, roadmap areas and items, the standardised
    businesses and the 21 standard procedures. A waiver covers a finding when it names ``waiver_key`` of its subject;
    tests/test_waiver_subjects.py runs every rule to keep this list and the rules in step."""
    from dxready.catalog.registry import STANDARD_BUSINESSES, STANDARD_PROCEDURES

    pf = catalog.procedures_file
    found = {Subject("catalog", pf.municipality.code)}
    found.update(Subject("catalog", f.id) for f in pf.facts)
    found.update(Subject("catalog", b) for b in STANDARD_BUSINESSES)
    found.update(standard_subject(e.no) for e in STANDARD_PROCEDURES)
    found.update(Subject("procedure", p.id) for p in catalog.procedures)
    found.update(Subject("system", s.id) for s in catalog.systems)
    found.update(Subject("catalog", f"area-{a.no}") for a in catalog.roadmap_file.areas)
    found.update(Subject("roadmap", r.id) for r in catalog.roadmap)
    return found


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
