"""Sheets → rows → the plan: each sheet's table found, each row handed to the planner or refused, export's
read-only sheets (システム, 工程表) compared with the catalogue."""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from dxready.commands.transfer.cells import CellError, cell_text
from dxready.commands.transfer.plan import Planner
from dxready.commands.transfer.plan_counts import counts_row
from dxready.commands.transfer.read import RawSheet, Value, column_letter
from dxready.commands.transfer.results import RowFate, Said, SheetNote
from dxready.commands.transfer.tables import Table, find_table

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog


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


def plan_sheets(planner: Planner, sheets: list[RawSheet], catalog: Catalog, lang: str) -> None:
    from dxready.commands.transfer.sheets import ROADMAP, SYSTEMS

    computed: dict[str, dict[str, list[Any]]] = {}
    for sheet in sheets:
        table = find_table(sheet)
        if table is None:
            planner.notes.append(SheetNote(sheet.name, Said("no_table")))
            continue
        if table.kind == "summary":
            planner.notes.append(SheetNote(sheet.name, Said("computed")))
            continue
        if table.kind in ("systems", "roadmap"):
            if not computed:
                computed = _export_rows(catalog)
            spec = SYSTEMS if table.kind == "systems" else ROADMAP
            planner.fates += _check_readonly(sheet, table, computed[table.kind], spec.ja)
            continue
        handlers: dict[str, Callable[[str, int, dict[str, Value]], RowFate]] = {
            "procedures": planner.procedure_row,
            "sub_procedures": planner.sub_row,
            "counts": functools.partial(counts_row, planner),
        }
        handler = handlers[table.kind]
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
            except CellError as exc:
                planner.fates.append(_refusal(sheet.name, n, table, exc, name))


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


def _export_rows(catalog: Catalog) -> dict[str, dict[str, list[Any]]]:
    """export's システム and 工程表 rows of the catalogue, by id, in both languages."""
    from dxready.commands.transfer.rows import roadmap_rows, system_rows
    from dxready.engine.run import Report

    report = Report(catalog=catalog, as_of=dt.date.today(), findings=(), waived=())
    out: dict[str, dict[str, list[Any]]] = {"systems": {}, "roadmap": {}}
    for lang in ("ja", "en"):
        for row in system_rows(report, lang):
            out["systems"].setdefault(str(row[0]), []).append(row)
        for row in roadmap_rows(report, lang):
            out["roadmap"].setdefault(str(row[0]), []).append(row)
    return out


def _same(a: Any, b: Value) -> bool:
    if a is None or a == "":
        return b is None or b == ""
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    return cell_text(b) == cell_text(a)


def _check_readonly(sheet: RawSheet, table: Table, expected: dict[str, list[Any]], ja: str) -> list[RowFate]:
    """export's システム / 工程表 rows: unchanged when they still say what the catalogue says, else skipped (with
    the first differing column): systems and the roadmap are edited with ``set``, not imported."""
    fates = []
    for n, values in sheet.rows:
        if n <= table.header_row or _blank(values):
            continue
        ident = cell_text(values[0]) or ""
        name = (cell_text(values[1]) or "") if len(values) > 1 else ""
        padded = values + [None] * (len(table.headers) - len(values))
        firsts = [
            next((i for i, v in enumerate(row) if not _same(v, padded[i])), None)
            for row in expected.get(ident, [])
        ]
        if None in firsts:
            fates.append(RowFate(sheet.name, n, "unchanged", ident, name))
            continue
        col = max((i for i in firsts if i is not None), default=0)
        fates.append(
            RowFate(
                sheet.name,
                n,
                "skipped",
                ident,
                name,
                column=column_letter(col),
                header=table.headers[col],
                reason=Said(
                    "readonly_differs" if ident in expected else "readonly_unknown", (ja, sheet.name)
                ),
            )
        )
    return fates
