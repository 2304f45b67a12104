"""The node tree that ``set`` and ``import`` splice by, built lazily from the C parser's events (:func:`compose`).

Pure Python, like :mod:`dxready.catalog.yaml_compose`: :mod:`dxready.catalog.yaml` reads the events (all of them, in
C) and hands in ruamel.yaml's ComposerError and its resolver for plain scalars. The nodes answer as ruamel.yaml's
composed nodes did (``tag``, ``value``, ``start_mark``, ``end_mark``, ``style``, ``flow_style``; a mapping's ``value``
is a list of (key node, value node) pairs, a sequence's a list of nodes, a scalar's its text; an alias is its anchor's
node), with the same marks, because the marks are the events' own. What differs is the cost: ruamel.yaml's composer
makes a Python node and calls a Python resolver per value (most of a write of a 30,000-procedure file); here one pass
pairs each collection's start with its end, and a collection's children are made when its ``value`` is first read, a
scalar's tag when it is first asked for. An edit of one procedure makes the nodes of the top mapping, one stub per
procedure and the nodes of the procedure it edits.

As ruamel.yaml's composer, :func:`compose` refuses a second document, a second anchor of one name and an alias to no
anchor defined before it, with its words (ComposerError); :func:`dxready.catalog.yaml.compose_nodes` reports a second
document that starts before a syntax error as that composer did, though it reads every event first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dxready.catalog.yaml_compose import (
    FAST_EVENTS,
    Alias,
    DocumentStart,
    MappingStart,
    SequenceStart,
    StreamEnd,
    start_mark,
)

STR = "tag:yaml.org,2002:str"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"


def scalar_event(
    anchor: str | None,
    tag: str | None,
    implicit: tuple[bool, bool],
    value: str,
    start: Any,
    end: Any,
    style: Any,
) -> tuple[Any, ...]:
    """A scalar event as a plain tuple (anchor, tag, plain implicit, value, start mark, end mark, style): the parser's
    most frequent event, kept for the whole tree, in two fifths less memory than an event object."""
    return (anchor, tag, implicit[0], value, start, end, style)


def collection_end(start: Any, end: Any) -> list[Any]:
    """The end of a mapping or a sequence as a one-item list: its end mark (all a node needs of it)."""
    return [end]


EVENTS: dict[str, Any] = {
    **FAST_EVENTS,
    "ScalarEvent": scalar_event,
    "MappingEndEvent": collection_end,
    "SequenceEndEvent": collection_end,
}
"""What the C parser makes each kind of event with, for :func:`compose` (yaml_compose's classes; scalars tuples,
collection ends lists)."""


def _start(event: Any) -> Any:
    return event[4] if type(event) is tuple else start_mark(event)


class _Events:
    """One document's events and what its nodes share: where each collection ends, the anchored nodes made so far
    (one node per anchor, shared by its aliases), and where each alias's anchor stands."""

    __slots__ = ("aliased", "ends", "events", "made", "resolve")

    def __init__(self, events: list[Any], resolve: Callable[[str], str]) -> None:
        self.events = events
        self.resolve = resolve
        self.made: dict[int, Node] = {}
        self.aliased: dict[int, int] = {}
        ends = list(range(len(events)))  # a scalar or an alias ends where it starts
        stack: list[int] = []
        push, pop = stack.append, stack.pop
        for i, cls in enumerate(map(type, events)):
            if cls is tuple:  # a scalar
                continue
            if cls is MappingStart or cls is SequenceStart:
                push(i)
            elif cls is list:  # a collection's end
                ends[pop()] = i
        self.ends = ends

    def node(self, i: int) -> Node:
        """The node whose first event is ``events[i]``."""
        event = self.events[i]
        cls = type(event)
        if cls is tuple:
            if event[0] is None:
                return ScalarNode(self, i)
        elif cls is Alias:
            return self.node(self.aliased[i])
        elif event.args[0] is None:
            return _KINDS[cls](self, i)
        made = self.made.get(i)
        if made is None:
            made = self.made[i] = _KINDS[cls](self, i)
        return made

    def children(self, i: int) -> list[Node]:
        """The nodes directly inside the collection starting at ``events[i]``, in order."""
        ends, node = self.ends, self.node
        out = []
        j, end = i + 1, ends[i]
        while j < end:
            out.append(node(j))
            j = ends[j] + 1
        return out

    def check_anchors(self, error: Callable[..., Exception]) -> None:
        """As ruamel.yaml's composer: an anchor defined twice, or an alias to no anchor defined before it, is an
        error at the first one in document order; records each alias's anchor."""
        defined: dict[str, int] = {}
        for i, event in enumerate(self.events):
            cls = type(event)
            if cls is Alias:
                name = event.args[0]
                if name not in defined:
                    raise error(None, None, "found undefined alias", start_mark(event))
                self.aliased[i] = defined[name]
            elif cls is tuple or cls is MappingStart or cls is SequenceStart:
                name = event[0] if cls is tuple else event.args[0]
                if name is None:
                    continue
                if name in defined:
                    raise error(
                        "found duplicate anchor; first occurrence",
                        _start(self.events[defined[name]]),
                        "second occurrence",
                        _start(event),
                    )
                defined[name] = i


