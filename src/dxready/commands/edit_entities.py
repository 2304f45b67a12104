"""``set system|roadmap ID …`` and ``add system|roadmap ID …``: edit systems.yaml and roadmap.yaml as ``set`` edits
procedures.yaml.

The same guarantees, through ``commands/edit.py``'s machinery: the file is composed to find where each value stands,
changed values are spliced in (comments, order, quoting and line endings kept), the new text is validated like the
loader does (schema and cross-file references) before an atomic write, under the catalogue lock; a refusal leaves every
file byte-identical. ``--serves PID`` adds the system to a procedure's ``systems`` list in procedures.yaml: both files
are validated together before either is written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import enum
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dxready.catalog.load import Catalog, LoadError, Problem
from dxready.findings import Location, Msg

KINDS = ("system", "roadmap")
_FILE = {"system": "systems", "roadmap": "roadmap", "procedure": "procedures"}
_LIST_KEY = {"systems": "systems", "roadmap": "roadmap", "procedures": "procedures"}

# Japanese words people type for the enums (the enum values themselves are always accepted).
_WORDS: dict[str, dict[str, str]] = {
    "tier": {"基幹系": "backbone", "情報系": "intranet", "イントラ系": "intranet", "独立系": "standalone"},
    "phase": {
        "計画立案": "planning",
        "計画": "planning",
        "システム選定": "selection",
        "選定": "selection",
        "移行": "migrating",
        "移行中": "migrating",
        "本格運用": "operating",
        "運用": "operating",
        "運用中": "operating",
        "不要": "not_required",
        "対象外": "not_required",
    },
    "track": {"標準": "standard", "移行困難": "difficult", "特定移行支援": "tokutei"},
    "data_input": {"手入力": "manual", "手作業": "manual", "連携": "linked", "データ連携": "linked"},
    "state": {
        "未着手": "not_started",
        "実施中": "in_progress",
        "着手": "in_progress",
        "完了": "done",
        "済": "done",
    },
}


def _bad(shown: str, ja: str, en: str, code: str = "DX003") -> LoadError:
    return LoadError([Problem(code, Location(shown), Msg(ja, en))])


@dataclass(frozen=True)
class Value:
    """One field to write: its key path in the entry, the YAML text, whether that text is a string to quote."""

    path: tuple[str, ...]
    text: str
    quote: bool = False
    fiscal: bool = (
        False  # a fiscal year: written in the style the file already uses (令和8年度, FY2026, 2026)
    )


@dataclass
class EntityChange:
    """What ``set system|roadmap`` asked for, already checked."""

    values: list[Value] = field(default_factory=list)
    lists: dict[str, list[str]] = field(default_factory=dict)  # key → ids to add (links, procedures, systems)
    serves: list[str] = field(default_factory=list)  # procedure ids that this system serves

    @property
    def empty(self) -> bool:
        return not self.values and not any(self.lists.values()) and not self.serves


# --------------------------------------------------------------------------------------------------- option values


def _enum(option: str, key: str, text: str) -> str:
    from dxready.catalog import models

    enum_of: type[enum.Enum] = {  # type: ignore[assignment]
        "tier": models.Tier,
        "phase": models.Phase,
        "track": models.Track,
        "data_input": models.DataInput,
        "state": models.RoadmapState,
    }[key]
    raw = unicodedata.normalize("NFKC", text).strip()
    value = _WORDS[key].get(raw, raw)
    allowed = [str(e.value) for e in enum_of]
    if value not in allowed:
        words = "、".join(_WORDS[key])
        raise _bad(
            option,
            f"{option} {text!r} は使えません。使える値: {', '.join(allowed)}（{words}）",
            f"{option} {text!r} is not allowed; use {', '.join(allowed)}",
        )
    return value


def _fiscal(option: str, text: str) -> str:
    from dxready.catalog.fiscal import FiscalYear, FiscalYearError

    try:
        return str(int(FiscalYear.parse(unicodedata.normalize("NFKC", text).strip())))
    except FiscalYearError as exc:
        raise _bad(option, f"{option} の年度を読めません: {exc}", f"{option}: {exc}") from None


def _target(text: str) -> str:
    raw = unicodedata.normalize("NFKC", text).strip()
    words = {"期限なし": "none", "なし": "none", "適宜": "recurring", "随時": "recurring"}
    raw = words.get(raw, raw)
    return raw if raw in ("none", "recurring") else _fiscal("--target", raw)


def _business(text: str) -> str:
    from dxready.catalog.registry import STANDARD_BUSINESSES

    value = unicodedata.normalize("NFKC", text).strip()
    if value in STANDARD_BUSINESSES:
        return value
    close = difflib.get_close_matches(value, STANDARD_BUSINESSES, n=1, cutoff=0.4)
    hint_ja = f"（'{close[0]}' の誤りですか？）" if close else ""
    hint_en = f" (did you mean '{close[0]}'?)" if close else ""
    raise _bad(
        "--standard-business",
        f"--standard-business {text!r} は標準化対象の20業務にありません{hint_ja}",
        f"--standard-business {text!r} is not one of the 20 standardised businesses{hint_en}",
    )


def _text(option: str, text: str) -> str:
    if not text.strip() or len(text) > 2000:
        raise _bad(
            option, f"{option} は 1〜2000 文字で指定してください", f"{option} must be 1 to 2000 characters"
        )
    return text


def _ids(option: str, values: list[str]) -> list[str]:
    out = []
    for v in values:
        ident = unicodedata.normalize("NFKC", v).strip()
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", ident):
            raise _bad(option, f"{option} {v!r} は id ではありません", f"{option} {v!r} is not an id")
        out.append(ident)
    return list(dict.fromkeys(out))


def system_change(
    *,
    name: str | None = None,
    tier: str | None = None,
    phase: str | None = None,
    migration_target: str | None = None,
    track: str | None = None,
    gov_cloud: bool | None = None,
    standard_business: str | None = None,
    data_input: str | None = None,
    owner: str | None = None,
    vendor: str | None = None,
    note: str | None = None,
    links: list[str] | None = None,
    serves: list[str] | None = None,
) -> EntityChange:
    change = EntityChange()
    if name is not None:
        change.values.append(Value(("name",), _text("--name", name), quote=True))
    if tier is not None:
        change.values.append(Value(("tier",), _enum("--tier", "tier", tier)))
    if standard_business is not None:
        change.values.append(Value(("standard_business",), _business(standard_business), quote=True))
    if phase is not None:
        change.values.append(Value(("migration", "phase"), _enum("--phase", "phase", phase)))
    if migration_target is not None:
        change.values.append(
            Value(
                ("migration", "target_fiscal_year"),
                _fiscal("--migration-target", migration_target),
                fiscal=True,
            )
        )
    if track is not None:
        change.values.append(Value(("migration", "track"), _enum("--track", "track", track)))
    if gov_cloud is not None:
        change.values.append(Value(("migration", "gov_cloud"), "true" if gov_cloud else "false"))
    if data_input is not None:
        change.values.append(Value(("data_input",), _enum("--data-input", "data_input", data_input)))
    for key, value in (("owner", owner), ("vendor", vendor), ("note", note)):
        if value is not None:
            change.values.append(Value((key,), _text(f"--{key}", value), quote=True))
    change.lists["links"] = _ids("--link", links or [])
    change.serves = _ids("--serves", serves or [])
    return change


def roadmap_change(
    *,
    title: str | None = None,
    area: int | None = None,
    state: str | None = None,
    start: str | None = None,
    target: str | None = None,
    last_reviewed: dt.date | None = None,
    owner: str | None = None,
    note: str | None = None,
    procedures: list[str] | None = None,
    systems: list[str] | None = None,
) -> EntityChange:
    change = EntityChange()
    if title is not None:
        change.values.append(Value(("title",), _text("--title", title), quote=True))
    if area is not None:
        change.values.append(Value(("area",), str(area)))
    if state is not None:
        change.values.append(Value(("state",), _enum("--state", "state", state)))
    if start is not None:
        change.values.append(Value(("start_fiscal_year",), _fiscal("--start", start), fiscal=True))
    if target is not None:
        change.values.append(Value(("target",), _target(target), fiscal=True))
    if last_reviewed is not None:
        if last_reviewed > dt.date.today():
            raise _bad(
                "--last-reviewed",
                f"--last-reviewed {last_reviewed} は未来の日付です",
                f"--last-reviewed {last_reviewed} is in the future",
            )
        change.values.append(Value(("last_reviewed",), last_reviewed.isoformat()))
    for key, value in (("owner", owner), ("note", note)):
        if value is not None:
            change.values.append(Value((key,), _text(f"--{key}", value), quote=True))
    change.lists["procedures"] = _ids("--procedure", procedures or [])
    change.lists["systems"] = _ids("--system", systems or [])
    return change


# --------------------------------------------------------------------------------------------------- splices


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
    for value in change.values:
        if len(value.path) == 1:
            edit._set_key(doc, entry, value.path[0], value.text, splices, quote=value.quote)
        else:
            nested.setdefault(value.path[0], []).append(value)
        old = _old(current, value.path)
        said.append(edit._said(".".join(value.path), old, value.text))
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
        for i in ids:
            said.append(
                Msg(f"{key}: {i} を追加", f"{key}: added {i}")
                if i in new
                else Msg(f"{key}: {i} は既にあります", f"{key}: {i} is already there")
            )
        _append_ids(doc, entry, key, new, splices)
    return edit._merge_inserts(splices), said


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


# --------------------------------------------------------------------------------------------------- files


def validate_files(texts: dict[str, str], catalog: Catalog) -> Catalog:
    """The catalogue with some files replaced by new texts, validated as the loader does: or LoadError."""
    from dxready.catalog.load import parse, validate
    from dxready.catalog.models import FILE_MODELS
    from dxready.rules import LOAD_RULES
    from dxready.rules.base import Context

    updates: dict[str, Any] = {}
    sources = dict(catalog.sources)
    for file, text in texts.items():
        shown = catalog.display(file) if file in catalog.paths else str(catalog.root / f"{file}.yaml")
        data, source = parse(text, shown)
        updates[f"{file}_file"] = validate(FILE_MODELS[file], data, source)
        sources[file] = source
    candidate = dataclasses.replace(catalog, **updates, sources=sources)
    ctx = Context(as_of=dt.date.today())
    fatal = [
        Problem(f.code, candidate.locate(f.file, f.path, key=f.data.get("key") is True), f.message)
        for rule in LOAD_RULES
        for f in rule.check(candidate, ctx)
    ]
    if fatal:
        raise LoadError(fatal)
    from dxready.engine.preflight import refuse_new_text_findings

    refuse_new_text_findings(catalog, candidate)  # nothing check would refuse (DX010) reaches the file
    return candidate


@dataclass
class _File:
    path: Path
    shown: str
    bom: bool
    text: str
    exists: bool


def _read(root: Path, file: str) -> _File:
    from dxready.catalog.load import decode, display_name

    path = root / f"{file}.yaml"
    shown = display_name(root, file)
    if not path.exists():
        return _File(path, shown, False, f"schema_version: 1\n{_LIST_KEY[file]}: []\n", False)
    raw = path.read_bytes()
    return _File(path, shown, raw.startswith(b"\xef\xbb\xbf"), decode(raw, shown), True)


def _write(f: _File, text: str) -> None:
    from dxready.fsio import atomic_write

    data = (b"\xef\xbb\xbf" if f.bom else b"") + text.encode("utf-8")
    if f.exists:
        atomic_write(f.path, data)
        return
    with f.path.open("xb") as fh:  # a new file: created exclusively, never over one that appeared meanwhile
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _find(catalog: Catalog, kind: str, ident: str, shown: str) -> int:
    entries = catalog.systems if kind == "system" else catalog.roadmap
    ids = [e.id for e in entries]
    if ident in ids:
        return ids.index(ident)
    close = difflib.get_close_matches(ident, ids, n=1, cutoff=0.6)
    hint_ja = f"（'{close[0]}' の誤りですか？）" if close else ""
    hint_en = f"; did you mean '{close[0]}'?" if close else ""
    what_ja = "システム" if kind == "system" else "工程表の項目"
    what_en = "system" if kind == "system" else "roadmap item"
    raise _bad(
        shown,
        f"id {ident!r} の{what_ja}はありません{hint_ja}",
        f"no {what_en} with id {ident!r}{hint_en}",
        "DX005",
    )


def _root(catalog: str | os.PathLike[str] | None) -> Path:
    from dxready.catalog.load import load_catalog, resolve
    from dxready.commands import edit

    root, label = resolve(catalog)
    if edit._is_embedded(root, label):
        raise _bad(
            label,
            "パッケージに同梱のカタログ（鴨川市）は編集できません。dxready init DIR --from-embedded で写してから"
            "編集するか、--catalog DIR を指定してください",
            "the catalogue shipped inside the package (Kamogawa) cannot be edited; copy it with "
            "`dxready init DIR --from-embedded` or pass --catalog DIR",
            "DX001",
        )
    if not (root / "procedures.yaml").is_file():
        load_catalog(root)  # the loader's own message
    return root


def _serves_splices(
    doc: Any, catalog: Catalog, system_id: str, pids: list[str], shown: str
) -> tuple[list[Any], list[Msg]]:
    from dxready.commands import edit

    splices: list[Any] = []
    said: list[Msg] = []
    seq = doc.items(doc.root)["procedures"][1]
    for pid in pids:
        target = edit.find_target(catalog, pid, shown)
        if target.sub is not None:
            raise _bad(
                shown, "--serves には手続の id を指定してください", "--serves takes a procedure id", "DX005"
            )
        if system_id in target.procedure.systems:
            said.append(
                Msg(
                    f"{target.procedure.id}: 既に {system_id} を使っています",
                    f"{target.procedure.id} already uses {system_id}",
                )
            )
            continue
        _append_ids(doc, seq.value[target.index], "systems", [system_id], splices)
        said.append(
            Msg(
                f"{target.procedure.id} の systems に {system_id} を追加",
                f"{target.procedure.id}: systems += {system_id}",
            )
        )
    return splices, said


def run_set_entity(
    kind: str, ident: str, change: EntityChange, *, catalog: str | os.PathLike[str] | None, lang: str
) -> str:
    """``set system|roadmap ID``: one entry edited in place; the message to print, or LoadError."""
    from dxready.catalog.load import load_catalog
    from dxready.commands import edit

    if change.empty:
        raise _bad(ident, "変更する項目を指定してください（--help で一覧）", "nothing to change (see --help)")
    root = _root(catalog)
    file = _FILE[kind]
    with edit.locked(root):
        current = load_catalog(root)
        f = _read(root, file)
        index = _find(current, kind, ident, f.shown)
        doc = edit._Doc(f.text)
        entry_node = doc.items(doc.root)[_LIST_KEY[file]][1].value[index]
        entity = (current.systems if kind == "system" else current.roadmap)[index]
        splices, said = _entry_splices(doc, entry_node, change, entity)
        said += _still_inferred(entity, change)
        texts = {file: edit.apply(f.text, splices)}
        proc: _File | None = None
        if change.serves:
            proc = _read(root, "procedures")
            pdoc = edit._Doc(proc.text)
            psplices, psaid = _serves_splices(pdoc, current, ident, change.serves, proc.shown)
            texts["procedures"] = edit.apply(proc.text, psplices)
            said += psaid
        originals = {file: f.text, "procedures": proc.text if proc is not None else ""}
        moved = {k: v for k, v in texts.items() if v != originals[k]}
        if moved:
            validate_files(moved, current)
            if file in moved:
                _write(f, moved[file])
            if proc is not None and "procedures" in moved:
                _write(proc, moved["procedures"])
    return _message(lang, f.shown, kind, ident, said, changed=bool(moved), added=False)


def run_add_entity(
    kind: str, ident: str, change: EntityChange, *, catalog: str | os.PathLike[str] | None, lang: str
) -> str:
    """``add system|roadmap ID``: a new entry appended to the file's list (created if missing)."""
    from dxready.catalog.load import load_catalog
    from dxready.commands import edit

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", ident) or len(ident) > 80:
        raise _bad(
            ident,
            f"id {ident!r} は英小文字・数字・ハイフンで書いてください",
            f"id {ident!r}: use a-z, 0-9 and -",
        )
    root = _root(catalog)
    file = _FILE[kind]
    required = ("name", "tier") if kind == "system" else ("title", "area")
    given = {v.path[0] for v in change.values}
    missing = [k for k in required if k not in given]
    if missing:
        opts = " ".join(f"--{k}" for k in missing)
        raise _bad(ident, f"add {kind} には {opts} が必要です", f"add {kind} needs {opts}")
    with edit.locked(root):
        current = load_catalog(root)
        f = _read(root, file)
        existing = [e.id for e in (current.systems if kind == "system" else current.roadmap)]
        if ident in existing:
            raise _bad(
                f.shown,
                f"id {ident} は既にあります（変更は dxready set {kind} {ident}）",
                f"id {ident} already exists (use dxready set {kind} {ident})",
                "DX004",
            )
        lines = [f"id: {ident}", *_block(change)]
        doc = edit._Doc(f.text)
        items = doc.items(doc.root)
        key = _LIST_KEY[file]
        if key not in items:
            raise _bad(f.shown, f"{key}: がありません", f"no {key}: list in the file")
        seq = items[key][1]
        if doc.is_seq(seq) and seq.value and not seq.flow_style:
            splice = doc.append_items(seq, [lines], [])
        else:
            # An empty or flow list (`systems: []`, as init writes it) becomes a block list with the new entry.
            prefix = " " * (doc.seq_offset + int(items[key][0].start_mark.column))
            old = (
                []
                if not doc.is_seq(seq)
                else [f.text[int(n.start_mark.index) : int(n.end_mark.index)] for n in seq.value]
            )
            body = "".join(f"{doc.nl}{prefix}- {o}" for o in old)
            body += f"{doc.nl}{prefix}- {lines[0]}" + "".join(
                f"{doc.nl}{prefix}  {line}" for line in lines[1:]
            )
            start = int(items[key][0].end_mark.index) + 1  # after the colon
            end = int(seq.end_mark.index) if not doc.is_null(seq) else start
            splice = edit.Splice(start, end, body)
        new_text = edit.apply(f.text, [splice])
        texts = {file: new_text}
        candidate = validate_files(texts, current)
        proc: _File | None = None
        if change.serves:
            proc = _read(root, "procedures")
            pdoc = edit._Doc(proc.text)
            psplices, _ = _serves_splices(pdoc, candidate, ident, change.serves, proc.shown)
            texts["procedures"] = edit.apply(proc.text, psplices)
            validate_files(texts, current)
        _write(f, new_text)
        if proc is not None:
            _write(proc, texts["procedures"])
    said = [Msg(f"{v}", f"{v}") for v in lines[1:]]
    return _message(lang, f.shown, kind, ident, said, changed=True, added=True)


