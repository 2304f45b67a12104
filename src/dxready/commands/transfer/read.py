"""Reading a spreadsheet: xlsx (openpyxl, read-only), a CSV file or a directory of CSV files, as raw sheets.

Every bad file is one LoadError (exit 2): missing, .xls, a corrupt or oversized zip, too many rows, a formula cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dxready.catalog.load import LoadError, Problem
from dxready.findings import Location, Msg

if TYPE_CHECKING:
    pass


MAX_BYTES = 20 * 1024 * 1024
"""Largest file (or CSV directory) read."""
MAX_UNZIPPED = 200 * 1024 * 1024
"""Largest uncompressed size of an xlsx's parts: a zip bomb is refused before it is opened."""
MAX_ROWS = 200_000

Value = str | int | float | dt.date | None


@dataclass(frozen=True)
class RawSheet:
    name: str
    rows: list[tuple[int, list[Value]]]
    csv: bool = False
    file: str = ""
    """A CSV's file name (「city.csv」), which a message names where an xlsx's names its sheet."""


def load_error(where: str, ja: str, en: str, code: str = "DX001") -> LoadError:
    return LoadError([Problem(code, Location(where), Msg(ja, en))])


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (as spreadsheets name columns)."""
    out = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def read_source(path: Path) -> list[RawSheet]:
    """The sheets of an xlsx file, a CSV file, or a directory of CSV files; LoadError (exit 2) for a bad file."""
    if path.is_dir():
        files = sorted(path.glob("*.csv"))
        if not files:
            raise load_error(str(path), "CSV ファイルがありません", "no CSV files in this directory")
        if sum(f.stat().st_size for f in files) > MAX_BYTES:
            raise _too_large(str(path), sum(f.stat().st_size for f in files))
        return _export_order([_read_csv(f) for f in files])
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(512)  # the signature, and enough to tell text from binary
    except FileNotFoundError:
        raise load_error(str(path), "ファイルがありません", "file not found") from None
    except OSError as exc:
        from dxready.fsio import os_reason

        why = os_reason(exc)
        raise load_error(str(path), f"読めません: {why.ja}", f"cannot read: {why.en}") from None
    if size > MAX_BYTES:
        raise _too_large(str(path), size)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise load_error(
            str(path),
            "旧形式の Excel（.xls）は読めません。Excel で「名前を付けて保存」から .xlsx で保存し直してください",
            "old Excel format (.xls) is not supported; re-save it as .xlsx (File › Save As › Excel Workbook)",
        )
    if head.startswith(b"PK"):
        return _read_xlsx(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise _not_a_workbook(str(path), head, size)
    return [_read_csv(path)]


def _not_a_workbook(where: str, head: bytes, size: int) -> LoadError:
    """A file named .xlsx that is no Excel workbook (a workbook is a zip archive, starting ``PK``): say what it
    seems to be instead, and what to do."""
    if not size:
        seems = ("空のファイルです", "the file is empty")
    elif all(
        b >= 0x20 or b in b"\t\r\n" for b in head
    ):  # no control character: text (UTF-8 or Shift_JIS alike)
        seems = ("中身はテキストです（名前だけ .xlsx）", "it holds text (only its name says .xlsx)")
    else:
        seems = ("別の形式のファイルです", "it is a file of another kind")
    return load_error(
        where,
        f"Excel のブック（.xlsx）ではありません: {seems[0]}。Excel で開いて .xlsx で保存し直すか、"
        "CSV なら拡張子を .csv にしてください",
        f"not an Excel workbook (.xlsx): {seems[1]}; re-save it from Excel as .xlsx, or name a CSV file .csv",
    )


def _too_large(where: str, size: int) -> LoadError:
    return load_error(
        where,
        f"ファイルが大きすぎます（{size:,} バイト、上限 {MAX_BYTES:,} バイト）",
        f"file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})",
    )


def _export_order(sheets: list[RawSheet]) -> list[RawSheet]:
    from dxready.commands.transfer.sheets import SHEETS

    order = {name: i for i, spec in enumerate(SHEETS) for name in (spec.ja, spec.en)}
    return sorted(sheets, key=lambda s: order.get(s.name, len(order)))


def _read_csv(path: Path) -> RawSheet:
    data = path.read_bytes()
    shown = str(path)
    if b"\x00" in data:
        raise load_error(
            shown, "CSV として読めません（バイナリか UTF-16 です）", "not a CSV file (binary or UTF-16)"
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:  # Excel's "CSV" in a Japanese Windows is Shift_JIS (CP932)
            text = data.decode("cp932")
        except UnicodeDecodeError:
            raise load_error(
                shown,
                "文字コードを読めません（UTF-8 か Shift_JIS で保存してください）",
                "cannot decode the file (save it as UTF-8 or Shift_JIS)",
            ) from None
    rows: list[tuple[int, list[Value]]] = []
    try:
        for n, record in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            if n > MAX_ROWS:
                raise load_error(
                    shown, f"行が多すぎます（上限 {MAX_ROWS:,} 行）", f"too many rows (limit {MAX_ROWS:,})"
                )
            rows.append((n, [_csv_value(c) for c in record]))
    except csv.Error as exc:
        raise load_error(shown, f"CSV として読めません: {exc}", f"not a readable CSV file: {exc}") from None
    return RawSheet(path.stem, rows, csv=True, file=path.name)


def _csv_value(cell: str) -> Value:
    if cell == "":
        return None
    # A leading apostrophe is how Excel (and export) keeps a formula-looking text a text; it is not part of it.
    return cell[1:] if cell.startswith("'") else cell


def _read_xlsx(path: Path) -> list[RawSheet]:
    shown = str(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            unzipped = sum(i.file_size for i in infos)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise load_error(
            shown,
            "xlsx ファイルとして読めません（壊れた zip です）",
            "not a readable xlsx file (corrupt zip)",
        ) from None
    if unzipped > MAX_UNZIPPED:
        raise load_error(
            shown,
            f"展開後のサイズが大きすぎます（{unzipped:,} バイト、上限 {MAX_UNZIPPED:,}）",
            f"the workbook expands to too much data ({unzipped:,} bytes; the limit is {MAX_UNZIPPED:,})",
        )
    if "xl/workbook.xml" not in names:
        raise load_error(
            shown, "Excel のブック（xlsx）ではありません", "not an Excel workbook (no xl/workbook.xml)"
        )
    import openpyxl

    sheets: list[RawSheet] = []
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
        try:
            for ws in book.worksheets:
                sheets.append(RawSheet(ws.title, list(_xlsx_rows(ws, shown))))
        finally:
            book.close()
    except LoadError:
        raise
    except (
        Exception
    ) as exc:  # openpyxl raises many kinds on a malformed part: all mean "cannot read this file"
        raise load_error(
            shown,
            f"xlsx ファイルとして読めません（壊れています: {type(exc).__name__}）",
            f"not a readable xlsx file ({exc})",
        ) from None
    return sheets


def _xlsx_rows(ws: Any, shown: str) -> Iterator[tuple[int, list[Value]]]:
    for n, cells in enumerate(ws.iter_rows(), start=1):
        if n > MAX_ROWS:
            raise load_error(
                f"{shown}:{ws.title}",
                f"行が多すぎます（上限 {MAX_ROWS:,} 行）",
                f"too many rows (limit {MAX_ROWS:,})",
            )
        values: list[Value] = []
        for i, cell in enumerate(cells):
            value = cell.value
            if cell.data_type == "f" or (
                isinstance(value, str) and cell.data_type != "s" and value.startswith("=")
            ):
                where = f"{ws.title}!{column_letter(i)}{n}"
                raise load_error(
                    f"{shown}:{where}",
                    f"数式のセルがあります（{where}）。数式は読み込みません。「値の貼り付け」で値にしてから保存し直してください",
                    f"cell {where} holds a formula; formulas are not imported: paste it as values and save again",
                )
            if isinstance(value, dt.datetime):
                value = value.date()
            elif isinstance(value, bool):
                value = str(value).lower()
            elif isinstance(value, int | float) and "%" in (getattr(cell, "number_format", "") or ""):
                value = float(value) * 100.0
            elif value is not None and not isinstance(value, str | int | float | dt.date):
                value = str(value)
            values.append(value)
        while values and values[-1] is None:
            values.pop()
        yield n, values
