"""The one YAML module: every use of ruamel.yaml, public and private, is here (load, compare's fast path, ``set`` and
``import`` read YAML through it). ruamel.yaml and ruamel.yaml.clib are pinned to the versions tested (pyproject.toml).

Values are composed straight from the C parser's events (``_ruamel_yaml.CParser.get_event``, from
``ruamel.yaml.clib``) by :mod:`dxready.catalog.yaml_compose`: no node tree, and no Python resolver call per scalar;
plain scalars resolve by the YAML 1.2 core schema (:mod:`dxready.catalog.yaml_scalars`). ``set`` and ``import``
splice the text by the marks of a node tree made lazily from the same events (:func:`compose_nodes`, with ruamel.yaml's
own tags). :func:`check_shape` is the pre-scan of depth and size for a parser that composes recursively (the composer
here checks the same limits at the same events).
"""

from __future__ import annotations

import functools
from typing import Any

from dxready.catalog.limits import MAX_DEPTH, MAX_NODES, needs_scan
from dxready.catalog.limits import fail as _limit_problem
from dxready.catalog.problems import LoadError
from dxready.catalog.sourcemap import Tree
from dxready.catalog.yaml_compose import (
    FAST_EVENTS,
    Composer,
    NeedPositions,
    start_mark,
)
from dxready.catalog.yaml_compose import YamlProblem as YamlProblem
from dxready.catalog.yaml_scalars import CONVERT as CONVERT
from dxready.catalog.yaml_scalars import plain_value as plain_value
from dxready.catalog.yaml_scalars import reset_memo as reset_memo
from dxready.catalog.yaml_scalars import resolve_tag as resolve_tag
from dxready.catalog.yaml_scalars import yaml_float as yaml_float
from dxready.catalog.yaml_scalars import yaml_int as yaml_int
from dxready.catalog.yaml_scalars import yaml_timestamp as yaml_timestamp


def c_parser() -> Any:
    """The C parser class of ruamel.yaml.clib (ImportError when it is not installed)."""
    from _ruamel_yaml import CParser  # type: ignore[import-not-found]

    return CParser


def syntax_errors() -> tuple[Any, Any]:
    """(MarkedYAMLError, YAMLError): what the parser raises on malformed text."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    return MarkedYAMLError, YAMLError


def compose_nodes(text: str) -> Any:
    """The node tree of ``text`` that edits splice by each node's marks (``set``, ``import``): the root node, or None
    for an empty stream. Nodes as ruamel.yaml's composer made them, made lazily from the C parser's events
    (:mod:`dxready.catalog.yaml_nodes`)."""
    from ruamel.yaml.composer import ComposerError

    from dxready.catalog.yaml_nodes import EVENTS
    from dxready.catalog.yaml_nodes import compose as compose_tree

    try:
        stream = events(text, EVENTS)
    except syntax_errors()[1]:
        _second_document(text, ComposerError)  # what ruamel.yaml's composer met first, it reports
        raise
    return compose_tree(stream, _plain_tag, ComposerError, anchors="&" in text or "*" in text)


def _second_document(text: str, error: Any) -> None:
    """ComposerError when a second document starts, or an alias names no anchor defined before it, ahead of the syntax
    error that reading every event met: ruamel.yaml's composer meets those first and reports them instead."""
    from dxready.catalog.yaml_compose import (
        Alias,
        DocumentEnd,
        MappingStart,
        Scalar,
        SequenceStart,
        StreamEnd,
    )

    seen: list[Any] = []
    anchors: set[str] = set()
    undefined: Any = None
    with _FastEvents():
        parser = c_parser()(text)
        try:
            for event in iter(parser.get_event, None):
                seen.append(event)
                cls = type(event)
                if cls is Alias and event.args[0] not in anchors:
                    undefined = event
                    break
                if cls is Scalar or cls is MappingStart or cls is SequenceStart:
                    if event.args[0] is not None:
                        anchors.add(event.args[0])
                elif cls is DocumentEnd:
                    after = parser.get_event()
                    break
            else:  # pragma: no cover - the caller met a syntax error, so the loop does too
                return
        except syntax_errors()[1]:
            return
        finally:
            parser.dispose()
    if undefined is not None:
        raise error(None, None, "found undefined alias", start_mark(undefined))
    if type(after) is not StreamEnd:
        raise error(
            "expected a single document in the stream",
            start_mark(seen[2]),
            "but found another document",
            start_mark(after),
        )


def events(text: str, kinds: dict[str, Any] = FAST_EVENTS) -> list[Any]:
    """Every event of the stream ``text``, each made by ``kinds`` (the C parser's event class name → what to call
    instead: by default yaml_compose's classes, whose events are their ``args``), read by the C parser with no Python
    loop; the parser's MarkedYAMLError / YAMLError for malformed YAML."""
    from dxready.perf import collector_paused

    with collector_paused(), _FastEvents(kinds):
        parser = c_parser()(text)
        try:
            return list(iter(parser.get_event, None))
        finally:
            parser.dispose()


_PLAIN_TAGS: dict[str, str] = {}


