"""The document model of ``set``'s edits: YAML scalars written so they read back the same, text splices, and one
composed YAML text (``_Doc``) with the helpers that find where a value stands and splice keys, values and list items
into it, keeping every other byte (comments, key order, quoting, blank lines, line endings)."""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from typing import Any

_QUOTED_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\u0085": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


# --------------------------------------------------------------------------------------------------- YAML scalars


@functools.lru_cache(maxsize=4096)  # import and bulk set write the same few values thousands of times
def _plain_ok(value: str, flow: bool) -> bool:
    """Whether ``value`` written plain reads back as the same string (checked by the parser itself)."""
    if not value or value != value.strip() or "\n" in value or "\r" in value or not value.isprintable():
        return False
    from dxready.catalog.yaml import compose_nodes, syntax_errors

    doc = f"[{value}]" if flow else f"k: {value}\n"
    try:
        node = compose_nodes(doc)
    except syntax_errors():
        return False
    if node is None:
        return False
    target = node.value[0] if flow else node.value[0][1]
    if len(node.value) != 1 or not hasattr(target, "tag"):
        return False
    return bool(target.tag == "tag:yaml.org,2002:str" and target.value == value)


def _yaml_printable(ch: str) -> bool:
    """Whether YAML allows ``ch`` as it is inside a double-quoted scalar (its printable set, minus line breaks)."""
    code = ord(ch)
    if code < 0x7F:
        return code >= 0x20
    return 0xA0 <= code <= 0xD7FF or (0xE000 <= code <= 0xFFFD and code != 0xFEFF) or code >= 0x10000


def double_quoted(value: str) -> str:
    """A double-quoted YAML scalar: every character YAML does not allow raw is escaped."""
    out = ['"']
    for ch in value:
        if ch in _QUOTED_ESCAPES:
            out.append(_QUOTED_ESCAPES[ch])
        elif _yaml_printable(ch):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(
                f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
            )
    out.append('"')
    return "".join(out)


def scalar(value: str, *, flow: bool = False, style: str | None = None) -> str:
    """A YAML scalar for ``value``: plain when that reads back the same, else quoted (keeping ``style`` if given).

    ``flow=True``: the text must read back the same in a block mapping and inside a flow collection too.
    """
    if style == "'" and value.isprintable() and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if style == '"':
        return double_quoted(value)
    plain = _plain_ok(value, False) and (not flow or _plain_ok(value, True))
    return value if plain else double_quoted(value)


# --------------------------------------------------------------------------------------------------- text splices


@dataclass(frozen=True)
class Splice:
    start: int
    end: int
    text: str


def apply(text: str, splices: list[Splice]) -> str:
    """Apply non-overlapping splices (any order) to ``text``."""
    ordered = sorted(splices, key=lambda s: (s.start, s.end))
    for a, b in itertools.pairwise(ordered):
        if b.start < a.end:
            raise ValueError("overlapping edits")
    pieces: list[str] = []
    at = 0
    for s in ordered:  # one pass, linear in the text however many splices (bulk set makes one a target)
        pieces += (text[at : s.start], s.text)
        at = s.end
    pieces.append(text[at:])
    return "".join(pieces)