class Node:
    """A node of the tree: its events' place (``_at``) in the document's events (``_doc``)."""

    __slots__ = ("_at", "_doc")

    def __init__(self, doc: _Events, at: int) -> None:
        self._doc, self._at = doc, at

    @property
    def _args(self) -> tuple[Any, ...]:
        args: tuple[Any, ...] = self._doc.events[self._at].args
        return args

    @property
    def anchor(self) -> str | None:
        anchor: str | None = self._args[0]
        return anchor

    def __repr__(self) -> str:
        return f"{type(self).__name__}(tag={self.tag!r}, value={self.value!r})"

    # Defined by each kind of node.
    tag: Any
    value: Any
    start_mark: Any
    end_mark: Any


class ScalarNode(Node):
    """A scalar: ``value`` its text, ``style`` '' (plain), "'", '"', '|' or '>'."""

    __slots__ = ()

    @property
    def _args(self) -> tuple[Any, ...]:
        event: tuple[Any, ...] = self._doc.events[self._at]  # see scalar_event
        return event

    @property
    def tag(self) -> str:
        args = self._args
        tag = args[1]
        if tag is not None and tag != "!":
            return str(tag)
        return self._doc.resolve(args[3]) if args[2] else STR

    @property
    def value(self) -> str:
        value: str = self._args[3]
        return value

    @property
    def start_mark(self) -> Any:
        return self._args[4]

    @property
    def end_mark(self) -> Any:
        return self._args[5]

    @property
    def style(self) -> str | None:
        style: str | None = self._args[6]
        return style


class _Collection(Node):
    __slots__ = ("_value",)
    _default_tag = ""

    def __init__(self, doc: _Events, at: int) -> None:
        self._doc, self._at = doc, at
        self._value: list[Any] | None = None

    @property
    def tag(self) -> str:
        tag = self._args[1]
        return self._default_tag if tag is None or tag == "!" else str(tag)

    @property
    def start_mark(self) -> Any:
        return self._args[3]

    @property
    def end_mark(self) -> Any:
        """The end of the collection's closing event (after ``]`` or ``}`` in flow style)."""
        return self._doc.events[self._doc.ends[self._at]][0]  # see collection_end

    @property
    def flow_style(self) -> bool | None:
        flow: bool | None = self._args[5]
        return flow


class SequenceNode(_Collection):
    """A sequence: ``value`` the list of its item nodes (made at the first read)."""

    __slots__ = ()
    _default_tag = SEQ

    @property
    def value(self) -> list[Node]:
        if self._value is None:
            self._value = self._doc.children(self._at)
        return self._value


class MappingNode(_Collection):
    """A mapping: ``value`` the list of its (key node, value node) pairs (made at the first read)."""

    __slots__ = ()
    _default_tag = MAP

    @property
    def value(self) -> list[tuple[Node, Node]]:
        if self._value is None:
            nodes = self._doc.children(self._at)
            self._value = list(zip(nodes[::2], nodes[1::2], strict=True))
        return self._value


def has_aliases(node: Node) -> bool:
    """Whether the document ``node`` belongs to holds an alias (``*name``): then one value stands in two places."""
    return bool(node._doc.aliased)


def node_count(node: Node) -> int:
    """How many nodes the document ``node`` belongs to holds (keys, values and items; an alias counts as one)."""
    events = node._doc.events
    return (
        len(events) - sum(type(e) is list for e in events) - 4
    )  # less the collections' ends and the stream's


def node_starts(node: Node) -> list[int]:
    """Where each node of the document ``node`` belongs to starts (text index), in document order (nondecreasing):
    ``bisect`` then counts the nodes that start inside a stretch of the text."""
    out: list[int] = []
    for event in node._doc.events:
        cls = type(event)
        if cls is tuple:
            out.append(event[4].index)
        elif cls is MappingStart or cls is SequenceStart or cls is Alias:
            out.append(start_mark(event).index)
    return out


_KINDS: dict[type, type[Node]] = {tuple: ScalarNode, MappingStart: MappingNode, SequenceStart: SequenceNode}


def compose(
    events: list[Any], resolve: Callable[[str], str], error: Callable[..., Exception], anchors: bool = True
) -> Node | None:
    """The root node of the single document in ``events`` (a whole stream's, as the parser gave them with
    :data:`EVENTS`), or None for an empty stream. ``resolve``: a plain scalar's text → its tag; ``error``: ruamel.yaml's ComposerError; ``anchors``:
    False when the text holds no ``&`` nor ``*`` (so neither anchors nor aliases: the check is skipped)."""
    if len(events) < 3 or type(events[1]) is not DocumentStart:
        return None
    doc = _Events(events, resolve)
    if anchors:
        doc.check_anchors(error)
    root = doc.node(2)
    after = doc.ends[2] + 2  # past the root and the DocumentEnd
    if type(events[after]) is not StreamEnd:
        raise error(
            "expected a single document in the stream",
            root.start_mark,
            "but found another document",
            _start(events[after]),
        )
    return root
