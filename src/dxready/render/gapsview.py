"""The gaps view model: findings grouped once from a report, for every format to render.

A finding that many subjects share (a status not confirmed for a year on 17 rows, a missing fact, DX302 at one
position) is one *group*: the rule's summary, the subjects it concerns, one next step and, where the next step is a
``dxready`` command, that command apart from the prose so that it can sit on its own line and be copied. A group of
one is simply that finding. Nothing is dropped: every active finding is an entry of exactly one group, and waived
findings are counted apart (and listed with ``--show-waived``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dxready.findings import Severity
from dxready.render import views
from dxready.render.gapsgroups import (
    _KIND_ORDER,
    _RANK,
    _by_key,
    _command,
    _Names,
    _ref,
    _template,
    _words,
)

if TYPE_CHECKING:
    from dxready.engine.run import Report
    from dxready.findings import Finding


@dataclass(frozen=True, init=False)
class Entry:
    """One finding: its subject, as a short reference and as a name, and its own words."""

    kind: str
    id: str
    ref: str
    """How the subject is referred to in a list: 'No.7', '(ア)', '(1)①', or the id."""
    name: str
    message: str
    next_step: str
    command: str
    location: str

    def __init__(
        self,
        kind: str,
        id: str,
        ref: str,
        name: str,
        message: str,
        next_step: str,
        command: str,
        location: str,
    ) -> None:
        # The dataclass's own __init__ without object.__setattr__ per field (one entry per finding, as findings.Finding).
        fields = self.__dict__
        fields["kind"], fields["id"], fields["ref"], fields["name"] = kind, id, ref, name
        fields["message"], fields["next_step"], fields["command"], fields["location"] = (
            message,
            next_step,
            command,
            location,
        )


@dataclass(frozen=True)
class Group:
    code: str
    severity: str
    kind: str
    title: str
    """The rule's summary: what the entries share."""
    next_step: str
    """The shared next step in prose, with any command taken out."""
    command: str
    """The command to run ('' when none); with ID standing for each subject when the entries differ."""
    entries: tuple[Entry, ...]

    @property
    def shared(self) -> bool:
        return len(self.entries) > 1


@dataclass(frozen=True)
class GapsView:
    header: str
    groups: tuple[Group, ...]
    counts: dict[str, int]
    """Active findings per severity."""
    waived: tuple[Entry, ...]
    waived_reasons: tuple[str, ...]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _entry(report: Report, f: Finding, lang: str, names: _Names) -> Entry:
    subject, data = f.subject, f.data
    key = (subject.kind, subject.id, data.get("sub_procedure") if data else None)
    known = names.refs.get(key)
    if known is None:  # a subject's reference made once, not once per finding (two or three each at 10,000)
        known = names.refs[key] = _ref(report, f, names.ja)
    ref, name = known
    if lang == "en":
        name = names.en.get(f.subject.kind, {}).get(f.subject.id, name)
    step = f.next_step.get(lang) if f.next_step else ""
    command = names.commands.get(step)
    if command is None:
        command = names.commands[step] = _command(step)
    if names.brief:
        return Entry(f.subject.kind, f.subject.id, ref, "", "", step, command, "")
    return Entry(
        kind=f.subject.kind,
        id=f.subject.id,
        ref=ref,
        name=name,
        message=f.message.get(lang),
        next_step=step,
        command=command,  # the prose is the group's, split once per group (build)
        location=str(f.location) if f.location else "",
    )


def build(report: Report, lang: str, *, brief: bool = False) -> GapsView:
    """Group the report's active findings by (code, subject kind); order: most severe first, then code. ``brief``:
    entries without name, message and location."""
    names = _Names(report, brief)
    groups = []
    for (code, kind, missing), findings in _by_key(report).items():
        entries = [_entry(report, f, lang, names) for f in findings]
        title, prose, command = _words(
            code,
            missing,
            {e.next_step for e in entries},
            _template([(e.command, e.id) for e in entries]),
            lang,
        )
        groups.append(
            Group(
                code=code,
                severity=findings[0].severity.value,
                kind=kind,
                title=title,
                next_step=prose,
                command=command,
                entries=tuple(entries),
            )
        )
    groups.sort(key=lambda g: (_RANK[g.severity], _KIND_ORDER.get(g.kind, 9), g.code))
    tally = Counter(f.severity for f in report.findings)
    counts = {s._value_: tally[s] for s in (Severity.error, Severity.warning, Severity.info)}
    return GapsView(
        header=views.catalog_line(report, lang),
        groups=tuple(groups),
        counts=counts,
        waived=tuple(_entry(report, f, lang, names) for f in report.waived),
        waived_reasons=tuple(f.waived or "" for f in report.waived),
    )


def to_json(view: GapsView) -> list[dict[str, object]]:
    """The groups as JSON (the ``groups`` key of ``gaps --format json``)."""
    return [
        {
            "code": g.code,
            "severity": g.severity,
            "kind": g.kind,
            "title": g.title,
            "next_step": g.next_step,
            "command": g.command or None,
            "count": len(g.entries),
            "subjects": [{"kind": e.kind, "id": e.id, "ref": e.ref} for e in g.entries],
        }
        for g in view.groups
    ]
