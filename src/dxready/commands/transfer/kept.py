"""Entries that export's own sheets no longer hold: kept, and said.

Import never deletes: a city's table that lists part of its procedures is normal. But a sheet in export's own form
(its ID column: 手続, 個別手続, 件数, システム, 工程表) that lacks an entry the catalogue holds was most likely edited by
deleting the row, so the import says that the entry is kept and how to remove it (``Said("kept", …)``, worded by
render/transfer.py). A sheet that is not in the workbook at all says nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dxready.commands.transfer.cells import cell_text
from dxready.commands.transfer.read import Value
from dxready.commands.transfer.results import Said, SheetNote

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog
    from dxready.commands.transfer.tables import Table

Key = tuple[str, str | None, int | None]
"""An entry: (procedure, system or roadmap id; sub-procedure id; a count's fiscal year)."""

_ID_COLUMN = {
    "procedures": "id",
    "sub_procedures": "sub_id",
    "counts": "procedure_id",
    "systems": "id",
    "roadmap": "id",
}
"""The column that makes a sheet export's own form (import's header keys)."""

SAMPLE = 3
"""How many of the kept entries a note names."""


@dataclass
class Present:
    """The entries each export-form sheet holds, by kind, and the first sheet of each kind (where the note goes)."""

    keys: dict[str, set[Key]] = field(default_factory=dict)
    sheets: dict[str, str] = field(default_factory=dict)

    def add(self, sheet: str, table: Table, rows: list[dict[str, Value]]) -> None:
        """One sheet's table and its rows (a sheet of export's form with no row left lacks every entry)."""
        kind = table.kind
        if _ID_COLUMN.get(kind) not in table.columns:
            return
        self.sheets.setdefault(kind, sheet)
        keys = self.keys.setdefault(kind, set())
        keys.update(k for k in (_key(kind, row) for row in rows) if k is not None)

    def notes(self, catalog: Catalog) -> list[SheetNote]:
        """One note per export-form sheet that lacks entries the catalogue holds."""
        notes = []
        for kind, sheet in self.sheets.items():
            missing = [k for k in held(catalog, kind) if k not in self.keys.get(kind, set())]
            if missing:
                notes.append(SheetNote(sheet, Said("kept", (kind, len(missing), tuple(missing[:SAMPLE])))))
        return notes


def _key(kind: str, row: dict[str, Value]) -> Key | None:
    if kind in ("procedures", "systems", "roadmap"):
        ident = cell_text(row.get("id"))
        return None if ident is None else (ident, None, None)
    procedure, sub = cell_text(row.get("procedure_id")), cell_text(row.get("sub_id"))
    if procedure is None:
        return None
    if kind == "sub_procedures":
        return None if sub is None else (procedure, sub, None)
    from dxready.catalog.fiscal import FiscalYear, FiscalYearError

    try:
        year = FiscalYear.parse(cell_text(row.get("fiscal_year")) or "")
    except FiscalYearError:
        return None
    return procedure, sub, int(year)


def held(catalog: Catalog, kind: str) -> list[Key]:
    """The entries of ``kind`` the catalogue holds, in its order."""
    if kind == "systems":
        return [(s.id, None, None) for s in catalog.systems]
    if kind == "roadmap":
        return [(r.id, None, None) for r in catalog.roadmap]
    if kind == "procedures":
        return [(p.id, None, None) for p in catalog.procedures]
    if kind == "sub_procedures":
        return [(p.id, s.id, None) for p in catalog.procedures for s in p.sub_procedures]
    out: list[Key] = []
    for p in catalog.procedures:
        out += [(p.id, None, int(c.fiscal_year)) for c in p.counts]
        out += [
            (p.id, s.id, int(c.fiscal_year))
            for s in p.sub_procedures
            for c in (getattr(s, "counts", None) or ())
        ]
    return out
