"""The plan → new procedures.yaml text, with ``set``'s text splices (commands/edit.py): every comment kept."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dxready.commands.transfer.plan import NewProcedure, Pending
from dxready.commands.transfer.splices import _doc, _join, _merge

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog
    from dxready.commands.edit import Splice, _Doc


# --------------------------------------------------------------------------------------------------- splices


def _change(doc: _Doc, node: Any, pending: Pending) -> Any:
    from dxready.commands.edit import Change, CountsEntry
    from dxready.commands.edit_change import status_written

    status_text = None
    if pending.status is not None:  # as set writes a mark asked for: ○ 一部 × — (the sheets' cells are marks)
        status_text = status_written(pending.status[0].mark, pending.status[0])
    return Change(
        status=pending.status[0] if pending.status else None,
        status_text=status_text,
        channels=(),
        counts=tuple(
            CountsEntry(year, total=t, online=o, rate=r, period_end=pe, source=src)
            for year, ((t, o, r, pe, src), _) in sorted(pending.counts.items())
        ),
        note=pending.note[0] if pending.note else None,
        verified_on=pending.verified_on[0] if pending.verified_on else None,
    )


def _channel_items(pending: Pending) -> list[list[tuple[str, str]]]:
    from dxready.commands.edit import scalar

    items = []
    for kind, (name, since, inferred, note, _) in pending.channels.items():
        pairs = [("kind", kind)]
        if name:
            pairs.append(("name", scalar(name, flow=True)))
        if since is not None:
            pairs.append(("since", since.isoformat()))
        if inferred:
            pairs.append(("inferred", "true"))
        if note:
            pairs.append(("note", scalar(note, flow=True)))
        items.append(pairs)
    return items


def sub_pass(text: str, catalog: Catalog, subs: dict[tuple[int, int], Pending]) -> str:
    """Sub-procedure edits; a group that follows its sub-procedures follows them once, after all of them."""
    from dxready.commands.edit import (
        Target,
        _append,
        _node_of,
        _status_text_like,
        plan_splices,
    )
    from dxready.rules.dx008_group_status_mismatch import expected_status

    doc = _doc(text)
    splices: list[Splice] = []
    groups: dict[int, list[tuple[int, Pending]]] = {}
    for (index, at), pending in subs.items():
        groups.setdefault(index, []).append((at, pending))
    procedures = catalog.procedures
    for index, items in groups.items():
        group = procedures[index]
        proc_node = _node_of(doc, Target(index, group))[0]
        status_node = doc.items(proc_node).get("status")
        skip = int(status_node[1].start_mark.index) if status_node else -1
        new_subs = list(group.sub_procedures)
        for at, pending in items:
            target = Target(index, group, at, group.sub_procedures[at])
            node = _node_of(doc, target)[1]
            change = _change(doc, node, pending)
            planned, _ = plan_splices(doc, target, change)
            splices += [s for s in planned if s.start != skip]  # the group's own mark: decided below, once
            _append(doc, node, "channels", _channel_items(pending), splices)
            if pending.status is not None:
                new_subs[at] = new_subs[at].model_copy(update={"status": pending.status[0]})
        before = expected_status(group)
        after = expected_status(group.model_copy(update={"sub_procedures": new_subs}))
        # As set does (edit.plan_splices): a group recorded as unknown follows its sub-procedures by itself, so
        # nothing is written; one whose mark was what they settled keeps following them (or is unknown again).
        following = group.status.value != "unknown" and before is not None and group.status is before
        if status_node and following and after is not group.status:
            from dxready.catalog.models import Status

            key_node, value_node = status_node
            written = _status_text_like(str(value_node.value), after if after is not None else Status.unknown)
            splices.append(doc.replace_scalar(value_node, key_node, written, flow=bool(proc_node.flow_style)))
    return _join(text, _merge(splices))


def procedure_pass(text: str, catalog: Catalog, procs: dict[int, Pending], new: list[NewProcedure]) -> str:
    from dxready.commands.edit import Target, _append, _node_of, plan_splices

    doc = _doc(text)
    splices: list[Splice] = []
    procedures = catalog.procedures
    for index in sorted(procs):
        pending = procs[index]
        target = Target(index, procedures[index])
        node = _node_of(doc, target)[1]
        planned, _ = plan_splices(doc, target, _change(doc, node, pending))
        splices += planned
        _append(doc, node, "channels", _channel_items(pending), splices)
    splices = _merge(splices)
    if new:
        splices.append(_append_procedures(doc, new))
        splices = _merge(splices)
    return _join(text, splices)


def _append_procedures(doc: _Doc, new: list[NewProcedure]) -> Splice:
    from dxready.catalog.models import Status
    from dxready.commands.edit import CountsEntry, scalar
    from dxready.commands.edit_change import status_written

    blocks, flows = [], []
    for entry in new:
        status = entry.status or Status.unknown
        written = status_written(status.mark, status)
        pairs = [
            ("id", entry.id),
            ("name", scalar(entry.name, flow=True)),
            ("status", scalar(written, flow=True)),
        ]
        if entry.note:
            pairs.append(("note", scalar(entry.note, flow=True)))
        lines = [f"{k}: {v}" for k, v in pairs]
        flow = ", ".join(f"{k}: {v}" for k, v in pairs)
        if entry.counts:
            items = [
                [
                    ("fiscal_year", str(year)),
                    *CountsEntry(year, total=t, online=o, rate=r, period_end=pe, source=src).written(),
                ]
                for year, ((t, o, r, pe, src), _) in sorted(entry.counts.items())
            ]
            lines.append("counts:")
            for pairs in items:
                lines += [("  - " if i == 0 else "    ") + f"{k}: {v}" for i, (k, v) in enumerate(pairs)]
            flow += (
                ", counts: ["
                + ", ".join("{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}" for pairs in items)
                + "]"
            )
        blocks.append(lines)
        flows.append("{" + flow + "}")
    seq = doc.items(doc.root)["procedures"][1]
    return doc.append_items(seq, blocks, flows)
