"""The gaps view model: findings grouped once from a report, for every format to render.

A finding that many subjects share (a status not confirmed for a year on 17 rows, a missing fact, DX302 at one
position) is one *group*: the rule's summary, the subjects it concerns, one next step and, where the next step is a
``dxready`` command, that command apart from the prose so that it can sit on its own line and be copied. A group of
one is simply that finding. Nothing is dropped: every active finding is an entry of exactly one group, and waived
findings are counted apart (and listed with ``--show-waived``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dxready.catalog.models import circled
from dxready.findings import Severity
from dxready.i18n import t as _t
from dxready.render import views

if TYPE_CHECKING:
    from dxready.engine.run import Report
    from dxready.findings import Finding

# ASCII words, and a status mark as a value (--status ○)
_COMMAND = re.compile(r"dxready(?: +(?:[\x21-\x7e]+|[○×—]|一部|記号|名前))+")
"""A command in a step: ASCII words, the status marks, and the placeholders a step leaves for the officer to fill
(``--status 記号`` / ``MARK``, ``--name 名前`` / ``NAME``)."""
_KIND_ORDER = {"procedure": 0, "system": 1, "roadmap": 2, "catalog": 3, "settings": 4}


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


def _command(text: str) -> str:
    """The 'dxready … command' in a next-step text ('' when none): :func:`split_command`'s second half alone."""
    m = _COMMAND.search(text)
    return "" if m is None else m.group(0).rstrip(".,;")


def split_command(text: str) -> tuple[str, str]:
    """('prose without the command', 'dxready … command') from a next-step text."""
    m = _COMMAND.search(text)
    if m is None:
        return text, ""
    command = m.group(0).rstrip(".,;")
    prose = (text[: m.start()] + text[m.end() :]).strip()
    prose = re.sub(r"\s*(で|with|using)?\s*$", "", prose) if not prose.endswith(("。", "ください")) else prose
    prose = re.sub(r"し\s*で記録してください$", "し、次のコマンドで記録してください", prose)
    return prose.replace("  ", " "), command


def _ref(report: Report, f: Finding, names: dict[str, dict[str, str]]) -> tuple[str, str]:
    kind, ident = f.subject.kind, f.subject.id
    if kind == "procedure":
        p = report.catalog.procedure(ident)
        if p is not None:
            ref = f"No.{p.standard_no}" if p.standard_no else ident
            sub = (f.data or {}).get("sub_procedure")
            for j, sp in enumerate(p.sub_procedures):
                if sp.id == sub:  # a sub-procedure's finding names the sub-procedure, as `set 18/1` does
                    return f"{ref}/{j + 1}", sp.name
            return ref, p.name
    if kind == "system":
        s = next((s for s in report.catalog.systems if s.id == ident), None)
        if s is not None:
            return (s.label or s.name), s.name
    if kind == "roadmap":
        r = next((r for r in report.catalog.roadmap if r.id == ident), None)
        if r is not None:
            return (f"({r.area}){circled(r.no)}" if r.no else ident), r.title
    return ident, names.get(kind, {}).get(ident, ident)


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


class _Names:
    """Subjects' display names and next steps' commands, made once per view (not once per finding: 10,000 findings ×
    10,000 names)."""

    def __init__(self, report: Report, brief: bool = False) -> None:
        self.brief = brief
        """Entries without name, message and location (what the JSON groups leave out)."""
        self.ja = {} if brief else views.subject_names(report, "ja")
        self.en = {} if brief else views.subject_names(report, "en")
        self.commands: dict[str, str] = {}
        """Next-step text → its command: a rule's shared next step is searched once, not once per finding."""
        self.refs: dict[tuple[str, str, object], tuple[str, str]] = {}
        """(kind, id, sub-procedure) → :func:`_ref`'s (reference, name)."""


def _shape(command: str, ident: str) -> str:
    """``command`` with each word (after the first) that is ``ident`` written ID."""
    words = command.split(" ")
    return " ".join([words[0], *("ID" if w == ident else w for w in words[1:])])