def _block(change: EntityChange) -> list[str]:
    """The new entry's lines (the first goes after the dash), keys in the order the schema lists them."""
    lines: list[str] = []
    nested: dict[str, list[str]] = {}
    for v in change.values:
        if len(v.path) == 1:
            lines.append(f"{v.path[0]}: {_written(v, flow=False)}")
        else:
            nested.setdefault(v.path[0], []).append(f"  {v.path[1]}: {_written(v, flow=False)}")
    for key, inner in nested.items():
        lines += [f"{key}:", *inner]
    for key, ids in change.lists.items():
        if ids:
            lines.append(f"{key}: [{', '.join(ids)}]")
    return lines


def _message(
    lang: str, shown: str, kind: str, ident: str, said: list[Msg], *, changed: bool, added: bool
) -> str:
    from dxready.render.safe import oneline

    what = f"{kind} {ident}"
    body = [f"  {oneline(m.get(lang))}" for m in said]
    if lang == "ja":
        head = (
            f"{shown}: {what} を{'追加' if added else '更新'}しました"
            if changed
            else f"{shown}: {what} は変更なし（既にその値です）"
        )
    else:
        head = (
            f"{shown}: {'added' if added else 'updated'} {what}"
            if changed
            else f"{shown}: {what} unchanged (already so)"
        )
    return "\n".join([head, *body]) + "\n"


