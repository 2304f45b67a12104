"""Planning ``set``'s edits (pure: no file is touched): the entry a reference names, and the splices that make a
``Change`` on it or on the municipality header, with a line per change for the user."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dxready.commands.edit_change import Change, CountsEntry, _bad
from dxready.commands.edit_doc import (
    Splice,
    _append,
    _Doc,
    _merge_inserts,
    _scalar_value,
    _set_key,
    append_scalars,
    apply,
    scalar,
    unset_key,
)
from dxready.errors import UsageError
from dxready.findings import Msg

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog
    from dxready.catalog.models import Procedure, Status, SubProcedure


@dataclass(frozen=True)
class Target:
    """The procedure (and sub-procedure) an edit addresses."""

    index: int
    procedure: Procedure
    sub_index: int | None = None
    sub: SubProcedure | None = None

    @property
    def ident(self) -> str:
        return f"{self.procedure.id}/{self.sub.id}" if self.sub is not None else self.procedure.id


def _did_you_mean(word: str, ids: list[str]) -> tuple[str, str]:
    """The Japanese and English hints naming the closest id, or two empty strings."""
    close = difflib.get_close_matches(word, ids, n=1, cutoff=0.6)
    if not close:
        return "", ""
    return f"（'{close[0]}' の誤りですか？）", f"; did you mean '{close[0]}'?"


def _find_procedure(catalog: Catalog, head: str, shown: str) -> int:
    """The index of the procedure HEAD names: a standard number first, then an id."""
    procedures = catalog.procedures
    found: int | None = None
    if head.isdigit():
        found = next((i for i, p in enumerate(procedures) if p.standard_no == int(head)), None)
    if found is None:
        found = next((i for i, p in enumerate(procedures) if p.id == head), None)
    if found is None:
        hint_ja, hint_en = _did_you_mean(head, [p.id for p in procedures])
        what = "標準番号" if head.isdigit() else "id"
        raise no_such_ref(
            f"{what} {head!r} の手続はありません{hint_ja}（{shown}。一覧: dxready table procedures）",
            f"no procedure with {'standard number' if head.isdigit() else 'id'} {head!r}{hint_en}"
            f" ({shown}; see dxready table procedures)",
        )
    return found


def _find_sub(procedure: Procedure, sub_ref: str, shown: str) -> int:
    """The index of the sub-procedure SUB names: its 1-based position, else its id."""
    subs = procedure.sub_procedures
    at: int | None = None
    if sub_ref.isdigit() and 1 <= int(sub_ref) <= len(subs):
        at = int(sub_ref) - 1
    else:
        at = next((j for j, s in enumerate(subs) if s.id == sub_ref), None)
    if at is None and not subs:
        raise no_such_ref(
            f"{procedure.id} には個別手続がありません（手続そのものは '/{sub_ref}' を付けずに指定します）",
            f"{procedure.id} has no sub-procedures (name the procedure itself, without '/{sub_ref}')",
        )
    if at is None:
        hint_ja, hint_en = _did_you_mean(sub_ref, [s.id for s in subs])
        raise no_such_ref(
            f"{procedure.id} に個別手続 {sub_ref!r} はありません（1〜{len(subs)} または id）{hint_ja}",
            f"{procedure.id} has no sub-procedure {sub_ref!r} (1–{len(subs)} or an id){hint_en}",
        )
    return at


def no_such_ref(ja: str, en: str) -> UsageError:
    """A reference that names nothing in the catalogue is a mistake in the command (the REF argument), not in the
    catalogue: a usage error without a DX code."""
    return UsageError("REF", Msg(ja, en))


def find_target(catalog: Catalog, ref: str, shown: str) -> Target:
    """REF is an id or a standard number; REF/SUB names a sub-procedure by id or by its 1-based position."""
    head, _, sub_ref = ref.strip().partition("/")
    found = _find_procedure(catalog, head.strip(), shown)
    procedure = catalog.procedures[found]
    if not sub_ref:
        return Target(found, procedure)
    at = _find_sub(procedure, sub_ref.strip(), shown)
    return Target(found, procedure, at, procedure.sub_procedures[at])


def _check_unset(change: Change, model: Any) -> None:
    """Refuse ``--unset`` of a required field or of a field the entry does not have, before any file is touched."""
    if not change.unset:
        return
    fields = type(model).model_fields
    optional = sorted(name for name, info in fields.items() if not info.is_required())
    for name in change.unset:
        if name not in optional:
            raise _bad(
                "--unset",
                f"--unset {name!r} は使えません。消せる項目: {', '.join(optional)}",
                f"--unset {name!r} is not allowed; optional fields: {', '.join(optional)}",
            )
    touched = {"status"} if change.status is not None else set()
    touched |= {"channels"} if change.channels else set()
    touched |= {"counts"} if change.counts else set()
    touched |= {
        k
        for k, v in (("note", change.note), ("verified_on", change.verified_on), ("as_of", change.as_of))
        if v is not None
    }
    touched |= {"sources"} if change.sources else set()
    touched |= {"inferred"} if change.inferred is not None else set()
    touched |= change.facts.fields() if change.facts is not None else set()
    both = touched & set(change.unset)
    if both:
        name = sorted(both)[0]
        raise _bad(
            "--unset",
            f"--unset {name} と同じ項目を同時に設定しています",
            f"--unset {name} conflicts with setting the same field",
        )


def _node_of(doc: _Doc, target: Target) -> tuple[Any, Any]:
    """The mapping nodes of the procedure and of the edited entry (the sub-procedure's, or the procedure's again)."""
    proc_seq = doc.items(doc.root)["procedures"][1]
    proc = proc_seq.value[target.index]
    if target.sub_index is None:
        return proc, proc
    subs = doc.items(proc)["sub_procedures"][1]
    return proc, subs.value[target.sub_index]


def _status_text_like(current: str, status: Status) -> str:
    """How to write ``status`` where ``current`` is written: a mark where marks are used, else the name."""
    from dxready.catalog.models import Status as _Status

    if status is not _Status.unknown and current.strip() not in {s.value for s in _Status}:
        return status.mark
    return status.value


def plan_splices(doc: _Doc, target: Target, change: Change) -> tuple[list[Splice], list[Msg]]:
    """The splices that make ``change`` on ``target``, and a line per change for the user."""
    splices: list[Splice] = []
    said: list[Msg] = []
    proc_node, node = _node_of(doc, target)
    entry: Procedure | SubProcedure = target.sub if target.sub is not None else target.procedure
    if change.status is not None and change.status_text is not None:
        _set_key(doc, node, "status", change.status_text, splices)
        said.append(_said("status", entry.status.mark, change.status.mark, ja="状況"))
        _plan_group_follows(doc, proc_node, target, change.status, splices, said)
    if change.channels:
        _plan_channels(doc, node, entry, change.channels, splices, said)
    if change.counts:
        plan_counts(doc, node, change.counts, splices, said)
    if change.note is not None:
        _set_key(doc, node, "note", change.note, splices)
        said.append(Msg("備考を更新", "note updated"))
    if change.verified_on is not None:
        _set_key(doc, node, "verified_on", change.verified_on.isoformat(), splices, quote=False)
        said.append(Msg(f"確認日: {change.verified_on}", f"verified_on: {change.verified_on}"))
    if change.facts is not None and target.sub is None:
        from dxready.commands.edit_facts import plan_facts

        plan_facts(doc, node, target.procedure, change.facts, splices, said)
    plan_more(doc, node, entry, change, splices, said)
    return _merge_inserts(splices), said


def _plan_group_follows(
    doc: _Doc, proc_node: Any, target: Target, status: Status, splices: list[Splice], said: list[Msg]
) -> None:
    """When a sub-procedure's status changes: the group's recorded mark, where it follows its sub-procedures."""
    if target.sub is None or target.sub_index is None:
        return
    from dxready.catalog.models import Status as _Status
    from dxready.rules.dx008_group_status_mismatch import expected_status

    group = target.procedure
    before = expected_status(group)
    subs = list(group.sub_procedures)
    subs[target.sub_index] = target.sub.model_copy(update={"status": status})
    after = expected_status(group.model_copy(update={"sub_procedures": subs}))
    # A group recorded as unknown follows its sub-procedures by itself (Procedure.effective_status), and
    # only where they settle it: nothing is written. A group whose recorded mark was what they settled
    # keeps following them: the newly settled mark, or unknown again while they no longer settle it.
    following = group.status.value != "unknown" and before is not None and group.status is before
    if not following or after is group.status:
        return
    new = after if after is not None else _Status.unknown
    key_node, value_node = doc.items(proc_node)["status"]
    written = _status_text_like(str(value_node.value), new)
    splices.append(doc.replace_scalar(value_node, key_node, written, flow=bool(proc_node.flow_style)))
    said.append(
        Msg(
            f"まとまり {group.id} の状況: {group.status.mark} → {new.mark}（個別手続に合わせました）",
            f"group {group.id} status: {group.status.mark} → {new.mark} (follows its sub-procedures)",
        )
    )


def _plan_channels(
    doc: _Doc,
    node: Any,
    entry: Procedure | SubProcedure,
    channels: tuple[tuple[str, str | None], ...],
    splices: list[Splice],
    said: list[Msg],
) -> None:
    """Channels the entry does not have yet, appended; one already there is said, not repeated."""
    present = {c.kind.value for c in entry.channels}
    new_channels: list[list[tuple[str, str]]] = []
    for kind, name in channels:
        if kind in present:
            said.append(Msg(f"チャネル: {kind} は既にあります", f"channels: {kind} is already there"))
            continue
        new_channels.append([("kind", kind)] + ([("name", scalar(name, flow=True))] if name else []))
        said.append(Msg(f"チャネル: {kind} を追加", f"channels: added {kind}"))
    _append(doc, node, "channels", new_channels, splices)


def _counts_by_year(doc: _Doc, node: Any) -> dict[int, Any]:
    """The mapping nodes of the ``counts`` list under ``node``, by fiscal year (an unreadable year is skipped)."""
    from dxready.catalog.fiscal import FiscalYear

    items = doc.items(node).get("counts")
    existing: dict[int, Any] = {}
    if items is None or not doc.is_seq(items[1]):
        return existing
    for item in items[1].value:
        if doc.is_map(item) and "fiscal_year" in doc.items(item):
            try:
                year = int(FiscalYear.parse(_scalar_value(doc.items(item)["fiscal_year"][1])))
            except ValueError:
                continue
            existing[year] = item
    return existing


_FIGURES = ("total", "online", "rate", "period_end", "procedures")
"""A count entry's figures: a ``--counts`` value for a recorded year replaces all of them (``source`` is not one)."""


