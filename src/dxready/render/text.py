"""Plain text for ``check``: one ``file:line:col: CODE message`` line per finding and a one-line summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from dxready.render.safe import oneline
from dxready.render.views import catalog_label

if TYPE_CHECKING:
    from dxready.catalog.load import LoadError
    from dxready.engine.run import Report
    from dxready.findings import Finding

_SEV_JA = {"error": "エラー", "warning": "警告", "info": "情報"}


def load_problems(exc: LoadError, lang: str) -> str:
    from dxready.render.messages import catalog_error

    return catalog_error(exc, lang)


def _at_one_place(findings: Sequence[Finding]) -> list[list[Finding]]:
    """Findings in order, those of one code at one position together (20 DX302 at one line are one line)."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    order: list[list[Finding]] = []
    for f in findings:
        if f.location is None or f.location.line <= 0:
            order.append([f])
            continue
        key = (str(f.location), f.code)
        if key not in groups:
            groups[key] = []
            order.append(groups[key])
        groups[key].append(f)
    return order


def _shared(group: list[Finding], lang: str) -> str:
    from dxready.rules import BY_CODE

    summary = getattr(BY_CODE.get(group[0].code), "SUMMARY", None)
    title = summary.get(lang) if summary is not None else group[0].message.get(lang)
    subjects = ("、" if lang == "ja" else ", ").join(f.subject.id for f in group)
    return (
        f"{title}（{len(group)} 件: {subjects}）" if lang == "ja" else f"{title} ({len(group)}: {subjects})"
    )


def _fit(line: str) -> str:
    """On a terminal, a long line continues indented under itself; piped output keeps one finding per line
    (editors and CI problem matchers read ``file:line:col: CODE message`` lines)."""
    import sys

    if not sys.stdout.isatty():
        return line
    from dxready.render.wrap import terminal_width, wrap

    return "\n".join(wrap(line, terminal_width(), indent="    "))


def check(report: Report, lang: str) -> str:
    lines = []
    for group in _at_one_place(report.findings):
        f = group[0]
        sev = _SEV_JA[f.severity.value] if lang == "ja" else f.severity.value
        message = f.message.get(lang) if len(group) == 1 else _shared(group, lang)
        lines.append(_fit(oneline(f"{f.location}: {f.code} [{sev}] {message}")))
    counts = {s: sum(f.severity.value == s for f in report.findings) for s in ("error", "warning", "info")}
    waived = len(report.waived)
    label = catalog_label(report.catalog.label, lang)
    if lang == "ja":
        summary = (
            f"{oneline(label)}: エラー {counts['error']} 件、警告 {counts['warning']} 件、情報 {counts['info']} 件"
            + (f"（適用除外 {waived} 件）" if waived else "")
        )
    else:
        summary = (
            f"{oneline(label)}: {counts['error']} errors, {counts['warning']} warnings, {counts['info']} info"
            + (f" ({waived} waived)" if waived else "")
        )
    lines.append(summary)
    return "\n".join(lines) + "\n"
