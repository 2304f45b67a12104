"""GitHub Actions workflow commands: one ``::error|warning|notice file=…,line=…,col=…::message`` per finding."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dxready.render.safe import gh_message, gh_property

if TYPE_CHECKING:
    from dxready.catalog.load import LoadError
    from dxready.engine.run import Report
    from dxready.findings import Location

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _line(level: str, loc: Location | None, title: str, message: str) -> str:
    props = []
    if loc is not None:
        props += [f"file={gh_property(loc.file)}", f"line={loc.line}", f"col={loc.column}"]
    props.append(f"title={gh_property(title)}")
    return f"::{level} {','.join(props)}::{gh_message(message)}"


def load_problems(exc: LoadError, lang: str) -> str:
    lines = [_line("error", p.location, p.code, p.message.get(lang)) for p in exc.problems]
    more = getattr(exc, "more", 0)
    if more:
        text = f"ほか {more:,} 件の問題があります" if lang == "ja" else f"and {more:,} more problems"
        lines.append(_line("error", None, "dxready", text))
    return "\n".join(lines) + "\n"


def check(report: Report, lang: str) -> str:
    lines = [
        _line(_LEVEL[f.severity.value], f.location, f"{f.code}", f"{f.code} {f.message.get(lang)}")
        for f in report.findings
    ]
    return "\n".join(lines) + ("\n" if lines else "")