def plan_counts(
    doc: _Doc, node: Any, counts: tuple[CountsEntry, ...], splices: list[Splice], said: list[Msg]
) -> None:
    """``--counts`` under ``node`` (a procedure's or the municipality header's): a year already recorded gets the
    figures given in place of its own (``2023::350`` over ``total: 1200, online: 300`` leaves no total: the form
    says none is published; its ``source`` stays unless ``--counts-source`` gives one), a new year is appended."""
    existing = _counts_by_year(doc, node)
    new_counts: list[list[tuple[str, str]]] = []
    for ce in counts:
        if ce.year in existing:
            item = existing[ce.year]
            given = ce.written()
            for key, text in given:
                _set_key(doc, item, key, text, splices, quote=False)
            keys = {key for key, _ in given}
            recorded = doc.items(item)
            splices += [unset_key(doc, item, k) for k in _FIGURES if k not in keys and k in recorded]
        else:
            new_counts.append([("fiscal_year", str(ce.year)), *ce.written()])
        said.append(ce.said())
    _append(doc, node, "counts", new_counts, splices)


def _plan_unset(
    doc: _Doc, where: Any, name: str, splices: list[Splice], said: list[Msg], kind: str = "procedure"
) -> None:
    """``--unset NAME`` on the mapping ``where`` (of a ``kind``: procedure, system, roadmap): removed, or said not
    to be recorded."""
    from dxready.commands.echo import field_word

    if name not in doc.items(where):
        said.append(Msg(f"{field_word(name, kind)}は記録されていません", f"{name} is not recorded"))
        return
    splices.append(unset_key(doc, where, name))
    said.append(Msg(f"{field_word(name, kind)}を削除", f"{name} removed"))


