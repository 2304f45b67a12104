"""What ``set`` and ``add`` did to procedures.yaml: a result object that ``render/messages.py`` words (commands never
word or print).

One :class:`Edited` per target (a procedure, a sub-procedure, or the ``municipality`` header) with the facts its
edit stated (``said``: old → new values, the group's mark after a sub-procedure's edit), and the findings that
``dxready check`` reports on the edited subjects now and did not before (``engine/consequences.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dxready.findings import Finding, Msg


@dataclass(frozen=True)
class Edited:
    """One target of an edit: ``ident`` (``bulky-waste``, ``childcare/childcare-01``, ``municipality``), its standard
    number when it has one, whether its text changed, and what the edit stated about it."""

    ident: str
    standard_no: int | None
    changed: bool
    said: tuple[Msg, ...] = ()
    added: bool = False
    """The target is new (``add``): said as added, not updated."""


@dataclass(frozen=True)
class EditResult:
    """``set``/``add`` on procedures.yaml: the file as shown, each target, and the new findings the edit causes."""

    file: str
    edits: tuple[Edited, ...]
    bulk: bool = False
    """Several references or patterns at once (``set 18/* 19/* …``): one line for the whole, then each target."""
    new_findings: tuple[Finding, ...] = ()
    """Errors and warnings ``check`` reports on the edited subjects after the edit and did not before."""

    @property
    def changed(self) -> int:
        """How many targets changed (the file was written once when any did)."""
        return sum(e.changed for e in self.edits)
