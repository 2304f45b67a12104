"""Where each value and mapping key stood in one file (1-based line and column, by path from the document root).

Stored compactly (issue 14): one :class:`Tree` per mapping or sequence, mirroring the values, holds its entries'
positions in an ``array`` of packed integers (``line << 32 | column``, 0-based as the parser's marks are), so a
position costs 8 bytes instead of a path tuple, a position tuple and two dictionary slots (about 2 KB a procedure
before, a quarter of that now). An alias shares the tree of its anchor. :meth:`SourceMap.locate` walks the tree;
``values`` and ``keys`` spell the whole map out as dictionaries by path (for tests and debugging).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from typing import Any

from dxready.findings import Location, Path, located

_COLUMN = 0xFFFFFFFF
_PARTS = (str, int)
"""What a path's part may be (others are skipped)."""
_INDEXED = 16
"""A mapping with more keys than this gets a dictionary from key to entry (built at its first lookup); below it, a
tuple's ``index`` finds a key sooner than building the dictionary would (a procedure has ten keys or so, and is
looked up about twice)."""


def pack(line: int, column: int) -> int:
    """0-based line and column → one integer (what the trees store)."""
    return line << 32 | column


def unpack(where: int) -> tuple[int, int]:
    """A packed position → 1-based (line, column)."""
    return (where >> 32) + 1, (where & _COLUMN) + 1


class Tree:
    """The positions inside one mapping or sequence.

    ``names``: a mapping's keys in order (None for a sequence); ``pos``: per entry, a mapping's key position then its
    value position, a sequence's value position; ``kids``: per entry, the tree of a value that is a collection (None
    for a scalar), or None when no entry is a collection.
    """

    __slots__ = ("index", "kids", "names", "pos")

    def __init__(
        self, names: tuple[Any, ...] | None, pos: array[int], kids: list[Tree | None] | None
    ) -> None:
        self.names, self.pos, self.kids = names, pos, kids
        self.index: dict[Any, int] | None = None

    def find(self, part: object) -> int | None:
        """The entry of a key or index, or None."""
        names = self.names
        if names is None:
            if isinstance(part, int) and 0 <= part < len(self.pos):
                return int(part)
            return None
        if len(names) > _INDEXED:
            if self.index is None:
                self.index = {name: i for i, name in enumerate(names)}
            return self.index.get(part)
        try:
            return names.index(part)
        except ValueError:
            return None

    def entries(self, path: Path) -> Iterator[tuple[Path, int | None, int]]:
        """(path, key position or None, value position) of every entry below, in document order."""
        names, pos, kids = self.names, self.pos, self.kids
        for i in range(len(pos) if names is None else len(names)):
            if names is None:
                sub: Path = (*path, i)
                key, value = None, pos[i]
            else:
                sub = (*path, names[i])
                key, value = pos[2 * i], pos[2 * i + 1]
            yield sub, key, value
            child = kids[i] if kids is not None else None
            if child is not None:
                yield from child.entries(sub)


class SourceMap:
    """Where each value (and each mapping key) stood in one file, by path from the document root.

    ``root``: the packed position of the document's value (None: no document); ``tree``: its positions inside when
    it is a collection.
    """

    __slots__ = ("file", "root", "tree")

    def __init__(self, file: str, root: int | None = None, tree: Tree | None = None) -> None:
        self.file, self.root, self.tree = file, root, tree

    def locate(self, path: Iterable[object], *, key: bool = False) -> Location:
        """The position of the value at ``path`` (of its key with ``key``), or of the nearest enclosing value that
        the file has."""
        where = self.root
        if where is None:
            return Location(self.file, 1, 1)
        tree = self.tree
        key_at: int | None = None
        for part in path:
            if not isinstance(part, _PARTS):
                continue
            if tree is None:
                break
            names = tree.names
            if names is None:  # a sequence (Tree.find, inline: this runs once per finding)
                if not (isinstance(part, int) and 0 <= part < len(tree.pos)):
                    break
                i = int(part)
                key_at, where = None, tree.pos[i]
            elif len(names) <= _INDEXED:  # a small mapping (Tree.find, inline)
                try:
                    i = names.index(part)
                except ValueError:
                    break
                key_at, where = tree.pos[2 * i], tree.pos[2 * i + 1]
            else:
                found = tree.find(part)
                if found is None:
                    break
                i = found
                key_at, where = tree.pos[2 * i], tree.pos[2 * i + 1]
            kids = tree.kids
            tree = kids[i] if kids is not None else None
        at = key_at if key and key_at is not None else where
        return located(self.file, (at >> 32) + 1, (at & _COLUMN) + 1)  # unpack, inline

    def _spelt(self) -> tuple[dict[Path, tuple[int, int]], dict[Path, tuple[int, int]]]:
        values: dict[Path, tuple[int, int]] = {}
        keys: dict[Path, tuple[int, int]] = {}
        if self.root is not None:
            values[()] = unpack(self.root)
        if self.tree is not None:
            for path, key, value in self.tree.entries(()):
                if key is not None:
                    keys[path] = unpack(key)
                values[path] = unpack(value)
        return values, keys

    @property
    def values(self) -> dict[Path, tuple[int, int]]:
        """Every value's 1-based (line, column) by path (built on each call: for tests and debugging)."""
        return self._spelt()[0]

    @property
    def keys(self) -> dict[Path, tuple[int, int]]:
        """Every mapping key's 1-based (line, column) by path (built on each call)."""
        return self._spelt()[1]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SourceMap):
            return NotImplemented
        return (self.file, *self._spelt()) == (other.file, *other._spelt())

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"SourceMap({self.file!r}, {len(self.values)} values)"
