"""Plain values → models: a pydantic validation error becomes located problems (DX003) in both languages, with "did you
mean" for a misspelt key; bounded however many values are wrong (:func:`dxready.catalog.limits.bounded_errors`)."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from dxready.catalog import limits
from dxready.catalog.limits import excerpt
from dxready.catalog.problems import SCHEMA_VIOLATION, LoadError
from dxready.catalog.sourcemap import SourceMap
from dxready.errors import Problem
from dxready.findings import Location, Msg

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError


_TYPE_JA = {
    "missing": "必須の項目がありません",
    "extra_forbidden": "未知のキーです",
    "enum": "使えない値です",
    "literal_error": "使えない値です",
    "int_type": "整数を書いてください",
    "int_parsing": "整数を書いてください",
    "bool_type": "true または false を書いてください",
    "bool_parsing": "true または false を書いてください",
    "string_type": "文字列を書いてください",
    "string_pattern_mismatch": "書式が違います",
    "string_too_short": "空にできません",
    "string_too_long": "長すぎます",
    "too_long": "項目が多すぎます",
    "finite_number": "有限の数を書いてください",
    "date_type": "日付（YYYY-MM-DD）を書いてください",
    "date_parsing": "日付（YYYY-MM-DD）を書いてください",
    "date_from_datetime_parsing": "日付（YYYY-MM-DD）を書いてください",
    "list_type": "リスト（- で始まる行）を書いてください",
    "model_type": "マッピング（キー: 値）を書いてください",
    "model_attributes_type": "マッピング（キー: 値）を書いてください",
    "dict_type": "マッピング（キー: 値）を書いてください",
    "greater_than_equal": "値が小さすぎます",
    "greater_than": "値が小さすぎます",
    "less_than_equal": "値が大きすぎます",
    "value_error": "値が不正です",
}


def _field_names(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys the model at ``loc`` accepts (for 'did you mean')."""
    import typing

    from pydantic import BaseModel as _BaseModel

    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, _BaseModel)):
            return []
        info = current.model_fields.get(part)
        if info is None:
            return list(current.model_fields)
        current = info.annotation
        for _ in range(4):  # unwrap Optional[list[Model]] and the like
            args = [a for a in typing.get_args(current) if a is not type(None)]
            if isinstance(current, type) and issubclass(current, _BaseModel):
                break
            models = [a for a in args if isinstance(a, type) and issubclass(a, _BaseModel)]
            if models:
                current = models[0]
                break
            if args:
                current = args[0]
    if isinstance(current, type) and issubclass(current, _BaseModel):
        return list(current.model_fields)
    return []


_ID_FIELDS = frozenset({"id", "systems", "procedures", "links", "roadmap"})


def _explain(error: Any, model: type[BaseModel], data: Any) -> Msg:
    loc = tuple(p for p in error["loc"] if isinstance(p, str | int))
    kind = error["type"]
    # file:line:col already says where; the field's own name says what.
    name = next((excerpt_key(p, lang="ja") for p in reversed(loc) if isinstance(p, str)), "(document)")
    name_en = next((excerpt_key(p, lang="en") for p in reversed(loc) if isinstance(p, str)), "(document)")
    en = error["msg"]
    ja = _TYPE_JA.get(kind, "値が不正です")
    if kind == "extra_forbidden":
        key, key_en = excerpt_key(loc[-1], lang="ja"), excerpt_key(loc[-1], lang="en")
        allowed = _field_names(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1])[:100], allowed, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        hint_ja = f"（'{close[0]}' の誤りですか？）" if close else ""
        listing = ", ".join(allowed)
        return Msg(
            f"未知のキー '{key}' です{hint_ja}。使えるキー: {listing}",
            f"unknown key '{key_en}'{hint}; allowed keys: {listing}",
        )
    if kind == "missing":
        return Msg(
            f"必須の項目 '{excerpt_key(loc[-1], lang='ja')}' がありません",
            f"required key '{excerpt_key(loc[-1], lang='en')}' is missing",
        )
    if kind in ("enum", "literal_error"):
        expected = error.get("ctx", {}).get("expected", "")
        got = error.get("input")
        expected_ja = _expected_ja(expected)
        if loc and loc[-1] == "status":
            from dxready.catalog.labels import status_words

            expected, expected_ja = status_words("en"), status_words("ja")
        return Msg(
            f"{name}: {excerpt(got, lang='ja')} は使えません。使える値: {expected_ja}",
            f"{name_en}: {excerpt(got, lang='en')} is not allowed; expected one of {expected}",
        )
    if kind == "value_error":
        cause = error.get("ctx", {}).get("error", en)
        # A DateError, FiscalYearError or ValueProblem says why in both languages.
        ja = excerpt_key(getattr(cause, "ja", cause), 300, lang="ja")
        return Msg(f"{name}: {ja}", f"{name_en}: {excerpt_key(getattr(cause, 'en', cause), 300, lang='en')}")
    field_name = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "string_pattern_mismatch" and field_name in _ID_FIELDS:
        return Msg(
            f"{name}: {excerpt(error.get('input'), lang='ja')} は id の書式（半角英小文字・数字・ハイフン）ではありません",
            f"{name_en}: {excerpt(error.get('input'), lang='en')} is not an id (lowercase letters, digits and hyphens)",
        )
    got = error.get("input")
    shown = "" if isinstance(got, dict | list) else f"（{excerpt(got, lang='ja')}）"
    shown_en = "" if isinstance(got, dict | list) else f" (got {excerpt(got, lang='en')})"
    return Msg(f"{name}: {ja}{shown}", f"{name_en}: {excerpt_key(en, 300, lang='en')}{shown_en}")


