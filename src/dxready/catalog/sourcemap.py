"""Where each value and mapping key stood in one file (1-based line and column, by path from the document root)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from dxready.findings import Location, Path


@dataclass
class SourceMap:
    """Where each value (and each mapping key) stood in one file, by path from the document root."""

    file: str
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Iterable[object], *, key: bool = False) -> Location:
        parts = tuple(p for p in path if isinstance(p, str | int))
        if not key and parts in self.values:  # the common case: the exact value
            line, col = self.values[parts]
            return Location(self.file, line, col)
        for n in range(len(parts), -1, -1):
            prefix = parts[:n]
            if key and prefix in self.keys:
                line, col = self.keys[prefix]
                return Location(self.file, line, col)
            if prefix in self.values:
                line, col = self.values[prefix]
                return Location(self.file, line, col)
        return Location(self.file, 1, 1)
