"""What ``dxready import`` returns: every row's fate and the notes on skipped sheets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dxready.findings import Msg

if TYPE_CHECKING:
    from dxready.commands.diff import CatalogDiff
    from dxready.findings import Finding


@dataclass(frozen=True)
class Said:
    """One fact about a row or a sheet, as data: ``kind`` names it (``status``, ``similar``, ``note_row`` …) and
    ``values`` fill it in; ``render/transfer.py`` words it (``WORDS``). A refused cell's reason stays the ``Msg`` of its
    error, as every problem does."""

    kind: str
    values: tuple[Any, ...] = ()


@dataclass(frozen=True)
class RowFate:
    """What happened to one row: matched (changes something) | added | unchanged | not_taken (its only edits are in
    cells the import does not take) | refused | skipped."""

    sheet: str
    row: int
    fate: str
    target: str = ""
    name: str = ""
    how: Said | Msg | None = None
    changes: tuple[Said | Msg, ...] = ()
    column: str = ""
    header: str = ""
    reason: Said | Msg | None = None
    not_taken: tuple[Said, ...] = ()
    """Cells the row edits that the import does not take, each with where to record the fact instead
    (commands/transfer/computed.py)."""


@dataclass(frozen=True)
class SheetNote:
    sheet: str
    message: Said | Msg


@dataclass(frozen=True)
class ImportResult:
    source: str
    catalog: str
    file: str
    rows: tuple[RowFate, ...]
    notes: tuple[SheetNote, ...]
    dry_run: bool
    written: bool
    diff: CatalogDiff | None = None
    files: tuple[str, ...] = ()
    """Every file written (or, on a dry run, that would be): procedures.yaml, systems.yaml, roadmap.yaml."""
    new_findings: tuple[Finding, ...] = ()
    """Errors and warnings ``check`` reports on what the import changes and did not before (as ``set`` says them,
    engine/consequences.py); on a dry run, what it would report."""

    @property
    def refused(self) -> list[RowFate]:
        return [r for r in self.rows if r.fate == "refused"]

    def count(self, fate: str) -> int:
        return sum(r.fate == fate for r in self.rows)
