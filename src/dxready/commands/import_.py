"""``dxready import``: statuses, notes, channels and counts from a spreadsheet into procedures.yaml.

Reads xlsx (openpyxl, read-only) and CSV (a file, or a directory of CSV files as ``export --format csv`` writes them).
Three shapes of table are recognised wherever their header row starts (title rows and merged title cells above it
are skipped): the procedures table (the plan's four columns No. / 手続の種類 / オンライン化 / 備考, or export's 手続 sheet
with its extra columns), sub-procedures (export's 個別手続) and a long table of counts (手続名, 年度, 総件数, オンライン件数,
割合). export's システム and 工程表 sheets are compared with the catalogue and a changed row is refused (they are edited
with ``set``); 概況 is computed and skipped.

Names are matched to the catalogue's procedures and the 21 standard rows by the registry's folding (width, brackets,
等), then by similarity (difflib), and the choice is reported. A name that matches nothing becomes a city's own
procedure (``--unmatched add``) or is refused.

The edit itself is made with ``set``'s text-splice machinery (commands/edit.py), so every comment and every other
byte of procedures.yaml is kept. It is all or nothing: when any row is refused nothing is written; otherwise the new
text is validated as the loader would read it and replaces the old one atomically, under the catalogue's lock.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import difflib
import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dxready.catalog.load import LoadError, Problem
from dxready.errors import UsageError
from dxready.findings import Location, Msg

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog
    from dxready.catalog.models import Procedure, Status, SubProcedure
    from dxready.commands.diff import CatalogDiff
    from dxready.commands.edit import Splice, _Doc

MAX_BYTES = 20 * 1024 * 1024
"""Largest file (or CSV directory) read."""
MAX_UNZIPPED = 200 * 1024 * 1024
"""Largest uncompressed size of an xlsx's parts: a zip bomb is refused before it is opened."""
MAX_ROWS = 200_000
HEADER_SCAN = 30
SIMILARITY = 0.75
"""A name at least this similar (difflib ratio of folded names) to one candidate, and closer than to any other."""

Value = str | int | float | dt.date | None

# --------------------------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class RowFate:
    """What happened to one row: matched (changes something) | added | unchanged | refused | skipped."""

    sheet: str
    row: int
    fate: str
    target: str = ""
    name: str = ""
    how: Msg | None = None
    changes: tuple[Msg, ...] = ()
    column: str = ""
    header: str = ""
    reason: Msg | None = None


@dataclass(frozen=True)
class SheetNote:
    sheet: str
    message: Msg


@dataclass(frozen=True)
class ImportResult:
    source: str
    catalog: str
    file: str
    rows: tuple[RowFate, ...]
    notes: tuple[SheetNote, ...]
    dry_run: bool
    written: bool
    diff: CatalogDiff | None = None

    @property
    def refused(self) -> list[RowFate]:
        return [r for r in self.rows if r.fate == "refused"]

    def count(self, fate: str) -> int:
        return sum(r.fate == fate for r in self.rows)


# --------------------------------------------------------------------------------------------------- reading files


@dataclass(frozen=True)
class RawSheet:
    name: str
    rows: list[tuple[int, list[Value]]]
    csv: bool = False


