"""Catalogue comparison: what changed between two catalogues (directories or ``git:REV``), and did it regress.

Entries are matched by ``id``; a procedure whose id is gone is also matched by its ``standard_no`` to an added
procedure with the same number, and reported as *renamed* (so a rename cannot hide a status going down). For each
procedure the status, readiness level, channels and sub-procedure
statuses are compared by name, other fields by field; systems and roadmap items likewise; findings are
matched by code, subject and message (not by line, which moves whenever the file above it changes).
A *regression* is a status or level that goes down, a procedure removed, a standard procedure losing its number,
a fall of the online rate or of its lower bound (every 未確認 counted as not online), or a new finding of severity
error. A level that *may* have gone down (4 → 3–4: a fact it rested on is no longer known) is a *possible*
regression: worded apart from a known fall, and failing the gate all the same (a gate does not pass what it cannot
rule out).

``git:REV`` reads the catalogue's files at that revision with ``git show`` (no checkout), from the path the
working catalogue has inside its repository (``commands/git_catalog.py``).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Re-exports: ``git:REV`` catalogues (trend and the tests reach them here, as before they moved).
from dxready.commands.git_catalog import GitCatalog as GitCatalog
from dxready.commands.git_catalog import git as git
from dxready.commands.git_catalog import git_files as git_files
from dxready.commands.git_catalog import load_git as load_git
from dxready.commands.git_catalog import load_spec as load_spec
from dxready.commands.git_catalog import locate_in_git as locate_in_git
from dxready.findings import Finding, Msg

if TYPE_CHECKING:
    from dxready.catalog.models import Procedure
    from dxready.engine.levels import Readiness
    from dxready.engine.run import Report, Summary

SCHEMA_VERSION = 1
STATUS_RANK = {"offline": 0, "partial": 1, "online": 2}
"""Statuses that can go up or down; not_applicable and unknown are outside the order (a level still drops)."""


@dataclass(frozen=True)
class FieldChange:
    """One field of one entry: its value before and after (JSON-able; None when absent)."""

    field: str
    before: Any
    after: Any
    regression: bool = False
    possible: bool = False
    """It may have gone down (the lowest it can be now is below the lowest it surely was), not known to have."""


@dataclass(frozen=True)
class EntryDiff:
    kind: str  # procedure | system | roadmap
    id: str
    name: str
    change: str  # added | removed | changed
    changes: tuple[FieldChange, ...] = ()

    @property
    def regression(self) -> bool:
        return any(c.regression for c in self.changes)

    @property
    def possible_regression(self) -> bool:
        """Not known to have gone down, but it may have (see :attr:`FieldChange.possible`)."""
        return not self.regression and any(c.possible for c in self.changes)

    def get(self, name: str) -> FieldChange | None:
        return next((c for c in self.changes if c.field == name), None)


@dataclass(frozen=True)
class CatalogDiff:
    base: str
    head: str
    as_of: dt.date
    base_summary: Summary
    head_summary: Summary
    procedures: tuple[EntryDiff, ...]
    systems: tuple[EntryDiff, ...]
    roadmap: tuple[EntryDiff, ...]
    new_findings: tuple[Finding, ...]
    resolved_findings: tuple[Finding, ...]
    municipality: tuple[FieldChange, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not (
            self.procedures
            or self.systems
            or self.roadmap
            or self.new_findings
            or self.resolved_findings
            or self.municipality
        )

    @property
    def other_municipality(self) -> tuple[str, str] | None:
        """(code before, code after) when the two sides are different municipalities: their changes are no history."""
        code = next((c for c in self.municipality if c.field == "code"), None)
        if code is None or not code.before or not code.after:
            return None
        return str(code.before), str(code.after)

    def regressions(self) -> list[Regression]:
        """Every regression, in report order: procedures going down or removed (or that may have gone down), the
        rates, then new errors."""
        found: list[Regression] = []
        for entry in self.procedures:
            texts = [_regression_text(c) for c in entry.changes if c.regression]
            if entry.change == "removed":
                texts.insert(0, Msg("手続の行が削除されました", "the procedure row was removed"))
            maybe = [_regression_text(c) for c in entry.changes if c.possible and not c.regression]
            said = (
                Msg(
                    "後退の可能性: " + "、".join(t.ja for t in maybe),
                    "may have regressed: " + ", ".join(t.en for t in maybe),
                )
                if maybe
                else None
            )
            if texts:  # a known regression: one line for the entry, what may also have fallen beside it
                what = Msg("、".join(t.ja for t in texts), ", ".join(t.en for t in texts))
                if said is not None:
                    what = Msg(f"{what.ja}、{said.ja}", f"{what.en}; {said.en}")
                found.append(Regression(entry.kind, entry.id, entry.name, what))
            elif said is not None:
                found.append(Regression(entry.kind, entry.id, entry.name, said, possible=True))
        found += _rate_regressions(self.base_summary, self.head_summary)
        names = {e.id: e.name for e in self.procedures}
        for f in self.new_findings:
            if f.severity.value == "error":
                what = Msg(f"新しいエラー {f.code}: {f.message.ja}", f"new error {f.code}: {f.message.en}")
                found.append(Regression(f.subject.kind, f.subject.id, names.get(f.subject.id, ""), what))
        return found


@dataclass(frozen=True)
class Regression:
    kind: str
    id: str
    name: str
    what: Msg
    possible: bool = False
    """May have gone down (a level no longer settled below where it stood), not known to have: fails the gate too."""


def lower_bound(s: Summary) -> float | None:
    """The online rate if every row of unknown status turned out not to be online (%, one decimal)."""
    return s.online.low


def _rate_regressions(base: Summary, head: Summary) -> list[Regression]:
    found = []
    for ja, en, before, after in (
        ("オンライン化率", "online rate", base.online_rate, head.online_rate),
        ("オンライン化率の下限", "lower bound of the online rate", lower_bound(base), lower_bound(head)),
    ):
        if before is not None and (after is None or after < before):
            shown = "—" if after is None else f"{after:.1f}%"
            found.append(
                Regression(
                    "catalog", "", "", Msg(f"{ja} {before:.1f}% → {shown}", f"{en} {before:.1f}% → {shown}")
                )
            )
    return found


def _regression_text(c: FieldChange) -> Msg:
    if c.field == "id":
        return Msg(f"id {c.before} → {c.after}", f"id {c.before} → {c.after}")
    if c.field == "standard_no":
        return Msg(
            f"標準手続の番号 No.{c.before} がなくなりました", f"standard number No.{c.before} was removed"
        )
    if c.field == "level":
        from dxready.engine.levels import level_words

        ja = [level_words(*v).ja if isinstance(v, list) else str(v) for v in (c.before, c.after)]
        en = [level_words(*v).en if isinstance(v, list) else str(v) for v in (c.before, c.after)]
        return Msg(f"レベル {ja[0]} → {ja[1]}", f"level {en[0]} → {en[1]}")
    mark = {"online": "○", "partial": "一部", "offline": "×"}
    before, after = mark.get(str(c.before), c.before), mark.get(str(c.after), c.after)
    if c.field == "status":
        return Msg(f"状況 {before} → {after}", f"status {before} → {after}")
    sub = c.field.split(".")[1] if c.field.count(".") == 2 else c.field
    return Msg(f"個別手続 {sub} の状況 {before} → {after}", f"sub-procedure {sub} status {before} → {after}")


# --------------------------------------------------------------------------------------------------- values


def plain(value: Any) -> Any:
    """A model value as JSON-able data (enums by value, fiscal years as ints, dates as ISO text)."""
    from pydantic import BaseModel

    from dxready.catalog.fiscal import FiscalYear

    if isinstance(value, enum.Enum):
        return value.value
    if value is None or isinstance(value, bool | str | float):
        return value
    if isinstance(value, FiscalYear):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_defaults=True)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return str(value)


def _status_change(name: str, before: Any, after: Any) -> FieldChange:
    b, a = plain(before), plain(after)
    down = b in STATUS_RANK and a in STATUS_RANK and STATUS_RANK[a] < STATUS_RANK[b]
    return FieldChange(name, b, a, regression=down)


def _generic(before: Any, after: Any, skip: frozenset[str]) -> list[FieldChange]:
    if before is None or after is None:
        return []
    changes = []
    for name in type(after).model_fields:
        if name in skip:
            continue
        b, a = getattr(before, name), getattr(after, name)
        if b != a:
            changes.append(FieldChange(name, plain(b), plain(a)))
    return changes


def _name(entry: Any, lang: str, attr: str = "name") -> str:
    en = getattr(entry, f"{attr}_en", None)
    return str(en if lang == "en" and en else getattr(entry, attr))


def _pair(base: Sequence[Any], head: Sequence[Any]) -> Iterable[tuple[str, Any, Any]]:
    """(id, before, after) in head order, then the removed ones in base order."""
    old = {e.id: e for e in base}
    new_ids = set()
    for e in head:
        new_ids.add(e.id)
        yield e.id, old.get(e.id), e
    for e in base:
        if e.id not in new_ids:
            yield e.id, e, None


def _kind_of(before: Any, after: Any) -> str:
    return "added" if before is None else "removed" if after is None else "changed"


_PROC_SKIP = frozenset({"id", "status", "channels", "sub_procedures"})


def _pair_procedures(base: Sequence[Any], head: Sequence[Any]) -> Iterable[tuple[str, str, Any, Any]]:
    """(base id, head id, before, after): by id, then a removed row to an added one with its standard_no."""
    pairs = list(_pair(base, head))
    removed = {
        b.standard_no: i for i, (_, b, a) in enumerate(pairs) if a is None and b.standard_no is not None
    }
    renamed: dict[int, tuple[str, Any]] = {}
    for i, (_, b, a) in enumerate(pairs):
        if b is None and a.standard_no in removed:
            j = removed.pop(a.standard_no)
            renamed[i] = (pairs[j][0], pairs[j][1])
            renamed[j] = ("", None)
    for i, (ident, b, a) in enumerate(pairs):
        if i in renamed:
            old, before = renamed[i]
            if before is None:
                continue  # the removed half of a rename: reported with the added half
            yield old, ident, before, a
        else:
            yield ident, ident, b, a


def _procedures(base: Report, head: Report, lang: str) -> list[EntryDiff]:
    result = []
    for old, ident, b, a in _pair_procedures(base.catalog.procedures, head.catalog.procedures):
        rb, ra = base.readiness.get(old), head.readiness.get(ident)
        level_b, level_a = _level(b, rb), _level(a, ra)
        if b is not None and a is not None and b == a and level_b == level_a:
            continue
        changes = _procedure_changes(old, ident, b, a, level_b, level_a)
        entry = a if a is not None else b
        kind = "renamed" if old != ident else _kind_of(b, a)
        result.append(EntryDiff("procedure", ident, _name(entry, lang), kind, tuple(changes)))
    return result


def _level(p: Procedure | None, readiness: Readiness | None) -> int | list[int] | str | None:
    """A procedure's level; ``[low, high]`` while an unknown fact could still move it (never stated as one figure);
    ``"not_applicable"`` for a row that has none because it is not applicable (—), so that both sides of a change
    say what the row is; None only where the procedure is absent."""
    if readiness is not None:
        return readiness.level if readiness.settled else list(readiness.bounds)
    return NOT_APPLICABLE if p is not None else None


def _dropped(before: int | list[int] | str | None, after: int | list[int] | str | None) -> bool:
    """The level certainly went down: the highest it can be now is below the lowest it was."""
    if isinstance(before, str) or isinstance(after, str) or before is None or after is None:
        return False
    low = before[0] if isinstance(before, list) else before
    high = after[-1] if isinstance(after, list) else after
    return high < low


def _may_have_dropped(before: int | list[int] | str | None, after: int | list[int] | str | None) -> bool:
    """The level may have gone down: the lowest it can be now is below the lowest it surely was (4 → 3–4). A range
    that only narrows (0–4 → 2–4, 2–4 → 3) is knowledge gained, not a possible fall."""
    if isinstance(before, str) or isinstance(after, str) or before is None or after is None:
        return False
    low_before = before[0] if isinstance(before, list) else before
    low_after = after[0] if isinstance(after, list) else after
    return low_after < low_before


NOT_APPLICABLE = "not_applicable"
"""The level side of a row that is not applicable (the status word, as JSON writes statuses)."""


def _procedure_changes(
    old: str,
    ident: str,
    b: Procedure | None,
    a: Procedure | None,
    level_b: int | list[int] | str | None,
    level_a: int | list[int] | str | None,
) -> list[FieldChange]:
    """A procedure's changes in report order: id, status, level, channels, sub-procedures, the other fields."""
    changes: list[FieldChange] = []
    if old != ident:
        changes.append(FieldChange("id", old, ident))
    if b is None or a is None or b.effective_status is not a.effective_status:  # as every view shows the row
        changes.append(_status_change("status", b and b.effective_status, a and a.effective_status))
        if (
            b is not None
            and a is not None
            and b.status is not a.status
            and (b.status, a.status) != (b.effective_status, a.effective_status)
        ):  # the group's own mark changed otherwise than the row's status shown above
            changes.append(FieldChange("recorded_status", plain(b.status), plain(a.status)))
    elif b.status is not a.status:  # a group's own mark, its sub-procedures deciding the row either way
        changes.append(FieldChange("recorded_status", plain(b.status), plain(a.status)))
    if level_b != level_a:
        down = _dropped(level_b, level_a)
        maybe = not down and _may_have_dropped(level_b, level_a)
        changes.append(FieldChange("level", level_b, level_a, regression=down, possible=maybe))
    changes.extend(_channels(b, a))
    if b is not None and a is not None and b.sub_procedures != a.sub_procedures:
        changes.extend(_subs(b.sub_procedures, a.sub_procedures))
    changes.extend(
        FieldChange(c.field, c.before, c.after, regression=True)
        if c.field == "standard_no" and c.before is not None and c.after is None
        else c
        for c in _generic(b, a, _PROC_SKIP)
    )
    return changes


