"""``dxready set``: edit one procedure in place, keeping every other byte of procedures.yaml.

The edit is a text splice, not a re-dump: the file is composed with the C parser to find where each value starts and
ends, the changed values are replaced (or new keys and list items inserted with the indentation around them), and
everything else — comments, key order, quoting, blank lines, line endings, a BOM — stays byte for byte. The new text is
validated like ``load_catalog`` does (parse, schema, cross-file references) before it replaces the old one; the write is
atomic (temporary file in the same directory, fsync, rename, file mode kept) and serialised by a lock on the catalogue
directory, so two concurrent ``set`` commands lose no update.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import itertools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dxready.catalog.load import LoadError, Problem
from dxready.catalog.preflight import refuse_new_text_findings
from dxready.findings import Location, Msg
from dxready.fsio import atomic_write
from dxready.fsio import locked as fsio_locked

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog
    from dxready.catalog.models import Procedure, Status, SubProcedure

LOCK_NAME = ".procedures.yaml.lock"
_COUNTS_RE = re.compile(r"^\s*([^:]+?)\s*:\s*([0-9][0-9_,]*)\s*:\s*([0-9][0-9_,]*)\s*$")
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


def _plain_ok(value: str, flow: bool) -> bool:
    """Whether ``value`` written plain reads back as the same string (checked by the parser itself)."""
    if not value or value != value.strip() or "\n" in value or "\r" in value or not value.isprintable():
        return False
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    doc = f"[{value}]" if flow else f"k: {value}\n"
    try:
        node = YAML(typ="safe", pure=False).compose(doc)
    except YAMLError:
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
    for s in reversed(ordered):
        text = text[: s.start] + s.text + text[s.end :]
    return text


class _Doc:
    """The composed nodes of one YAML text, with helpers to find and splice values."""

    def __init__(self, text: str) -> None:
        from ruamel.yaml import YAML

        self.text = text
        self.nl = "\r\n" if "\r\n" in text else "\n"
        self.root = YAML(typ="safe", pure=False).compose(text)
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
            span = self.text[start:end]
            text += span[len(span.rstrip(" \t\r\n")) :]
            if not text.endswith("\n"):
                text += self.nl
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


@dataclass(frozen=True)
class Change:
    """What the user asked for, checked: every value already valid for the schema."""

    status: Status | None
    status_text: str | None
    channels: tuple[tuple[str, str | None], ...]
    counts: tuple[tuple[int, int, int], ...]
    note: str | None
    verified_on: dt.date | None

    @property
    def empty(self) -> bool:
        return (
            self.status is None
            and not self.channels
            and not self.counts
            and self.note is None
            and self.verified_on is None
        )


def _bad(shown: str, ja: str, en: str, code: str = "DX003") -> LoadError:
    return LoadError([Problem(code, Location(shown), Msg(ja, en))])


def _number(text: str) -> int:
    from dxready.catalog.limits import MAX_COUNT

    digits = text.replace(",", "").replace("_", "")
    if len(digits.lstrip("0")) > len(str(MAX_COUNT)) or int(digits) > MAX_COUNT:
        raise _bad(
            "--counts",
            f"--counts: 件数は {MAX_COUNT:,} 以下にしてください（{len(digits):,} 桁の数が指定されました）",
            f"--counts: a count is at most {MAX_COUNT:,} (got a number of {len(digits):,} digits)",
        )
    return int(digits)


def _status(text: str) -> tuple[Status, str]:
    """The status asked for and how to write it: a mark in gives the plan's mark out (〇 → ○), a name gives the name."""
    from dxready.catalog.models import STATUS_INPUTS, Status

    raw = text.strip()
    try:
        value = Status(Status.parse(raw))
    except ValueError:
        raise _bad(
            "--status",
            f"--status {text!r} は使えません。使える値: online, partial, offline, not_applicable, unknown, ○ 一部 × —",
            f"--status {text!r} is not allowed; use online, partial, offline, not_applicable, unknown or ○ 一部 × —",
        ) from None
    if raw in STATUS_INPUTS and raw != value.value and value is not Status.unknown:
        return value, value.mark
    return value, value.value


def _channel(text: str) -> tuple[str, str | None]:
    from dxready.catalog.models import ChannelKind

    kind, _, name = text.partition(":")
    kind = kind.strip()
    allowed = [c.value for c in ChannelKind]
    if kind not in allowed:
        close = difflib.get_close_matches(kind, allowed, n=1, cutoff=0.5)
        hint_ja = f"（'{close[0]}' の誤りですか？）" if close else ""
        hint_en = f" (did you mean '{close[0]}'?)" if close else ""
        listing = ", ".join(allowed)
        raise _bad(
            "--channel",
            f"--channel {kind!r} は使えません{hint_ja}。使える値: {listing}（名前は KIND:名前）",
            f"--channel {kind!r} is not a channel{hint_en}; use one of {listing} (name it with KIND:NAME)",
        )
    name = name.strip()
    return kind, (name or None)