def excerpt_key(value: object, limit: int = limits.EXCERPT, lang: str | None = None) -> str:
    """A key or message as text, cut like :func:`excerpt` (without quotes), its length said in ``lang``."""
    text = str(value) if not isinstance(value, int) else excerpt(value, lang=lang)
    return text if len(text) <= limit else f"{text[:limit]}…{limits.length_note(len(text), lang)}"


def validate(model: type[BaseModel], data: Any, source: SourceMap) -> Any:
    """Plain values → a model instance, or LoadError (DX003) with each error at its line and column."""
    from pydantic import ValidationError

    if data is None:
        data = {}
        required = [n for n, f in model.model_fields.items() if f.is_required()]
        if required:
            keys = ", ".join(required)
            raise LoadError(
                [
                    Problem(
                        SCHEMA_VIOLATION,
                        source.locate(()),
                        Msg(
                            f"ファイルが空です。少なくとも {keys} が必要です",
                            f"the file is empty; it needs at least: {keys}",
                        ),
                    )
                ]
            )
    if not isinstance(data, dict):
        loc = source.locate(())
        kind = "リスト" if isinstance(data, list) else "値"
        raise LoadError(
            [
                Problem(
                    SCHEMA_VIOLATION,
                    loc,
                    Msg(
                        f"ファイルの最上位は マッピング（キー: 値）にしてください（{kind}が書かれています）",
                        "the top level of the file must be a mapping (key: value)",
                    ),
                )
            ]
        )
    model.model_rebuild()
    from dxready.catalog.normalise import normalise_identifiers

    try:
        return model.model_validate(normalise_identifiers(data))
    except ValidationError as exc:
        found, more = _problems(exc, model, data, source)
        raise LoadError(found, more) from None


def _problems(
    exc: ValidationError, model: type[BaseModel], data: Any, source: SourceMap
) -> tuple[list[Problem], int]:
    problems: dict[tuple[Location, str], Problem] = {}
    errors, more = limits.bounded_errors(exc, model, data)
    # A misspelt key also makes the right one "missing": report the misspelling only.
    suggested: set[tuple[Any, Any]] = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            allowed = _field_names(model, loc[:-1])
            suggested.update(
                (loc[:-1], m) for m in difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            )
    for error in errors:
        kind = error["type"]
        if kind == "missing" and suggested:
            loc = tuple(p for p in error["loc"] if isinstance(p, str | int))
            if (loc[:-1], loc[-1]) in suggested:
                continue
        if len(problems) >= limits.MAX_PROBLEMS:  # counted, not explained nor kept
            more += 1
            continue
        loc = tuple(p for p in error["loc"] if isinstance(p, str | int))
        location = source.locate(loc, key=error["type"] == "extra_forbidden")
        msg = _explain(error, model, data)
        problems.setdefault((location, msg.en), Problem(SCHEMA_VIOLATION, location, msg))
    return sorted(problems.values(), key=lambda p: (p.location.line, p.location.column)), more


def _expected_ja(expected: str) -> str:
    """pydantic's "'manual', 'linked' or 'x'" in Japanese: the values joined with 、, each with the word the tool prints
    for it (manual（手入力）) when the values are those of one of the catalogue's enums."""
    import re

    from dxready.catalog.labels import LABELS

    values = re.findall(r"'([^']*)'", expected)
    if not values:
        return expected
    words = next((table for table in LABELS.values() if set(values) == set(table)), {})
    return "、".join(f"{v}（{words[v][0]}）" if v in words else v for v in values)