def _channels(b: Procedure | None, a: Procedure | None) -> list[FieldChange]:
    """The channels' kinds when they differ, else the channels themselves when a name or URL changed."""
    kb = sorted({c.kind.value for c in b.channels}) if b is not None else []
    ka = sorted({c.kind.value for c in a.channels}) if a is not None else []
    if kb != ka:
        return [FieldChange("channels", kb, ka)]
    if b is not None and a is not None and b.channels != a.channels:
        return [FieldChange("channels", plain(b.channels), plain(a.channels))]
    return []


def _subs(base: Sequence[Any], head: Sequence[Any]) -> list[FieldChange]:
    changes = []
    for ident, b, a in _pair(base, head):
        if b is not None and a is not None and b == a:
            continue
        if b is None or a is None or b.status is not a.status:
            changes.append(_status_change(f"sub_procedures.{ident}.status", b and b.status, a and a.status))
        for c in _generic(b, a, frozenset({"id", "status"})):
            changes.append(FieldChange(f"sub_procedures.{ident}.{c.field}", c.before, c.after))
    return changes


def _others(kind: str, base: Sequence[Any], head: Sequence[Any], lang: str, attr: str) -> list[EntryDiff]:
    result = []
    for ident, b, a in _pair(base, head):
        if b is not None and a is not None and b == a:
            continue
        entry = a if a is not None else b
        changes = _generic(b, a, frozenset({"id"}))
        result.append(EntryDiff(kind, ident, _name(entry, lang, attr), _kind_of(b, a), tuple(changes)))
    return result


