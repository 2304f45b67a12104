"""The workbook's sheets and columns (export writes them; import recognises them), and the workbook itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dxready.commands.transfer.fields import (
    PROCEDURE_FIELDS,
    ROADMAP_FIELDS,
    SUB_FIELDS,
    SYSTEM_FIELDS,
    FieldSpec,
)
from dxready.i18n import t as _t

if TYPE_CHECKING:
    pass


class Percent(float):
    """A rate as a fraction (0.529 for 52.9 %): a percentage cell in xlsx, ``52.9%`` in CSV."""


Cell = str | int | float | dt.date | None


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
    extra: tuple[FieldSpec, ...] = ()
    """The model's remaining fields, as the last columns (commands/transfer/fields.py)."""

    def name(self, lang: str) -> str:
        return _t(lang, self.ja, self.en)


def _extra(fields: tuple[FieldSpec, ...]) -> tuple[Column, ...]:
    kinds = {"date": "date", "int": "int", "fy": "int"}
    return tuple(Column(f.key, f.ja, f.en, kinds.get(f.kind, "text")) for f in fields)


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
        *_extra(PROCEDURE_FIELDS),
    ),
    PROCEDURE_FIELDS,
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
        *_extra(SUB_FIELDS),
    ),
    SUB_FIELDS,
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
        Column("inferred", "推定", "Inferred"),
        *_extra(SYSTEM_FIELDS),
    ),
    SYSTEM_FIELDS,
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
        Column("inferred", "推定", "Inferred"),
        *_extra(ROADMAP_FIELDS),
    ),
    ROADMAP_FIELDS,
)
SUMMARY = SheetSpec(
    "summary",
    "概況",
    "Summary",
    (Column("item", "項目", "Item"), Column("value", "値", "Value")),
)
HEADER = SheetSpec(
    "header",
    "基本情報",
    "Catalogue",
    (Column("field", "項目", "Field"), Column("value", "値", "Value")),
)
"""The catalogue's header, one row per field (commands/transfer/fields.HEADER_FIELDS), and the roadmap's areas."""
SHEETS: tuple[SheetSpec, ...] = (PROCEDURES, SUB_PROCEDURES, COUNTS, SYSTEMS, ROADMAP, SUMMARY, HEADER)


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
