"""GitHub Actions workflow commands: one ``::error|warning|notice file=…,line=…,col=…::message`` per finding."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dxready.render.repopath import repo_relative
from dxready.render.safe import gh_message, gh_property

if TYPE_CHECKING:
    from pathlib import Path

    from dxready.catalog.load import LoadError
    from dxready.engine.run import Report
    from dxready.findings import Location

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _line(level: str, loc: Location | None, title: str, message: str, base: Path | None) -> str:
    """One workflow command; its file relative to ``base`` (the repository root) when it is inside it, as GitHub
    places annotations by the path in the repository (else as the location shows it)."""
    props = []
    if loc is not None:
        file = repo_relative(loc.file, base) or loc.file
        props += [f"file={gh_property(file)}", f"line={loc.line}", f"col={loc.column}"]
    props.append(f"title={gh_property(title)}")
    return f"::{level} {','.join(props)}::{gh_message(message)}"


def load_problems(exc: LoadError, lang: str, base: Path | None = None) -> str:
    lines = [_line("error", p.location, p.code, p.message.get(lang), base) for p in exc.problems]
    more = getattr(exc, "more", 0)
    if more:
        text = f"ほか {more:,} 件の問題があります" if lang == "ja" else f"and {more:,} more problems"
        lines.append(_line("error", None, "dxready", text, base))
    return "\n".join(lines) + "\n"


def check(report: Report, lang: str, base: Path | None = None) -> str:
    lines = [
        _line(_LEVEL[f.severity.value], f.location, f"{f.code}", f"{f.code} {f.message.get(lang)}", base)
        for f in report.findings
    ]
    return "\n".join(lines) + ("\n" if lines else "")