def _bad(where: str, ja: str, en: str, code: str = "DX001") -> LoadError:
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
            raise _bad(str(path), "CSV ファイルがありません", "no CSV files in this directory")
        if sum(f.stat().st_size for f in files) > MAX_BYTES:
            raise _too_large(str(path), sum(f.stat().st_size for f in files))
        return _export_order([_read_csv(f) for f in files])
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise _bad(str(path), "ファイルがありません", "file not found") from None
    except OSError as exc:
        raise _bad(str(path), f"読めません: {exc.strerror}", f"cannot read: {exc.strerror}") from None
    if size > MAX_BYTES:
        raise _too_large(str(path), size)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _bad(
            str(path),
            "旧形式の Excel（.xls）は読めません。Excel で「名前を付けて保存」から .xlsx で保存し直してください",
            "old Excel format (.xls) is not supported; re-save it as .xlsx (File › Save As › Excel Workbook)",
        )
    if head.startswith(b"PK"):
        return _read_xlsx(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise _bad(str(path), "xlsx ファイルではありません（壊れています）", "not an xlsx file (corrupt)")
    return [_read_csv(path)]


def _too_large(where: str, size: int) -> LoadError:
    return _bad(
        where,
        f"ファイルが大きすぎます（{size:,} バイト、上限 {MAX_BYTES:,} バイト）",
        f"file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})",
    )


def _export_order(sheets: list[RawSheet]) -> list[RawSheet]:
    from dxready.commands.export import SHEETS

    order = {name: i for i, spec in enumerate(SHEETS) for name in (spec.ja, spec.en)}
    return sorted(sheets, key=lambda s: order.get(s.name, len(order)))


def _read_csv(path: Path) -> RawSheet:
    data = path.read_bytes()
    shown = str(path)
    if b"\x00" in data:
        raise _bad(
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
            raise _bad(
                shown,
                "文字コードを読めません（UTF-8 か Shift_JIS で保存してください）",
                "cannot decode the file (save it as UTF-8 or Shift_JIS)",
            ) from None
    rows: list[tuple[int, list[Value]]] = []
    try:
        for n, record in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            if n > MAX_ROWS:
                raise _bad(
                    shown, f"行が多すぎます（上限 {MAX_ROWS:,} 行）", f"too many rows (limit {MAX_ROWS:,})"
                )
            rows.append((n, [_csv_value(c) for c in record]))
    except csv.Error as exc:
        raise _bad(shown, f"CSV として読めません: {exc}", f"not a readable CSV file: {exc}") from None
    return RawSheet(path.stem, rows, csv=True)


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
        raise _bad(
            shown,
            "xlsx ファイルとして読めません（壊れた zip です）",
            "not a readable xlsx file (corrupt zip)",
        ) from None
    if unzipped > MAX_UNZIPPED:
        raise _bad(
            shown,
            f"展開後のサイズが大きすぎます（{unzipped:,} バイト、上限 {MAX_UNZIPPED:,}）",
            f"the workbook expands to too much data ({unzipped:,} bytes; the limit is {MAX_UNZIPPED:,})",
        )
    if "xl/workbook.xml" not in names:
        raise _bad(
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
        raise _bad(
            shown,
            f"xlsx ファイルとして読めません（壊れています: {type(exc).__name__}）",
            f"not a readable xlsx file ({exc})",
        ) from None
    return sheets


def _xlsx_rows(ws: Any, shown: str) -> Iterator[tuple[int, list[Value]]]:
    for n, cells in enumerate(ws.iter_rows(), start=1):
        if n > MAX_ROWS:
            raise _bad(
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
                raise _bad(
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


# --------------------------------------------------------------------------------------------------- headers


def fold_header(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


_HEADERS: dict[str, tuple[str, ...]] = {
    "no": ("no.", "no", "番号", "標準番号", "項番", "#"),
    "name": (
        "手続の種類",
        "手続名",
        "手続き名",
        "手続",
        "手続き",
        "手続の名称",
        "手続名称",
        "procedure",
        "name",
    ),
    "mark": (
        "オンライン化",
        "オンライン化の状況",
        "状況",
        "実施状況",
        "オンライン化状況",
        "online",
        "status",
    ),
    "note": ("備考", "摘要", "note"),
    "channels": ("チャネル", "channels"),
    "level": ("レベル", "level"),
    "usage": ("利用率(最新年度)", "usage(latestyear)"),
    "verified_on": ("確認日", "確認年月日", "verifiedon"),
    "source": ("出典", "source"),
    "id": ("id",),
    "procedure_id": ("手続id", "procedureid"),
    "sub_id": ("個別手続id", "sub-procedureid", "subprocedureid"),
    "sub_name": ("個別手続名", "個別手続", "sub-procedure", "subprocedure"),
    "fiscal_year": ("年度", "fiscalyear", "fy"),
    "total": ("総件数", "手続総件数", "件数", "総数", "受付件数", "申請件数", "total"),
    "online": (
        "オンライン件数",
        "うちオンライン数",
        "うちオンライン件数",
        "オンライン利用件数",
        "オンライン申請件数",
        "online(count)",
        "onlinecount",
    ),
    "rate": (
        "割合",
        "割合(%)",
        "オンライン利用率",
        "利用率",
        "オンライン化率",
        "オンライン率",
        "rate",
        "rate(%)",
    ),
    "period_end": ("期間末", "periodend"),
}
_HEADER_KEYS = {fold_header(s): key for key, spellings in _HEADERS.items() for s in spellings}


def header_key(value: Value) -> str | None:
    if not isinstance(value, str):
        return None
    folded = fold_header(value)
    if folded in _HEADER_KEYS:
        return _HEADER_KEYS[folded]
    bare = re.sub(r"\(.*?\)$", "", folded)  # 割合（%） → 割合, 総件数（件） → 総件数
    return _HEADER_KEYS.get(bare)


@dataclass(frozen=True)
class Table:
    kind: str  # procedures | sub_procedures | counts | systems | roadmap | summary
    header_row: int
    columns: dict[str, int]  # key → 0-based column
    headers: list[str]


def _shape(keys: dict[str, int]) -> str | None:
    if (
        "fiscal_year" in keys
        and ({"total", "online", "rate"} & keys.keys())
        and ({"name", "procedure_id", "id"} & keys.keys())
    ):
        return "counts"
    if ("sub_id" in keys or "sub_name" in keys) and "mark" in keys:
        return "sub_procedures"
    if "name" in keys and "mark" in keys:
        return "procedures"
    return None


def find_table(sheet: RawSheet) -> Table | None:
    """The first row (of the first 30) that is a known header; export's computed sheets by name and header."""
    from dxready.commands.export import ROADMAP, SUMMARY, SYSTEMS

    for n, values in sheet.rows[:HEADER_SCAN]:
        texts = ["" if v is None else str(v).strip() for v in values]
        for spec in (SYSTEMS, ROADMAP, SUMMARY):
            if sheet.name in (spec.ja, spec.en) and texts in (
                [c.ja for c in spec.columns],
                [c.en for c in spec.columns],
            ):
                return Table(spec.key, n, {c.key: i for i, c in enumerate(spec.columns)}, texts)
        keys: dict[str, int] = {}
        for i, v in enumerate(values):
            key = header_key(v)
            if key is not None and key not in keys:
                keys[key] = i
        kind = _shape(keys)
        if kind is not None:
            return Table(kind, n, keys, texts)
    return None


# --------------------------------------------------------------------------------------------------- cell values


class CellError(ValueError):
    def __init__(self, key: str, ja: str, en: str) -> None:
        super().__init__(en)
        self.key = key
        self.msg = Msg(ja, en)


_STATUS_WORDS = {
    "済": "online",
    "実施済": "online",
    "オンライン化済": "online",
    "o": "online",
    "未": "offline",
    "未実施": "offline",
    "未オンライン": "offline",
    "x": "offline",
    "✗": "offline",
    "一部実施済": "partial",
    "一部オンライン": "partial",
    "適用除外": "not_applicable",
    "該当なし": "not_applicable",
    "対象外": "not_applicable",
    "未確認": "unknown",
    "不明": "unknown",
}


def parse_mark(value: Value) -> Status | None:
    """The plan's marks (〇 ○ ◯ × ✕ 一部 ― － —), status names and the inventory's words; None when blank."""
    from dxready.catalog.models import Status

    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    word = _STATUS_WORDS.get(unicodedata.normalize("NFKC", text).casefold())
    try:
        return Status(word or Status.parse(text))
    except ValueError:
        raise CellError(
            "mark",
            f"状況 {text!r} を読めません（○ 〇 一部 × — ？ または online / partial / offline / not_applicable / unknown）",
            f"cannot read the status {text!r} (use ○ 〇 一部 × — ？ or online, partial, offline, not_applicable, unknown)",
        ) from None


def _text(value: Value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return text.strip() or None


def _int(value: Value, key: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError(key, "数値ではありません", "not a number")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise CellError(key, f"件数 {value} が整数ではありません", f"count {value} is not a whole number")
        number = int(value)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "").removesuffix("件").strip()
        if text in ("", "-", "—", "―"):
            return None
        if not text.isdigit():
            raise CellError(key, f"件数 {value!r} を読めません", f"cannot read the count {value!r}")
        number = int(text)
    if number < 0:
        raise CellError(key, f"件数 {number} が負です", f"count {number} is negative")
    from dxready.catalog.limits import MAX_COUNT

    if number > MAX_COUNT:
        raise CellError(key, f"件数は {MAX_COUNT:,} 以下です", f"a count is at most {MAX_COUNT:,}")
    return number


def _rate(value: Value) -> float | None:
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        rate = float(value)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().removesuffix("%").strip()
        if text in ("", "-", "—", "―"):
            return None
        try:
            rate = float(text)
        except ValueError:
            raise CellError(
                "rate", f"割合 {value!r} を読めません", f"cannot read the rate {value!r}"
            ) from None
    if not 0.0 <= rate <= 100.0:
        raise CellError("rate", f"割合 {rate} は 0〜100 ではありません", f"rate {rate} is not within 0–100")
    return rate


def _date(value: Value, key: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    text = unicodedata.normalize("NFKC", str(value)).strip().replace("/", "-")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CellError(
            key, f"日付 {value!r} を読めません（YYYY-MM-DD）", f"cannot read the date {value!r} (YYYY-MM-DD)"
        ) from None


def _channels(value: Value) -> list[tuple[str, str | None, dt.date | None, bool]]:
    """export's channel cell: one per line, ``kind[:name][ | since=DATE][ | inferred]``."""
    from dxready.commands.edit import _channel

    text = _text(value)
    if text is None:
        return []
    found = []
    for line in text.splitlines():
        if not line.strip():
            continue
        head, *flags = [part.strip() for part in line.split(" | ")]
        try:
            kind, name = _channel(head)
        except UsageError as exc:  # the same check as set's --channel
            raise CellError("channels", exc.message.ja, exc.message.en) from None
        since, inferred = None, False
        for flag in flags:
            if flag == "inferred":
                inferred = True
            elif flag.startswith("since="):
                since = _date(flag[6:], "channels")
            else:
                raise CellError(
                    "channels", f"チャネルの {flag!r} を読めません", f"cannot read the channel flag {flag!r}"
                )
        found.append((kind, name, since, inferred))
    return found


def same_text(new: str, old: str | None) -> bool:
    """A note that differs only in width or spacing (「15手続」, 「15 手続」) says the same: not a change."""
    if old is None:
        return False
    return fold_header(new) == fold_header(old)


# --------------------------------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class Match:
    index: int
    how: Msg


class Matcher:
    """Names → catalogue procedures: id, standard number, folded name, then similarity (shown)."""

    def __init__(self, catalog: Catalog) -> None:
        from dxready.catalog.registry import STANDARD_PROCEDURES, fold_name

        self.fold = fold_name
        self.procedures: list[Procedure] = list(catalog.procedures)
        self.by_id = {p.id: i for i, p in enumerate(self.procedures)}
        self.by_no = {p.standard_no: i for i, p in enumerate(self.procedures) if p.standard_no is not None}
        self.by_name: dict[str, int] = {}
        for i, p in enumerate(self.procedures):
            self.by_name.setdefault(fold_name(p.name), i)
        # The registry's official wording too: a city writing 文化・スポーツ施設等の利用予約等 means No.2.
        self.standard = {fold_name(s.name): s.no for s in STANDARD_PROCEDURES}
        self.subs: dict[str, tuple[int, int]] | None = None

    def describe(self, index: int) -> str:
        p = self.procedures[index]
        return (f"No.{p.standard_no} " if p.standard_no else "") + f"{p.name} ({p.id})"

    def find(self, name: str, no: int | None) -> Match | None:
        folded = self.fold(name)
        exact = self.by_name.get(folded)
        if exact is None and folded in self.standard:
            exact = self.by_no.get(self.standard[folded])
        if exact is not None:
            if no is not None and self.procedures[exact].standard_no not in (None, no):
                raise CellError(
                    "no",
                    f"No.{no} ですが、名前は {self.describe(exact)} のものです",
                    f"No.{no}, but the name is that of {self.describe(exact)}",
                )
            same = self.procedures[exact].name == name
            return Match(
                exact,
                Msg("名前が一致", "same name")
                if same
                else Msg(f"表記ゆれ → {self.describe(exact)}", f"spelling variant → {self.describe(exact)}"),
            )
        best, score = self._similar(folded)
        if no is not None and no in self.by_no:
            at = self.by_no[no]
            ratio = difflib.SequenceMatcher(None, folded, self.fold(self.procedures[at].name)).ratio()
            if best is not None and best != at and score >= SIMILARITY:
                raise CellError(
                    "no",
                    f"No.{no} ですが、名前は {self.describe(best)} に近いです（類似度 {score:.2f}）",
                    f"No.{no}, but the name is closest to {self.describe(best)} (similarity {score:.2f})",
                )
            if ratio >= 0.5:
                return Match(
                    at,
                    Msg(
                        f"類似 → {self.describe(at)}（No.{no} と一致、類似度 {ratio:.2f}）",
                        f"similar → {self.describe(at)} (No.{no} given; similarity {ratio:.2f})",
                    ),
                )
            raise CellError(
                "name",
                f"No.{no}（{self.procedures[at].name}）と名前が合いません（類似度 {ratio:.2f}）",
                f"the name does not fit No.{no} ({self.procedures[at].name}; similarity {ratio:.2f})",
            )
        if best is not None and score >= SIMILARITY:
            return Match(
                best,
                Msg(
                    f"類似 → {self.describe(best)}（類似度 {score:.2f}）",
                    f"similar → {self.describe(best)} (similarity {score:.2f})",
                ),
            )
        return None

    def find_sub(self, name: str, *, exact: bool = False) -> tuple[int, int, Msg] | None:
        """A sub-procedure of a group, by folded name, else (unless ``exact``) by similarity (shown)."""
        if self.subs is None:
            self.subs = {}
            for i, p in enumerate(self.procedures):
                for j, s in enumerate(p.sub_procedures):
                    self.subs.setdefault(self.fold(s.name), (i, j))
        folded = self.fold(name)
        hit = self.subs.get(folded)
        if hit is not None:
            i, j = hit
            sub = self.procedures[i].sub_procedures[j]
            how = (
                Msg(
                    f"個別手続 → {self.procedures[i].id}/{sub.id}",
                    f"sub-procedure → {self.procedures[i].id}/{sub.id}",
                )
                if sub.name == name
                else Msg(
                    f"表記ゆれ → 個別手続 {sub.name} ({self.procedures[i].id}/{sub.id})",
                    f"spelling variant → sub-procedure {sub.name} ({self.procedures[i].id}/{sub.id})",
                )
            )
            return i, j, how
        if exact:
            return None
        best, score = None, 0.0
        for text, (i, j) in self.subs.items():
            ratio = difflib.SequenceMatcher(None, folded, text).ratio()
            if ratio > score:
                best, score = (i, j), ratio
        if best is None or score < SIMILARITY:
            return None
        i, j = best
        sub = self.procedures[i].sub_procedures[j]
        return (
            i,
            j,
            Msg(
                f"類似 → 個別手続 {sub.name} ({self.procedures[i].id}/{sub.id})（類似度 {score:.2f}）",
                f"similar → sub-procedure {sub.name} ({self.procedures[i].id}/{sub.id}) (similarity {score:.2f})",
            ),
        )

    def _similar(self, folded: str) -> tuple[int | None, float]:
        candidates: dict[str, int] = {}
        for text, no in self.standard.items():
            if no in self.by_no:
                candidates[text] = self.by_no[no]
        if len(self.by_name) <= 500:  # a city's own rows too, unless the catalogue is a huge generated one
            for text, i in self.by_name.items():
                candidates.setdefault(text, i)
        best: int | None = None
        score = 0.0
        for text, i in candidates.items():
            m = difflib.SequenceMatcher(None, folded, text)
            if m.real_quick_ratio() < score or m.quick_ratio() < score:
                continue
            ratio = m.ratio()
            if ratio > score:
                best, score = i, ratio
        return best, score


# --------------------------------------------------------------------------------------------------- the plan


@dataclass
class Pending:
    """What the rows ask of one existing entry; each field remembers the row that set it (for conflicts)."""

    status: tuple[Status, Msg] | None = None
    note: tuple[str, Msg] | None = None
    verified_on: tuple[dt.date, Msg] | None = None
    channels: dict[str, tuple[str | None, dt.date | None, bool, Msg]] = field(default_factory=dict)
    counts: dict[int, tuple[CountFields, Msg]] = field(default_factory=dict)


@dataclass
class NewProcedure:
    id: str
    name: str
    status: Status | None = None
    note: str | None = None
    counts: dict[int, tuple[CountFields, Msg]] = field(default_factory=dict)


class Conflict(CellError):
    pass


def _shown(value: Any) -> str:
    return str(getattr(value, "mark", value))


def _set_once(current: tuple[Any, Msg] | None, value: Any, where: Msg, key: str) -> tuple[Any, Msg]:
    if current is not None and current[0] != value:
        before, after = _shown(current[0]), _shown(value)
        raise Conflict(
            key,
            f"{current[1].ja} と矛盾します（{before} ≠ {after}）",
            f"contradicts {current[1].en} ({before} ≠ {after})",
        )
    return current if current is not None else (value, where)


class Planner:
    def __init__(self, catalog: Catalog, unmatched: str) -> None:
        self.catalog = catalog
        self.unmatched = unmatched
        self.matcher = Matcher(catalog)
        self.procs: dict[int, Pending] = {}
        self.subs: dict[tuple[int, int], Pending] = {}
        self.new: list[NewProcedure] = []
        self.new_by_name: dict[str, NewProcedure] = {}
        self.ids = set(self.matcher.by_id)
        self.fates: list[RowFate] = []
        self.notes: list[SheetNote] = []

    def settle_groups(self) -> None:
        """A group recorded as unknown follows its sub-procedures by itself: a mark asked for it that its (imported)
        sub-procedures already settle is not written, so the group keeps following them (as ``set`` leaves it)."""
        for index, pending in list(self.procs.items()):
            p = self.matcher.procedures[index]
            if pending.status is None or p.status.value != "unknown" or not p.sub_procedures:
                continue
            subs = list(p.sub_procedures)
            for (i, j), sub_pending in self.subs.items():
                if i == index and sub_pending.status is not None:
                    subs[j] = subs[j].model_copy(update={"status": sub_pending.status[0]})
            if p.model_copy(update={"sub_procedures": subs}).effective_status is pending.status[0]:
                pending.status = None
                if pending == Pending():
                    del self.procs[index]

    # -- helpers
    def _fresh_id(self, wanted: str | None) -> str:
        from dxready.catalog.models import SLUG

        if wanted and re.match(SLUG, wanted) and len(wanted) <= 80 and wanted not in self.ids:
            self.ids.add(wanted)
            return wanted
        n = 1
        while f"own-{n:03d}" in self.ids:
            n += 1
        self.ids.add(f"own-{n:03d}")
        return f"own-{n:03d}"

    def _new(self, name: str, wanted_id: str | None) -> NewProcedure:
        folded = self.matcher.fold(name)
        if folded in self.new_by_name:
            return self.new_by_name[folded]
        entry = NewProcedure(self._fresh_id(wanted_id), name)
        self.new.append(entry)
        self.new_by_name[folded] = entry
        return entry

    def _locate(self, row: dict[str, Value], where: Msg) -> tuple[int | None, Msg | None, str]:
        """(catalogue index or None for unmatched, how it matched, name as written)."""
        name = _text(row.get("name")) or ""
        ident = _text(row.get("id")) or _text(row.get("procedure_id"))
        if ident is not None and ident in self.matcher.by_id:
            index = self.matcher.by_id[ident]
            p = self.matcher.procedures[index]
            if name and self.matcher.fold(name) != self.matcher.fold(p.name):
                raise CellError(
                    "name",
                    f"ID {ident} の名前は {p.name} です（名前の変更は読み込みません）",
                    f"ID {ident} is named {p.name} (renaming is not imported)",
                )
            return index, None, name or p.name
        if not name:
            raise CellError("name", "手続の名前がありません", "no procedure name")
        no = self._no(row.get("no"))
        match = self.matcher.find(name, no)
        if match is None:
            return None, None, name
        return match.index, match.how, name

    @staticmethod
    def _no(value: Value) -> int | None:
        if value is None:
            return None
        text = unicodedata.normalize("NFKC", str(value)).strip().rstrip(".")
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        if not text:
            return None
        if not text.isdigit() or not 1 <= int(text) <= 21:
            raise CellError("no", f"No. {value!r} は 1〜21 ではありません", f"No. {value!r} is not 1–21")
        return int(text)

    # -- procedures table
    def procedure_row(self, sheet: str, n: int, row: dict[str, Value]) -> RowFate:
        where = Msg(f"{sheet} {n}行", f"{sheet} row {n}")
        status = parse_mark(row.get("mark"))
        note = _text(row.get("note"))
        if note is not None and len(note) > 2000:
            raise CellError("note", "備考は 2000 文字までです", "a note has at most 2000 characters")
        verified = _date(row.get("verified_on"), "verified_on")
        channels = _channels(row.get("channels"))
        name = _text(row.get("name")) or ""
        folded = self.matcher.fold(name)
        if (
            name
            and (_text(row.get("id")) or "") not in self.matcher.by_id
            and folded not in self.matcher.by_name
            and folded not in self.matcher.standard
        ):
            sub = self.matcher.find_sub(name, exact=True)
            if sub is not None and verified is None:
                return self._sub_change(sheet, n, sub[0], sub[1], sub[2], status, note, channels)
        index, how, name = self._locate(row, where)
        if index is None:
            # A city's table of the 26 子育て・介護 procedures lists sub-procedures by name, one per row.
            sub = self.matcher.find_sub(name)
            if sub is not None:
                if verified is not None:
                    raise CellError(
                        "verified_on",
                        "個別手続には確認日を記録できません（まとまりの手続に記録してください）",
                        "a sub-procedure takes no verified date (record it on the group)",
                    )
                return self._sub_change(sheet, n, sub[0], sub[1], sub[2], status, note, channels)
            return self._unmatched(sheet, n, name, row, status=status, note=note)
        p = self.matcher.procedures[index]
        pending = self.procs.get(index) or Pending()
        said: list[Msg] = []
        if status is not None and status is not p.effective_status:
            pending.status = _set_once(pending.status, status, where, "mark")
            shown = p.effective_status.mark
            said.append(Msg(f"状況 {shown} → {status.mark}", f"status {shown} → {status.mark}"))
        if note is not None and not same_text(note, p.note):
            pending.note = _set_once(pending.note, note, where, "note")
            said.append(Msg("備考を更新", "note updated"))
        if verified is not None and verified != p.verified_on:
            pending.verified_on = _set_once(pending.verified_on, verified, where, "verified_on")
            said.append(Msg(f"確認日 {verified}", f"verified on {verified}"))
        said += self._channel_changes(pending, p.channels, channels, where)
        if said:
            self.procs[index] = pending
        return RowFate(sheet, n, "matched" if said else "unchanged", p.id, name, how, tuple(said))

    def _channel_changes(
        self,
        pending: Pending,
        current: list[Any],
        wanted: list[tuple[str, str | None, dt.date | None, bool]],
        where: Msg,
    ) -> list[Msg]:
        if not wanted:
            return []
        have = {c.kind.value: c for c in current}
        said = []
        for kind, name, since, inferred in wanted:
            if kind in have:
                c = have[kind]
                if (name is not None and name != c.name) or (since is not None and since != c.since):
                    raise CellError(
                        "channels",
                        f"チャネル {kind} は既に別の内容で記録されています（変更は読み込みません）",
                        f"channel {kind} is recorded with other details (changing a channel is not imported)",
                    )
                continue
            if kind in pending.channels and pending.channels[kind][:3] != (name, since, inferred):
                raise Conflict(
                    "channels",
                    f"{pending.channels[kind][3].ja} のチャネル {kind} と矛盾します",
                    f"contradicts channel {kind} of {pending.channels[kind][3].en}",
                )
            pending.channels[kind] = (name, since, inferred, where)
            said.append(Msg(f"チャネル {kind} を追加", f"channel {kind} added"))
        missing = [k for k in have if k not in {w[0] for w in wanted}]
        if missing:
            raise CellError(
                "channels",
                f"チャネル {', '.join(missing)} がありません（チャネルの削除は読み込みません）",
                f"channel(s) {', '.join(missing)} missing (removing channels is not imported)",
            )
        return said

    def _unmatched(
        self, sheet: str, n: int, name: str, row: dict[str, Value], *, status: Status | None, note: str | None
    ) -> RowFate:
        if self.unmatched != "add":
            raise CellError(
                "name",
                "どの手続とも一致しません（自団体の手続として追加するには --unmatched add）",
                "matches no procedure (add it as the city's own with --unmatched add)",
            )
        from dxready.catalog.models import Status

        entry = self._new(name, _text(row.get("id")))
        if status is not None:
            if entry.status is not None and entry.status is not status:
                raise Conflict(
                    "mark",
                    "同じ名前の行と状況が矛盾します",
                    "contradicts the status of a row with the same name",
                )
            entry.status = status
        if note is not None:
            entry.note = note
        mark = (entry.status or Status.unknown).mark
        said = [Msg(f"状況 {mark}", f"status {mark}")]
        return RowFate(
            sheet,
            n,
            "added",
            entry.id,
            name,
            Msg("自団体の手続として追加", "added as the city's own procedure"),
            tuple(said),
        )

    # -- sub-procedures
    def sub_row(self, sheet: str, n: int, row: dict[str, Value]) -> RowFate:
        from dxready.catalog.registry import fold_name

        where = Msg(f"{sheet} {n}行", f"{sheet} row {n}")
        status = parse_mark(row.get("mark"))
        note = _text(row.get("note"))
        channels = _channels(row.get("channels"))
        index, how, _ = self._locate(row, where)
        if index is None:
            raise CellError("name", "どの手続とも一致しません", "matches no procedure")
        p = self.matcher.procedures[index]
        sub_id = _text(row.get("sub_id"))
        sub_name = _text(row.get("sub_name")) or ""
        at = next((j for j, s in enumerate(p.sub_procedures) if s.id == sub_id), None) if sub_id else None
        if at is None and sub_name:
            folded = fold_name(sub_name)
            at = next((j for j, s in enumerate(p.sub_procedures) if fold_name(s.name) == folded), None)
        if at is None:
            raise CellError(
                "sub_id" if sub_id else "sub_name",
                f"{p.id} にこの個別手続はありません（個別手続の追加は読み込みません）",
                f"{p.id} has no such sub-procedure (adding sub-procedures is not imported)",
            )
        sub: SubProcedure = p.sub_procedures[at]
        if sub_name and fold_name(sub_name) != fold_name(sub.name):
            raise CellError(
                "sub_name",
                f"{sub.id} の名前は {sub.name} です（名前の変更は読み込みません）",
                f"{sub.id} is named {sub.name} (renaming is not imported)",
            )
        return self._sub_change(sheet, n, index, at, how, status, note, channels)

    def _sub_change(
        self,
        sheet: str,
        n: int,
        index: int,
        at: int,
        how: Msg | None,
        status: Status | None,
        note: str | None,
        channels: list[tuple[str, str | None, dt.date | None, bool]],
    ) -> RowFate:
        where = Msg(f"{sheet} {n}行", f"{sheet} row {n}")
        p = self.matcher.procedures[index]
        sub = p.sub_procedures[at]
        pending = self.subs.get((index, at)) or Pending()
        said: list[Msg] = []
        if status is not None and status is not sub.status:
            pending.status = _set_once(pending.status, status, where, "mark")
            said.append(
                Msg(f"状況 {sub.status.mark} → {status.mark}", f"status {sub.status.mark} → {status.mark}")
            )
        if note is not None and not same_text(note, sub.note):
            pending.note = _set_once(pending.note, note, where, "note")
            said.append(Msg("備考を更新", "note updated"))
        said += self._channel_changes(pending, sub.channels, channels, where)
        if said:
            self.subs[(index, at)] = pending
        return RowFate(
            sheet, n, "matched" if said else "unchanged", f"{p.id}/{sub.id}", sub.name, how, tuple(said)
        )

    # -- counts
    def counts_row(self, sheet: str, n: int, row: dict[str, Value]) -> RowFate:
        """One count entry as cities publish it: total and online, online only, a printed rate, or all three."""
        from dxready.catalog.fiscal import FiscalYear, FiscalYearError
        from dxready.catalog.registry import fold_name

        where = Msg(f"{sheet} {n}行", f"{sheet} row {n}")
        year_text = _text(row.get("fiscal_year"))
        if year_text is None:
            raise CellError("fiscal_year", "年度がありません", "no fiscal year")
        try:
            year = FiscalYear.parse(year_text)
        except FiscalYearError as exc:
            raise CellError("fiscal_year", f"年度 {year_text!r} を読めません", str(exc)) from None
        total, online, rate = (
            _int(row.get("total"), "total"),
            _int(row.get("online"), "online"),
            _rate(row.get("rate")),
        )
        period_end, source = _date(row.get("period_end"), "period_end"), _text(row.get("source"))
        if online is None and rate is None:
            raise CellError(
                "online", "オンライン件数か割合のどちらかが必要です", "an online count or a rate is needed"
            )
        if total is not None and online is not None and online > total:
            raise CellError(
                "online",
                f"オンライン件数 {online:,} が総件数 {total:,} を超えています",
                f"online {online:,} exceeds the total {total:,}",
            )
        computed = 100.0 * online / total if total and online is not None else None
        if rate is not None and computed is not None and abs(round(computed, 1) - rate) > 0.1 + 1e-9:
            raise CellError(
                "rate",
                f"割合 {rate}% が {online:,}/{total:,} = {computed:.1f}% と合いません",
                f"rate {rate}% does not agree with {online:,}/{total:,} = {computed:.1f}%",
            )
        fields = (total, online, None if rate is None else round(rate, 1), period_end, source)
        said = (_counts_said(int(year), fields),)
        sub_id = _text(row.get("sub_id"))
        index, how, name = (None, None, _text(row.get("name")) or "")
        sub: tuple[int, int, Msg | None] | None = None
        if sub_id:
            index, how, name = self._locate({**row, "name": None}, where)
            p = self.matcher.procedures[index] if index is not None else None
            at = next((j for j, x in enumerate(p.sub_procedures) if x.id == sub_id), None) if p else None
            if at is None or index is None:
                raise CellError("sub_id", "この個別手続はありません", "no such sub-procedure")
            sub = (index, at, how)
        else:
            folded = fold_name(name)
            if name and folded not in self.matcher.by_name and folded not in self.matcher.standard:
                found = self.matcher.find_sub(name, exact=True)
                sub = found if found is None else (found[0], found[1], found[2])
            if sub is None:
                index, how, name = self._locate(row, where)
                if index is None:
                    found = self.matcher.find_sub(name)
                    sub = None if found is None else (found[0], found[1], found[2])
        if sub is not None:
            i, j, how = sub
            entry = self.matcher.procedures[i].sub_procedures[j]
            key: tuple[int, int] = (i, j)
            ident = f"{self.matcher.procedures[i].id}/{entry.id}"
            return self._count_change(
                sheet, n, self.subs, key, entry.counts, int(year), fields, where, ident, entry.name, how, said
            )
        if index is None:
            fate = self._unmatched(sheet, n, name, row, status=None, note=None)
            new = self.new_by_name[self.matcher.fold(name)]
            before = new.counts.get(int(year))
            if before is not None and before[0] != fields:
                raise Conflict(
                    "total", f"{before[1].ja} の件数と矛盾します", f"contradicts the counts of {before[1].en}"
                )
            new.counts[int(year)] = (fields, where)
            return RowFate(sheet, n, "added", new.id, name, fate.how, said)
        p = self.matcher.procedures[index]
        return self._count_change(
            sheet, n, self.procs, index, p.counts, int(year), fields, where, p.id, name, how, said
        )

    @staticmethod
    def _count_change(
        sheet: str,
        n: int,
        pendings: dict[Any, Pending],
        key: Any,
        counts: list[Any],
        year: int,
        fields: CountFields,
        where: Msg,
        ident: str,
        name: str,
        how: Msg | None,
        said: tuple[Msg, ...],
    ) -> RowFate:
        current = next((c for c in counts if int(c.fiscal_year) == year), None)
        if current is not None:
            have = (current.total, current.online, current.rate, current.period_end, current.source)
            if all(new is None or new == old for new, old in zip(fields, have, strict=True)):
                return RowFate(sheet, n, "unchanged", ident, name, how)
        earlier = pendings[key].counts.get(year) if key in pendings else None
        if earlier is not None and earlier[0] != fields:
            raise Conflict(
                "total", f"{earlier[1].ja} の件数と矛盾します", f"contradicts the counts of {earlier[1].en}"
            )
        pendings.setdefault(key, Pending()).counts[year] = (fields, where)
        return RowFate(sheet, n, "matched", ident, name, how, said)


CountFields = tuple[int | None, int | None, float | None, dt.date | None, str | None]
"""total, online, published rate, period end, source of one count entry."""


def _counts_said(year: int, fields: CountFields) -> Msg:
    from dxready.catalog.fiscal import FiscalYear

    total, online, rate, period_end, _ = fields
    fy = FiscalYear(year)
    if total is not None and online is not None:
        pct = f"（{100.0 * online / total:.1f}%）" if total else ""
        pct_en = f" ({100.0 * online / total:.1f}%)" if total else ""
        ja, en = f"{online:,}/{total:,}{pct}", f"{online:,} of {total:,}{pct_en}"
    elif online is not None:
        ja, en = f"オンライン {online:,} 件", f"{online:,} online"
    else:
        ja, en = f"公表率 {rate}%", f"published rate {rate}%"
    part_ja = f"（{period_end} 現在）" if period_end else ""
    part_en = f" (to {period_end})" if period_end else ""
    return Msg(f"件数 {fy.ja()} {ja}{part_ja}", f"counts {fy.en()} {en}{part_en}")


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
    from dxready.commands.export import ROADMAP, SYSTEMS

    computed: dict[str, dict[str, list[Any]]] = {}
    for sheet in sheets:
        table = find_table(sheet)
        if table is None:
            planner.notes.append(
                SheetNote(
                    sheet.name,
                    Msg(
                        "表の見出し（手続の種類・オンライン化、または 手続名・年度・総件数…）が見つからないため読み飛ばしました",
                        "skipped: no known header row (手続の種類 / オンライン化, or 手続名 / 年度 / 総件数 …)",
                    ),
                )
            )
            continue
        if table.kind == "summary":
            planner.notes.append(
                SheetNote(
                    sheet.name, Msg("計算値のシートのため読み込みません", "computed sheet: not imported")
                )
            )
            continue
        if table.kind in ("systems", "roadmap"):
            if not computed:
                computed = _export_rows(catalog)
            spec = SYSTEMS if table.kind == "systems" else ROADMAP
            planner.fates += _check_readonly(sheet, table, computed[table.kind], spec.ja)
            continue
        handler = {
            "procedures": planner.procedure_row,
            "sub_procedures": planner.sub_row,
            "counts": planner.counts_row,
        }[table.kind]
        for n, values in sheet.rows:
            if n <= table.header_row or _blank(values):
                continue
            row = _row_dict(table, values)
            name = _text(row.get("sub_name")) or _text(row.get("name")) or ""
            if table.kind == "procedures" and _note_row(row):
                planner.fates.append(
                    RowFate(
                        sheet.name,
                        n,
                        "skipped",
                        name=name,
                        reason=Msg("注記の行", "a note row, not a procedure"),
                    )
                )
                continue
            try:
                planner.fates.append(handler(sheet.name, n, row))
            except CellError as exc:
                planner.fates.append(_refusal(sheet.name, n, table, exc, name))


def _note_row(row: dict[str, Value]) -> bool:
    """A footnote under the table (※…, 注…), or a row whose No. cell holds text, not a number."""
    name = _text(row.get("name")) or ""
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
    from dxready.commands.export import _roadmap_rows, _system_rows
    from dxready.engine.run import Report

    report = Report(catalog=catalog, as_of=dt.date.today(), findings=(), waived=())
    out: dict[str, dict[str, list[Any]]] = {"systems": {}, "roadmap": {}}
    for lang in ("ja", "en"):
        for row in _system_rows(report, lang):
            out["systems"].setdefault(str(row[0]), []).append(row)
        for row in _roadmap_rows(report, lang):
            out["roadmap"].setdefault(str(row[0]), []).append(row)
    return out


def _same(a: Any, b: Value) -> bool:
    if a is None or a == "":
        return b is None or b == ""
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    return _text(b) == _text(a)


def _check_readonly(sheet: RawSheet, table: Table, expected: dict[str, list[Any]], ja: str) -> list[RowFate]:
    """export's システム / 工程表 rows: unchanged when they still say what the catalogue says, else skipped (with
    the first differing column): systems and the roadmap are edited with ``set``, not imported."""
    fates = []
    for n, values in sheet.rows:
        if n <= table.header_row or _blank(values):
            continue
        ident = _text(values[0]) or ""
        name = (_text(values[1]) or "") if len(values) > 1 else ""
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
                reason=Msg(
                    f"カタログと違いますが、{ja}シートは読み込みません（dxready set で編集してください）"
                    if ident in expected
                    else f"カタログにない ID です。{ja}シートは読み込みません（dxready add で追加してください）",
                    f"differs from the catalogue, but the {sheet.name} sheet is not imported (edit with dxready set)"
                    if ident in expected
                    else f"an ID the catalogue does not have; the {sheet.name} sheet is not imported (add with dxready add)",
                ),
            )
        )
    return fates


# --------------------------------------------------------------------------------------------------- splices


def _doc(text: str) -> _Doc:
    """edit's document, composed by the loader's C fast path (the same nodes, several times faster)."""
    from dxready.catalog.load import fast_compose
    from dxready.commands.edit import _Doc

    class FastDoc(_Doc):
        def __init__(self, text: str) -> None:
            self.text = text
            self.nl = "\r\n" if "\r\n" in text else "\n"
            self.root = fast_compose(text)
            self.seq_offset = self._seq_offset()

    return FastDoc(text)


def _merge(splices: list[Splice]) -> list[Splice]:
    """edit._merge_inserts in one pass: insertions at one point (the end of one entry and the next new key or entry)
    become one, in the order they were made, keeping a single leading line break."""
    from dxready.commands.edit import Splice

    merged: list[Splice] = []
    at: dict[int, int] = {}
    for s in splices:
        if s.start != s.end:
            merged.append(s)
            continue
        i = at.get(s.start)
        if i is None:
            at[s.start] = len(merged)
            merged.append(s)
            continue
        prev, text = merged[i], s.text
        for nl in ("\r\n", "\n"):
            if prev.text.startswith(nl) and text.startswith(nl):
                text = text[len(nl) :]
                break
        merged[i] = Splice(prev.start, prev.end, prev.text + text)
    return merged


def _join(text: str, splices: list[Splice]) -> str:
    """edit.apply in one pass (10,000 splices into a large file stay linear)."""
    ordered = sorted(splices, key=lambda s: (s.start, s.end))
    parts = []
    at = 0
    for s in ordered:
        if s.start < at:
            raise ValueError("overlapping edits")
        parts.append(text[at : s.start])
        parts.append(s.text)
        at = s.end
    parts.append(text[at:])
    return "".join(parts)


def _change(doc: _Doc, node: Any, pending: Pending) -> Any:
    from dxready.commands.edit import Change, CountsEntry, _status_text_like

    status_text = None
    if pending.status is not None:
        entries = doc.items(node)
        written = str(entries["status"][1].value) if "status" in entries else "unknown"
        status_text = _status_text_like(written, pending.status[0])
    return Change(
        status=pending.status[0] if pending.status else None,
        status_text=status_text,
        channels=(),
        counts=tuple(
            CountsEntry(year, total=t, online=o, rate=r, period_end=pe, source=src)
            for year, ((t, o, r, pe, src), _) in sorted(pending.counts.items())
        ),
        note=pending.note[0] if pending.note else None,
        verified_on=pending.verified_on[0] if pending.verified_on else None,
    )


def _channel_items(pending: Pending) -> list[list[tuple[str, str]]]:
    from dxready.commands.edit import scalar

    items = []
    for kind, (name, since, inferred, _) in pending.channels.items():
        pairs = [("kind", kind)]
        if name:
            pairs.append(("name", scalar(name, flow=True)))
        if since is not None:
            pairs.append(("since", since.isoformat()))
        if inferred:
            pairs.append(("inferred", "true"))
        items.append(pairs)
    return items


def _sub_pass(text: str, catalog: Catalog, subs: dict[tuple[int, int], Pending]) -> str:
    """Sub-procedure edits; a group that follows its sub-procedures follows them once, after all of them."""
    from dxready.commands.edit import (
        Target,
        _append,
        _node_of,
        _status_text_like,
        plan_splices,
    )
    from dxready.rules.dx008_group_status_mismatch import expected_status

    doc = _doc(text)
    splices: list[Splice] = []
    groups: dict[int, list[tuple[int, Pending]]] = {}
    for (index, at), pending in subs.items():
        groups.setdefault(index, []).append((at, pending))
    procedures = catalog.procedures
    for index, items in groups.items():
        group = procedures[index]
        proc_node = _node_of(doc, Target(index, group))[0]
        status_node = doc.items(proc_node).get("status")
        skip = int(status_node[1].start_mark.index) if status_node else -1
        new_subs = list(group.sub_procedures)
        for at, pending in items:
            target = Target(index, group, at, group.sub_procedures[at])
            node = _node_of(doc, target)[1]
            change = _change(doc, node, pending)
            planned, _ = plan_splices(doc, target, change)
            splices += [s for s in planned if s.start != skip]  # the group's own mark: decided below, once
            _append(doc, node, "channels", _channel_items(pending), splices)
            if pending.status is not None:
                new_subs[at] = new_subs[at].model_copy(update={"status": pending.status[0]})
        before = expected_status(group)
        after = expected_status(group.model_copy(update={"sub_procedures": new_subs}))
        # As set does (edit.plan_splices): a group recorded as unknown follows its sub-procedures by itself, so
        # nothing is written; one whose mark was what they settled keeps following them (or is unknown again).
        following = group.status.value != "unknown" and before is not None and group.status is before
        if status_node and following and after is not group.status:
            from dxready.catalog.models import Status

            key_node, value_node = status_node
            written = _status_text_like(str(value_node.value), after if after is not None else Status.unknown)
            splices.append(doc.replace_scalar(value_node, key_node, written, flow=bool(proc_node.flow_style)))
    return _join(text, _merge(splices))


def _procedure_pass(text: str, catalog: Catalog, procs: dict[int, Pending], new: list[NewProcedure]) -> str:
    from dxready.commands.edit import Target, _append, _node_of, plan_splices

    doc = _doc(text)
    splices: list[Splice] = []
    procedures = catalog.procedures
    for index in sorted(procs):
        pending = procs[index]
        target = Target(index, procedures[index])
        node = _node_of(doc, target)[1]
        planned, _ = plan_splices(doc, target, _change(doc, node, pending))
        splices += planned
        _append(doc, node, "channels", _channel_items(pending), splices)
    splices = _merge(splices)
    if new:
        splices.append(_append_procedures(doc, new))
        splices = _merge(splices)
    return _join(text, splices)


def _append_procedures(doc: _Doc, new: list[NewProcedure]) -> Splice:
    from dxready.catalog.models import Status
    from dxready.commands.edit import CountsEntry, scalar

    blocks, flows = [], []
    for entry in new:
        status = entry.status or Status.unknown
        written = status.mark if status is not Status.unknown else status.value
        pairs = [
            ("id", entry.id),
            ("name", scalar(entry.name, flow=True)),
            ("status", scalar(written, flow=True)),
        ]
        if entry.note:
            pairs.append(("note", scalar(entry.note, flow=True)))
        lines = [f"{k}: {v}" for k, v in pairs]
        flow = ", ".join(f"{k}: {v}" for k, v in pairs)
        if entry.counts:
            items = [
                [
                    ("fiscal_year", str(year)),
                    *CountsEntry(year, total=t, online=o, rate=r, period_end=pe, source=src).written(),
                ]
                for year, ((t, o, r, pe, src), _) in sorted(entry.counts.items())
            ]
            lines.append("counts:")
            for pairs in items:
                lines += [("  - " if i == 0 else "    ") + f"{k}: {v}" for i, (k, v) in enumerate(pairs)]
            flow += (
                ", counts: ["
                + ", ".join("{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}" for pairs in items)
                + "]"
            )
        blocks.append(lines)
        flows.append("{" + flow + "}")
    seq = doc.items(doc.root)["procedures"][1]
    return doc.append_items(seq, blocks, flows)


# --------------------------------------------------------------------------------------------------- command


def run_import(
    source: Path,
    *,
    catalog: str | os.PathLike[str] | None,
    dry_run: bool,
    unmatched: str,
    as_of: dt.date,
    lang: str,
) -> ImportResult:
    """Read ``source``, plan every row, and (unless refused or a dry run) write procedures.yaml atomically."""
    from dxready.catalog.load import decode, display_name, load_catalog, resolve
    from dxready.commands.edit import _is_embedded, locked, validate_text

    if unmatched not in ("add", "refuse"):
        raise _bad("--unmatched", "--unmatched は add か refuse です", "--unmatched takes add or refuse")
    root, label = resolve(catalog)
    sheets = read_source(source)  # a bad file is refused before the catalogue is touched
    if not dry_run and _is_embedded(root, label):
        raise _bad(
            label,
            "パッケージに同梱のカタログ（鴨川市）には読み込めません。dxready init DIR で自分のカタログを作るか、"
            "--catalog DIR を指定してください（--dry-run なら確認できます）",
            "cannot import into the catalogue shipped inside the package (Kamogawa); create your own with "
            "`dxready init DIR` or pass --catalog DIR (--dry-run shows what would change)",
        )
    path = root / "procedures.yaml"
    shown = display_name(root, "procedures")
    if not path.is_file():
        load_catalog(root)  # the loader's own message
    with locked(root) if not dry_run else contextlib.nullcontext():
        current = load_catalog(root)
        planner = Planner(current, unmatched)
        plan_sheets(planner, sheets, current, lang)
        planner.settle_groups()
        if not any(f.fate != "skipped" for f in planner.fates):
            raise _bad(
                str(source),
                "読み込める表がありません（見出し: No. / 手続の種類 / オンライン化 / 備考、または 手続名 / 年度 / 総件数 / オンライン件数 / 割合）",
                "no table to import (headers: No. / 手続の種類 / オンライン化 / 備考, or 手続名 / 年度 / 総件数 / オンライン件数 / 割合)",
            )
        raw = path.read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        text = decode(raw, shown)
        new_text, candidate = text, current
        if planner.subs:
            new_text = _sub_pass(new_text, candidate, planner.subs)
            candidate = validate_text(new_text, shown, current)
        if planner.procs or planner.new:
            new_text = _procedure_pass(new_text, candidate, planner.procs, planner.new)
            candidate = validate_text(new_text, shown, current)
        if candidate is not current:
            from dxready.engine.preflight import refuse_new_text_findings

            refuse_new_text_findings(
                current, candidate
            )  # nothing check would refuse (DX010) reaches the file
        refused = any(f.fate == "refused" for f in planner.fates)
        diff = None
        if dry_run:
            from dxready.commands.diff import compare
            from dxready.engine.run import run

            after = dataclasses.replace(candidate, label=f"{current.label} + {source.name}")
            diff = compare(run(current, as_of), run(after, as_of), lang)
        written = False
        if not dry_run and not refused and new_text != text:
            from dxready.fsio import atomic_write

            atomic_write(path, (b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8"))
            written = True
    return ImportResult(
        source=str(source),
        catalog=current.label,
        file=shown,
        rows=tuple(planner.fates),
        notes=tuple(planner.notes),
        dry_run=dry_run,
        written=written,
        diff=diff,
    )
