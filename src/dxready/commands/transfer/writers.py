"""The workbook as bytes and files: xlsx (XlsxWriter) and CSV, every formula-looking cell neutralised."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from dxready.commands.transfer.sheets import Cell, Percent, Sheet, Workbook
from dxready.findings import Msg
from dxready.fsio import WriteError, cannot_create
from dxready.inert import oneline

if TYPE_CHECKING:
    pass


TRIGGERS = frozenset("=+-@\t\r＝＋－＠")
"""A cell starting with one of these may be read as a formula (OWASP; the full-width forms for Japanese IMEs)."""

BOM = "\ufeff"
MAX_WIDTH = 60
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")


# --------------------------------------------------------------------------------------------------- writers


def risky(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula."""
    return text[:1] in TRIGGERS


def xlsx_text(text: str) -> str:
    """A text for an xlsx cell: control characters (but tab and line feed) shown as ``\\xHH``, as the terminal
    output shows them — an xlsx reader could not tell them from text that looks like OOXML's own escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def csv_text(value: Cell) -> str:
    """A CSV cell: formula-looking text behind a ``'`` (a text's own leading ``'`` doubled, so import can undo it)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Percent):
        return f"{value * 100:.1f}%"
    if isinstance(value, float):
        return f"{value:.1f}"
    text = str(value)
    return "'" + text if risky(text) or text.startswith("'") else text


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: full-width, wide and (in Japanese fonts) ambiguous characters such as
    ○ × — count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "FWA" else 1 for ch in text)


def _widths(sheet: Sheet) -> list[int]:
    widths = [display_width(h) for h in sheet.headers]
    for row in sheet.rows:
        for i, value in enumerate(row):
            if value is None:
                continue
            text = value.isoformat() if isinstance(value, dt.date) else str(value)
            widest = max(display_width(line) for line in text.split("\n"))
            if widest > widths[i]:
                widths[i] = widest
    return [min(w + 2, MAX_WIDTH) for w in widths]


def csv_bytes(sheet: Sheet) -> bytes:
    """One sheet as CSV for Excel: UTF-8 with BOM, CRLF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([csv_text(h) for h in sheet.headers])
    writer.writerows([csv_text(v) for v in row] for row in sheet.rows)
    return (BOM + buf.getvalue()).encode("utf-8")


def xlsx_bytes(book: Workbook) -> bytes:
    """The workbook as xlsx: header row frozen and bold, widths fitted, marks centred, every text a string cell."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buf,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    center = wb.add_format({"align": "center"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    guarded = wb.add_format({"quote_prefix": True, "text_wrap": True, "valign": "top"})
    date = wb.add_format({"num_format": "yyyy-mm-dd", "align": "center"})
    rate = wb.add_format({"num_format": "0.0"})
    count = wb.add_format({"num_format": "#,##0"})
    percent = wb.add_format({"num_format": "0.0%"})
    for sheet in book.sheets:
        ws = wb.add_worksheet(sheet.name)
        ws.freeze_panes(1, 0)
        kinds = [c.kind for c in sheet.spec.columns]
        keys = [c.key for c in sheet.spec.columns]
        counted = {"total", "online"} | ({"value"} if sheet.spec.key == "summary" else set())
        for i, width in enumerate(_widths(sheet)):
            ws.set_column(i, i, width, center if kinds[i] == "mark" else None)
        for i, text in enumerate(sheet.headers):
            ws.write_string(0, i, text, head)
        for r, row in enumerate(sheet.rows, start=1):
            for i, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, bool):
                    ws.write_string(r, i, str(value).lower())
                elif isinstance(value, int):
                    ws.write_number(r, i, value, count if keys[i] in counted else None)
                elif isinstance(value, Percent):
                    ws.write_number(r, i, value, percent)
                elif isinstance(value, float):
                    ws.write_number(r, i, value, rate)
                elif isinstance(value, dt.date):
                    ws.write_datetime(r, i, dt.datetime(value.year, value.month, value.day), date)
                else:
                    text = xlsx_text(str(value))
                    if risky(text):
                        ws.write_string(r, i, text, guarded)
                    elif kinds[i] == "mark":
                        ws.write_string(r, i, text, center)
                    else:
                        ws.write_string(r, i, text, wrap if "\n" in text else None)
    wb.close()
    return buf.getvalue()


def _fail(where: Path, ja: str, en: str) -> WriteError:
    """The output cannot be written there: not a problem of the catalogue (exit 2, no DX code)."""
    shown = oneline(str(where))
    return WriteError(Msg(f"{shown} に書き込めません: {ja}", f"cannot write {shown}: {en}"))


def _write(path: Path, data: bytes) -> None:
    """Replace ``path`` atomically (fsio); a new file is first created empty, exclusively, and removed again if the
    write fails, so that no half-written workbook is ever left."""
    from dxready.fsio import atomic_write, cannot_write

    created = False
    if not path.exists() and not path.is_symlink():
        try:
            with path.open("xb"):
                created = True
        except OSError as exc:
            raise cannot_write(path, exc) from None
    try:
        atomic_write(path, data)
    except WriteError:
        if created:
            path.unlink(missing_ok=True)
        raise


def write(book: Workbook, out: Path, format: str) -> list[Path]:
    """Write ``book`` to ``out`` (an .xlsx file, or a directory of CSV files); each file replaced atomically."""
    if format == "xlsx":
        if out.is_dir():
            raise _fail(
                out,
                "ディレクトリです（.xlsx のファイル名を指定してください）",
                "is a directory (give an .xlsx file)",
            )
        if not out.parent.is_dir():
            raise _fail(out, f"ディレクトリがありません（{oneline(str(out.parent))}）", "no such directory")
        _write(out, xlsx_bytes(book))
        return [out]
    if out.exists() and not out.is_dir():
        raise _fail(
            out,
            "ディレクトリではありません（CSV はシートごとに1ファイルをディレクトリに書きます）",
            "is not a directory (CSV writes one file per sheet into a directory)",
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_create(out, exc) from None
    files = [(out / f"{sheet.name}.csv", csv_bytes(sheet)) for sheet in book.sheets]
    for path, _ in files:  # every sheet's place checked before any is replaced: all written, or none
        if path.is_dir() or (path.exists() and not path.is_file()):
            raise _fail(
                path,
                "ファイルではありません（この名前のディレクトリなどがあります）。何も書いていません",
                "is not a file (a directory or the like has this name); nothing was written",
            )
        if (
            path.is_symlink() or path.exists()
        ):  # a dangling link, a read-only file: what the write would refuse
            from dxready.fsio import writable_target

            try:
                writable_target(path)
            except WriteError as exc:
                said = exc.message
                raise WriteError(
                    Msg(f"{said.ja}（何も書いていません）", f"{said.en} (nothing was written)")
                ) from None
    for path, data in files:
        _write(path, data)
    return [path for path, _ in files]
