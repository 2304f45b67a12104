"""Where ``set system|roadmap`` writes each value: splices into the composed YAML of one entry.

Single keys are set in place (block or flow style kept); a nested key whose parent mapping is missing
(``migration:``) is added with its children; fiscal years are written in the style the file already uses
(令和8年度 in Kamogawa's); ids are appended to a list (made when missing). The splices go through
``commands/edit.py``'s ``apply``, like ``set``'s.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from dxready.commands.entity_options import EntityChange, Value, _bad
from dxready.findings import Msg


def _written(value: Value, *, flow: bool) -> str:
    from dxready.commands.edit import scalar

    return scalar(value.text, flow=flow) if value.quote else value.text


def _entry_splices(doc: Any, entry: Any, change: EntityChange, current: Any) -> tuple[list[Any], list[Msg]]:
    """Splices that make ``change`` on one entry (a mapping node) of a list, and a line per change."""
    from dxready.commands import edit

    splices: list[Any] = []
    said: list[Msg] = []
    nested: dict[str, list[Value]] = {}
    change = dataclasses.replace(change, values=[_styled(doc, entry, v) for v in change.values])
    from dxready.catalog.models_systems import System
    from dxready.commands import echo

    kind = "system" if isinstance(current, System) else "roadmap"
    for value in change.values:
        if len(value.path) == 1:
            edit._set_key(doc, entry, value.path[0], value.text, splices, quote=value.quote)
        else:
            nested.setdefault(value.path[0], []).append(value)
        old = _old(current, value.path)
        said.append(echo.change(".".join(value.path), old, value.text, kind, fiscal=value.fiscal))
    for key, values in nested.items():
        items = doc.items(entry)
        if key in items and doc.is_map(items[key][1]):
            inner = items[key][1]
            for value in values:
                edit._set_key(doc, inner, value.path[1], value.text, splices, quote=value.quote)
            continue
        if key in items:  # `migration:` with no value
            raise _bad(
                key, f"{key} が空です。ファイルを直接直してください", f"{key} is empty; fix the file by hand"
            )
        if entry.flow_style:
            body = ", ".join(f"{v.path[1]}: {_written(v, flow=True)}" for v in values)
            splices.append(doc.add_flow(entry, f"{key}: {{{body}}}"))
        else:
            splices.append(
                doc.add_lines(
                    entry, [f"{key}:", *(f"  {v.path[1]}: {_written(v, flow=False)}" for v in values)]
                )
            )
    for key, ids in change.lists.items():
        have = set(getattr(current, key, []) or [])
        new = [i for i in ids if i not in have]
        word = echo.field_word(key, kind)
        for i in ids:
            said.append(
                Msg(f"{word}: {i} を追加", f"{key}: added {i}")
                if i in new
                else Msg(f"{word}: {i} は既にあります", f"{key}: {i} is already there")
            )
        _append_ids(doc, entry, key, new, splices)
    _unset(doc, entry, change.unset, splices, said, kind)
    return edit._merge_inserts(splices), said


def _unset(doc: Any, entry: Any, names: list[str], splices: list[Any], said: list[Msg], kind: str) -> None:
    """``--unset FIELD`` (``migration.FIELD`` inside the migration mapping): removed, or said not to be recorded."""
    from dxready.commands.edit_plan import _plan_unset

    for name in names:
        key, _, inner = name.partition(".")
        if not inner:
            _plan_unset(doc, entry, key, splices, said, kind)
            continue
        items = doc.items(entry)
        if key in items and doc.is_map(items[key][1]):
            before = len(said)
            _plan_unset(doc, items[key][1], inner, splices, said, kind)
            said[before:] = [Msg(m.ja, f"{key}.{m.en}") for m in said[before:]]  # 移行区分: a name of its own
        else:
            said.append(Msg(f"{name} は記録されていません", f"{name} is not recorded"))


_FY_KEY = re.compile(r"(?:fiscal_year|target):[ \t]*(令和|FY)", re.MULTILINE)


def _styled(doc: Any, entry: Any, value: Value) -> Value:
    """A fiscal year written as the value it replaces is written, else as the file's other fiscal years are."""
    from dxready.catalog.fiscal import FiscalYear

    if not value.fiscal or not value.text.isdigit():
        return value
    node: Any = entry
    for key in value.path:
        items = doc.items(node) if doc.is_map(node) else {}
        node = items[key][1] if key in items else None
    written = str(node.value).strip() if node is not None and isinstance(node.value, str) else ""
    if written.startswith("令和") or written.upper().startswith("FY"):
        style = "令和" if written.startswith("令和") else "FY"
    elif written.isdigit():
        style = ""
    else:
        found = _FY_KEY.search(doc.text)
        style = found.group(1) if found else ""
    year = FiscalYear.parse(int(value.text))
    text = year.ja() if style == "令和" else year.en() if style == "FY" else value.text
    return dataclasses.replace(value, text=text)


def _append_ids(doc: Any, mapping: Any, key: str, ids: list[str], splices: list[Any]) -> None:
    if not ids:
        return
    items = doc.items(mapping)
    if key in items and doc.is_seq(items[key][1]):
        splices.append(doc.append_items(items[key][1], [[i] for i in ids], ids))
    elif key in items:
        splices.append(doc.replace_scalar(items[key][1], items[key][0], f"[{', '.join(ids)}]", quote=False))
    elif mapping.flow_style:
        splices.append(doc.add_flow(mapping, f"{key}: [{', '.join(ids)}]"))
    else:
        splices.append(doc.add_lines(mapping, [f"{key}: [{', '.join(ids)}]"]))


def _still_inferred(entity: Any, change: EntityChange) -> list[Msg]:
    """The fields just set that the file still marks as inferences: said, not silently kept or dropped."""
    keys = {v.path[0] for v in change.values}
    marked = [k for k in getattr(entity, "inferred", []) if k in keys]
    migration = getattr(entity, "migration", None)
    if "migration" in keys and migration is not None and migration.inferred:
        marked.append("migration")
    return [
        Msg(
            f"注意: {k} は推定（inferred）と記録されたままです。確かめた値なら inferred から外してください",
            f"note: {k} is still marked as inferred; remove the mark if you have confirmed it",
        )
        for k in dict.fromkeys(marked)
    ]


def _old(entry: Any, path: tuple[str, ...]) -> str:
    from dxready.catalog.fiscal import FiscalYear

    value: Any = entry
    for key in path:
        value = getattr(value, key, None) if value is not None else None
    if value is None:
        return "—"
    if hasattr(value, "value"):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, FiscalYear):
        return value.ja()
    return str(int(value)) if isinstance(value, int) else str(value)