class _Doc:
    """The composed nodes of one YAML text, with helpers to find and splice values."""

    def __init__(self, text: str) -> None:
        from dxready.catalog.yaml import compose_nodes

        self.text = text
        self.nl = "\r\n" if "\r\n" in text else "\n"
        self.root = compose_nodes(text)
        self.seq_offset = self._seq_offset()

    # -- reading
    @staticmethod
    def items(mapping: Any) -> dict[str, tuple[Any, Any]]:
        return {
            str(k.value): (k, v) for k, v in mapping.value if hasattr(k, "value") and isinstance(k.value, str)
        }

    @staticmethod
    def is_map(node: Any) -> bool:
        return node is not None and node.tag == "tag:yaml.org,2002:map"

    @staticmethod
    def is_seq(node: Any) -> bool:
        return node is not None and node.tag == "tag:yaml.org,2002:seq"

    @staticmethod
    def is_null(node: Any) -> bool:
        return node is not None and node.tag == "tag:yaml.org,2002:null"

    def _seq_offset(self) -> int:
        """How far this file indents a block list under its key (2 in `key:\\n  - a`, 0 in `key:\\n- a`)."""
        stack = [self.root]
        while stack:
            node = stack.pop()
            if self.is_map(node):
                for k, v in node.value:
                    if self.is_seq(v) and not v.flow_style and v.value:
                        return int(v.start_mark.column - k.start_mark.column)
                    stack.append(v)
            elif self.is_seq(node):
                stack.extend(node.value)
        return 2

    # -- positions
    def line_end(self, index: int) -> int:
        """The index just after the line break that ends the line holding ``index`` (or the end of the text)."""
        nl = self.text.find("\n", index)
        return len(self.text) if nl < 0 else nl + 1

    def content_end(self, node: Any) -> int:
        """Where the last character of ``node``'s own text stands (+1): trailing blank lines and comments excluded."""
        if self.is_map(node) or self.is_seq(node):
            if node.flow_style or not node.value:
                return int(node.end_mark.index)
            last = node.value[-1]
            return self.content_end(last[1] if self.is_map(node) else last)
        start, end = int(node.start_mark.index), int(node.end_mark.index)
        span = self.text[start:end]
        return start + len(span.rstrip(" \t\r\n"))

    def insertion_point(self, mapping: Any) -> int:
        """Where a new key of a block ``mapping`` goes: after its last value and the comments indented under it."""
        column = int(mapping.value[0][0].start_mark.column)
        end = self.content_end(mapping.value[-1][1])
        point = self.line_end(end)
        while point < len(self.text):
            line_end = self.line_end(point)
            line = self.text[point:line_end]
            stripped = line.lstrip(" ")
            if not stripped.startswith("#") or len(line) - len(stripped) < column:
                break
            point = line_end
        return point

    def newline_before(self, point: int) -> str:
        """A line break to put before an insertion at ``point`` when the text does not end with one there."""
        return "" if point == 0 or self.text[point - 1] == "\n" else self.nl

    # -- splices
    def replace_scalar(
        self, node: Any, key: Any, value: str, *, quote: bool = True, flow: bool = False
    ) -> Splice:
        """Replace a scalar value, keeping its quoting style; ``quote=False`` for numbers and dates.

        ``flow``: the value stands inside a flow collection (``{…}``), where a plain scalar must not hold ``,[]{}``.
        """
        if self.is_null(node) and node.start_mark.index == node.end_mark.index:
            colon = self.text.find(":", int(key.end_mark.index))
            return Splice(colon + 1, colon + 1, " " + (scalar(value, flow=flow) if quote else value))
        start, end = int(node.start_mark.index), int(node.end_mark.index)
        style = node.style if node.style in ("'", '"') else None
        text = scalar(value, style=style, flow=flow) if quote else value
        if node.style in ("|", ">"):
            # A block scalar's span runs over the blank lines after it: replace its content only and leave those
            # in place, so that a key added after the value (where the mapping's content ends) is not inside the
            # replaced stretch ('set 2 --note X --channel eltax' on a `note: |` followed by a blank line).
            end = self.content_end(node)
        return Splice(start, end, text)

    def add_flow(self, mapping: Any, entry: str) -> Splice:
        """Add ``key: value`` to a flow mapping, before its closing brace."""
        close = int(mapping.end_mark.index) - 1
        while close > 0 and self.text[close] != "}":
            close -= 1
        inner = self.text[int(mapping.start_mark.index) + 1 : close].strip()
        return Splice(close, close, (", " if inner else "") + entry)

    def add_lines(self, mapping: Any, lines: list[str]) -> Splice:
        """Insert lines (already indented relative to the mapping's keys) as new keys of a block mapping."""
        column = int(mapping.value[0][0].start_mark.column)
        point = self.insertion_point(mapping)
        body = "".join(" " * column + line + self.nl for line in lines)
        return Splice(point, point, self.newline_before(point) + body)

    def append_items(self, seq: Any, blocks: list[list[str]], flows: list[str]) -> Splice:
        """Append items to a list: ``blocks`` (lines, the first after the dash) in block style, ``flows`` in flow."""
        if seq.flow_style or not seq.value:
            close = int(seq.end_mark.index) - 1
            while close > 0 and self.text[close] != "]":
                close -= 1
            inner = self.text[int(seq.start_mark.index) + 1 : close].strip()
            sep = ", " if inner else ""
            return Splice(close, close, sep + ", ".join(flows))
        column = int(seq.start_mark.column)
        first = seq.value[0]
        inner_col = int(first.start_mark.column) if self.is_map(first) else column + 2
        point = self.insertion_point_seq(seq)
        pad = " " * (inner_col - column - 1)
        body = ""
        for lines in blocks:
            body += " " * column + "-" + pad + lines[0] + self.nl
            body += "".join(" " * inner_col + line + self.nl for line in lines[1:])
        return Splice(point, point, self.newline_before(point) + body)

    def insertion_point_seq(self, seq: Any) -> int:
        column = int(seq.start_mark.column)
        point = self.line_end(self.content_end(seq.value[-1]))
        while point < len(self.text):
            line_end = self.line_end(point)
            line = self.text[point:line_end]
            stripped = line.lstrip(" ")
            if not stripped.startswith("#") or len(line) - len(stripped) <= column:
                break
            point = line_end
        return point


# --------------------------------------------------------------------------------------------------- requests


def _set_key(
    doc: _Doc, mapping: Any, key: str, value: str, splices: list[Splice], *, quote: bool = True
) -> None:
    entries = doc.items(mapping)
    flow = bool(mapping.flow_style)
    if key in entries:
        key_node, value_node = entries[key]
        splices.append(doc.replace_scalar(value_node, key_node, value, quote=quote, flow=flow))
    elif flow:
        splices.append(doc.add_flow(mapping, f"{key}: {scalar(value, flow=True) if quote else value}"))
    else:
        splices.append(doc.add_lines(mapping, [f"{key}: {scalar(value) if quote else value}"]))


