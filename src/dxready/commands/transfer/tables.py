"""Recognising a table in a sheet: the first row (of the first 30) that is a known header row.

Shapes: the plan's four columns (No. / 手続の種類 / オンライン化 / 備考) or export's 手続 sheet, sub-procedures (個別手続), a
long table of counts (手続名, 年度, 総件数, オンライン件数, 割合), and export's computed sheets by name and header.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dxready.commands.transfer.read import RawSheet, Value

if TYPE_CHECKING:
    pass


HEADER_SCAN = 30


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


@functools.cache
def _extra_keys() -> dict[str, str]:
    """export's last columns (the remaining fields): read only from a table with export's ID columns."""
    from dxready.commands.transfer.fields import PROCEDURE_FIELDS, SUB_FIELDS

    return {fold_header(label): f.key for f in (*PROCEDURE_FIELDS, *SUB_FIELDS) for label in (f.ja, f.en)}


def header_key(value: Value) -> str | None:
    if not isinstance(value, str):
        return None
    folded = fold_header(value)
    if folded in _HEADER_KEYS:
        return _HEADER_KEYS[folded]
    bare = re.sub(r"\(.*?\)$", "", folded)  # 割合（%） → 割合, 総件数（件） → 総件数
    return _HEADER_KEYS.get(bare) or _extra_keys().get(folded)


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
    from dxready.commands.transfer.sheets import HEADER, ROADMAP, SUMMARY, SYSTEMS

    for n, values in sheet.rows[:HEADER_SCAN]:
        texts = ["" if v is None else str(v).strip() for v in values]
        while texts and not texts[-1]:
            texts.pop()
        for spec in (SYSTEMS, ROADMAP, SUMMARY, HEADER):
            base = len(spec.columns) - len(spec.extra)  # an export from before the last columns reads too
            if sheet.name in (spec.ja, spec.en) and any(
                base <= len(texts) <= len(spec.columns)
                and texts == [getattr(c, lang) for c in spec.columns][: len(texts)]
                for lang in ("ja", "en")
            ):
                return Table(spec.key, n, {c.key: i for i, c in enumerate(spec.columns[: len(texts)])}, texts)
        keys: dict[str, int] = {}
        for i, v in enumerate(values):
            key = header_key(v)
            if key is not None and key not in keys:
                keys[key] = i
        kind = _shape(keys)
        if not {"id", "sub_id"} & keys.keys():
            keys = {k: i for k, i in keys.items() if k not in _extra_keys().values() or k in _HEADERS}
        if kind is not None:
            return Table(kind, n, keys, texts)
    return None
