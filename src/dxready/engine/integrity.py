"""The catalogue as commands use it: loaded, then checked by the integrity rules that make it unusable.

The loader only reads, parses and validates each file; rules that look across files (``LOAD_RULES``: duplicate ids,
unknown references) run here, in the engine, like every other rule. Their findings are fatal: they become located
load problems (exit 2), as the loader's own are.
"""

from __future__ import annotations

import datetime as dt
import os

from dxready.catalog.load import Catalog, LoadError, Problem, load_catalog


def problems(catalog: Catalog) -> list[Problem]:
    """The integrity rules' findings as located problems, in file order (none: the catalogue is usable)."""
    from dxready.rules import LOAD_RULES
    from dxready.rules.base import Context

    ctx = Context(as_of=dt.date.today())
    found = [
        Problem(f.code, catalog.locate(f.file, f.path, key=f.data.get("key") is True), f.message)
        for rule in LOAD_RULES
        for f in rule.check(catalog, ctx)
    ]
    return sorted(found, key=lambda p: (p.location.file, p.location.line, p.location.column))


def checked(catalog: Catalog) -> Catalog:
    """``catalog`` itself, or LoadError with the integrity rules' findings."""
    found = problems(catalog)
    if found:
        raise LoadError(found)
    return catalog


def load(catalog: str | os.PathLike[str] | None = None, *, embedded: bool = False) -> Catalog:
    """Resolve, read, parse, validate and check a catalogue directory (``embedded``: the shipped one); every problem
    is a LoadError (exit 2)."""
    return checked(load_catalog(catalog, embedded=embedded))
