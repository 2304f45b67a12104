"""The catalogue's remaining fields as spreadsheet cells, both ways: the columns export adds at the right end of each
sheet (and the rows of the 基本情報 sheet), how each value is written in a cell, read back from one, and written into
the YAML.

Cell forms (documented in the README):

- ``text``, ``enum``: the text (an enum by its value, e.g. ``mynumber_card``); ``bool``: ``true`` / ``false``;
  ``date``: a date cell or ``YYYY-MM-DD``; ``int`` / ``fy``: a number (a fiscal year as its western year, 2025);
- ``lines``: a list, one item a line; ``ids``: a list of ids, separated by commas;
- ``yaml``: a list of structured items, one YAML flow mapping a line (``{name: 住民票, held_by_city: true}``);
  ``yaml1``: one YAML flow mapping.

A blank cell changes nothing. ``（なし）`` (or ``(none)``) removes the value (an optional field only). ``[]`` is an
empty list, where a list may also be absent: 添付書類 ``[]`` records that none are needed, a blank one says nothing.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any

REMOVE_FORMS = frozenset({"（なし）", "(なし)", "(none)", "（none）"})
REMOVE = object()
"""What a ``（なし）`` cell asks: the key removed from the entry."""
EMPTY = "[]"
"""What export writes for an empty list in a field that may also be absent (``attachments: []`` — none needed — is a
fact; no ``attachments`` is an unknown): import reads it back as the empty list."""
EMPTY_FORMS = frozenset({EMPTY, "［］"})


@dataclass(frozen=True)
class FieldSpec:
    """One model field as a column (or a row of 基本情報): ``key`` is the model attribute."""

    key: str
    ja: str
    en: str
    kind: str  # text | enum | bool | date | int | fy | lines | ids | yaml | yaml1


def _f(key: str, ja: str, en: str, kind: str = "text") -> FieldSpec:
    return FieldSpec(key, ja, en, kind)


PROCEDURE_FIELDS: tuple[FieldSpec, ...] = (
    _f("recorded", "記録上の状況", "Recorded status"),
    _f("name_en", "英語名", "English name"),
    _f("systems", "システムID", "System IDs", "ids"),
    _f("identity", "本人確認", "Identity check", "enum"),
    _f("fee", "手数料", "Fee", "bool"),
    _f("payment", "納付方法", "Payment", "lines"),
    _f("attachments", "添付書類", "Attachments", "yaml"),
    _f("result_delivery", "結果の交付", "Result delivery", "enum"),
    _f("back_office", "後続処理", "Back office", "enum"),
    _f("life_events", "ライフイベント", "Life events", "lines"),
    _f("target_fiscal_year", "オンライン化目標年度", "Target fiscal year", "fy"),
    _f("owner", "担当課", "Owner"),
    _f("as_of", "時点", "As of", "date"),
    _f("inferred", "推定", "Inferred", "ids"),
)
SOURCES = FieldSpec("sources", "出典", "Source", "lines")
"""The 手続 sheet's 出典 column (one source a line), read back from export's own sheet (with its ID column)."""
SUB_FIELDS: tuple[FieldSpec, ...] = (
    _f("name_en", "英語名", "English name"),
    _f("name_verified", "名称確認済", "Name verified", "bool"),
    _f("inferred", "推定", "Inferred", "ids"),
)
SYSTEM_FIELDS: tuple[FieldSpec, ...] = (
    _f("name_en", "英語名", "English name"),
    _f("suite", "製品群", "Suite"),
    _f("modules", "モジュール", "Modules", "yaml"),
    _f("vendor", "ベンダー", "Vendor"),
    _f("gov_cloud", "ガバメントクラウド", "Gov cloud", "bool"),
    _f("links", "連携先", "Links", "ids"),
)
ROADMAP_FIELDS: tuple[FieldSpec, ...] = (
    _f("title_en", "英語名", "English title"),
    _f("review_fiscal_year", "見直し年度", "Review fiscal year", "fy"),
    _f("review_cycle_years", "見直し周期（年）", "Review cycle (years)", "int"),
    _f("last_reviewed", "最終見直し日", "Last reviewed", "date"),
    _f("procedures", "関連手続", "Procedures", "ids"),
    _f("systems", "関連システム", "Systems", "ids"),
    _f("owner", "担当課", "Owner"),
)
HEADER_FIELDS: tuple[FieldSpec, ...] = (
    _f("municipality.name", "団体名", "Municipality"),
    _f("municipality.name_en", "団体名（英語）", "Municipality (English)"),
    _f("municipality.code", "団体コード", "Code"),
    _f("municipality.prefecture", "都道府県", "Prefecture"),
    _f("municipality.plan", "計画", "Plan"),
    _f("as_of", "時点", "As of", "date"),
    _f("municipality.mynumber_card", "マイナンバーカード", "My Number Card", "yaml1"),
    _f("municipality.counts", "団体の件数", "Municipality counts", "yaml"),
    _f("municipality.sources", "出典", "Sources", "lines"),
    _f("facts", "事実", "Facts", "yaml"),
    _f("areas", "工程表の取組事項", "Roadmap areas", "yaml"),
)


# --------------------------------------------------------------------------------------------------- values → cells


def plain(value: Any) -> Any:
    """A model value as plain data (enums by value, models as mappings without their defaults)."""
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        defaults = type(value).model_fields
        return {k: plain(v) for k, v in value if v != defaults[k].get_default(call_default_factory=True)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def flow(value: Any) -> str:
    """``value`` as one line of YAML flow text that the catalogue's loader reads back as the same value."""
    from dxready.commands.edit import scalar

    value = plain(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(int(value)) if isinstance(value, int) else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    return scalar(str(value), flow=True)


def to_cell(spec: FieldSpec, value: Any) -> str | int | dt.date | None:
    """A field's value as export writes it (None: blank)."""
    if value is None or (isinstance(value, list) and not value and spec.kind != "yaml1"):
        return None
    kind = spec.kind
    if kind == "bool":
        return "true" if value else "false"
    if kind == "enum":
        return str(plain(value))
    if kind in ("int", "fy"):
        return int(value)
    if kind == "date":
        return value if isinstance(value, dt.date) else str(value)
    if kind == "lines":
        return "\n".join(str(plain(v)) for v in value)
    if kind == "ids":
        return ", ".join(str(v) for v in value)
    if kind == "yaml":
        return "\n".join(flow(v) for v in value)
    if kind == "yaml1":
        return flow(value)
    return str(value)