def _finding_key(f: Finding) -> tuple[str, str, str, str]:
    return (f.code, f.subject.kind, f.subject.id, f.message.en)


def _findings(base: Sequence[Finding], head: Sequence[Finding]) -> tuple[list[Finding], list[Finding]]:
    old = Counter(_finding_key(f) for f in base)
    new = Counter(_finding_key(f) for f in head)
    added, gone = new - old, old - new

    def take(findings: Sequence[Finding], wanted: Counter[tuple[str, str, str, str]]) -> list[Finding]:
        picked = []
        for f in findings:
            key = _finding_key(f)
            if wanted[key] > 0:
                wanted[key] -= 1
                picked.append(f)
        return picked

    return take(head, added), take(base, gone)


def compare(base: Report, head: Report, lang: str = "ja") -> CatalogDiff:
    """The differences between two evaluated catalogues."""
    new, resolved = _findings(base.findings, head.findings)
    mb, mh = base.catalog.procedures_file, head.catalog.procedures_file
    header = _generic(mb.municipality, mh.municipality, frozenset())
    if mb.as_of != mh.as_of:
        header.append(FieldChange("as_of", plain(mb.as_of), plain(mh.as_of)))
    return CatalogDiff(
        base=base.catalog.label,
        head=head.catalog.label,
        as_of=head.as_of,
        base_summary=base.summary(),
        head_summary=head.summary(),
        procedures=tuple(_procedures(base, head, lang)),
        systems=tuple(_others("system", base.catalog.systems, head.catalog.systems, lang, "name")),
        roadmap=tuple(_others("roadmap", base.catalog.roadmap, head.catalog.roadmap, lang, "title")),
        new_findings=tuple(new),
        resolved_findings=tuple(resolved),
        municipality=tuple(header),
    )


# --------------------------------------------------------------------------------------------------- command


def run_diff(base: str, head: str | None, *, catalog: Path | None, as_of: dt.date, lang: str) -> CatalogDiff:
    """``dxready diff``: what changed from ``base`` to ``head`` (default: the working catalogue)."""
    from dxready.engine.integrity import load
    from dxready.engine.run import run

    before = load_spec(base, catalog)
    after = load_spec(head, catalog) if head is not None else load(catalog)
    return compare(run(before, as_of), run(after, as_of), lang)