def _append(
    doc: _Doc, mapping: Any, key: str, items: list[list[tuple[str, str]]], splices: list[Splice]
) -> None:
    """Append mapping items to the list under ``key``, creating the key if it is missing (one splice for all)."""
    if not items:
        return
    blocks = [[f"{k}: {v}" for k, v in pairs] for pairs in items]
    flows = ["{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}" for pairs in items]
    entries = doc.items(mapping)
    if key in entries and doc.is_seq(entries[key][1]):
        splices.append(doc.append_items(entries[key][1], blocks, flows))
        return
    if key in entries:  # `key:` with no value
        key_node, value_node = entries[key]
        splices.append(doc.replace_scalar(value_node, key_node, "[" + ", ".join(flows) + "]", quote=False))
        return
    if mapping.flow_style:
        splices.append(doc.add_flow(mapping, f"{key}: [" + ", ".join(flows) + "]"))
        return
    offset = doc.seq_offset
    lines = [f"{key}:"]
    for block in blocks:
        lines.append(" " * offset + "- " + block[0])
        lines += [" " * (offset + 2) + line for line in block[1:]]
    splices.append(doc.add_lines(mapping, lines))


def append_scalars(doc: _Doc, mapping: Any, key: str, values: list[str], splices: list[Splice]) -> None:
    """Append plain values to the list under ``key`` (created when missing)."""
    if not values:
        return
    written = [scalar(v, flow=True) for v in values]
    entries = doc.items(mapping)
    if key in entries and doc.is_seq(entries[key][1]):
        splices.append(doc.append_items(entries[key][1], [[w] for w in written], written))
    elif key in entries:
        key_node, value_node = entries[key]
        splices.append(doc.replace_scalar(value_node, key_node, "[" + ", ".join(written) + "]", quote=False))
    elif mapping.flow_style:
        splices.append(doc.add_flow(mapping, f"{key}: [" + ", ".join(written) + "]"))
    else:
        splices.append(doc.add_lines(mapping, [f"{key}: [" + ", ".join(written) + "]"]))


def unset_key(doc: _Doc, mapping: Any, key: str) -> Splice:
    """The splice that removes ``key`` and its value from a mapping (its lines in block style)."""
    key_node, value_node = doc.items(mapping)[key]
    text = doc.text
    start = int(key_node.start_mark.index)
    end = doc.content_end(value_node) if not (doc.is_null(value_node)) else int(key_node.end_mark.index) + 1
    if mapping.flow_style:
        after = end
        while after < len(text) and text[after] in " \t":
            after += 1
        if after < len(text) and text[after] == ",":
            after += 1
            while after < len(text) and text[after] in " \t":
                after += 1
            return Splice(start, after, "")
        before = start
        while before > 0 and text[before - 1] in " \t\r\n":
            before -= 1
        if before > 0 and text[before - 1] == ",":
            before -= 1
        return Splice(before, end, "")
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():  # `- key: value` (the first key of a list item): keep the dash
        first = mapping.value[0][0] is key_node
        if first and len(mapping.value) > 1:
            nxt = mapping.value[1][0]
            return Splice(start, int(nxt.start_mark.index), "")
        raise ValueError("cannot remove the only key of a list item")
    return Splice(line_start, doc.line_end(end), "")


def _indent(text: str) -> int:
    """The indentation of an insertion's first non-blank line (deeper text continues the block it follows)."""
    line = next((x for x in text.splitlines() if x.strip()), "")
    return len(line) - len(line.lstrip(" "))


def _merge_inserts(splices: list[Splice]) -> list[Splice]:
    """Several insertions at one point (note and verified_on both new) become one: deeper text first (an item
    appended to the list that ends there belongs before a new key), otherwise in the order they were made."""
    merged: list[Splice] = []
    inserts = [s for s in splices if s.start == s.end]
    order = {id(s): i for i, s in enumerate(splices)}
    inserts.sort(key=lambda s: (s.start, -_indent(s.text), order[id(s)]))
    splices = [s for s in splices if s.start != s.end] + inserts
    for s in splices:
        prev = next((m for m in merged if m.start == m.end == s.start == s.end), None)
        if prev is None:
            merged.append(s)
            continue
        text = s.text
        # Each insertion may start with the line break that a file without a final one needs: keep one.
        for nl in ("\r\n", "\n"):
            if prev.text.startswith(nl) and text.startswith(nl):
                text = text[len(nl) :]
                break
        merged[merged.index(prev)] = Splice(prev.start, prev.end, prev.text + text)
    return merged


def _scalar_value(node: Any) -> object:
    value = node.value
    if node.tag == "tag:yaml.org,2002:int":
        return int(str(value).replace("_", ""))
    return value
