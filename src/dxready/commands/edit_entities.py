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
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dxready.catalog.load import Catalog
from dxready.catalog.problems import LoadError
from dxready.commands.edit_plan import _did_you_mean, no_such_ref
from dxready.commands.entity_options import KINDS, EntityChange, _bad, change_for
from dxready.commands.entity_splices import _append_ids, _entry_splices, _still_inferred, _written
from dxready.errors import Problem, UsageError
from dxready.findings import Finding, Msg
from dxready.rules import dx004_duplicate_id, dx005_unknown_reference

_FILE = {"system": "systems", "roadmap": "roadmap", "procedure": "procedures"}
_LIST_KEY = {"systems": "systems", "roadmap": "roadmap", "procedures": "procedures"}


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
        areas = "areas: []\n" if file == "roadmap" else ""
        return _File(path, shown, False, f"schema_version: 1\n{areas}{_LIST_KEY[file]}: []\n", False)
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
    # A mistake in the command (its ID argument), not in the catalogue: a usage error, as set's REF for a procedure.
    hint_ja, hint_en = _did_you_mean(ident, ids)
    what_ja, what_en, table = (
        ("システム", "system", "systems") if kind == "system" else ("工程表の項目", "roadmap item", "roadmap")
    )
    raise no_such_ref(
        f"id {ident!r} の{what_ja}はありません{hint_ja}（{shown}。一覧: dxready table {table}）",
        f"no {what_en} with id {ident!r}{hint_en} ({shown}; see dxready table {table})",
    )


def _root(catalog: str | os.PathLike[str] | None) -> Path:
    """The catalogue directory to edit (the embedded one refused as ``set`` refuses it, naming --from-embedded)."""
    from dxready.commands import edit
    from dxready.engine.integrity import load as load_catalog

    root, _ = edit._editable(catalog)
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
                shown,
                "--serves には手続の id を指定してください",
                "--serves takes a procedure id",
                dx005_unknown_reference.CODE,
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
                f"{target.procedure.id} のシステムID に {system_id} を追加",
                f"{target.procedure.id}: systems += {system_id}",
            )
        )
    return splices, said


def run_set_entity(
    kind: str, ident: str, change: EntityChange, *, catalog: str | os.PathLike[str] | None
) -> EntityResult:
    """``set system|roadmap ID``: one entry edited in place; what changed, or an error."""
    from dxready.commands import edit
    from dxready.engine.integrity import load as load_catalog

    if change.empty:
        raise _usage(
            "ID",
            f"{ident}: 変更する項目を指定してください（--help で一覧）",
            f"{ident}: nothing to change (see --help)",
        )
    root = _root(catalog)
    file = _FILE[kind]
    with edit.locked(root):
        current = load_catalog(root)
        f = _read(root, file)
        index = _find(current, kind, ident, f.shown)
        doc = edit._Doc(f.text)
        entry_node = doc.items(doc.root)[_LIST_KEY[file]][1].value[index]
        entity = (current.systems if kind == "system" else current.roadmap)[index]
        _refuse_migration_without_phase(kind, ident, change, entity)
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
        candidate = validate_files(moved, current) if moved else None
        if file in moved:
            _write(f, moved[file])
        if proc is not None and "procedures" in moved:
            _write(proc, moved["procedures"])
    new = () if candidate is None else _new_findings(current, candidate, kind, ident, change)
    return EntityResult(f.shown, kind, ident, tuple(said), changed=bool(moved), added=False, new_findings=new)


def _new_findings(
    before: Catalog, after: Catalog, kind: str, ident: str, change: EntityChange
) -> tuple[Finding, ...]:
    """What check reports now on the entry and the procedures it was made to serve, and did not before."""
    from dxready.engine.consequences import new_findings

    return new_findings(before, after, change.serves, also=lambda s: s.kind == kind and s.id == ident)


