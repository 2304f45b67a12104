"""The gaps groups: findings that share a rule, a subject kind and a kind of ask, made one group, for the view
(:mod:`dxready.render.gapsview`) and for ``gaps --format json``'s ``groups`` (:func:`json_groups`).

Apart from the view's dataclasses, so that ``gaps -f json`` does not build them (creating a dataclass compiles its
methods: issue 14).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dxready.catalog.models import circled
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
_RANK = {"error": 0, "warning": 1, "info": 2}


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
    shape = _shape(*pairs[0])
    # The shape with each ID (after the first word) a gap for an id: "\0" stands in no command (_COMMAND's words).
    words = shape.split(" ")
    gaps = " ".join([words[0], *("\0" if w == "ID" else w for w in words[1:])]).split("\0")
    fixed = set(words[1:]) - {"ID"}
    for command, ident in pairs:
        # A command that is the shape with its id in the gaps has the shape when the id is no other word of it (one
        # join and a test per subject instead of _shape's split and join: DX110 names every row at 10,000).
        same = command == ident.join(gaps) and ident not in fixed and " " not in ident
        if not same and _shape(command, ident) != shape:
            return ""
    return shape


def _by_key(report: Report) -> dict[tuple[str, str, bool], list[Finding]]:
    """Active findings by (code, subject kind, asks for a missing fact): a rule's "record the fact" findings apart
    from its real gaps (other words, severity)."""
    by_key: dict[tuple[str, str, bool], list[Finding]] = {}
    for f in report.findings:
        by_key.setdefault((f.code, f.subject.kind, f.is_missing_fact), []).append(f)
    return by_key


def _words(code: str, missing: bool, steps: set[str], command: str, lang: str) -> tuple[str, str, str]:
    """A group's (title, next step in prose, command) from its entries' next steps and their command
    (:func:`_template`)."""
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
    if command and "ID" in command.split() and "ID" not in prose:
        prose = (prose.rstrip("。.") + _t(lang, "。", ". ") if prose else "") + _t(
            lang, "ID は上の各対象の番号か id です", "ID is each subject above (number or id)"
        )
    return title, prose, command


def json_groups(
    report: Report, lang: str, by_key: dict[tuple[str, str, bool], list[Finding]] | None = None
) -> list[dict[str, object]]:
    """``to_json(build(report, lang, brief=True))``, the ``groups`` of ``gaps --format json``, made without the
    view's entries (a subject's kind, id and reference are all it shows of them). ``by_key``: :func:`_by_key`'s
    grouping, when the caller has made it (``gaps -f json`` groups the findings by subject in the same pass)."""
    names = _Names(report, brief=True)
    refs, commands = names.refs, names.commands
    ja = lang == "ja"
    listed: dict[tuple[str, str, object], dict[str, str]] = {}
    made = []
    for (code, kind, missing), findings in (by_key if by_key is not None else _by_key(report)).items():
        subjects = []
        texts = []
        for f in findings:
            data, step = f.data, f.next_step
            ident = f.subject.id
            key = (
                kind,
                ident,
                data.get("sub_procedure") if data else None,
            )  # the group's kind is the subject's
            shown = listed.get(key)
            if shown is None:  # one mapping per subject, written wherever it is listed (only read)
                known = refs.get(key)
                if known is None:
                    known = refs[key] = _ref(report, f, names.ja)
                shown = listed[key] = {"kind": kind, "id": ident, "ref": known[0]}
            subjects.append(shown)
            texts.append("" if step is None else step.ja if ja else step.en)  # Msg.get, inline (per finding)
        steps = set(texts)
        for text in steps:  # a rule's shared next step is searched once, not once per finding
            if text not in commands:
                commands[text] = _command(text)
        distinct = {commands[text] for text in steps}
        command = (
            distinct.pop()
            if len(distinct) == 1
            else _template([(commands[text], s["id"]) for text, s in zip(texts, subjects, strict=True)])
        )
        title, prose, command = _words(code, missing, steps, command, lang)
        severity = findings[0].severity._value_
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
