"""Errors by kind. Every one means "the input cannot be used" (exit 2); the CLI words each its own way.

- :class:`CatalogError` — a catalogue file is unusable; each problem has a file, line and column and a DX code.
- :class:`UsageError` — a command-line option is wrong; it names the option, and has no DX code and no position.
- :class:`GitError` — git is missing, or a revision or file is not in the repository; :class:`NotInGit`, the
  catalogue is in no repository at all (``where`` is its directory).

A base module: it imports only the findings vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass

from dxready.findings import Location, Msg


class DxreadyError(Exception):
    """The input cannot be used (exit 2)."""


@dataclass(frozen=True)
class Problem:
    code: str
    location: Location
    message: Msg
    detail: str = ""
    """The parser's own words, where a parser said something (kept for --format json)."""


class CatalogError(DxreadyError):
    """The catalogue cannot be used; ``problems`` say where and why, ``more`` counts problems not kept."""

    def __init__(self, problems: list[Problem], more: int = 0) -> None:
        super().__init__("; ".join(f"{p.location}: {p.code} {p.message.en}" for p in problems))
        self.problems = problems
        self.more = more


class UsageError(DxreadyError):
    """A bad option value: ``option`` is its name as typed (``--status``), ``message`` what is wrong with it."""

    def __init__(self, option: str, message: Msg) -> None:
        super().__init__(f"{option}: {message.en}")
        self.option = option
        self.message = message


class ValueProblem(ValueError):
    """A value a model refuses, said in both languages (the loader words ``ja`` or ``en`` by the run's language)."""

    def __init__(self, ja: str, en: str) -> None:
        super().__init__(en)
        self.ja = ja
        self.en = en


class GitError(DxreadyError):
    """git could not give what was asked: ``where`` names the revision or path, ``message`` what went wrong."""

    def __init__(self, where: str, message: Msg) -> None:
        super().__init__(f"{where}: {message.en}")
        self.where = where
        self.message = message


class NotInGit(GitError):
    """The catalogue's directory (``where``) is inside no git repository: not a mistake to fix in the input."""
