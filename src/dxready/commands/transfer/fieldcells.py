"""A cell of export's last columns (commands/transfer/fields.py) read back: the cell form as plain data, then checked
as the model's own field (its type and constraints), with CellError naming the column."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from dxready.commands.transfer.cells import CellError, cell_text
from dxready.commands.transfer.fields import EMPTY_FORMS, REMOVE, REMOVE_FORMS, FieldSpec
from dxready.findings import Msg

# --------------------------------------------------------------------------------------------------- cells → values


def _yaml(text: str, key: str) -> Any:
    """One line of YAML flow text as plain data, read as the catalogue's loader reads its files (YAML 1.2, its
    limits, its refusals)."""
    from dxready.catalog.load import parse
    from dxready.catalog.problems import LoadError

    try:
        data, _ = parse(f"v: {text}\n", key, positions=False)
    except LoadError as exc:
        detail = exc.problems[0].message if exc.problems else None
        ja = detail.ja if detail is not None else ""
        en = detail.en if detail is not None else ""
        raise CellError(
            key,
            f"YAML として読めません（{{key: value, …}}）: {ja}",
            f"cannot read as YAML ({{key: value, …}}): {en}",
        ) from None
    if not isinstance(data, dict) or set(data) != {"v"}:
        raise CellError(
            key, "YAML として読めません（{key: value, …}）", "cannot read as YAML ({key: value, …})"
        )
    return data["v"]


def from_cell(spec: FieldSpec, value: Any) -> Any:
    """A non-blank cell as plain data for the model field (``REMOVE`` for （なし）, an empty list for ``[]``);
    CellError when unreadable."""
    key = spec.key
    if isinstance(value, dt.datetime):
        value = value.date()
    text = cell_text(value)
    if text is None:
        return None
    if text in REMOVE_FORMS:
        return REMOVE
    kind = spec.kind
    if text in EMPTY_FORMS and kind in ("lines", "ids", "yaml"):
        return []
    if kind == "bool":
        word = text.casefold()
        if word in ("true", "はい", "yes", "○", "〇"):
            return True
        if word in ("false", "いいえ", "no", "×"):
            return False
        raise CellError(
            key,
            f"{text!r} を読めません（はい か いいえ で書いてください）",
            f"cannot read {text!r} (use yes or no, or true or false)",
        )
    if kind in ("int", "fy"):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if (
            kind == "fy" and not text.isdigit()
        ):  # refused here in both languages (the model's words are English)
            from dxready.catalog.fiscal import FiscalYear, FiscalYearError

            try:
                FiscalYear.parse(text)
            except FiscalYearError as exc:
                raise CellError(key, exc.ja, exc.en) from None
        return (
            int(text) if text.isdigit() else text
        )  # a fiscal year as written (令和7年度) is the model's to read
    if kind == "date":
        return value if isinstance(value, dt.date) else text.replace("/", "-")
    if kind == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if kind == "ids":
        import re

        return [part for part in re.split(r"[\s,、，]+", text) if part]
    if kind == "yaml":
        return [_yaml(line, key) for line in text.splitlines() if line.strip()]
    if kind == "yaml1":
        return _yaml(text, key)
    return text


ENUM_COLUMNS = {
    "tier": "Tier",
    "phase": "Phase",
    "track": "Track",
    "data_input": "DataInput",
    "state": "RoadmapState",
}
"""The システム and 工程表 columns that take an enum (checked by set's entity_options), by the enum's name."""


def enum_refusal(key: str, text: str) -> Msg | None:
    """A システム / 工程表 enum cell that names no value, refused in each language's words: the Japanese words the tool
    prints (and the cell reads), or the values in English. None for another column."""
    name = ENUM_COLUMNS.get(key)
    if name is None:
        return None
    from dxready.catalog import models
    from dxready.catalog.labels import LABELS

    words = "、".join(w[0] for w in LABELS[name].values())
    values = ", ".join(str(e.value) for e in getattr(models, name))
    return Msg(f"{text!r} は使えません。使える値: {words}", f"{text!r} is not allowed; use {values}")


@functools.cache
def _adapter(model: type, key: str) -> Any:
    from typing import Annotated

    from pydantic import TypeAdapter

    info = model.model_fields[key]  # type: ignore[attr-defined]
    params = (info.annotation, *info.metadata)
    annotation: Any = Annotated[params] if info.metadata else info.annotation
    return TypeAdapter(annotation)


def checked(model: type, spec: FieldSpec, data: Any, key: str | None = None) -> Any:
    """``data`` validated as the model's field (the model's own type and checks): the value, or CellError."""
    from pydantic import ValidationError

    field = key or spec.key.rsplit(".", 1)[-1]
    try:
        return _adapter(model, field).validate_python(data)
    except ValidationError as exc:
        ja, en = error_words(exc.errors()[0])
        raise CellError(spec.key, f"値が正しくありません（{ja}）", f"invalid value ({en})") from None


def error_words(error: Any) -> tuple[str, str]:
    """One of pydantic's errors in Japanese and English: an enum's values as the tool prints them in Japanese
    (マイナンバーカード、アカウント …), never English words in the Japanese text. A list cell's item is named as the
    sheet counts it (「2 行目の「現金書留」は使えません…」 / "line 2 (現金書留) is not one of …"; a mapping's
    「1 件目の held は項目にありません」), not by pydantic's 0-based index."""
    import re

    loc = tuple(error.get("loc", ()))
    kind = error.get("type", "")
    ctx = dict(error.get("ctx") or {})
    values = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
    if kind == "enum":
        ctx["expected"] = _labels(str(ctx.get("expected", "")))
    cause = ctx.get("error")  # a value_error: a DateError, FiscalYearError … says why in both languages
    ja = getattr(cause, "ja", None) or (_JA[kind].format(**ctx) if kind in _JA else "使えない値です")
    en = getattr(cause, "en", None) or _EN.get(kind, "").format(**ctx) or str(error.get("msg", ""))
    if kind == "enum":
        en = f"use {', '.join(values)}"
    value = cell_text(error.get("input")) if not isinstance(error.get("input"), dict | list) else None
    if loc and isinstance(loc[0], int):  # an item of a list cell: one a line
        n, field = loc[0] + 1, ".".join(str(p) for p in loc[1:])
        if not field:
            if kind == "enum":
                return (
                    f"{n} 行目の「{value}」は使えません（{ja}）",
                    f"line {n} ({value}) is not one of {', '.join(values)}",
                )
            shown_ja, shown_en = (f"の「{value}」", f" ({value})") if value is not None else ("", "")
            return f"{n} 行目{shown_ja}: {ja}", f"line {n}{shown_en}: {en}"
        if kind == "extra_forbidden":
            return f"{n} 件目の {field} は項目にありません", f"item {n}: {field} is not a field"
        return f"{n} 件目の {field}: {ja}", f"item {n}, {field}: {en}"
    where = ".".join(str(p) for p in loc)
    return (f"{where}: {ja}" if where else ja), (f"{where}: {en}" if where else en)


