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
import dataclasses
import datetime as dt
import difflib
import itertools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dxready.catalog.load import SCHEMA_VIOLATION, UNREADABLE, LoadError, Problem
from dxready.engine.preflight import refuse_new_text_findings
from dxready.errors import DxreadyError, UsageError
from dxready.findings import Location, Msg
from dxready.fsio import atomic_write
from dxready.fsio import locked as fsio_locked
from dxready.rules import dx005_unknown_reference

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog
    from dxready.catalog.models import Procedure, Status, SubProcedure

LOCK_NAME = ".procedures.yaml.lock"
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
class CountsEntry:
    """One ``--counts`` value: ``FY:TOTAL:ONLINE``, ``FY::ONLINE`` or ``FY:RATE%``, with ``@DATE`` for a part year
    (and, for the municipality header, ``FY:TOTAL:ONLINE:PROCEDURES``)."""

    year: int
    total: int | None = None
    online: int | None = None
    rate: float | None = None
    period_end: dt.date | None = None
    procedures: int | None = None
    source: str | None = None

    def written(self) -> list[tuple[str, str]]:
        """The keys to write, in the catalogue's order (values as YAML text)."""
        out: list[tuple[str, object]] = [("total", self.total), ("online", self.online), ("rate", self.rate)]
        out += [("period_end", self.period_end), ("procedures", self.procedures)]
        text = [(k, v.isoformat() if isinstance(v, dt.date) else str(v)) for k, v in out if v is not None]
        return text + ([("source", scalar(self.source, flow=True))] if self.source is not None else [])

    def said(self) -> Msg:
        from dxready.catalog.fiscal import FiscalYear

        label = FiscalYear(self.year)
        part_ja = f"（{self.period_end} 現在）" if self.period_end else ""
        part_en = f" (to {self.period_end})" if self.period_end else ""
        if self.total is not None and self.online is not None:
            rate = f"{100.0 * self.online / self.total:.1f}%" if self.total else "—"
            return Msg(
                f"counts {label.ja()}: {self.online:,} / {self.total:,} 件（オンライン利用率 {rate}）{part_ja}",
                f"counts {label.en()}: {self.online:,} of {self.total:,} online ({rate}){part_en}",
            )
        if self.online is not None:
            return Msg(
                f"counts {label.ja()}: オンライン {self.online:,} 件（総件数なし）{part_ja}",
                f"counts {label.en()}: {self.online:,} online (no total){part_en}",
            )
        return Msg(
            f"counts {label.ja()}: 公表された利用率 {self.rate:.1f}%{part_ja}",
            f"counts {label.en()}: published rate {self.rate:.1f}%{part_en}",
        )


@dataclass(frozen=True)
class Change:
    """What the user asked for, checked: every value already valid for the schema."""

    status: Status | None
    status_text: str | None
    channels: tuple[tuple[str, str | None], ...]
    counts: tuple[CountsEntry, ...]
    note: str | None
    verified_on: dt.date | None
    unset: tuple[str, ...] = ()
    as_of: dt.date | None = None
    sources: tuple[str, ...] = ()
    inferred: bool | None = None
    """True: mark the status as the author's inference (``inferred: [status]``); False: unmark; None: leave."""
    cards: tuple[tuple[str, int, int, dt.date | None], ...] = ()

    @property
    def empty(self) -> bool:
        return (
            self.status is None
            and not self.channels
            and not self.counts
            and self.note is None
            and self.verified_on is None
            and not self.unset
            and self.as_of is None
            and not self.sources
            and self.inferred is None
            and not self.cards
        )


def _bad(shown: str, ja: str, en: str, code: str = SCHEMA_VIOLATION) -> DxreadyError:
    """An option's problem (``shown`` is ``--status`` …) is a UsageError; anything else a catalogue problem."""
    if shown.startswith("--"):
        return UsageError(shown, Msg(ja, en))
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


_COUNTS_FORM = re.compile(
    r"""^\s*(?P<fy>[^:@]+?)\s*:\s*
    (?:(?P<rate>[0-9]+(?:\.[0-9]+)?)\s*%
      |(?P<total>[0-9][0-9_,]*)?\s*:\s*(?P<online>[0-9][0-9_,]*)(?:\s*:\s*(?P<procs>[0-9][0-9_,]*))?)
    \s*(?:@\s*(?P<end>[0-9]{4}-[0-9]{2}-[0-9]{2}))?\s*$""",
    re.VERBOSE,
)


