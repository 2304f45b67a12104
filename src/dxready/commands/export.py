"""``dxready export``: the catalogue as a workbook (xlsx) or as one CSV file per sheet, for the DX office's Excel.

Sheets: 手続 (the plan's table — No., 手続の種類, オンライン化, 備考 — then channels, level, latest usage, verified date,
source and the id), 個別手続, 件数 (one row per count entry), システム, 工程表, 概況 (the summary, with coverage and
bounds where statuses are unknown) and 基本情報 (the header, facts and roadmap areas, one row per field). Every other
field of the models is in the last columns of its sheet (commands/transfer/fields.py), so that ``dxready import``
(commands/import_.py) into a fresh ``init`` reproduces the catalogue exactly; only 概況 is computed.

Every cell that a spreadsheet could read as a formula (OWASP CSV injection: ``= + - @``, tab, CR, and their
full-width forms) is neutralised: in CSV by a leading ``'`` (and a leading ``'`` of the text itself is doubled, so that
import can undo it exactly); in xlsx the cell is a string cell carrying Excel's own quote-prefix attribute, which is what
Excel stores when a user types ``'=…``: the text is kept exactly and is never evaluated, not even after editing.

The xlsx writer is XlsxWriter (write-only, streaming, about three times faster than openpyxl's write-only mode on
10,000 rows; see benchmarks/bench_io.py); both libraries are imported only by the commands that use them.

This module is the command; the sheets, their rows and the writers are in ``commands/transfer/`` (``sheets``,
``rows``, ``writers``), re-exported here; the 手続 and 概況 sheets, which word levels, usage and rates, are built by
``render/workbook.py``, which the CLI passes in.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dxready.catalog.load import LoadError, Problem
from dxready.commands.transfer.rows import channel_text, count_fields
from dxready.commands.transfer.sheets import (
    COUNTS,
    PROCEDURES,
    ROADMAP,
    SHEETS,
    SUB_PROCEDURES,
    SUMMARY,
    SYSTEMS,
    Column,
    Sheet,
    SheetSpec,
    Workbook,
)
from dxready.commands.transfer.writers import (
    csv_bytes,
    csv_text,
    display_width,
    risky,
    write,
    xlsx_bytes,
    xlsx_text,
)
from dxready.findings import Location, Msg

if TYPE_CHECKING:
    from dxready.engine.run import Report

__all__ = [
    "COUNTS",
    "PROCEDURES",
    "ROADMAP",
    "SHEETS",
    "SUB_PROCEDURES",
    "SUMMARY",
    "SYSTEMS",
    "Column",
    "ExportResult",
    "Sheet",
    "SheetSpec",
    "Workbook",
    "channel_text",
    "count_fields",
    "csv_bytes",
    "csv_text",
    "display_width",
    "risky",
    "run_export",
    "write",
    "xlsx_bytes",
    "xlsx_text",
]


def _fail(where: str, ja: str, en: str) -> LoadError:
    return LoadError([Problem("DX001", Location(where), Msg(ja, en))])


@dataclass(frozen=True)
class ExportResult:
    """What ``export`` wrote: the files, and the rows of each sheet."""

    catalog: str
    format: str
    files: tuple[str, ...]
    sheets: tuple[tuple[str, int], ...]


def _check_output(out: Path, format: str) -> None:
    """``-o`` whose ending says another format (``-o y.csv`` with xlsx; ``-o y.xlsx`` with csv): a UsageError."""
    from dxready.errors import UsageError
    from dxready.fsio import suffix_clash

    clash = suffix_clash(out, format)
    if clash is None:
        return
    if format == "xlsx":
        hint_ja = (
            "CSV なら -f csv と書き出し先のディレクトリを"
            if clash == "CSV"
            else "xlsx なら .xlsx で終わる名前を"
        )
        hint_en = (
            "for CSV give -f csv and a directory" if clash == "CSV" else "for xlsx give a name ending .xlsx"
        )
        ja = f"{out.name} は {clash} の名前ですが、形式は xlsx です（{hint_ja}指定してください）"
        en = f"the name {out.name} says {clash}, but the format is xlsx ({hint_en})"
    else:
        ja = f"{out.name} は {clash} の名前ですが、CSV はシートごとのファイルをディレクトリに書き出します（ディレクトリ名を指定してください）"
        en = f"the name {out.name} says {clash}, but CSV writes one file a sheet into a directory (give a directory)"
    raise UsageError("--output", Msg(ja, en))


def run_export(
    *,
    catalog: str | os.PathLike[str] | None,
    as_of: dt.date,
    lang: str,
    format: str,
    out: Path,
    build: Callable[[Report, str], Workbook],
) -> ExportResult:
    """``dxready export``: evaluate the catalogue and write it; LoadError when it cannot be read or written.

    ``build`` words the evaluated catalogue as a workbook: ``render.workbook.build`` (a command does not import the
    renderers above it; the CLI hands it over)."""
    from dxready.catalog.load import load_catalog
    from dxready.engine.run import run

    if format not in ("xlsx", "csv"):
        raise _fail(
            "--format", f"形式 {format!r} は使えません（xlsx, csv）", f"no format {format!r}: xlsx or csv"
        )
    _check_output(out, format)
    report = run(load_catalog(catalog), as_of)
    book = build(report, lang)
    files = write(book, out, format)
    return ExportResult(
        catalog=report.catalog.label,
        format=format,
        files=tuple(str(f) for f in files),
        sheets=tuple((s.name, len(s.rows)) for s in book.sheets),
    )