def _labels(expected: str) -> str:
    """pydantic's list of an enum's values (``'a', 'b' or 'c'``) as the Japanese words the tool prints for them."""
    import re

    from dxready.catalog.labels import LABELS

    values = re.findall(r"'([^']*)'", expected)
    words = next((w for w in LABELS.values() if values and set(values) == set(w)), None)
    if words is None:
        return "、".join(values)
    return "、".join(words[v][0] for v in values)


_JA = {
    "enum": "使える値は {expected}",
    "string_pattern_mismatch": "ID は英小文字・数字・ハイフンで書きます",
    "string_too_long": "{max_length} 文字までです",
    "missing": "必須です",
    "extra_forbidden": "この項目はありません",
    "bool_type": "true か false です（YAML の値）",  # inside a {key: value} cell: YAML's own words
    "bool_parsing": "true か false です（YAML の値）",
    "int_parsing": "整数で書きます",
    "date_from_datetime_parsing": "日付は YYYY-MM-DD で書きます",
    "date_parsing": "日付は YYYY-MM-DD で書きます",
    "string_type": "文字列で書きます",
    "string_too_short": "空にできません",
    "too_long": "項目が多すぎます",
    "list_type": "一覧（1 行に 1 つ）で書きます",
    "dict_type": "{{key: value}} で書きます",
    "model_type": "{{key: value}} で書きます",
    "greater_than_equal": "{ge} 以上です",
    "greater_than": "{gt} より大きい値です",
    "less_than_equal": "{le} 以下です",
}
"""Pydantic's errors that a cell's value often meets, in Japanese (others: 使えない値です, with where; the English
message keeps pydantic's words)."""

_EN = {
    "enum": "use {expected}",
    "string_pattern_mismatch": "an ID is lower-case letters, digits and hyphens",
    "string_too_long": "at most {max_length} characters",
    "missing": "required",
    "extra_forbidden": "no such field",
    "bool_type": "true or false (YAML's words)",
    "bool_parsing": "true or false (YAML's words)",
    "int_parsing": "a whole number",
    "date_from_datetime_parsing": "a date is written YYYY-MM-DD",
    "date_parsing": "a date is written YYYY-MM-DD",
    "string_type": "text",
    "string_too_short": "cannot be empty",
    "too_long": "too many items",
    "list_type": "a list (one item a line)",
    "dict_type": "{{key: value}}",
    "model_type": "{{key: value}}",
    "greater_than_equal": "at least {ge}",
    "greater_than": "more than {gt}",
    "less_than_equal": "at most {le}",
}
"""The same errors in English, without pydantic's "Input should be" (others: pydantic's own message)."""