def _counts(text: str) -> tuple[int, int, int]:
    from dxready.catalog.fiscal import FiscalYear, FiscalYearError

    match = _COUNTS_RE.match(text)
    if not match:
        raise _bad(
            "--counts",
            f"--counts {text!r} は 年度:総件数:オンライン件数 で指定してください（例: 2022:196759:152983）",
            f"--counts {text!r}: write FY:TOTAL:ONLINE (e.g. 2022:196759:152983)",
        )
    try:
        year = int(FiscalYear.parse(match.group(1)))
    except FiscalYearError as exc:
        raise _bad("--counts", f"--counts の年度を読めません: {exc}", f"--counts: {exc}") from None
    total, online = _number(match.group(2)), _number(match.group(3))
    if online > total:
        raise _bad(
            "--counts",
            f"--counts {text!r}: オンライン件数 {online:,} が総件数 {total:,} を超えています",
            f"--counts {text!r}: online {online:,} exceeds the total {total:,}",
            "DX009",
        )
    return year, total, online


def parse_change(
    *,
    status: str | None,
    channels: list[str],
    counts: list[str],
    note: str | None,
    verified_on: dt.date | None,
) -> Change:
    """Check the options before touching any file; LoadError (DX003 / DX009) names the option that is wrong."""
    value, written = _status(status) if status is not None else (None, None)
    if note is not None and (not note.strip() or len(note) > 2000):
        raise _bad(
            "--note", "--note は 1〜2000 文字で指定してください", "--note must be 1 to 2000 characters"
        )
    checked_counts: dict[int, tuple[int, int, int]] = {}
    for text in counts:
        entry = _counts(text)
        checked_counts[entry[0]] = entry  # the last one given for a year wins
    if verified_on is not None and verified_on > dt.date.today():
        raise _bad(
            "--verified-on",
            f"--verified-on {verified_on} は未来の日付です（確認した日を書いてください）",
            f"--verified-on {verified_on} is in the future (give the day the status was confirmed)",
        )
    kinds: dict[str, str | None] = {}
    for text in channels:
        kind, name = _channel(text)
        kinds[kind] = name
    return Change(
        status=value,
        status_text=written,
        channels=tuple(kinds.items()),
        counts=tuple(checked_counts.values()),
        note=note,
        verified_on=verified_on,
    )


# --------------------------------------------------------------------------------------------------- the edit


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


def find_target(catalog: Catalog, ref: str, shown: str) -> Target:
    """REF is an id or a standard number; REF/SUB names a sub-procedure by id or by its 1-based position."""
    head, _, sub_ref = ref.strip().partition("/")
    head = head.strip()
    procedures = catalog.procedures
    found: int | None = None
    if head.isdigit():
        found = next((i for i, p in enumerate(procedures) if p.standard_no == int(head)), None)
    if found is None:
        found = next((i for i, p in enumerate(procedures) if p.id == head), None)
    if found is None:
        ids = [p.id for p in procedures]
        close = difflib.get_close_matches(head, ids, n=1, cutoff=0.6)
        hint_ja = f"（'{close[0]}' の誤りですか？）" if close else ""
        hint_en = f"; did you mean '{close[0]}'?" if close else ""
        what = "標準番号" if head.isdigit() else "id"
        raise _bad(
            shown,
            f"{what} {head!r} の手続はありません{hint_ja}",
            f"no procedure with {'standard number' if head.isdigit() else 'id'} {head!r}{hint_en}",
            "DX005",
        )
    procedure = procedures[found]
    if not sub_ref:
        return Target(found, procedure)
    sub_ref = sub_ref.strip()
    subs = procedure.sub_procedures
    at: int | None = None
    if sub_ref.isdigit() and 1 <= int(sub_ref) <= len(subs):
        at = int(sub_ref) - 1
    else:
        at = next((j for j, s in enumerate(subs) if s.id == sub_ref), None)
    if at is None:
        ids = [s.id for s in subs]
        close = difflib.get_close_matches(sub_ref, ids, n=1, cutoff=0.6)
        hint_ja = f"（'{close[0]}' の誤りですか？）" if close else ""
        hint_en = f"; did you mean '{close[0]}'?" if close else ""
        raise _bad(
            shown,
            f"{procedure.id} に個別手続 {sub_ref!r} はありません（1〜{len(subs)} または id）{hint_ja}",
            f"{procedure.id} has no sub-procedure {sub_ref!r} (1–{len(subs)} or an id){hint_en}",
            "DX005",
        )
    return Target(found, procedure, at, subs[at])


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


