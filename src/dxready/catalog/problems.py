"""What the loader refuses: the codes of its own checks, and the error that carries located problems.

The loader sits below the rules, so these three codes are written here and the rule modules dx001–dx003 that
document them take them from here. A module of its own so that the loader and its bounds (``limits``) both use
it without importing each other.
"""

from __future__ import annotations

from dxready.errors import CatalogError, Problem

UNREADABLE = "DX001"
DUPLICATE_KEY = "DX002"
SCHEMA_VIOLATION = "DX003"

MAX_PROBLEMS = 100
"""Problems kept and shown for one catalogue; the rest are counted (「ほか N 件」)."""


class LoadError(CatalogError):
    """The loader's :class:`dxready.errors.CatalogError`: at most MAX_PROBLEMS problems are kept, ``more``
    counts the rest (shown as 「ほか N 件」)."""

    def __init__(self, problems: list[Problem], more: int = 0) -> None:
        kept = problems[:MAX_PROBLEMS]
        super().__init__(kept, more + len(problems) - len(kept))
