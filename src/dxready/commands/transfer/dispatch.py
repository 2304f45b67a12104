"""Sheets → rows → the plan: each sheet's table found, each row handed to the planner or refused; export's
システム and 工程表 rows go to ``entities`` (commands/transfer/entities.py)."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from dxready.commands.transfer.cells import CellError, cell_text
from dxready.commands.transfer.computed import Checked
from dxready.commands.transfer.kept import Present
from dxready.commands.transfer.plan import Planner
from dxready.commands.transfer.plan_counts import counts_row
from dxready.commands.transfer.read import RawSheet, Value, column_letter
from dxready.commands.transfer.results import RowFate, Said, SheetNote
from dxready.commands.transfer.tables import Table, find_table

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog
    from dxready.commands.transfer.entities import EntityPlan


# --------------------------------------------------------------------------------------------------- sheets → plan


def _row_dict(table: Table, values: list[Value]) -> dict[str, Value]:
    return {key: (values[i] if i < len(values) else None) for key, i in table.columns.items()}


def _blank(values: list[Value]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _refusal(sheet: str, n: int, table: Table, exc: CellError, name: str = "") -> RowFate:
    column = table.columns.get(exc.key)
    return RowFate(
        sheet,
        n,
        "refused",
        name=name,
        column=column_letter(column) if column is not None else "",
        header=table.headers[column] if column is not None else "",
        reason=exc.msg,
    )


def plan_sheets(
    planner: Planner,
    sheets: list[RawSheet],
    catalog: Catalog,
    lang: str,
    entities: EntityPlan | None = None,
) -> list[Checked]:
    """Each sheet's rows into ``planner`` (procedures, sub-procedures, counts) or ``entities`` (systems, roadmap).
    An entry that a sheet in export's own form lacks is kept and said (commands/transfer/kept.py). Returns the rows whose cells export computes or repeats, for ``computed.not_taken`` once the catalogue after the
    import is known (commands/transfer/computed.py)."""
    from dxready.commands.transfer.entities import EntityPlan, exported_rows, plan_sheet

    plan = entities if entities is not None else EntityPlan()
    plan.extras = planner.extras  # one set of remaining fields for the three files
    computed: dict[str, dict[str, list[Any]]] = {}
    checks: list[Checked] = []
    present = Present()
    for sheet in sheets:
        table = find_table(sheet)
        if table is None:
            planner.notes.append(SheetNote(sheet.name, Said("no_table")))
            continue
        if table.kind == "summary":
            planner.notes.append(SheetNote(sheet.name, Said("computed")))
            continue
        if table.kind == "header":
            from dxready.commands.transfer.plan_fields import header_sheet

            planner.fates += header_sheet(planner.extras, sheet.name, sheet.rows, table.header_row, catalog)
            continue
        # which entries export's own sheets still hold (kept.py)
        present.add(sheet.name, table, [_row_dict(table, v) for n, v in sheet.rows if n > table.header_row])
        if table.kind in ("systems", "roadmap"):
            if not computed:
                computed = exported_rows(catalog)
            kind = "system" if table.kind == "systems" else "roadmap"
            planner.fates += plan_sheet(plan, kind, sheet.name, sheet.rows, table, catalog, computed)
            continue
        handlers: dict[str, Callable[[str, int, dict[str, Value]], RowFate]] = {
            "procedures": planner.procedure_row,
            "sub_procedures": planner.sub_row,
            "counts": functools.partial(counts_row, planner),
        }
        handler = handlers[table.kind]
        if sheet.csv:
            planner.files[sheet.name] = sheet.file
        planner.mark_cells[sheet.name] = {  # where a group's cells are, should one be refused after all rows
            key: (column_letter(at), table.headers[at])
            for key, at in table.columns.items()
            if key in ("mark", "recorded")
        }
        for n, values in sheet.rows:
            if n <= table.header_row or _blank(values):
                continue
            row = _row_dict(table, values)
            name = cell_text(row.get("sub_name")) or cell_text(row.get("name")) or ""
            if table.kind == "procedures" and _note_row(row):
                planner.fates.append(
                    RowFate(
                        sheet.name,
                        n,
                        "skipped",
                        name=name,
                        reason=Said("note_row"),
                    )
                )
                continue
            try:
                planner.fates.append(handler(sheet.name, n, row))
                heads = {key: table.headers[at] for key, at in table.columns.items()}
                checks.append((len(planner.fates) - 1, table.kind, row, heads))
            except CellError as exc:
                planner.fates.append(_refusal(sheet.name, n, table, exc, name))
    planner.notes += present.notes(catalog)  # what those sheets lack is kept, and said
    return checks


def _note_row(row: dict[str, Value]) -> bool:
    """A footnote under the table (※…, 注…), or a row whose No. cell holds text, not a number."""
    name = cell_text(row.get("name")) or ""
    no = row.get("no")
    if name.startswith(("※", "注", "*")):
        return True
    return (
        isinstance(no, str)
        and bool(no.strip())
        and not unicodedata.normalize("NFKC", no).strip().rstrip(".").isdigit()
    )
