"""What an edit makes ``dxready check`` say: the errors and warnings on the edited subjects that it did not report
before (``set 9 --status ×`` on a row with online counts → DX012).

``set`` validates the schema and the references before it writes, not the rules, so a city would otherwise find out
in CI. Every rule over a 30,000-procedure catalogue, before and after, would double ``set``'s time; the rules run
instead over the edited subjects only: the catalogue cut down to the edited procedures (with every system, the
roadmap, the header and the settings, unchanged), before and after the edit. Findings are compared by code, subject
and place (a procedure's place by its id, not its position), so that a finding already there is never reported as
new because its wording changed. The findings reported carry their place in the whole file.

A rule that weighs several procedures together (a life event's bundle, DX203; a system holding many back, DX304) sees
only the edited ones here; those rules report information, so this affects nothing shown unless the settings raise
them to warnings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Collection

from dxready.catalog.load import Catalog
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Path, Subject

SHOWN = (Severity.error, Severity.warning)


def new_findings(
    before: Catalog,
    after: Catalog,
    procedures: Collection[str] = (),
    also: Callable[[Subject], bool] | None = None,
    as_of: dt.date | None = None,
) -> tuple[Finding, ...]:
    """Errors and warnings that ``check`` reports on the procedures ``procedures`` (ids; a group for its
    sub-procedures) or on a subject ``also`` accepts, in ``after`` and not in ``before``; sorted as check sorts."""
    from dxready.engine.run import run

    ids = frozenset(procedures)
    when = as_of or dt.date.today()

    def keep(f: Finding) -> bool:
        return (f.subject.kind == "procedure" and f.subject.id in ids) or (
            also is not None and also(f.subject)
        )

    small_before, _ = _only(before, ids)
    small_after, positions = _only(after, ids)
    old = {_key(f, small_before) for f in run(small_before, when).findings if keep(f)}
    found = [
        _placed(f, positions, after)
        for f in run(small_after, when).findings
        if keep(f) and f.severity in SHOWN and _key(f, small_after) not in old
    ]
    return tuple(sorted(found, key=Finding.sort_key))


def _only(catalog: Catalog, ids: frozenset[str]) -> tuple[Catalog, list[int]]:
    """The catalogue with only the procedures ``ids`` (in file order), and their positions in the whole file."""
    kept = [(i, p) for i, p in enumerate(catalog.procedures_file.procedures) if p.id in ids]
    model = catalog.procedures_file.model_copy(update={"procedures": [p for _, p in kept]})
    return dataclasses.replace(catalog, procedures_file=model, _by_id=None), [i for i, _ in kept]


def _key(f: Finding, small: Catalog) -> tuple[object, ...]:
    path: Path = f.path
    if f.file == "procedures" and len(path) > 1 and path[0] == "procedures" and isinstance(path[1], int):
        path = ("procedures", small.procedures_file.procedures[path[1]].id, *path[2:])
    return (f.code, f.subject, f.file, path)


def _placed(f: Finding, positions: list[int], whole: Catalog) -> Finding:
    """``f`` with its path and location in the whole file (it was found in the cut-down catalogue)."""
    path = f.path
    if not (
        f.file == "procedures" and len(path) > 1 and path[0] == "procedures" and isinstance(path[1], int)
    ):
        return f  # the header, systems.yaml, roadmap.yaml, the settings: the same source map, the same places
    path = ("procedures", positions[path[1]], *path[2:])
    return f.with_(path=path, location=whole.locate(f.file, path))