def _template(pairs: list[tuple[str, str]]) -> str:
    """The entries' commands, given as (command, subject id), as one, with ID where they differ by subject ('' when
    they differ otherwise)."""
    commands = {command for command, _ in pairs}
    if len(commands) == 1:
        return commands.pop()
    shapes = {_shape(command, ident) for command, ident in pairs}
    return shapes.pop() if len(shapes) == 1 else ""


def _by_key(report: Report) -> dict[tuple[str, str, bool], list[Finding]]:
    """Active findings by (code, subject kind, asks for a missing fact): a rule's "record the fact" findings apart
    from its real gaps (other words, severity)."""
    by_key: dict[tuple[str, str, bool], list[Finding]] = {}
    for f in report.findings:
        by_key.setdefault((f.code, f.subject.kind, f.is_missing_fact), []).append(f)
    return by_key


def _words(
    code: str, missing: bool, steps: set[str], pairs: list[tuple[str, str]], lang: str
) -> tuple[str, str, str]:
    """A group's (title, next step in prose, command) from its entries' next steps and (command, subject id)."""
    from dxready.rules import BY_CODE

    rule = BY_CODE.get(code)
    summary = (missing and getattr(rule, "MISSING_FACT_SUMMARY", None)) or getattr(rule, "SUMMARY", None)
    title = summary.get(lang) if summary is not None else code
    if len(steps) == 1:
        prose, _ = split_command(next(iter(steps)))
    else:
        generic = (missing and getattr(rule, "MISSING_FACT_NEXT_STEP", None)) or getattr(
            rule, "NEXT_STEP", None
        )
        prose = split_command(generic.get(lang))[0] if generic is not None else ""
    command = _template(pairs)
    if command and "ID" in command.split() and "ID" not in prose:
        prose = (prose.rstrip("。.") + _t(lang, "。", ". ") if prose else "") + _t(
            lang, "ID は上の各対象の番号か id です", "ID is each subject above (number or id)"
        )
    return title, prose, command


_RANK = {"error": 0, "warning": 1, "info": 2}


def build(report: Report, lang: str, *, brief: bool = False) -> GapsView:
    """Group the report's active findings by (code, subject kind); order: most severe first, then code. ``brief``:
    entries without name, message and location."""
    names = _Names(report, brief)
    groups = []
    for (code, kind, missing), findings in _by_key(report).items():
        entries = [_entry(report, f, lang, names) for f in findings]
        title, prose, command = _words(
            code, missing, {e.next_step for e in entries}, [(e.command, e.id) for e in entries], lang
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


def json_groups(report: Report, lang: str) -> list[dict[str, object]]:
    """``to_json(build(report, lang, brief=True))``, the ``groups`` of ``gaps --format json``, made without the
    view's entries (a subject's kind, id and reference are all it shows of them)."""
    names = _Names(report, brief=True)
    refs, commands = names.refs, names.commands
    listed: dict[tuple[str, str, object], dict[str, str]] = {}
    made = []
    for (code, kind, missing), findings in _by_key(report).items():
        subjects = []
        steps: set[str] = set()
        pairs = []
        for f in findings:
            subject, data = f.subject, f.data
            key = (subject.kind, subject.id, data.get("sub_procedure") if data else None)
            shown = listed.get(key)
            if shown is None:  # one mapping per subject, written wherever it is listed (only read)
                known = refs.get(key)
                if known is None:
                    known = refs[key] = _ref(report, f, names.ja)
                shown = listed[key] = {"kind": subject.kind, "id": subject.id, "ref": known[0]}
            step = f.next_step.get(lang) if f.next_step else ""
            command = commands.get(step)
            if command is None:
                command = commands[step] = _command(step)
            steps.add(step)
            pairs.append((command, subject.id))
            subjects.append(shown)
        title, prose, command = _words(code, missing, steps, pairs, lang)
        severity = findings[0].severity.value
        group = {
            "code": code,
            "severity": severity,
            "kind": kind,
            "title": title,
            "next_step": prose,
            "command": command or None,
            "count": len(subjects),
            "subjects": subjects,
        }
        made.append(((_RANK[severity], _KIND_ORDER.get(kind, 9), code), group))
    made.sort(key=lambda pair: pair[0])
    return [group for _, group in made]


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