def plan_more(
    doc: _Doc, node: Any, entry: Any, change: Change, splices: list[Splice], said: list[Msg]
) -> None:
    """The splices of ``--as-of``, ``--source``, ``--inferred``/``--no-inferred`` and ``--unset`` on one entry."""
    if change.as_of is not None:
        _set_key(doc, node, "as_of", change.as_of.isoformat(), splices, quote=False)
        said.append(Msg(f"時点: {change.as_of}", f"as_of: {change.as_of}"))
    if change.sources:
        have = set(getattr(entry, "sources", []))
        new = [src for src in change.sources if src not in have]
        append_scalars(doc, node, "sources", new, splices)
        said += [Msg(f"出典: {src} を追加", f"sources: added {src}") for src in new]
    if change.inferred is not None:
        marked = "status" in entry.inferred
        if change.inferred and not marked:
            append_scalars(doc, node, "inferred", ["status"], splices)
            said.append(Msg("状況を推定として記録", "status marked as inferred"))
        elif not change.inferred and marked:
            rest = [x for x in entry.inferred if x != "status"]
            if rest:
                key_node, value_node = doc.items(node)["inferred"]
                flow = "[" + ", ".join(scalar(x, flow=True) for x in rest) + "]"
                splices.append(doc.replace_scalar(value_node, key_node, flow, quote=False))
            else:
                splices.append(unset_key(doc, node, "inferred"))
            said.append(Msg("状況の推定の印を外しました", "status no longer marked as inferred"))
    for name in change.unset:
        _plan_unset(doc, node, name, splices, said)