SYSTEM_OPTIONS = (
    "name",
    "tier",
    "phase",
    "migration_target",
    "track",
    "gov_cloud",
    "standard_business",
    "data_input",
    "owner",
    "vendor",
    "note",
    "links",
    "serves",
)
ROADMAP_OPTIONS = (
    "title",
    "area",
    "state",
    "start",
    "target",
    "last_reviewed",
    "owner",
    "note",
    "procedures",
    "systems",
)
PROCEDURE_OPTIONS = ("status", "channels", "counts", "verified_on")


def _flag(key: str) -> str:
    return {
        "links": "--link",
        "serves": "--serves",
        "procedures": "--procedure",
        "systems": "--system",
        "channels": "--channel",
    }.get(key, "--" + key.replace("_", "-"))


def change_for(kind: str, options: dict[str, Any]) -> EntityChange:
    """Split the command line's options by ``kind``; an option that belongs to another kind is refused."""
    allowed = SYSTEM_OPTIONS if kind == "system" else ROADMAP_OPTIONS
    stray = [k for k, v in options.items() if v not in (None, [], False) and k not in allowed]
    if stray:
        flags = ", ".join(_flag(k) for k in stray)
        ok = ", ".join(_flag(k) for k in allowed)
        raise _bad(
            flags,
            f"{kind} には {flags} を指定できません（使える項目: {ok}）",
            f"{flags} does not apply to a {kind} (use {ok})",
        )
    picked = {k: options.get(k) for k in allowed}
    return system_change(**picked) if kind == "system" else roadmap_change(**picked)