def plan_splices(doc: _Doc, target: Target, change: Change) -> tuple[list[Splice], list[Msg]]:
    """The splices that make ``change`` on ``target``, and a line per change for the user."""
    from dxready.catalog.fiscal import FiscalYear

    splices: list[Splice] = []
    said: list[Msg] = []
    proc_node, node = _node_of(doc, target)
    entry: Procedure | SubProcedure = target.sub if target.sub is not None else target.procedure
    if change.status is not None and change.status_text is not None:
        _set_key(doc, node, "status", change.status_text, splices)
        said.append(_said("status", entry.status.mark, change.status.mark))
        if target.sub is not None and target.sub_index is not None:
            group = target.procedure
            from dxready.rules.dx008_group_status_mismatch import expected_status

            before = expected_status(group)
            subs = list(group.sub_procedures)
            subs[target.sub_index] = target.sub.model_copy(update={"status": change.status})
            after = expected_status(group.model_copy(update={"sub_procedures": subs}))
            # A group whose mark followed its sub-procedures (or had none yet: unknown) keeps following them,
            # so DX008 stays clean.
            following = group.status.value == "unknown" or (before is not None and group.status is before)
            if following and after is not None and after is not group.status:
                key_node, value_node = doc.items(proc_node)["status"]
                written = _status_text_like(str(value_node.value), after)
                splices.append(
                    doc.replace_scalar(value_node, key_node, written, flow=bool(proc_node.flow_style))
                )
                said.append(
                    Msg(
                        f"まとまり {group.id} の status: {group.status.mark} → {after.mark}（個別手続に合わせました）",
                        f"group {group.id} status: {group.status.mark} → {after.mark} (follows its sub-procedures)",
                    )
                )
    if change.channels:
        present = {c.kind.value for c in entry.channels}
        new_channels: list[list[tuple[str, str]]] = []
        for kind, name in change.channels:
            if kind in present:
                said.append(Msg(f"channels: {kind} は既にあります", f"channels: {kind} is already there"))
                continue
            new_channels.append([("kind", kind)] + ([("name", scalar(name, flow=True))] if name else []))
            said.append(Msg(f"channels: {kind} を追加", f"channels: added {kind}"))
        _append(doc, node, "channels", new_channels, splices)
    if change.counts:
        items = doc.items(node).get("counts")
        existing: dict[int, Any] = {}
        if items is not None and doc.is_seq(items[1]):
            for item in items[1].value:
                if doc.is_map(item) and "fiscal_year" in doc.items(item):
                    try:
                        year = int(FiscalYear.parse(_scalar_value(doc.items(item)["fiscal_year"][1])))
                    except ValueError:
                        continue
                    existing[year] = item
        new_counts: list[list[tuple[str, str]]] = []
        for year, total, online in change.counts:
            label = FiscalYear(year)
            rate = f"{100.0 * online / total:.1f}%" if total else "—"
            if year in existing:
                _set_key(doc, existing[year], "total", str(total), splices, quote=False)
                _set_key(doc, existing[year], "online", str(online), splices, quote=False)
            else:
                new_counts.append(
                    [("fiscal_year", str(year)), ("total", str(total)), ("online", str(online))]
                )
            said.append(
                Msg(
                    f"counts {label.ja()}: {online:,} / {total:,} 件（オンライン利用率 {rate}）",
                    f"counts {label.en()}: {online:,} of {total:,} online ({rate})",
                )
            )
        _append(doc, node, "counts", new_counts, splices)
    if change.note is not None:
        _set_key(doc, node, "note", change.note, splices)
        said.append(Msg("note を更新", "note updated"))
    if change.verified_on is not None:
        _set_key(doc, node, "verified_on", change.verified_on.isoformat(), splices, quote=False)
        said.append(Msg(f"verified_on: {change.verified_on}", f"verified_on: {change.verified_on}"))
    return _merge_inserts(splices), said


def _merge_inserts(splices: list[Splice]) -> list[Splice]:
    """Several insertions at one point (note and verified_on both new) become one, in the order they were made."""
    merged: list[Splice] = []
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


def _said(key: str, old: str, new: str) -> Msg:
    return Msg(f"{key}: {old} → {new}", f"{key}: {old} → {new}")


# --------------------------------------------------------------------------------------------------- validate, write


def validate_text(text: str, shown: str, catalog: Catalog) -> Catalog:
    """The edited procedures.yaml as the loader would read it, with the catalogue's other files: or LoadError."""
    import dataclasses

    from dxready.catalog.load import parse, validate
    from dxready.catalog.models import ProceduresFile
    from dxready.rules import LOAD_RULES
    from dxready.rules.base import Context

    data, source = parse(text, shown)
    model = validate(ProceduresFile, data, source)
    candidate = dataclasses.replace(
        catalog, procedures_file=model, sources={**catalog.sources, "procedures": source}
    )
    ctx = Context(as_of=dt.date.today())
    fatal = [
        Problem(f.code, candidate.locate(f.file, f.path, key=f.data.get("key") is True), f.message)
        for rule in LOAD_RULES
        for f in rule.check(candidate, ctx)
    ]
    if fatal:
        raise LoadError(fatal)
    return candidate


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """An exclusive lock for edits of the catalogue in ``root``: on the directory its procedures.yaml resolves to,
    so that two paths to one file (a symlinked catalogue) take the same lock (see :func:`dxready.fsio.locked`)."""
    with fsio_locked(root / "procedures.yaml"):
        yield


