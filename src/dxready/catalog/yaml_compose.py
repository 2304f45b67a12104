"""The event composer of the one YAML module (:mod:`dxready.catalog.yaml`): the C parser's events → plain values
and their source map, with no node tree and no Python resolver call per scalar.

Pure Python: the events come from :mod:`dxready.catalog.yaml`, which owns the parser (every use of ruamel.yaml is
there) and hands in ``get`` (the parser's ``get_event``) and ``error`` (ruamel.yaml's ComposerError, so a malformed
stream is reported as the parser's own errors are). While composing, the 0-based marks of the parser become the
1-based positions of the source map, duplicate keys, unsupported tags and merge keys are refused, alias expansion is
bounded, and nesting and the number of values are limited (the limits of :mod:`dxready.catalog.limits`, checked at
the same event as its pre-scan would, so no second pass over a large file is needed). ``=`` and a ``<<`` that is not
a mapping key are strings, not refused tags.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import Any

from dxready.catalog.limits import MAX_DEPTH, MAX_NODES, excerpt
from dxready.catalog.problems import DUPLICATE_KEY, UNREADABLE
from dxready.catalog.sourcemap import Tree, unpack
from dxready.catalog.yaml_scalars import (
    _INT,
    _MAP,
    _MAY_RESOLVE,
    _MEMO,
    _MERGE,
    _SEQ,
    _STR,
    CONVERT,
    _BadValue,
    _plain,
    resolve_tag,
    yaml_int,
)
from dxready.catalog.yaml_thousands import odd_key

_PACKED = "l" if array("l").itemsize == 8 else "q"
"""The array type of packed positions (``line << 32 | column``): a C long where it has 64 bits, since an int goes
into it through CPython's short path (into ``q`` or ``Q`` through a byte-array conversion, 2 % of parsing)."""
_KEYS_LIMIT = 10_000
"""Distinct plain keys memoised per document (a catalogue has a few dozen)."""


class YamlProblem(Exception):
    """Something in well-formed YAML that a catalogue may not hold; 1-based ``line`` and ``column``."""

    def __init__(self, line: int, column: int, ja: str, en: str, code: str = UNREADABLE) -> None:
        super().__init__(en)
        self.line, self.column, self.ja, self.en, self.code = line, column, ja, en, code


class NeedPositions(Exception):
    """Raised without positions where the message needs one (a duplicate key's first occurrence)."""


# The C parser builds each event by calling the event classes of ruamel.yaml.events that its module imported; their
# Python ``__init__`` chains cost a third of reading the events. While composing, those names in the extension module
# are bound to these classes instead, whose construction is C only (BaseException's): an event is then its
# ``args`` tuple, in the order the C parser passes them.
class _Event(Exception):
    __slots__ = ()


class StreamStart(_Event):
    __slots__ = ()  # (start_mark, end_mark, encoding)


class StreamEnd(_Event):
    __slots__ = ()  # (start_mark, end_mark)


class DocumentStart(_Event):
    __slots__ = ()  # (start_mark, end_mark, explicit, version, tags)


class DocumentEnd(_Event):
    __slots__ = ()  # (start_mark, end_mark, explicit)


class Alias(_Event):
    __slots__ = ()  # (anchor, start_mark, end_mark)


class Scalar(_Event):
    __slots__ = ()  # (anchor, tag, (plain_implicit, quoted_implicit), value, start_mark, end_mark, style)


class SequenceStart(_Event):
    __slots__ = ()  # (anchor, tag, implicit, start_mark, end_mark, flow_style)


class SequenceEnd(_Event):
    __slots__ = ()  # (start_mark, end_mark)


class MappingStart(_Event):
    __slots__ = ()  # (anchor, tag, implicit, start_mark, end_mark, flow_style)


class MappingEnd(_Event):
    __slots__ = ()  # (start_mark, end_mark)


FAST_EVENTS: dict[str, type[_Event]] = {
    # the C parser's event class names → these classes (catalog.yaml binds them while composing)
    "StreamStartEvent": StreamStart,
    "StreamEndEvent": StreamEnd,
    "DocumentStartEvent": DocumentStart,
    "DocumentEndEvent": DocumentEnd,
    "AliasEvent": Alias,
    "ScalarEvent": Scalar,
    "SequenceStartEvent": SequenceStart,
    "SequenceEndEvent": SequenceEnd,
    "MappingStartEvent": MappingStart,
    "MappingEndEvent": MappingEnd,
}
_MARK_AT = {Scalar: 4, SequenceStart: 3, MappingStart: 3, Alias: 1}
"""Where the start mark is in each kind of event's args (0 for the rest)."""


