"""The vocabulary every layer shares: severities, bilingual messages, source locations, subjects and findings.

A base module: it imports nothing of dxready and nothing heavy (no pydantic, no rich), so every layer may use it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Literal

Lang = Literal["ja", "en"]
SubjectKind = Literal["catalog", "procedure", "system", "roadmap", "settings"]


class Severity(str, enum.Enum):
    error = "error"
    warning = "warning"
    info = "info"

    # The member's value read straight from ``_value_`` (a C-level getter): enum's own ``value`` is a Python-level
    # descriptor in 3.11, and renderers read a severity's value once or twice per finding.
    value = property(attrgetter("_value_"))

    @property
    def rank(self) -> int:
        return _RANK[self]  # by member, not .value: enum's value lookup is slow on hot paths

    def label(self, lang: str) -> str:
        return (
            {"error": "エラー", "warning": "警告", "info": "情報"}[self.value] if lang == "ja" else self.value
        )


_RANK = {Severity.error: 3, Severity.warning: 2, Severity.info: 1}


@dataclass(frozen=True, init=False)
class Msg:
    """A text in both of the users' languages."""

    ja: str
    en: str

    def __init__(self, ja: str, en: str) -> None:
        # As the dataclass's own __init__, without object.__setattr__ per field (rules make tens of thousands).
        fields = self.__dict__
        fields["ja"] = ja
        fields["en"] = en

    def get(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based position in a catalogue file (the loader is the only place that makes these)."""

    file: str
    line: int = 0
    """0: the problem has no position (an option such as --counts, a directory, a git revision)."""
    column: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}" if self.line > 0 else self.file


def located(file: str, line: int, column: int) -> Location:
    """``Location(file, line, column)`` made the fast way: a frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__``, and the source map makes one for every finding (20,000 and more on a large catalogue)."""
    loc = object.__new__(Location)
    fields = loc.__dict__
    fields["file"] = file
    fields["line"] = line
    fields["column"] = column
    return loc


@dataclass(frozen=True, order=True)
class Subject:
    kind: SubjectKind
    id: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


def waiver_key(subject: Subject) -> str:
    """What a waiver's ``subject`` is compared with to cover a finding about ``subject``: its bare id (no kind).

    The one definition: the engine waives a finding when a live waiver of its code names this key, and DX011 reports
    a waiver whose subject is the key of no subject a finding can have (``catalog.walk.finding_subjects``)."""
    return subject.id


Path = tuple[str | int, ...]

MISSING_FACT = "missing_fact"
"""``Finding.data`` key of a finding that asks for a missing fact rather than reporting a gap (rules.base.missing_fact)."""


@dataclass(frozen=True, init=False)
class Finding:
    """One problem a rule found. Rules set what and where; the engine stamps severity, waiver and location."""

    code: str
    subject: Subject
    message: Msg
    file: str = "procedures"
    path: Path = ()
    # Capped at the rule's default by the engine: a rule may lower one finding (say, to info), never raise it.
    severity: Severity = Severity.error
    next_step: Msg | None = None
    location: Location | None = None
    waived: str | None = None
    data: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def __init__(
        self,
        code: str,
        subject: Subject,
        message: Msg,
        file: str = "procedures",
        path: Path = (),
        severity: Severity = Severity.error,
        next_step: Msg | None = None,
        location: Location | None = None,
        waived: str | None = None,
        data: dict[str, object] | None = None,
    ) -> None:
        # The dataclass's own __init__ (same parameters and defaults; ``data`` a new dict when not given), without
        # object.__setattr__ per field: rules make a finding per gap, 20,000 and more on a large catalogue.
        fields = self.__dict__
        fields["code"] = code
        fields["subject"] = subject
        fields["message"] = message
        fields["file"] = file
        fields["path"] = path
        fields["severity"] = severity
        fields["next_step"] = next_step
        fields["location"] = location
        fields["waived"] = waived
        fields["data"] = {} if data is None else data

    @property
    def is_missing_fact(self) -> bool:
        return self.data.get(MISSING_FACT) is True

    def with_(self, **changes: object) -> Finding:
        return replace(self, **changes)  # type: ignore[arg-type]

    def stamped(
        self, severity: Severity, next_step: Msg | None, location: Location | None, waived: str | None
    ) -> Finding:
        """A new finding with what the engine stamps (``with_`` of these four fields, made the fast way: the
        engine stamps every finding, 20,000 and more on a large catalogue, and a frozen dataclass's ``__init__``
        sets each field through ``object.__setattr__``). The fields are copied as they are, unchecked, as
        ``dataclasses.replace`` would pass them."""
        new = object.__new__(Finding)
        fields = new.__dict__
        fields.update(self.__dict__)
        fields["severity"] = severity
        fields["next_step"] = next_step
        fields["location"] = location
        fields["waived"] = waived
        return new

    def sort_key(self) -> tuple[object, ...]:
        loc = self.location or Location("~")
        return (loc.file, loc.line, loc.column, self.code, self.subject.id)