def _is_embedded(root: Path, label: str) -> bool:
    from dxready.catalog.load import embedded_catalog

    if label.startswith("(embedded"):
        return True
    packaged = Path(__file__).resolve().parent.parent / "_data"
    try:
        resolved = root.resolve()
    except OSError:
        return False
    return resolved == packaged or (
        embedded_catalog() == packaged and resolved == embedded_catalog().resolve()
    )


def edit_text(
    text: str, catalog: Catalog, ref: str, change: Change, shown: str
) -> tuple[str, Target, list[Msg]]:
    """The new text of procedures.yaml after ``change`` on ``ref`` (pure: no file is touched)."""
    target = find_target(catalog, ref, shown)
    if target.sub is not None and (change.counts or change.verified_on is not None):
        raise _bad(
            shown,
            "個別手続には --counts と --verified-on を記録できません（まとまりの手続に記録してください）",
            "a sub-procedure takes no --counts or --verified-on (record them on the group)",
        )
    doc = _Doc(text)
    splices, said = plan_splices(doc, target, change)
    return apply(text, splices), target, said


def run_set(
    ref: str,
    *,
    catalog: str | os.PathLike[str] | None,
    status: str | None,
    channels: list[str],
    counts: list[str],
    note: str | None,
    verified_on: dt.date | None,
    lang: str,
) -> str:
    """Edit one procedure (or sub-procedure) of the resolved catalogue; the message to print, or LoadError."""
    from dxready.catalog.load import decode, display_name, load_catalog, resolve

    root, label = resolve(catalog)
    if _is_embedded(root, label):
        raise _bad(
            label,
            "パッケージに同梱のカタログ（鴨川市）は編集できません。dxready init DIR --from-embedded で写して"
            "編集するか、dxready init DIR で自分のカタログを作るか、--catalog DIR を指定してください",
            "the catalogue shipped inside the package (Kamogawa) cannot be edited; copy it with "
            "`dxready init DIR --from-embedded`, create your own with `dxready init DIR` or pass --catalog DIR",
            "DX001",
        )
    change = parse_change(status=status, channels=channels, counts=counts, note=note, verified_on=verified_on)
    if change.empty:
        raise _bad(
            ref,
            "変更する項目を指定してください（--status, --channel, --counts, --note, --verified-on）",
            "nothing to change: give --status, --channel, --counts, --note or --verified-on",
        )
    path = root / "procedures.yaml"
    shown = display_name(root, "procedures")
    if not path.is_file():
        load_catalog(root)  # the loader's own message for a missing directory or file
    with locked(root):
        current = load_catalog(
            root
        )  # under the lock: the file as it is now, and refused if it is already broken
        raw = path.read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        text = decode(raw, shown)
        new_text, target, said = edit_text(text, current, ref, change, shown)
        if new_text == text:
            return _message(lang, shown, target, said, changed=False)
        candidate = validate_text(new_text, shown, current)
        refuse_new_text_findings(current, candidate)  # nothing check would refuse (DX010) reaches the file
        atomic_write(path, (b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8"))
    from dxready.rules.dx008_group_status_mismatch import expected_status

    group = candidate.procedures[target.index]
    expected = expected_status(group)
    if expected is not None and group.status is not expected and group.status.value != "unknown":
        said.append(
            Msg(
                f"注意: 個別手続からは {expected.mark} ですが、まとまりは {group.status.mark} です"
                "（dxready check が DX008 を報告します）",
                f"note: the sub-procedures say {expected.mark} but the group says {group.status.mark}"
                " (dxready check reports DX008)",
            )
        )
    return _message(lang, shown, target, said, changed=True)


def _message(lang: str, shown: str, target: Target, said: list[Msg], *, changed: bool) -> str:
    from dxready.render.safe import oneline  # the path too: a directory name may hold escape sequences

    no = target.procedure.standard_no
    what = f"{target.ident}" + (f" (No.{no})" if no is not None else "")
    lines = [f"  {oneline(m.get(lang))}" for m in said]
    if lang == "ja":
        head = (
            f"{shown}: {what} を更新しました" if changed else f"{shown}: {what} は変更なし（既にその値です）"
        )
    else:
        head = f"{shown}: updated {what}" if changed else f"{shown}: {what} unchanged (already so)"
    return "\n".join([oneline(head), *lines]) + "\n"
