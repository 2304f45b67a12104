"""``dxready export``: the catalogue as a workbook (xlsx) or as one CSV file per sheet, for the DX office's Excel.

Sheets: 手続 (the plan's table — No., 手続の種類, オンライン化, 備考 — then channels, level, latest usage, verified date,
source and the id), 個別手続, 件数 (one row per count entry), システム, 工程表 and 概況 (the summary, with coverage and
bounds where statuses are unknown). ``dxready import`` reads the first three back (commands/import_.py).

Every cell that a spreadsheet could read as a formula (OWASP CSV injection: ``= + - @``, tab, CR, and their
full-width forms) is neutralised: in CSV by a leading ``'`` (and a leading ``'`` of the text itself is doubled, so that
import can undo it exactly); in xlsx the cell is a string cell carrying Excel's own quote-prefix attribute, which is what
Excel stores when a user types ``'=…``: the text is kept exactly and is never evaluated, not even after editing.

The xlsx writer is XlsxWriter (write-only, streaming, about three times faster than openpyxl's write-only mode on
10,000 rows; see benchmarks/bench_io.py); both libraries are imported only by the commands that use them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dxready.catalog.load import LoadError, Problem
from dxready.findings import Location, Msg
from dxready.i18n import t as _t

if TYPE_CHECKING:
    from dxready.catalog.models import Channel, Counts, Procedure
    from dxready.engine.run import Report

Cell = str | int | float | dt.date | None

TRIGGERS = frozenset("=+-@\t\r＝＋－＠")
"""A cell starting with one of these may be read as a formula (OWASP; the full-width forms for Japanese IMEs)."""

BOM = "\ufeff"
MAX_WIDTH = 60
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
"""Control characters other than tab and line feed: OOXML stores them as _xHHHH_, which readers undo unevenly."""


@dataclass(frozen=True)
class Column:
    key: str
    ja: str
    en: str
    kind: str = "text"  # text | mark | int | float | date

    def header(self, lang: str) -> str:
        return _t(lang, self.ja, self.en)


@dataclass(frozen=True)
class SheetSpec:
    key: str
    ja: str
    en: str
    columns: tuple[Column, ...]

    def name(self, lang: str) -> str:
        return _t(lang, self.ja, self.en)


_ID = Column("id", "ID", "ID")
_NO = Column("no", "No.", "No.", "int")
_MARK = Column("mark", "オンライン化", "Online", "mark")
_NOTE = Column("note", "備考", "Note")
_CHANNELS = Column("channels", "チャネル", "Channels")
_SOURCE = Column("source", "出典", "Source")

PROCEDURES = SheetSpec(
    "procedures",
    "手続",
    "Procedures",
    (
        _NO,
        Column("name", "手続の種類", "Procedure"),
        _MARK,
        _NOTE,
        _CHANNELS,
        Column("level", "レベル", "Level"),
        Column("usage", "利用率（最新年度）", "Usage (latest year)"),
        Column("verified_on", "確認日", "Verified on", "date"),
        _SOURCE,
        _ID,
    ),
)
SUB_PROCEDURES = SheetSpec(
    "sub_procedures",
    "個別手続",
    "Sub-procedures",
    (
        Column("procedure_id", "手続ID", "Procedure ID"),
        _NO,
        Column("procedure_name", "手続の種類", "Procedure"),
        Column("sub_id", "個別手続ID", "Sub-procedure ID"),
        Column("name", "個別手続名", "Sub-procedure"),
        _MARK,
        _CHANNELS,
        _NOTE,
    ),
)
COUNTS = SheetSpec(
    "counts",
    "件数",
    "Counts",
    (
        Column("procedure_id", "手続ID", "Procedure ID"),
        Column("sub_id", "個別手続ID", "Sub-procedure ID"),
        _NO,
        Column("name", "手続名", "Procedure"),
        Column("fiscal_year", "年度", "Fiscal year"),
        Column("total", "総件数", "Total", "int"),
        Column("online", "オンライン件数", "Online (count)", "int"),
        Column("rate", "割合（%）", "Rate (%)", "float"),
        Column("period_end", "期間末", "Period end", "date"),
        _SOURCE,
    ),
)
SYSTEMS = SheetSpec(
    "systems",
    "システム",
    "Systems",
    (
        _ID,
        Column("name", "名称", "Name"),
        Column("tier", "区分", "Tier"),
        Column("label", "記号", "Label"),
        Column("standard_business", "標準化対象業務", "Standardised business"),
        Column("phase", "移行段階", "Migration phase"),
        Column("target", "移行目標年度", "Migration target"),
        Column("track", "移行区分", "Track"),
        Column("data_input", "データ入力", "Data input"),
        Column("owner", "担当課", "Owner"),
        _NOTE,
    ),
)
ROADMAP = SheetSpec(
    "roadmap",
    "工程表",
    "Roadmap",
    (
        _ID,
        Column("area", "取組事項", "Area"),
        _NO,
        Column("title", "項目", "Item"),
        Column("start", "開始", "Start"),
        Column("target", "目標年度", "Target"),
        Column("state", "状態", "State"),
        _NOTE,
    ),
)
SUMMARY = SheetSpec(
    "summary",
    "概況",
    "Summary",
    (Column("item", "項目", "Item"), Column("value", "値", "Value")),
)
SHEETS: tuple[SheetSpec, ...] = (PROCEDURES, SUB_PROCEDURES, COUNTS, SYSTEMS, ROADMAP, SUMMARY)


@dataclass(frozen=True)
class Sheet:
    spec: SheetSpec
    lang: str
    rows: list[list[Cell]]

    @property
    def name(self) -> str:
        return self.spec.name(self.lang)

    @property
    def headers(self) -> list[str]:
        return [c.header(self.lang) for c in self.spec.columns]


@dataclass(frozen=True)
class Workbook:
    sheets: tuple[Sheet, ...]

    def sheet(self, key: str) -> Sheet:
        return next(s for s in self.sheets if s.spec.key == key)


@dataclass(frozen=True)
class ExportResult:
    """What ``export`` wrote: the files, and the rows of each sheet."""

    catalog: str
    format: str
    files: tuple[str, ...]
    sheets: tuple[tuple[str, int], ...]


# --------------------------------------------------------------------------------------------------- cell values


def count_fields(c: Counts) -> dict[str, Any]:
    """One count entry as plain values: the one place that reads a count's fields (total, online, rate, …)."""
    rate = getattr(c, "rate", None)
    return {
        "fiscal_year": c.fiscal_year,
        "total": getattr(c, "total", None),
        "online": getattr(c, "online", None),
        "rate": rate,
        "period_end": getattr(c, "period_end", None),
        "source": getattr(c, "source", None),
    }


