"""The loader before issue 14 (as on main when it was merged), kept as the oracle the event composer is tested
against: ruamel.yaml's C parser composes a node tree (resolving scalars with ruamel's YAML 1.2 tables), and a walker
turns nodes into values and 1-based positions."""

from __future__ import annotations

from typing import Any

from dxready.catalog import limits
from dxready.catalog.limits import MAX_DEPTH, excerpt
from dxready.catalog.load import LoadError, Problem
from dxready.catalog.yaml import check_shape, yaml_float, yaml_int, yaml_timestamp
from dxready.findings import Location, Msg, Path

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_INT = "tag:yaml.org,2002:int"


def _problem(code: str, file: str, line: int, col: int, ja: str, en: str) -> LoadError:
    return LoadError([Problem(code, Location(file, line, col), Msg(ja, en))])


class SourceMap:
    def __init__(self, file: str) -> None:
        self.file = file
        self.values: dict[Path, tuple[int, int]] = {}
        self.keys: dict[Path, tuple[int, int]] = {}


_SCALARS: dict[str, Any] = {
    _INT: yaml_int,
    "tag:yaml.org,2002:float": yaml_float,
    "tag:yaml.org,2002:bool": lambda text: text.lower() == "true",
    "tag:yaml.org,2002:null": lambda text: None,
    "tag:yaml.org,2002:timestamp": yaml_timestamp,
}


class _Walker:
    """Nodes → plain values, recording 1-based positions; duplicate keys, odd tags and alias bombs are problems."""

    def __init__(self, file: str, budget: int, positions: bool = True) -> None:
        self.file = file
        self.budget = budget
        self.positions = positions
        self.source = SourceMap(file)

    def fail(self, node: Any, ja: str, en: str, code: str = "DX001") -> LoadError:
        mark = node.start_mark
        return _problem(code, self.file, mark.line + 1, mark.column + 1, ja, en)

    def walk(self, node: Any, path: Path, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise self.fail(
                node,
                "エイリアス（*参照）の展開が大きすぎます。アンカーとエイリアスを使わずに書いてください",
                "aliases expand to too much data (an alias bomb?); write the data without anchors and aliases",
            )
        if depth > MAX_DEPTH:
            raise self.fail(node, "入れ子が深すぎます", f"nesting is deeper than {MAX_DEPTH} levels")
        if self.positions:
            mark = node.start_mark
            self.source.values[path] = (mark.line + 1, mark.column + 1)
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _MAP:
            result: dict[Any, Any] = {}
            firsts: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.key(key_node)
                if key in result:
                    first = firsts[key]
                    raise self.fail(
                        key_node,
                        f"キー {excerpt(key)} が重複しています（最初は {first.line + 1} 行 {first.column + 1} 列）",
                        f"duplicate key {excerpt(key)} (first at line {first.line + 1}, column {first.column + 1})",
                        code="DX002",
                    )
                firsts[key] = key_node.start_mark
                sub = (*path, key)
                if self.positions:
                    mark = key_node.start_mark
                    self.source.keys[sub] = (mark.line + 1, mark.column + 1)
                result[key] = self.walk(value_node, sub, depth + 1)
            return result
        if tag == _SEQ:
            return [self.walk(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if tag in _SCALARS:
            try:
                return _SCALARS[tag](node.value)
            except (ValueError, OverflowError) as exc:  # e.g. the date 2023-02-30
                raise self.fail(
                    node,
                    f"値 {excerpt(node.value)} を読めません",
                    f"cannot read value {excerpt(node.value)}: {excerpt(str(exc))}",
                ) from None
        raise self.fail(
            node,
            f"タグ {tag} は使えません",
            f"tag {tag} is not supported (only plain YAML values)",
        )

    def key(self, node: Any) -> str | int:
        if node.tag == "tag:yaml.org,2002:merge":
            raise self.fail(node, "マージキー（<<）は使えません", "merge keys (<<) are not supported")
        if node.tag == _STR:
            return str(node.value)
        if node.tag == _INT:
            try:
                return yaml_int(node.value)
            except ValueError:  # over 4,300 digits
                raise self.fail(
                    node, f"キー {excerpt(node.value)} を読めません", f"cannot read key {excerpt(node.value)}"
                ) from None
        if node.tag in _SCALARS:
            return str(node.value)
        raise self.fail(node, "キーは文字列にしてください", "a mapping key must be a plain string")


_LOADER: Any = None
TAGS: dict[str, Any] = {}
"""One shared Tag object per resolved tag, so that the walker below compares tags by identity."""
_MEMO: dict[str, Any] = {}
"""Plain scalar → its Tag (values repeat across catalogues: keys, marks, names)."""
_MEMO_LIMIT = 200_000


def _loader_class() -> Any:
    """ruamel.yaml's C parser with a resolver that memoises plain scalars' tags (built once)."""
    global _LOADER
    if _LOADER is None:
        from _ruamel_yaml import CParser  # type: ignore[import-not-found]
        from ruamel.yaml.nodes import ScalarNode, SequenceNode
        from ruamel.yaml.resolver import VersionedResolver

        for tag in (
            VersionedResolver.DEFAULT_SCALAR_TAG,
            VersionedResolver.DEFAULT_SEQUENCE_TAG,
            VersionedResolver.DEFAULT_MAPPING_TAG,
        ):
            TAGS[str(tag)] = tag

        class MemoResolver(VersionedResolver):
            # The C parser never reports a %YAML directive to the resolver, so ruamel's own resolver always ends up
            # at its default version (1.2), after two AttributeErrors per scalar. The tables are the same.
            @property
            def processing_version(self) -> Any:
                return (1, 2)

            def descend_resolver(self, current_node: Any, current_index: Any) -> None:
                pass  # path resolvers are never registered here

            def ascend_resolver(self) -> None:
                pass

            def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
                if kind is ScalarNode:
                    if implicit[0]:
                        tag = _MEMO.get(value)
                        if tag is None:
                            found = VersionedResolver.resolve(self, kind, value, implicit)
                            tag = TAGS.setdefault(str(found), found)
                            if len(_MEMO) < _MEMO_LIMIT:
                                _MEMO[value] = tag
                        return tag
                    return self.DEFAULT_SCALAR_TAG
                if kind is SequenceNode:
                    return self.DEFAULT_SEQUENCE_TAG
                return self.DEFAULT_MAPPING_TAG

        class Loader(CParser, MemoResolver):  # type: ignore[misc]
            def __init__(self, stream: str) -> None:
                CParser.__init__(self, stream)
                self._parser = self._composer = self
                MemoResolver.__init__(self, loadumper=self)

        _LOADER = Loader
    return _LOADER


def fast_compose(text: str) -> Any:
    """The node tree of ``text`` (first document), as ``YAML(typ="safe").compose`` gives it."""
    loader = _loader_class()(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()
        # The loader refers to itself (parser, composer, resolver): break the cycles so that it is freed now.
        loader._parser = loader._composer = loader._resolver = loader.loadumper = None


def reference_parse(text: str, file: str = "f.yaml") -> tuple[Any, dict[Any, Any], dict[Any, Any]]:
    """(value, value positions, key positions) as the loader before issue 14 gave them."""
    check_shape(text, file)
    node = fast_compose(text)
    if node is None:
        return None, {}, {}
    walker = _Walker(file, budget=min(len(text), limits.MAX_NODES) + 10_000)
    value = walker.walk(node, (), 0)
    return value, walker.source.values, walker.source.keys
