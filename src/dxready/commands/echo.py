"""The words of ``set``'s and ``add``'s echo: a field by the name the tool gives it, a value as the tool prints it.

In Japanese a field is named as export's sheet of its kind heads its column and ``diff`` names it (本人確認, 手数料,
区分, 移行段階 …), and a value as every view prints it: an enum by its first Japanese spelling (``catalog/labels.py``:
基幹系, 計画立案), a yes/no fact as はい／いいえ. In English the field is its YAML key and the value the catalogue's
(yes/no for a yes/no fact). JSON and the files themselves keep keys and values as they are.
"""

from __future__ import annotations

from dxready.findings import Msg

# A field whose values are an enum's (the last key of its path) → the enum's name in catalog/labels.py.
_ENUM_OF = {
    "identity": "Identity",
    "payment": "Payment",
    "result_delivery": "ResultDelivery",
    "back_office": "BackOffice",
    "tier": "Tier",
    "phase": "Phase",
    "track": "Track",
    "data_input": "DataInput",
    "state": "RoadmapState",
}
# A key whose sheet column has another name (a system's migration target is the 移行目標年度 column, ``target``).
_COLUMN_OF = {("system", "target_fiscal_year"): "target"}
# A key named otherwise than its column's header: a roadmap item's start is the 開始 column of 開始 and 目標年度; on
# its own it is 開始年度, as ``--start``'s help calls it and beside 目標年度 in the echo.
_WORD_OF = {("roadmap", "start_fiscal_year"): "開始年度"}
# Keys no sheet heads: the nesting mapping and the lists with a sheet of their own.
_OWN = {
    "migration": "移行",
    "counts": "件数",
    "sub_procedures": "個別手続",
    "sources": "出典",
    "as_of": "時点",
}


def field_word(key: str, kind: str = "procedure") -> str:
    """A field (``result_delivery``, or a path's last key: ``migration.phase`` → ``phase``) in Japanese, as export's
    sheet of ``kind`` (procedure, system, roadmap) heads its column; the key itself where no sheet names it."""
    from dxready.commands.transfer.sheets import PROCEDURES, ROADMAP, SYSTEMS

    last = key.rsplit(".", 1)[-1]
    if (kind, last) in _WORD_OF:
        return _WORD_OF[kind, last]
    sheet = {"procedure": PROCEDURES, "system": SYSTEMS, "roadmap": ROADMAP}.get(kind, PROCEDURES)
    column = _COLUMN_OF.get((kind, last), last)
    found = next((c.ja for c in sheet.columns if c.key == column), None)
    return found or _OWN.get(last, key)


def value_word(key: str, text: str, lang: str) -> str:
    """A value as written in YAML (``backbone``, ``true``) as the tool prints it for the field ``key``."""
    from dxready.catalog.labels import LABELS, yes_no

    if text in ("true", "false"):
        return yes_no(text == "true", lang)
    if key.rsplit(".", 1)[-1] == "area" and text.isdigit():
        return f"({text})"  # a roadmap area as table roadmap numbers it: (1)
    enum = _ENUM_OF.get(key.rsplit(".", 1)[-1])
    if lang == "ja" and enum is not None:
        return LABELS.get(enum, {}).get(text, (text,))[0]
    return text


def _fiscal(text: str, lang: str) -> str:
    """A fiscal year however written (2026, 令和8年度) as every view labels it (令和8年度, FY2026); a roadmap target
    with none (期限なし, no deadline) or recurring (適宜, as needed) as ``table roadmap`` words it."""
    from dxready.catalog.fiscal import FiscalYear

    words = {"none": ("期限なし", "no deadline"), "recurring": ("適宜", "as needed")}
    if text in words:
        return words[text][0 if lang == "ja" else 1]
    try:
        return FiscalYear.parse(text).label(lang)
    except ValueError:
        return text


def change(key: str, old: str, new: str, kind: str = "procedure", *, fiscal: bool = False) -> Msg:
    """``key: old → new`` in both languages (``old`` "—" when it was not recorded); one value when it was already
    so. ``fiscal``: the values are fiscal years, shown as 令和8年度 / FY2026 whichever way they were written."""
    ja_key = field_word(key, kind)
    if fiscal:
        old_ja, new_ja = (v if v == "—" else _fiscal(v, "ja") for v in (old, new))
        old_en, new_en = (v if v == "—" else _fiscal(v, "en") for v in (old, new))
        old, new = old_ja, new_ja
    else:
        old_ja, new_ja = value_word(key, old, "ja"), value_word(key, new, "ja")
        old_en, new_en = value_word(key, old, "en"), value_word(key, new, "en")
    if old == new:
        return Msg(f"{ja_key}: {new_ja}（既にその値です）", f"{key}: {new_en} (already so)")
    return Msg(f"{ja_key}: {old_ja} → {new_ja}", f"{key}: {old_en} → {new_en}")


def yaml_line(line: str, kind: str) -> Msg:
    """One line of an added entry's YAML (``tier: backbone``, ``  phase: planning``) worded for the echo."""
    body = line.lstrip(" ")
    indent = line[: len(line) - len(body)]
    key, sep, value = body.partition(":")
    if not sep or not key.isidentifier():
        return Msg(line, line)
    value = value.strip()
    # A fiscal year as every view labels it (令和8年度 / FY2026), however it was written.
    if value and (key == "target" or key.endswith("fiscal_year")):
        shown_ja, shown_en = _fiscal(value.strip("'\""), "ja"), _fiscal(value.strip("'\""), "en")
    else:
        shown_ja = value_word(key, value, "ja") if value else ""
        shown_en = value_word(key, value, "en") if value else ""
    return Msg(
        f"{indent}{field_word(key, kind)}:{' ' + shown_ja if value else ''}",
        f"{indent}{key}:{' ' + shown_en if value else ''}",
    )