def channel_text(ch: Channel) -> str:
    """``kind``, ``kind:name``, then `` | since=DATE`` and `` | inferred`` (one channel per line of the cell)."""
    text = ch.kind.value + (f":{ch.name}" if ch.name else "")
    if ch.since is not None:
        text += f" | since={ch.since.isoformat()}"
    if ch.inferred:
        text += " | inferred"
    return text


def _sources(entry: object) -> str:
    found = getattr(entry, "sources", None) or ()
    return "\n".join(str(getattr(s, "url", None) or getattr(s, "text", None) or s) for s in found)


def _level(report: Report, p: Procedure, lang: str) -> str:
    from dxready.engine.levels import LEVEL_NAMES

    r = report.readiness.get(p.id)
    if r is None:
        return "—"
    if p.status.value == "unknown":
        return _t(lang, "？ 未確認", "? unknown")
    return f"{r.level} {LEVEL_NAMES[r.level].get(lang)}"


def _procedure_rows(report: Report, lang: str) -> list[list[Cell]]:
    from dxready.render.views import usage_text

    return [
        [
            p.standard_no,
            p.name,
            p.effective_status.mark,  # as every output shows it: a group recorded unknown follows its sub-procedures
            p.note,
            "\n".join(channel_text(c) for c in p.channels),
            _level(report, p, lang),
            usage_text(p, lang),
            p.verified_on,
            _sources(p),
            p.id,
        ]
        for p in report.catalog.procedures
    ]


def _sub_rows(report: Report) -> list[list[Cell]]:
    return [
        [
            p.id,
            p.standard_no,
            p.name,
            s.id,
            s.name,
            s.status.mark,
            "\n".join(channel_text(c) for c in s.channels),
            s.note,
        ]
        for p in report.catalog.procedures
        for s in p.sub_procedures
    ]


def _count_rows(report: Report, lang: str) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for p in report.catalog.procedures:
        owners: list[tuple[str | None, str, Sequence[Counts]]] = [(None, p.name, p.counts)]
        owners += [(s.id, s.name, getattr(s, "counts", None) or ()) for s in p.sub_procedures]
        for sub_id, name, counts in owners:
            for c in sorted(counts, key=lambda c: int(c.fiscal_year)):
                f = count_fields(c)
                rows.append(
                    [
                        p.id,
                        sub_id,
                        p.standard_no,
                        name,
                        f["fiscal_year"].label(lang),
                        f["total"],
                        f["online"],
                        f["rate"],
                        f["period_end"],
                        f["source"],
                    ]
                )
    return rows


