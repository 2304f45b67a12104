"""The remaining fields of an import (commands/transfer/fields.py), written last: each wanted value is spliced into
the final text of its file (after the statuses, channels, counts and new entries are in), found by the entry's id.

A changed value replaces the old one (a list or mapping as one line of YAML flow text), a missing key is added after
the entry's last key, ``（なし）`` removes the key; every other byte of the file is kept. Nothing here writes a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dxready.commands.transfer.fields import REMOVE, flow, plain

if TYPE_CHECKING:
    from dxready.commands.edit import Splice, _Doc
    from dxready.findings import Msg

Where = tuple[str, ...]
"""An entry: (file,) its root, (file, MUNICIPALITY), (file, id) an entry of its list, (file, id, sub id)."""
MUNICIPALITY = "@municipality"  # never an id (ids are a-z, 0-9 and -)

_LISTS = {"procedures": "procedures", "systems": "systems", "roadmap": "roadmap"}


@dataclass
class Extras:
    """Wanted values by entry and key (``migration.gov_cloud`` names a key of a nested mapping); each remembers the
    row that asked, for contradictions."""

    wanted: dict[Where, dict[str, tuple[Any, Msg]]] = field(default_factory=dict)

    def want(self, where: Where, key: str, value: Any, said: Msg) -> Msg | None:
        """Record ``key = value`` for the entry; the earlier row's place when it asked for something else."""
        entry = self.wanted.setdefault(where, {})
        if key in entry and entry[key][0] != value:
            return entry[key][1]
        entry.setdefault(key, (value, said))
        return None

    def files(self) -> set[str]:
        return {where[0] for where, keys in self.wanted.items() if keys}


class _Index:
    """The entries of one composed file by id (each list searched once, not once per wanted entry)."""

    def __init__(self, doc: _Doc, file: str) -> None:
        self.doc = doc
        self.file = file
        self.ids: dict[Where, Any] = {}
        self.done: set[Where] = set()

    def _scan(self, parent: Where, seq: Any) -> None:
        if parent in self.done:
            return
        self.done.add(parent)
        for item in seq.value if seq is not None and self.doc.is_seq(seq) else ():
            ident = self.doc.items(item).get("id") if self.doc.is_map(item) else None
            if ident is not None:
                self.ids.setdefault((*parent, str(ident[1].value)), item)

    def mapping(self, where: Where) -> Any:
        """The mapping ``where`` names, or None (an entry whose row was refused: nothing to write)."""
        doc = self.doc
        rest = where[1:]
        if rest == (MUNICIPALITY,):
            return doc.items(doc.root)["municipality"][1]
        if not rest:
            return doc.root
        self._scan((self.file,), doc.items(doc.root).get(_LISTS[self.file], (None, None))[1])
        node = self.ids.get((self.file, rest[0]))
        if node is None or len(rest) == 1:
            return node
        self._scan((self.file, rest[0]), doc.items(node).get("sub_procedures", (None, None))[1])
        return self.ids.get((self.file, rest[0], rest[1]))


def put(doc: _Doc, mapping: Any, key: str, value: Any, splices: list[Splice]) -> None:
    """Splice ``key: value`` into ``mapping`` (replace, add, or with REMOVE take the key out)."""
    from dxready.commands.edit import Splice, unset_key

    if "." in key:
        head, rest = key.split(".", 1)
        entries = doc.items(mapping)
        if head in entries and doc.is_map(entries[head][1]):
            put(doc, entries[head][1], rest, value, splices)
        elif value is not REMOVE:  # no such mapping yet: the whole of it (the loader says what it lacks)
            put(doc, mapping, head, {rest: value}, splices)
        return
    entries = doc.items(mapping)
    if value is REMOVE:
        if key in entries:
            splices.append(unset_key(doc, mapping, key))
        return
    text = flow(value)
    items = plain(value)
    if (
        isinstance(items, list) and items and not mapping.flow_style
    ):  # a block list, one item (flow text) a line
        lines = [" " * doc.seq_offset + "- " + flow(item) for item in items]
        if key not in entries:
            splices.append(doc.add_lines(mapping, [f"{key}:", *lines]))
            return
        key_node, value_node = entries[key]
        column = int(key_node.start_mark.column)
        start = int(key_node.end_mark.index)
        block = "".join(doc.nl + " " * column + line for line in lines)
        splices.append(Splice(start, max(doc.content_end(value_node), start), ":" + block))
        return
    if key in entries:
        key_node, value_node = entries[key]
        if doc.is_map(value_node) or doc.is_seq(value_node):
            start = int(key_node.end_mark.index)
            splices.append(Splice(start, doc.content_end(value_node), ": " + text))
        else:
            splices.append(
                doc.replace_scalar(value_node, key_node, text, quote=False, flow=bool(mapping.flow_style))
            )
    elif mapping.flow_style:
        splices.append(doc.add_flow(mapping, f"{key}: {text}"))
    else:
        splices.append(doc.add_lines(mapping, [f"{key}: {text}"]))


def apply_extras(texts: dict[str, str], extras: Extras) -> dict[str, str]:
    """``texts`` (file → text) with every wanted value spliced in; files not touched are returned unchanged."""
    from dxready.commands.edit_doc import _indent
    from dxready.commands.transfer.splices import _doc, _join, _merge

    out = dict(texts)
    for file in sorted(extras.files()):
        doc = _doc(out[file])
        index = _Index(doc, file)
        splices: list[Splice] = []
        for where, keys in extras.wanted.items():
            if where[0] != file or not keys:
                continue
            mapping = index.mapping(where)
            if mapping is None:
                continue
            for key, (value, _) in keys.items():
                put(doc, mapping, key, value, splices)
        # Insertions at one point: the deeper first (a key of a nested mapping that ends there before a key of
        # the entry itself), otherwise in the order they were made.
        splices.sort(
            key=lambda s: (s.start, s.end, -_indent(s.text)) if s.start == s.end else (s.start, s.end, 0)
        )
        out[file] = _join(out[file], _merge(splices))
    return out