def _plain_tag(text: str) -> str:
    """A plain scalar's tag as ruamel.yaml's resolver gives it (its YAML 1.2 table, whatever ``%YAML`` says, as its
    composer reads a string), memoised: what the node tree of :func:`compose_nodes` calls a plain scalar."""
    tag = _PLAIN_TAGS.get(text)
    if tag is None:
        tag = "tag:yaml.org,2002:str"
        table = _implicit_resolvers()
        for name, regexp in table.get(text[:1], table[None]):
            if regexp.match(text):
                tag = str(name)
                break
        if len(_PLAIN_TAGS) < 100_000:
            _PLAIN_TAGS[text] = tag
    return tag


@functools.cache
def _implicit_resolvers() -> dict[str | None, tuple[tuple[str, Any], ...]]:
    """ruamel.yaml's implicit resolvers by first character, then those for any first character (key None), in the
    order its ``resolve`` tries them."""
    from ruamel.yaml.resolver import VersionedResolver

    table: dict[str | None, list[tuple[str, Any]]] = VersionedResolver().versioned_resolver
    anywhere = tuple(table.get(None, ()))
    resolvers: dict[str | None, tuple[tuple[str, Any], ...]] = {
        key: tuple(value) + anywhere for key, value in table.items() if key is not None
    }
    resolvers[None] = anywhere
    return resolvers


# The C parser builds each event by calling the event classes of ruamel.yaml.events that its module imported; their
# Python ``__init__`` chains cost a third of reading the events. While composing, those names in the extension module
# are bound to the classes of yaml_compose (its ``FAST_EVENTS``), whose construction is C only (BaseException's).
class _FastEvents:
    """While entered, the C parser's ``get_event`` returns yaml_compose's event classes (or what ``kinds`` says)."""

    def __init__(self, kinds: dict[str, Any] = FAST_EVENTS) -> None:
        self.kinds = kinds

    def __enter__(self) -> None:
        import _ruamel_yaml

        self.saved = {name: getattr(_ruamel_yaml, name) for name in self.kinds}
        for name, cls in self.kinds.items():
            setattr(_ruamel_yaml, name, cls)

    def __exit__(self, *exc: object) -> None:
        import _ruamel_yaml

        for name, cls in self.saved.items():
            setattr(_ruamel_yaml, name, cls)


def compose(
    text: str, *, positions: bool = True, budget: int | None = None
) -> tuple[Any, int | None, Tree | None]:
    """Text → (value, where the value starts, the positions inside it): the last two make a
    :class:`dxready.catalog.sourcemap.SourceMap` (None, None without ``positions``). Raises YamlProblem for what a
    catalogue may not hold, and the parser's MarkedYAMLError / YAMLError for malformed YAML (see
    :func:`syntax_errors`)."""
    if budget is None:
        budget = len(text) + 10_000
    try:
        return _compose(text, positions, budget)
    except NeedPositions:  # a duplicate key: its message needs where the first one stood
        return _compose(text, True, budget)


def _compose(text: str, positions: bool, budget: int) -> tuple[Any, int | None, Tree | None]:
    from ruamel.yaml.composer import ComposerError

    composer = Composer(budget, ComposerError, positions=positions)
    with _FastEvents():
        parser = c_parser()(text)
        try:
            value = composer.document(parser.get_event)
        finally:
            parser.dispose()
    return value, composer.root, composer.tree


def check_shape(text: str, file: str) -> None:
    """LoadError (DX001) at the first value nested deeper than MAX_DEPTH, or past MAX_NODES values: the pre-scan for
    a composer that recurses once per level (ruamel.yaml's own; :func:`compose` checks the same limits itself).

    Syntax errors are left to the parser proper, which meets them at the same event, no deeper than checked here.
    """
    if not needs_scan(text):
        return
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import (
        AliasEvent,
        CollectionEndEvent,
        CollectionStartEvent,
        ScalarEvent,
        StreamEndEvent,
    )

    parser: Any = c_parser()(text)
    depth = 0
    nodes = 0
    try:
        while True:
            event = parser.get_event()
            if isinstance(event, CollectionStartEvent):
                depth += 1
                node_depth = depth - 1
            elif isinstance(event, ScalarEvent | AliasEvent):
                node_depth = depth
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
                continue
            elif isinstance(event, StreamEndEvent):
                return
            else:
                continue
            nodes += 1
            if node_depth > MAX_DEPTH or nodes > MAX_NODES:
                raise _shape_problem(file, event.start_mark, deep=node_depth > MAX_DEPTH)
    except YAMLError:
        return
    finally:
        parser.dispose()


def _shape_problem(file: str, mark: Any, *, deep: bool) -> LoadError:
    if deep:
        return _limit_problem(
            file,
            mark.line + 1,
            mark.column + 1,
            f"入れ子が深すぎます（{MAX_DEPTH} 段まで）",
            f"nesting is deeper than {MAX_DEPTH} levels",
        )
    return _limit_problem(
        file,
        mark.line + 1,
        mark.column + 1,
        f"値が多すぎます（1ファイル {MAX_NODES:,} 個まで）",
        f"too many values (at most {MAX_NODES:,} in one file)",
    )