def _system_rows(report: Report, lang: str) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for s in report.catalog.systems:
        mig = s.migration
        rows.append(
            [
                s.id,
                s.name,
                s.tier.label(lang),
                s.label,
                "\n".join(s.businesses()),
                mig.phase.value if mig else None,
                mig.target_fiscal_year.label(lang) if mig and mig.target_fiscal_year else None,
                mig.track.value if mig else None,
                s.data_input.value if s.data_input else None,
                s.owner,
                s.note,
            ]
        )
    return rows


def _roadmap_rows(report: Report, lang: str) -> list[list[Cell]]:
    areas = {a.no: a for a in report.catalog.roadmap_file.areas}
    rows: list[list[Cell]] = []
    for r in report.catalog.roadmap:
        area = areas.get(r.area)
        target = r.target if isinstance(r.target, str) else r.target.label(lang)
        rows.append(
            [
                r.id,
                f"({r.area}) {area.title}" if area else f"({r.area})",
                r.no,
                r.title,
                r.start_fiscal_year.label(lang) if r.start_fiscal_year else None,
                target,
                r.state.value if r.state else None,
                r.note,
            ]
        )
    return rows


def coverage_rows(report: Report, lang: str) -> list[list[Cell]]:
    """The summary as `table summary` gives it: while applicable statuses are unknown, each rate is its bounds with the
    coverage (「4.8–100.0%（21件中1件確認）」), never a bare figure (engine.rates)."""
    from dxready.render.views import summary

    return [list(row) for row in summary(report, lang).rows]


def build(report: Report, lang: str) -> Workbook:
    """The workbook of one evaluated catalogue (pure: no file is touched)."""
    return Workbook(
        (
            Sheet(PROCEDURES, lang, _procedure_rows(report, lang)),
            Sheet(SUB_PROCEDURES, lang, _sub_rows(report)),
            Sheet(COUNTS, lang, _count_rows(report, lang)),
            Sheet(SYSTEMS, lang, _system_rows(report, lang)),
            Sheet(ROADMAP, lang, _roadmap_rows(report, lang)),
            Sheet(SUMMARY, lang, coverage_rows(report, lang)),
        )
    )


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
    for sheet in book.sheets:
        ws = wb.add_worksheet(sheet.name)
        ws.freeze_panes(1, 0)
        kinds = [c.kind for c in sheet.spec.columns]
        keys = [c.key for c in sheet.spec.columns]
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
                    ws.write_number(r, i, value, count if keys[i] in ("total", "online") else None)
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


def _fail(where: str, ja: str, en: str) -> LoadError:
    return LoadError([Problem("DX001", Location(where), Msg(ja, en))])


def _write(path: Path, data: bytes) -> None:
    """Replace ``path`` atomically (fsio); a new file is first created empty, exclusively, and removed again if the
    write fails, so that no half-written workbook is ever left."""
    from dxready.fsio import WriteError, atomic_write

    created = False
    if not path.exists() and not path.is_symlink():
        try:
            with path.open("xb"):
                created = True
        except OSError as exc:
            raise _fail(str(path), f"書けません: {exc.strerror}", f"cannot write: {exc.strerror}") from None
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
                str(out), "ディレクトリです（.xlsx のファイル名を指定してください）", "is a directory"
            )
        if not out.parent.is_dir():
            raise _fail(str(out.parent), "ディレクトリがありません", "no such directory")
        _write(out, xlsx_bytes(book))
        return [out]
    if out.exists() and not out.is_dir():
        raise _fail(
            str(out),
            "ディレクトリではありません（CSV はシートごとに1ファイルをディレクトリに書きます）",
            "is not a directory (CSV writes one file per sheet into a directory)",
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _fail(str(out), f"作れません: {exc.strerror}", f"cannot create: {exc.strerror}") from None
    written = []
    for sheet in book.sheets:
        path = out / f"{sheet.name}.csv"
        _write(path, csv_bytes(sheet))
        written.append(path)
    return written


def run_export(
    *, catalog: str | os.PathLike[str] | None, as_of: dt.date, lang: str, format: str, out: Path
) -> ExportResult:
    """``dxready export``: evaluate the catalogue and write it; LoadError when it cannot be read or written."""
    from dxready.catalog.load import load_catalog
    from dxready.engine.run import run

    if format not in ("xlsx", "csv"):
        raise _fail(
            "--format", f"形式 {format!r} は使えません（xlsx, csv）", f"no format {format!r}: xlsx or csv"
        )
    report = run(load_catalog(catalog), as_of)
    book = build(report, lang)
    files = write(book, out, format)
    return ExportResult(
        catalog=report.catalog.label,
        format=format,
        files=tuple(str(f) for f in files),
        sheets=tuple((s.name, len(s.rows)) for s in book.sheets),
    )