def parse_counts(text: str, *, header: bool = False) -> CountsEntry:
    """One ``--counts`` value, checked; LoadError naming the option when it cannot be used."""
    from dxready.catalog.fiscal import FiscalYear, FiscalYearError

    match = _COUNTS_FORM.match(text)
    if not match or (match.group("procs") and not header):
        raise _bad(
            "--counts",
            f"--counts {text!r} は 年度:総件数:オンライン件数、年度::オンライン件数、年度:利用率% のいずれかで指定してください"
            "（一部期間なら @YYYY-MM-DD。例: 2022:196759:152983、令和3年度:23.2%@2021-11-30）",
            f"--counts {text!r}: write FY:TOTAL:ONLINE, FY::ONLINE or FY:RATE% (@YYYY-MM-DD for a part year; "
            "e.g. 2022:196759:152983, R3:23.2%@2021-11-30)",
        )
    try:
        year = int(FiscalYear.parse(match.group("fy")))
    except FiscalYearError as exc:
        raise _bad("--counts", f"--counts の年度を読めません: {exc}", f"--counts: {exc}") from None
    end: dt.date | None = None
    if match.group("end"):
        try:
            end = dt.date.fromisoformat(match.group("end"))
        except ValueError:
            raise _bad(
                "--counts", f"--counts {text!r}: 日付を読めません", f"--counts {text!r}: not a date"
            ) from None
    if match.group("rate") is not None:
        rate = float(match.group("rate"))
        if rate > 100 or round(rate, 1) != rate:
            raise _bad(
                "--counts",
                f"--counts {text!r}: 利用率は 0〜100 の小数第一位までで指定してください",
                f"--counts {text!r}: a rate is 0 to 100 with at most one decimal",
            )
        return CountsEntry(year, rate=rate, period_end=end)
    total = _number(match.group("total")) if match.group("total") else None
    online = _number(match.group("online"))
    procs = _number(match.group("procs")) if match.group("procs") else None
    if total is not None and online > total:
        raise _bad(
            "--counts",
            f"--counts {text!r}: オンライン件数 {online:,} が総件数 {total:,} を超えています",
            f"--counts {text!r}: online {online:,} exceeds the total {total:,}",
        )
    return CountsEntry(year, total=total, online=online, period_end=end, procedures=procs)


def _counts(text: str) -> tuple[int, int, int]:
    """``FY:TOTAL:ONLINE`` only (kept for callers of the first form)."""
    entry = parse_counts(text)
    if entry.total is None or entry.online is None:
        raise _bad(
            "--counts",
            f"--counts {text!r} は 年度:総件数:オンライン件数 で指定してください（例: 2022:196759:152983）",
            f"--counts {text!r}: write FY:TOTAL:ONLINE (e.g. 2022:196759:152983)",
        )
    return entry.year, entry.total, entry.online


def _cards(text: str, default_day: dt.date | None) -> tuple[str, int, int, dt.date | None]:
    match = re.match(r"^\s*([^:]+?)\s*:\s*([0-9][0-9_,]*)\s*:\s*([0-9][0-9_,]*)\s*$", text)
    if not match or _number(match.group(3)) == 0:
        raise _bad(
            "--cards",
            f"--cards {text!r} は 範囲:交付枚数:人口 で指定してください（例: 鴨川市:25000:31000）",
            f"--cards {text!r}: write SCOPE:CARDS:POPULATION (e.g. Kamogawa:25000:31000)",
        )
    return match.group(1), _number(match.group(2)), _number(match.group(3)), default_day