def _said(key: str, old: str, new: str, ja: str = "") -> Msg:
    """A field's change: in Japanese by the word diff uses for the field (``ja``: 状況), in English by its key."""
    return Msg(f"{ja or key}: {old} → {new}", f"{key}: {old} → {new}")


# --------------------------------------------------------------------------------------------------- validate, write


def edit_text(
    text: str, catalog: Catalog, ref: str, change: Change, shown: str
) -> tuple[str, Target, list[Msg]]:
    """The new text of procedures.yaml after ``change`` on ``ref`` (pure: no file is touched)."""
    target = find_target(catalog, ref, shown)
    precheck(target, change, shown)
    doc = _Doc(text)
    splices, said = plan_splices(doc, target, change)
    return apply(text, splices), target, said


def precheck(target: Target, change: Change, shown: str) -> None:
    """What :func:`edit_text` refuses before it reads the text: a change that cannot go on this kind of entry.

    It depends on the entry's kind (a procedure or a sub-procedure) and the change only, never on the text, so bulk
    ``set`` can ask it of every target before editing any (``commands/edit_batch.py``)."""
    if target.sub is not None and (
        change.verified_on is not None or change.as_of is not None or change.sources
    ):
        raise _bad(
            shown,
            "個別手続には --verified-on・--as-of・--source を記録できません（まとまりの手続に記録してください）",
            "a sub-procedure takes no --verified-on, --as-of or --source (record them on the group)",
        )
    if change.cards:
        raise _bad(
            "--cards", "--cards は set municipality に指定してください", "--cards is for `set municipality`"
        )
    if target.sub is not None and change.facts is not None:
        from dxready.commands.edit_facts import refuse_elsewhere

        refuse_elsewhere(target.ident, change.facts)
    _check_unset(change, target.sub if target.sub is not None else target.procedure)
