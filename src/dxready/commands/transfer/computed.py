"""Cells that export writes and import does not take: the 手続 sheet's computed columns (レベル, 利用率（最新年度）) and,
on export's own sheets (rows named by their ID), the columns that repeat another sheet's value (No., and the
procedure's name beside a sub-procedure or a count).

A cell that says something else than export writes for that row — for the catalogue as it is, or as the import
leaves it (a round trip into a fresh ``init`` brings the facts its levels come from) — is an edit the import does not make: it is
reported on the row (``RowFate.not_taken``), with where to record the fact instead, so that an officer's edit is never
dropped without a word. A blank cell, or one that still says what export wrote (in either language), says nothing.

What export writes is the workbook's own rows, built by render/workbook.py's ``build`` (passed in by the CLI, as to
export, so that this layer does not word levels and rates itself)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from dxready.commands.transfer.cells import cell_text
from dxready.commands.transfer.read import Value
from dxready.commands.transfer.results import RowFate, Said
from dxready.commands.transfer.tables import fold_header

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog
    from dxready.commands.transfer.sheets import Workbook
    from dxready.engine.run import Report

Build = Callable[["Report", str], "Workbook"]
Exported = dict[str, dict[str, dict[str, set[str]]]]
"""sheet kind → row target (``id``, ``id/sub-id``) → import's column key → what export writes there (folded)."""
Checked = tuple[int, str, dict[str, Value], dict[str, str]]
"""A row to check: its index among the import's fates, its sheet's kind, its cells by import's column key, and its
table's headers by the same keys, to name the cells as the workbook does."""

COMPUTED = {"procedures": {"level": "computed_level", "usage": "computed_usage"}}
"""Columns computed from the catalogue: never taken, whatever the row."""

REPEATED = {
    "procedures": {"no": "repeated_no"},
    "sub_procedures": {"no": "repeated_no", "name": "repeated_name"},
    "counts": {"no": "repeated_no", "name": "repeated_name"},
}
"""Columns that repeat another sheet's value: not taken when the row is named by its ID (else they name the row)."""

_IMPORT_KEY = {"sub_procedures": {"procedure_name": "name", "name": "sub_name"}}
"""export's column keys as import's header keys read them (個別手続's 手続の種類 is ``name``, 個別手続名 ``sub_name``)."""


def _fold(value: Any) -> str:
    return fold_header(cell_text(value) or "")


def exported_cells(build: Build, catalogs: tuple[Catalog, ...], as_of: dt.date) -> Exported:
    """What export writes for each of the catalogues in the columns above, in both languages."""
    from dxready.engine.run import run

    out: Exported = {kind: {} for kind in REPEATED}
    distinct = [c for i, c in enumerate(catalogs) if all(c is not d for d in catalogs[:i])]
    for report, lang in ((run(c, as_of), lang) for c in distinct for lang in ("ja", "en")):
        book = build(report, lang)
        for kind in REPEATED:
            spec_sheet = book.sheet(kind)
            rename = _IMPORT_KEY.get(kind, {})
            keys = [rename.get(c.key, c.key) for c in spec_sheet.spec.columns]
            wanted = {**COMPUTED.get(kind, {}), **REPEATED[kind]}
            for row in spec_sheet.rows:
                cells = dict(zip(keys, row, strict=False))
                target = _target(kind, cells)
                entry = out[kind].setdefault(target, {})
                for key in wanted:
                    entry.setdefault(key, set()).add(_fold(cells.get(key)))
    return out


def _target(kind: str, cells: dict[str, Any]) -> str:
    if kind == "procedures":
        return str(cells.get("id"))
    sub = cell_text(cells.get("sub_id"))
    return f"{cells.get('procedure_id')}/{sub}" if sub else str(cells.get("procedure_id"))


def mark_not_taken(fates: list[RowFate], checks: list[Checked], exported: Exported) -> None:
    """Each checked row's fate with the cells it edits that the import does not take (:func:`not_taken`)."""
    for at, kind, row, heads in checks:
        fates[at] = not_taken(kind, fates[at], row, exported, heads)


def book_language(kind: str, headers: Iterable[str]) -> str:
    """The language of the workbook a table comes from: "en" when its headers are export's English ones (Online,
    Procedure …), else "ja" (export's Japanese sheet, or a city's own table)."""
    from dxready.commands.transfer.sheets import COUNTS, PROCEDURES, SUB_PROCEDURES

    spec = {"procedures": PROCEDURES, "sub_procedures": SUB_PROCEDURES, "counts": COUNTS}.get(kind)
    if spec is None:
        return "ja"
    english = {fold_header(c.en) for c in spec.columns if fold_header(c.en) != fold_header(c.ja)}
    return "en" if any(fold_header(h) in english for h in headers) else "ja"


def _names(words: str, head: str, book: str) -> tuple[str, ...]:
    """The names a not-taken cell's words give, in the workbook's language ``book``: the cell's own header ``head``
    as the table has it, then the sheets and columns where the fact is recorded instead."""
    from dxready.commands.transfer.fields import PROCEDURE_FIELDS
    from dxready.commands.transfer.sheets import _MARK, COUNTS, PROCEDURES, SUB_PROCEDURES

    def column(spec: Any, key: str) -> str:
        return str(next(c.header(book) for c in spec.columns if c.key == key))

    if words == "computed_level":
        facts = {f.key: (f.en if book == "en" else f.ja) for f in PROCEDURE_FIELDS}
        return head, _MARK.header(book), facts["identity"], facts["fee"]
    if words == "computed_usage":
        counts = [column(COUNTS, key) for key in ("fiscal_year", "total", "online")]
        return head, COUNTS.name(book), *counts
    if words == "repeated_name":
        return PROCEDURES.name(book), SUB_PROCEDURES.name(book), column(PROCEDURES, "name")
    return (head,)


def not_taken(
    kind: str, fate: RowFate, row: dict[str, Value], exported: Exported, heads: dict[str, str] | None = None
) -> RowFate:
    """``fate`` with the cells of ``row`` that the import does not take (a row that changes nothing else is
    ``not_taken``); the fate itself when there are none, or when the row is refused or skipped anyway."""
    if fate.fate not in ("matched", "unchanged", "added"):
        return fate
    now = exported.get(kind, {}).get(fate.target, {})
    by_id = bool(cell_text(row.get("id")) or cell_text(row.get("procedure_id"))) and bool(now)
    checks = dict(COMPUTED.get(kind, {}))
    if by_id:
        checks.update(REPEATED.get(kind, {}))
    heads = heads or {}
    book = book_language(kind, heads.values())
    said = tuple(
        Said(words, _names(words, heads.get(key, key), book))
        for key, words in checks.items()
        if key in row and cell_text(row[key]) is not None and _fold(row[key]) not in now.get(key, set())
    )
    if not said:
        return fate
    return dataclasses.replace(
        fate, fate="not_taken" if fate.fate == "unchanged" else fate.fate, not_taken=said
    )