def start_mark(event: _Event) -> Any:
    return event.args[_MARK_AT.get(type(event), 0)]


class _Anchor:
    __slots__ = ("height", "here", "key", "mark", "size", "tree", "value")

    def __init__(self, value: Any, key: Any, size: int, height: int, mark: Any) -> None:
        self.value, self.key, self.size, self.height = value, key, size, height
        self.mark, self.here = mark, mark.line << 32 | mark.column
        self.tree: Tree | None = None  # the positions inside an anchored collection, shared by its aliases


_ALIAS_BOMB = (
    "エイリアス（*参照）の展開が大きすぎます。アンカーとエイリアスを使わずに書いてください",
    "aliases expand to too much data (an alias bomb?); write the data without anchors and aliases",
)


class Composer:
    """Events → plain values (dicts, lists, str, int, float, bool, None, dates) and, with ``positions``, where each
    value and each mapping key stood: ``root`` (the document's packed start, None without a document) and ``tree``
    (the positions inside it, :class:`dxready.catalog.sourcemap.Tree`)."""

    def __init__(
        self,
        budget: int,
        error: Callable[..., Exception],
        positions: bool = True,
        max_depth: int = MAX_DEPTH,
    ) -> None:
        self.budget = budget
        self.error = error
        self.positions = positions
        self.max_depth = max_depth
        self.anchors: dict[str, _Anchor] = {}
        # Set by node() for its caller: the packed start of the value just composed, and its Tree (a collection's,
        # with positions) or None.
        self.here = 0
        self.sub: Tree | None = None
        self.root: int | None = None
        self.tree: Tree | None = None
        self.deepest = 0
        self.nodes = 0  # keys and values read (events), as check_shape in dxready.catalog.yaml counts them
        self.keys: dict[str, Any] = {}
        """A plain key's text → its value (a string, or an int): keys repeat in every procedure."""

    # ------------------------------------------------------------------------------------------ entry

    def document(self, get: Callable[[], Any]) -> Any:
        """The first (and only) document's value, or None for an empty stream; ``get`` reads the next event."""
        get()  # StreamStart
        event = get()
        if type(event) is not DocumentStart:
            return None  # StreamEnd: no document
        document = event
        value = self.node(get, get(), 0)
        if self.positions:
            self.root, self.tree = self.here, self.sub
        get()  # DocumentEnd
        event = get()
        if type(event) is not StreamEnd:
            raise self.error(
                "expected a single document in the stream",
                start_mark(document),
                "but found another document",
                start_mark(event),
            )
        return value

    # ------------------------------------------------------------------------------------------ helpers

    def fail(self, event: _Event, ja: str, en: str, code: str = UNREADABLE) -> YamlProblem:
        mark = start_mark(event)
        return YamlProblem(mark.line + 1, mark.column + 1, ja, en, code)

    def bad_value(self, event: _Event, detail: str) -> YamlProblem:
        value = event.args[3]
        return self.fail(
            event,
            f"値 {excerpt(value, lang='ja')} を読めません",
            f"cannot read value {excerpt(value, lang='en')}: {excerpt(detail, lang='en')}",
        )

    def unsupported(self, event: _Event, tag: object) -> YamlProblem:
        return self.fail(
            event, f"タグ {tag} は使えません", f"tag {tag} is not supported (only plain YAML values)"
        )

    def not_a_key(self, event: _Event) -> YamlProblem:
        return self.fail(event, "キーは文字列にしてください", "a mapping key must be a plain string")

    def too_deep(self, event: _Event) -> YamlProblem:
        return self.fail(
            event,
            f"入れ子が深すぎます（{self.max_depth} 段まで）",
            f"nesting is deeper than {self.max_depth} levels",
        )

    def too_many(self, event: _Event) -> YamlProblem:
        return self.fail(
            event,
            f"値が多すぎます（1ファイル {MAX_NODES:,} 個まで）",
            f"too many values (at most {MAX_NODES:,} in one file)",
        )

    def undefined(self, event: _Event) -> Exception:
        return self.error(None, None, f"found undefined alias {event.args[0]!r}", start_mark(event))

    def new_anchor(self, event: _Event) -> Any:
        """The start mark of a node that defines an anchor; a second definition of a name is refused (as the C
        composer of ruamel.yaml refused it)."""
        first = self.anchors.get(event.args[0])
        if first is not None:
            raise self.error(
                "found duplicate anchor; first occurrence", first.mark, "second occurrence", start_mark(event)
            )
        return start_mark(event)

    def scalar_tag(self, args: tuple[Any, ...], key: bool = False) -> str:
        """A scalar's tag: plain ones by the core schema (and, as a key, a plain ``<<`` is the merge key)."""
        tag = args[1]
        if tag is None or tag == "!":
            if tag is None and args[2][0]:
                return _MERGE if key and args[3] == "<<" else resolve_tag(args[3])
            return _STR
        return str(tag)

    def convert(self, event: _Event, tag: str) -> Any:
        try:
            return CONVERT[tag](event.args[3])
        except (ValueError, OverflowError) as exc:
            raise self.bad_value(event, str(exc)) from None

    def scalar(self, event: _Event) -> tuple[str, Any]:
        """A scalar event's (tag, value)."""
        args = event.args
        if args[1] is None and args[2][0]:
            try:
                return _plain(args[3])
            except _BadValue as exc:
                raise self.bad_value(event, str(exc)) from None
        tag = self.scalar_tag(args)
        if tag == _STR:
            return _STR, args[3]
        if tag not in CONVERT:
            raise self.unsupported(event, tag)
        return tag, self.convert(event, tag)

    def key(self, event: _Event) -> Any:
        """A mapping key's value: a string, or an int for an integer."""
        cls = type(event)
        args = event.args
        if cls is Alias:
            anchor = self.anchors.get(args[0])
            if anchor is None:
                raise self.undefined(event)
            if anchor.key is None:
                raise self.not_a_key(event)
            tag, text = anchor.key
        elif cls is not Scalar:
            raise self.not_a_key(event)
        else:
            text = args[3]
            if args[1] is None and args[0] is None:
                if not args[2][0]:
                    return text
                if text and text[0] not in _MAY_RESOLVE and text != "<<":
                    return text
            tag = self.scalar_tag(args, key=True)
            if tag != _MERGE and tag != _STR and tag not in CONVERT:
                raise self.not_a_key(event)
            if args[0] is not None:
                value = text if tag in (_STR, _MERGE) else self.convert(event, tag)
                self.anchors[args[0]] = _Anchor(value, (tag, text), 1, 0, self.new_anchor(event))
        if tag == _MERGE:
            raise self.fail(event, "マージキー（<<）は使えません", "merge keys (<<) are not supported")
        if tag == _INT:
            try:
                return yaml_int(text)
            except ValueError:  # 0x…, or over 4,300 digits
                raise self.fail(
                    event,
                    f"キー {excerpt(text, lang='ja')} を読めません",
                    f"cannot read key {excerpt(text, lang='en')}",
                ) from None
        return text

    def alias(self, event: _Event, depth: int) -> Any:
        anchor = self.anchors.get(event.args[0])
        if anchor is None:
            raise self.undefined(event)
        self.budget -= anchor.size
        if self.budget < 0:
            raise self.fail(event, *_ALIAS_BOMB)
        if depth + anchor.height > self.max_depth:
            raise self.too_deep(event)
        if depth + anchor.height > self.deepest:
            self.deepest = depth + anchor.height
        self.here, self.sub = anchor.here, anchor.tree  # an alias stands where its anchor stood
        return anchor.value

    # ------------------------------------------------------------------------------------------ nodes

    def node(self, get: Any, event: _Event, depth: int) -> Any:
        """The value starting at ``event`` (its remaining events are read with ``get``); sets ``here`` and
        ``sub``."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.too_many(event)
        self.budget -= 1
        if self.budget < 0:
            raise self.fail(event, *_ALIAS_BOMB)
        if depth > self.max_depth:
            raise self.too_deep(event)
        if depth > self.deepest:
            self.deepest = depth
        cls = type(event)
        if cls is Alias:
            return self.alias(event, depth)
        args = event.args
        mark = args[_MARK_AT[cls]]
        here = mark.line << 32 | mark.column
        anchor = None
        if args[0] is not None:
            anchor = _Anchor(None, None, self.budget, 0, self.new_anchor(event))
            outer, self.deepest = self.deepest, depth
        value: Any
        if cls is Scalar:
            tag, value = self.scalar(event)
            self.sub = None
            if anchor is not None:
                anchor.key = (tag, args[3])
        elif cls is MappingStart:
            value = self.mapping(get, event, depth)
        elif cls is SequenceStart:
            value = self.sequence(get, event, depth)
        else:  # pragma: no cover - the parser emits nothing else here
            raise self.fail(event, "YAML を読めません", f"unexpected {cls.__name__}")
        self.here = here
        if anchor is not None:
            anchor.value = value
            anchor.tree = self.sub
            anchor.size = anchor.size - self.budget + 1
            anchor.height = self.deepest - depth
            self.deepest = max(outer, self.deepest)
            self.anchors[args[0]] = anchor
        return value

    def check_tag(self, event: _Event, expected: str) -> None:
        tag = event.args[1]
        if tag is not None and tag != "!" and str(tag) != expected:
            raise self.unsupported(event, tag)

    def place(self, pos: Any, kids: list[Tree | None] | None, count: int) -> list[Tree | None] | None:
        """Record where the value just composed (by :meth:`node`) stood, as entry ``count`` of a collection with
        positions ``pos`` and children ``kids`` (made when the first child collection comes); the new ``kids``."""
        pos.append(self.here)
        sub = self.sub
        if sub is not None:
            if kids is None:
                kids = [None] * count
            kids.append(sub)
        elif kids is not None:
            kids.append(None)
        return kids

    def duplicate(self, key_event: _Event, result: dict[Any, Any], pos: Any, key: Any) -> YamlProblem:
        """The problem of a key written twice in one mapping (NeedPositions when they are not recorded)."""
        if not self.positions:
            raise NeedPositions
        line, column = unpack(pos[2 * list(result).index(key)])
        mark = start_mark(key_event)
        return YamlProblem(
            mark.line + 1,
            mark.column + 1,
            f"キー {excerpt(key, lang='ja')} が重複しています（最初は {line} 行 {column} 列）",
            f"duplicate key {excerpt(key, lang='en')} (first at line {line}, column {column})",
            DUPLICATE_KEY,
        )

    def mapping(self, get: Any, start: _Event, depth: int) -> dict[Any, Any]:
        if start.args[1] is not None:
            self.check_tag(start, _MAP)
        result: dict[Any, Any] = {}
        positions = self.positions
        memo, may_resolve, keys = _MEMO, _MAY_RESOLVE, self.keys
        pos = array(_PACKED)
        put = pos.append
        kids: list[Tree | None] | None = None
        count = 0
        child = depth + 1
        deep = child > self.max_depth
        if child > self.deepest:
            self.deepest = child
        event: Any = None  # the previous entry's value (a thousands separator's check, below)
        while True:
            key_event = get()
            if type(key_event) is MappingEnd:
                self.sub = Tree(tuple(result), pos, kids) if positions else None
                return result
            if deep:  # the first key nested too deep
                raise self.too_deep(key_event)
            self.nodes += 1
            if self.nodes > MAX_NODES:
                raise self.too_many(key_event)
            kargs = key_event.args
            # A plain key with no tag and no anchor (nearly every key) resolves as it did before: memoised.
            plain = type(key_event) is Scalar and kargs[0] is None and kargs[1] is None and kargs[2][0]
            key = keys.get(kargs[3]) if plain else None
            if key is None:
                key = self.key(key_event)
                if plain and len(keys) < _KEYS_LIMIT:
                    keys[kargs[3]] = key
            # Rare: a key written twice, or an integer key (1,200 in a flow mapping reads as 1 and a key 200).
            if key in result or key.__class__ is int:
                event = odd_key(self, get, key_event, event, result, pos, key)
            else:
                event = get()
            if positions:
                if type(key_event) is Alias:  # where the aliased key stood, as for values
                    put(self.anchors[key_event.args[0]].here)
                else:
                    mark = key_event.args[4]
                    put(mark.line << 32 | mark.column)
            args = event.args
            # The common case inline: a plain or quoted scalar with no tag and no anchor.
            if type(event) is Scalar and args[0] is None and args[1] is None:
                self.budget -= 1
                self.nodes += 1
                if self.nodes > MAX_NODES:
                    raise self.too_many(event)
                if positions:
                    mark = args[4]
                    put(mark.line << 32 | mark.column)
                    if kids is not None:
                        kids.append(None)
                text = args[3]
                if args[2][0] and (not text or text[0] in may_resolve):
                    hit = memo.get(text)
                    if hit is None:
                        try:
                            hit = _plain(text)
                        except _BadValue as exc:
                            raise self.bad_value(event, str(exc)) from None
                    result[key] = hit[1]
                else:
                    result[key] = text
            else:
                result[key] = self.node(get, event, child)
                if positions:
                    kids = self.place(pos, kids, count)
            count += 1

    def sequence(self, get: Any, start: _Event, depth: int) -> list[Any]:
        if start.args[1] is not None:
            self.check_tag(start, _SEQ)
        result: list[Any] = []
        append = result.append
        positions = self.positions
        pos = array(_PACKED)
        kids: list[Tree | None] | None = None
        child = depth + 1
        while True:
            event = get()
            if type(event) is SequenceEnd:
                self.sub = Tree(None, pos, kids) if positions else None
                return result
            append(self.node(get, event, child))
            if positions:
                kids = self.place(pos, kids, len(result) - 1)