def run_add_entity(
    kind: str, ident: str, change: EntityChange, *, catalog: str | os.PathLike[str] | None
) -> EntityResult:
    """``add system|roadmap ID``: a new entry appended to the file's list (created if missing)."""
    from dxready.commands import edit
    from dxready.engine.integrity import load as load_catalog

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", ident) or len(ident) > 80:
        raise _usage(
            "ID",
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
        raise _usage(f"--{missing[0]}", f"add {kind} には {opts} が必要です", f"add {kind} needs {opts}")
    _refuse_migration_without_phase(kind, ident, change, None)
    with edit.locked(root):
        current = load_catalog(root)
        f = _read(root, file)
        existing = [e.id for e in (current.systems if kind == "system" else current.roadmap)]
        if ident in existing:
            raise _bad(
                f.shown,
                f"id {ident} は既にあります（変更は dxready set {kind} {ident}）",
                f"id {ident} already exists (use dxready set {kind} {ident})",
                dx004_duplicate_id.CODE,
            )
        lines = [f"id: {ident}", *_block(change)]
        new_text = append_entries(f.text, _LIST_KEY[file], [lines], f.shown)
        texts = {file: new_text}
        candidate = validate_files(texts, current)
        proc: _File | None = None
        if change.serves:
            proc = _read(root, "procedures")
            pdoc = edit._Doc(proc.text)
            psplices, _ = _serves_splices(pdoc, candidate, ident, change.serves, proc.shown)
            texts["procedures"] = edit.apply(proc.text, psplices)
            candidate = validate_files(texts, current)
        _write(f, new_text)
        if proc is not None:
            _write(proc, texts["procedures"])
    from dxready.commands.echo import yaml_line

    said = [yaml_line(v, kind) for v in lines[1:]]
    new = _new_findings(current, candidate, kind, ident, change)
    return EntityResult(f.shown, kind, ident, tuple(said), changed=True, added=True, new_findings=new)


def append_entries(text: str, key: str, blocks: list[list[str]], shown: str) -> str:
    """``text`` with one entry per block appended to the top-level list ``key`` (each block's first line goes after
    the dash). An empty or flow list (``systems: []``, as init writes it) becomes a block list; comments and every
    other byte are kept."""
    from dxready.commands import edit

    if not blocks:
        return text
    doc = edit._Doc(text)
    items = doc.items(doc.root)
    if key not in items:
        raise _bad(shown, f"{key}: がありません", f"no {key}: list in the file")
    seq = items[key][1]
    if doc.is_seq(seq) and seq.value and not seq.flow_style:
        return edit.apply(text, [doc.append_items(seq, blocks, [])])
    prefix = " " * (doc.seq_offset + int(items[key][0].start_mark.column))
    old = (
        []
        if not doc.is_seq(seq)
        else [text[int(n.start_mark.index) : int(n.end_mark.index)] for n in seq.value]
    )
    body = "".join(f"{doc.nl}{prefix}- {o}" for o in old)
    for lines in blocks:
        body += f"{doc.nl}{prefix}- {lines[0]}" + "".join(f"{doc.nl}{prefix}  {line}" for line in lines[1:])
    start = int(items[key][0].end_mark.index) + 1  # after the colon
    end = int(seq.end_mark.index) if not doc.is_null(seq) else start
    return edit.apply(text, [edit.Splice(start, end, body)])


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


_MIGRATION_OPTIONS = {
    "target_fiscal_year": "--migration-target",
    "track": "--track",
    "gov_cloud": "--gov-cloud",
}


def _refuse_migration_without_phase(kind: str, ident: str, change: EntityChange, entity: Any) -> None:
    """A migration fact (--gov-cloud, --track, --migration-target) on a system with no migration yet needs its
    phase, which the schema requires of every migration: name the option that supplies it, before any file is read
    as changed (a DX003 "phase missing" at a line the user never wrote says nothing of --phase)."""
    if kind != "system" or (entity is not None and entity.migration is not None):
        return
    given = [v for v in change.values if v.path[0] == "migration" and len(v.path) > 1]
    if not given or any(v.path[1] == "phase" for v in given):
        return
    first = given[0]
    option = _MIGRATION_OPTIONS.get(first.path[1], f"--{first.path[1]}")
    option = "--no-gov-cloud" if option == "--gov-cloud" and first.text == "false" else option
    phases = "planning 計画立案 | selection 選定 | migrating 移行 | operating 本格運用 | not_required 不要"
    raise _usage(
        "--phase",
        f"--phase も指定してください: {option} は移行（migration）の項目で、{ident} には移行の段階がまだ記録されて"
        f"いません（--phase {phases}）",
        f"--phase is needed too: {option} belongs to the migration, and {ident} has no migration phase recorded yet "
        "(--phase planning | selection | migrating | operating | not_required)",
    )


def _usage(option: str, ja: str, en: str) -> UsageError:
    """A command line the entity commands cannot use: names the argument or option, no DX code."""
    return UsageError(option, Msg(ja, en))


@dataclass(frozen=True)
class EntityResult:
    """What ``set system|roadmap`` or ``add system|roadmap`` did to one entry (worded by render/messages)."""

    file: str
    kind: str
    ident: str
    said: tuple[Msg, ...]
    changed: bool
    added: bool
    new_findings: tuple[Finding, ...] = ()
    """Errors and warnings ``check`` reports on the entry (and the procedures it serves) now, and did not before."""


def set_entity_cli(refs: list[str], options: dict[str, Any], catalog: Any) -> EntityResult:
    """``set system ID`` / ``set roadmap ID`` from the command line's arguments and options."""
    kind = refs[0]
    if len(refs) != 2:
        raise _usage(
            "ID",
            f"set {kind} には id をひとつ指定してください（例: dxready set {kind} ID --help）",
            f"set {kind} takes one id (e.g. dxready set {kind} ID …)",
        )
    return run_set_entity(kind, refs[1], change_for(kind, options), catalog=catalog)


def add_entity_cli(args: list[str], options: dict[str, Any], catalog: Any) -> EntityResult:
    """``add system ID`` / ``add roadmap ID``."""
    if len(args) != 2 or args[0] not in KINDS:
        raise _usage(
            "ID",
            "dxready add system ID … または dxready add roadmap ID … と指定してください",
            "use dxready add system ID … or dxready add roadmap ID …",
        )
    kind, ident = args
    return run_add_entity(kind, ident, change_for(kind, options), catalog=catalog)