def parse_change(
    *,
    status: str | None,
    channels: list[str],
    counts: list[str],
    note: str | None,
    verified_on: dt.date | None,
    unset: list[str] | None = None,
    as_of: dt.date | None = None,
    sources: list[str] | None = None,
    inferred: bool | None = None,
    cards: list[str] | None = None,
    header: bool = False,
    counts_source: str | None = None,
) -> Change:
    """Check the options before touching any file; a UsageError names the option that is wrong."""
    value, written = _status(status) if status is not None else (None, None)
    if note is not None and (not note.strip() or len(note) > 2000):
        raise _bad(
            "--note",
            "--note は 1〜2000 文字で指定してください（消すには --unset note）",
            "--note must be 1 to 2000 characters (to remove it, --unset note)",
        )
    if counts_source is not None and (not counts or not counts_source.strip() or len(counts_source) > 2000):
        raise _bad(
            "--counts-source",
            "--counts-source は --counts と一緒に 1〜2000 文字で指定してください",
            "--counts-source goes with --counts and must be 1 to 2000 characters",
        )
    checked_counts: dict[int, CountsEntry] = {}
    for text in counts:
        entry = parse_counts(text, header=header)
        if counts_source is not None:
            entry = dataclasses.replace(entry, source=counts_source.strip())
        checked_counts[entry.year] = entry  # the last one given for a year wins
    for day, option in ((verified_on, "--verified-on"), (as_of, "--as-of")):
        if day is not None and day > dt.date.today():
            raise _bad(
                option,
                f"{option} {day} は未来の日付です（確認した日を書いてください）",
                f"{option} {day} is in the future (give the day the status was confirmed)",
            )
    kinds: dict[str, str | None] = {}
    for text in channels:
        kind, name = _channel(text)
        kinds[kind] = name
    checked_sources = []
    for text in sources or []:
        if not text.strip() or len(text) > 2000:
            raise _bad(
                "--source",
                "--source は 1〜2000 文字で指定してください",
                "--source must be 1 to 2000 characters",
            )
        checked_sources.append(text.strip())
    fields = []
    for name in unset or []:
        name = name.strip()
        if not re.fullmatch(r"[a-z_]+", name):
            raise _bad(
                "--unset",
                f"--unset {name!r}: 項目名を指定してください",
                f"--unset {name!r}: give a field name",
            )
        fields.append(name)
    return Change(
        status=value,
        status_text=written,
        channels=tuple(kinds.items()),
        counts=tuple(checked_counts.values()),
        note=note,
        verified_on=verified_on,
        unset=tuple(dict.fromkeys(fields)),
        as_of=as_of,
        sources=tuple(dict.fromkeys(checked_sources)),
        inferred=inferred,
        cards=tuple(_cards(text, as_of) for text in cards or []),
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
            dx005_unknown_reference.CODE,
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
            dx005_unknown_reference.CODE,
        )
    return Target(found, procedure, at, subs[at])


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
            # A group recorded as unknown follows its sub-procedures by itself (Procedure.effective_status), and
            # only where they settle it: nothing is written. A group whose recorded mark was what they settled
            # keeps following them: the newly settled mark, or unknown again while they no longer settle it.
            following = group.status.value != "unknown" and before is not None and group.status is before
            if following and after is not group.status:
                from dxready.catalog.models import Status as _Status

                new = after if after is not None else _Status.unknown
                key_node, value_node = doc.items(proc_node)["status"]
                written = _status_text_like(str(value_node.value), new)
                splices.append(
                    doc.replace_scalar(value_node, key_node, written, flow=bool(proc_node.flow_style))
                )
                said.append(
                    Msg(
                        f"まとまり {group.id} の status: {group.status.mark} → {new.mark}（個別手続に合わせました）",
                        f"group {group.id} status: {group.status.mark} → {new.mark} (follows its sub-procedures)",
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
        for ce in change.counts:
            if ce.year in existing:
                for key, text in ce.written():
                    _set_key(doc, existing[ce.year], key, text, splices, quote=False)
            else:
                new_counts.append([("fiscal_year", str(ce.year)), *ce.written()])
            said.append(ce.said())
        _append(doc, node, "counts", new_counts, splices)
    if change.note is not None:
        _set_key(doc, node, "note", change.note, splices)
        said.append(Msg("note を更新", "note updated"))
    if change.verified_on is not None:
        _set_key(doc, node, "verified_on", change.verified_on.isoformat(), splices, quote=False)
        said.append(Msg(f"verified_on: {change.verified_on}", f"verified_on: {change.verified_on}"))
    plan_more(doc, node, entry, change, splices, said)
    return _merge_inserts(splices), said


def plan_more(
    doc: _Doc, node: Any, entry: Any, change: Change, splices: list[Splice], said: list[Msg]
) -> None:
    """The splices of ``--as-of``, ``--source``, ``--inferred``/``--no-inferred`` and ``--unset`` on one entry."""
    if change.as_of is not None:
        _set_key(doc, node, "as_of", change.as_of.isoformat(), splices, quote=False)
        said.append(Msg(f"as_of: {change.as_of}", f"as_of: {change.as_of}"))
    if change.sources:
        have = set(getattr(entry, "sources", []))
        new = [src for src in change.sources if src not in have]
        append_scalars(doc, node, "sources", new, splices)
        said += [Msg(f"sources: {src} を追加", f"sources: added {src}") for src in new]
    if change.inferred is not None:
        marked = "status" in entry.inferred
        if change.inferred and not marked:
            append_scalars(doc, node, "inferred", ["status"], splices)
            said.append(Msg("status を推定として記録", "status marked as inferred"))
        elif not change.inferred and marked:
            rest = [x for x in entry.inferred if x != "status"]
            if rest:
                key_node, value_node = doc.items(node)["inferred"]
                flow = "[" + ", ".join(scalar(x, flow=True) for x in rest) + "]"
                splices.append(doc.replace_scalar(value_node, key_node, flow, quote=False))
            else:
                splices.append(unset_key(doc, node, "inferred"))
            said.append(Msg("status の推定の印を外しました", "status no longer marked as inferred"))
    for name in change.unset:
        if name not in doc.items(node):
            said.append(Msg(f"{name} は記録されていません", f"{name} is not recorded"))
            continue
        splices.append(unset_key(doc, node, name))
        said.append(Msg(f"{name} を削除", f"{name} removed"))


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


def _said(key: str, old: str, new: str) -> Msg:
    return Msg(f"{key}: {old} → {new}", f"{key}: {old} → {new}")


# --------------------------------------------------------------------------------------------------- validate, write


def validate_text(text: str, shown: str, catalog: Catalog) -> Catalog:
    """The edited procedures.yaml as the loader would read it, with the catalogue's other files: or LoadError."""
    import dataclasses

    from dxready.catalog.load import parse, validate
    from dxready.catalog.models import ProceduresFile
    from dxready.engine.integrity import checked

    data, source = parse(text, shown)
    model = validate(ProceduresFile, data, source)
    candidate = dataclasses.replace(
        catalog, procedures_file=model, sources={**catalog.sources, "procedures": source}
    )
    return checked(candidate)


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
    _check_unset(change, target.sub if target.sub is not None else target.procedure)
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
    unset: list[str] | None = None,
    as_of: dt.date | None = None,
    sources: list[str] | None = None,
    inferred: bool | None = None,
    cards: list[str] | None = None,
    counts_source: str | None = None,
) -> str:
    """Edit one procedure (or sub-procedure, or with REF ``municipality`` the header) of the resolved catalogue;
    the message to print, or LoadError."""
    if ref.strip() == "municipality":
        return run_set_municipality(
            catalog=catalog,
            counts=counts,
            as_of=as_of,
            sources=sources or [],
            cards=cards or [],
            unset=unset or [],
            lang=lang,
            counts_source=counts_source,
            others={"--status": status, "--note": note, "--verified-on": verified_on, "--inferred": inferred}
            | ({"--channel": channels} if channels else {}),
        )
    change = parse_change(
        status=status,
        channels=channels,
        counts=counts,
        note=note,
        verified_on=verified_on,
        unset=unset,
        as_of=as_of,
        sources=sources,
        inferred=inferred,
        cards=cards,
        counts_source=counts_source,
    )
    if change.empty:
        raise _bad(
            ref,
            "変更する項目を指定してください（--status, --channel, --counts, --note, --verified-on, --as-of, "
            "--source, --inferred, --unset）",
            "nothing to change: give --status, --channel, --counts, --note, --verified-on, --as-of, --source, "
            "--inferred or --unset",
        )
    root, shown = _editable(catalog)
    targets: list[Target] = []

    def make(text: str, current: Catalog) -> tuple[str, list[Msg]]:
        new_text, target, said = edit_text(text, current, ref, change, shown)
        targets.append(target)
        return new_text, said

    changed, said, candidate = _edit_procedures(root, shown, make)
    target = targets[0]
    if candidate is not None:
        said += _group_note(candidate.procedures[target.index])
    return _message(lang, shown, target, said, changed=changed)


def _group_note(group: Procedure) -> list[Msg]:
    """After an edit: what the group's mark is now (a tally while unsettled), and a contradiction DX008 will report."""
    from dxready.catalog.models import Status, possible_statuses, tally

    if not group.sub_procedures:
        return []
    statuses = [s.status for s in group.sub_procedures]
    if group.status is Status.unknown:
        shown = group.effective_status.mark
        return [
            Msg(
                f"まとまり {group.id}: {shown}（個別手続 {tally(statuses)}）",
                f"group {group.id}: {shown} (sub-procedures {tally(statuses)})",
            )
        ]
    if group.status is not Status.not_applicable and group.status not in possible_statuses(statuses):
        return [
            Msg(
                f"注意: 個別手続（{tally(statuses)}）と、まとまりの {group.status.mark} が合いません"
                "（dxready check が DX008 を報告します）",
                f"note: the sub-procedures ({tally(statuses)}) disagree with the group's {group.status.mark}"
                " (dxready check reports DX008)",
            )
        ]
    return []


def _editable(catalog: str | os.PathLike[str] | None) -> tuple[Path, str]:
    """The catalogue directory to edit and procedures.yaml's name as shown; refuses the embedded catalogue."""
    from dxready.catalog.load import display_name, resolve

    root, label = resolve(catalog)
    if _is_embedded(root, label):
        raise _bad(
            label,
            "パッケージに同梱のカタログ（鴨川市）は編集できません。dxready init DIR --from-embedded で写して"
            "編集するか、dxready init DIR で自分のカタログを作るか、--catalog DIR を指定してください",
            "the catalogue shipped inside the package (Kamogawa) cannot be edited; copy it with "
            "`dxready init DIR --from-embedded`, create your own with `dxready init DIR` or pass --catalog DIR",
            UNREADABLE,
        )
    return root, display_name(root, "procedures")


def _edit_procedures(root: Path, shown: str, make: Any) -> tuple[bool, list[Msg], Catalog | None]:
    """Under the lock: load, ``make(text, catalog) -> (new text, said)``, validate, write atomically.

    (changed, said, the validated catalogue or None when nothing changed). Any refusal leaves the file as it was."""
    from dxready.catalog.load import decode
    from dxready.engine.integrity import load as load_catalog

    path = root / "procedures.yaml"
    if not path.is_file():
        load_catalog(root)  # the loader's own message for a missing directory or file
    with locked(root):
        current = load_catalog(
            root
        )  # under the lock: the file as it is now, and refused if it is already broken
        raw = path.read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        text = decode(raw, shown)
        try:
            new_text, said = make(text, current)
        except ValueError as exc:
            raise _bad(shown, f"この編集はできません: {exc}", f"cannot make this edit: {exc}") from None
        if new_text == text:
            return False, said, None
        candidate = validate_text(new_text, shown, current)
        refuse_new_text_findings(current, candidate)  # nothing check would refuse (DX010) reaches the file
        atomic_write(path, (b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8"))
    return True, said, candidate


# --------------------------------------------------------------------------------------------------- set municipality


def run_set_municipality(
    *,
    catalog: str | os.PathLike[str] | None,
    counts: list[str],
    as_of: dt.date | None,
    sources: list[str],
    cards: list[str],
    unset: list[str],
    lang: str,
    others: dict[str, object] | None = None,
    counts_source: str | None = None,
) -> str:
    """``set municipality``: the header's city-wide counts, sources and card counts, and the catalogue's as_of."""
    from dxready.catalog.models import Municipality

    used = [name for name, value in (others or {}).items() if value not in (None, [], False)]
    if used:
        raise _bad(
            used[0],
            f"set municipality には {used[0]} を指定できません（--as-of, --source, --counts, --cards, --unset）",
            f"`set municipality` takes no {used[0]} (only --as-of, --source, --counts, --cards, --unset)",
        )
    change = parse_change(
        status=None,
        channels=[],
        counts=counts,
        note=None,
        verified_on=None,
        unset=unset,
        as_of=as_of,
        sources=sources,
        cards=cards,
        header=True,
        counts_source=counts_source,
    )
    if change.empty:
        raise _bad(
            "municipality",
            "変更する項目を指定してください（--as-of, --source, --counts, --cards, --unset）",
            "nothing to change: give --as-of, --source, --counts, --cards or --unset",
        )
    allowed = sorted({n for n, f in Municipality.model_fields.items() if not f.is_required()} | {"as_of"})
    for name in change.unset:
        if name not in allowed:
            raise _bad(
                "--unset",
                f"--unset {name!r} は使えません。消せる項目: {', '.join(allowed)}",
                f"--unset {name!r} is not allowed; optional fields: {', '.join(allowed)}",
            )
    root, shown = _editable(catalog)

    def make(text: str, current: Catalog) -> tuple[str, list[Msg]]:
        doc = _Doc(text)
        return apply(text, (plan := header_splices(doc, current, change))[0]), plan[1]

    changed, said, _ = _edit_procedures(root, shown, make)
    from dxready.inert import oneline

    lines = [f"  {oneline(m.get(lang))}" for m in said]
    if lang == "ja":
        head = (
            f"{shown}: municipality を更新しました"
            if changed
            else f"{shown}: municipality は変更なし（既にその値です）"
        )
    else:
        head = (
            f"{shown}: updated municipality" if changed else f"{shown}: municipality unchanged (already so)"
        )
    return "\n".join([head, *lines]) + "\n"


def header_splices(doc: _Doc, catalog: Catalog, change: Change) -> tuple[list[Splice], list[Msg]]:
    """The splices of a ``set municipality`` change (pure)."""
    from dxready.catalog.fiscal import FiscalYear

    splices: list[Splice] = []
    said: list[Msg] = []
    top = doc.root
    header = doc.items(top)["municipality"][1]
    model = catalog.procedures_file.municipality
    if change.as_of is not None:
        if "as_of" in doc.items(top) or top.flow_style:
            _set_key(doc, top, "as_of", change.as_of.isoformat(), splices, quote=False)
        else:  # above the procedures it dates (after the header and its comments), not after the last one
            entries = doc.items(top)
            anchor = entries.get("procedures", entries.get("facts", (None, None)))[0]
            if anchor is None:
                _set_key(doc, top, "as_of", change.as_of.isoformat(), splices, quote=False)
            else:
                point = doc.text.rfind("\n", 0, int(anchor.start_mark.index)) + 1
                splices.append(Splice(point, point, f"as_of: {change.as_of.isoformat()}" + doc.nl))
        said.append(Msg(f"as_of（状況の時点）: {change.as_of}", f"as_of (status date): {change.as_of}"))
    if change.sources:
        new = [src for src in change.sources if src not in model.sources]
        append_scalars(doc, header, "sources", new, splices)
        said += [Msg(f"sources: {src} を追加", f"sources: added {src}") for src in new]
    if change.counts:
        existing: dict[int, Any] = {}
        items = doc.items(header).get("counts")
        if items is not None and doc.is_seq(items[1]):
            for item in items[1].value:
                if doc.is_map(item) and "fiscal_year" in doc.items(item):
                    try:
                        existing[int(FiscalYear.parse(_scalar_value(doc.items(item)["fiscal_year"][1])))] = (
                            item
                        )
                    except ValueError:
                        continue
        new_counts: list[list[tuple[str, str]]] = []
        for entry in change.counts:
            if entry.year in existing:
                for key, text in entry.written():
                    _set_key(doc, existing[entry.year], key, text, splices, quote=False)
            else:
                new_counts.append([("fiscal_year", str(entry.year)), *entry.written()])
            said.append(entry.said())
        _append(doc, header, "counts", new_counts, splices)
    if change.cards:
        card = model.mynumber_card
        if card is None:
            day = change.cards[0][3]
            if day is None:
                raise _bad(
                    "--cards",
                    "カードの交付枚数を初めて記録するときは、その時点を --as-of で指定してください",
                    "the first card counts need their date: give --as-of",
                )
            rates = [
                [("scope", scalar(sc, flow=True)), ("cards", str(c)), ("population", str(pop))]
                for sc, c, pop, _ in change.cards
            ]
            lines = ["mynumber_card:", f"  as_of: {day.isoformat()}", "  rates:"]
            for r in rates:
                lines.append("    - {" + ", ".join(f"{k}: {v}" for k, v in r) + "}")
            splices.append(doc.add_lines(header, lines))
        else:
            node = doc.items(header)["mynumber_card"][1]
            rates_node = doc.items(node)["rates"][1]
            by_scope = {}
            for item in rates_node.value:
                if doc.is_map(item) and "scope" in doc.items(item):
                    by_scope[str(doc.items(item)["scope"][1].value)] = item
            fresh = []
            for sc, c, pop, _ in change.cards:
                if sc in by_scope:
                    _set_key(doc, by_scope[sc], "cards", str(c), splices, quote=False)
                    _set_key(doc, by_scope[sc], "population", str(pop), splices, quote=False)
                else:
                    fresh.append(
                        [("scope", scalar(sc, flow=True)), ("cards", str(c)), ("population", str(pop))]
                    )
            _append(doc, node, "rates", fresh, splices)
        for sc, c, pop, _ in change.cards:
            said.append(
                Msg(
                    f"マイナンバーカード {sc}: {c:,} / {pop:,}（{100 * c / pop:.1f}%）",
                    f"My Number Card {sc}: {c:,} of {pop:,} ({100 * c / pop:.1f}%)",
                )
            )
    for name in change.unset:
        where = top if name == "as_of" else header
        if name not in doc.items(where):
            said.append(Msg(f"{name} は記録されていません", f"{name} is not recorded"))
            continue
        splices.append(unset_key(doc, where, name))
        said.append(Msg(f"{name} を削除", f"{name} removed"))
    return _merge_inserts(splices), said


# --------------------------------------------------------------------------------------------------- add


def run_add(
    ident: str,
    *,
    name: str,
    catalog: str | os.PathLike[str] | None,
    status: str | None,
    channels: list[str],
    counts: list[str],
    note: str | None,
    verified_on: dt.date | None,
    lang: str,
    as_of: dt.date | None = None,
    sources: list[str] | None = None,
    inferred: bool | None = None,
    counts_source: str | None = None,
) -> str:
    """``dxready add ID --name NAME``: append one of the city's own procedures (no standard number), then apply
    set's options to it; validated and written once, atomically, comments kept."""
    from dxready.catalog.models import SLUG

    ident = ident.strip()
    if not re.fullmatch(SLUG, ident) or len(ident) > 80:
        raise _bad(
            "ID",
            f"id {ident!r} は英小文字・数字・ハイフンで書いてください（例: juminhyo-copy）",
            f"id {ident!r}: use lowercase letters, digits and hyphens (e.g. juminhyo-copy)",
        )
    if not name.strip() or len(name) > 2000:
        raise _bad(
            "--name", "--name は 1〜2000 文字で指定してください", "--name must be 1 to 2000 characters"
        )
    change = parse_change(
        status=status,
        channels=channels,
        counts=counts,
        note=note,
        verified_on=verified_on,
        as_of=as_of,
        sources=sources,
        inferred=inferred,
        counts_source=counts_source,
    )
    root, shown = _editable(catalog)
    targets: list[Target] = []

    def make(text: str, current: Catalog) -> tuple[str, list[Msg]]:
        if any(p.id == ident for p in current.procedures):
            raise _bad(
                shown,
                f"id {ident!r} の手続は既にあります（変更は dxready set {ident} …）",
                f"a procedure with id {ident!r} already exists (edit it with dxready set {ident} …)",
                "DX004",
            )
        doc = _Doc(text)
        lines = [f"id: {ident}", f"name: {scalar(name.strip())}", "status: unknown"]
        flows = "{" + f"id: {ident}, name: {scalar(name.strip(), flow=True)}, status: unknown" + "}"
        entries = doc.items(doc.root)
        if "procedures" in entries and doc.is_seq(entries["procedures"][1]):
            splice = doc.append_items(entries["procedures"][1], [lines], [flows])
        elif "procedures" in entries:
            key_node, value_node = entries["procedures"]
            splice = doc.replace_scalar(value_node, key_node, "[" + flows + "]", quote=False)
        else:
            splice = doc.add_lines(
                doc.root,
                [
                    "procedures:",
                    *[
                        (" " * doc.seq_offset) + ("- " if i == 0 else "  ") + line
                        for i, line in enumerate(lines)
                    ],
                ],
            )
        added = apply(text, [splice])
        catalog_added = validate_text(added, shown, current)
        said = [
            Msg(
                f"手続 {ident}「{name.strip()}」を追加（標準の21手続の外: 率には数えません）",
                f"added procedure {ident} '{name.strip()}' (outside the 21 standard rows: not in the rates)",
            )
        ]
        if change.empty:
            targets.append(find_target(catalog_added, ident, shown))
            return added, said
        new_text, target, more = edit_text(added, catalog_added, ident, change, shown)
        targets.append(target)
        return new_text, said + more

    changed, said, _ = _edit_procedures(root, shown, make)
    return _message(lang, shown, targets[0], said, changed=changed)


def _message(lang: str, shown: str, target: Target, said: list[Msg], *, changed: bool) -> str:
    from dxready.inert import oneline  # the path too: a directory name may hold escape sequences

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