def set_entity_cli(refs: list[str], options: dict[str, Any], catalog: Any, lang: str) -> str:
    """``set system ID`` / ``set roadmap ID`` from the command line's arguments and options."""
    kind = refs[0]
    if len(refs) != 2:
        raise _bad(
            " ".join(refs),
            f"set {kind} には id をひとつ指定してください（例: dxready set {kind} ID --help）",
            f"set {kind} takes one id (e.g. dxready set {kind} ID …)",
        )
    return run_set_entity(kind, refs[1], change_for(kind, options), catalog=catalog, lang=lang)


def add_entity_cli(args: list[str], options: dict[str, Any], catalog: Any, lang: str) -> str:
    """``add system ID`` / ``add roadmap ID``."""
    if len(args) != 2 or args[0] not in KINDS:
        raise _bad(
            " ".join(args),
            "dxready add system ID … または dxready add roadmap ID … と指定してください",
            "use dxready add system ID … or dxready add roadmap ID …",
        )
    kind, ident = args
    return run_add_entity(kind, ident, change_for(kind, options), catalog=catalog, lang=lang)


def procedure_stray(options: dict[str, Any]) -> None:
    """A system or roadmap option given to ``set`` on a procedure: refused, naming the right form."""
    stray = [_flag(k) for k, v in options.items() if v not in (None, [], False)]
    flags = ", ".join(stray)
    raise _bad(
        flags,
        f"{flags} はシステムか工程表の項目に使います（dxready set system ID … / dxready set roadmap ID …）",
        f"{flags} applies to systems and roadmap items (dxready set system ID … / dxready set roadmap ID …)",
    )
