"""Plain text for ``check``: one ``file:line:col: CODE message`` line per finding and a one-line summary.

Errors and warnings are always listed one by one (those of one code at one position on one line). An info finding
shared by many subjects (DX103 "status not known" on every row of a fresh ``init``) would bury them, so the info
findings of one code are folded into one line at the first one's position, with the count and the first few
subjects, when there are more than :data:`INFO_LINES` of them; ``verbose`` (``check -v``) lists every one. The
machine formats (json, github, sarif) always carry every finding.
"""

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
INFO_LINES = 3
"""At most this many lines of one info code are shown without ``-v``."""
SUBJECTS_SHOWN = 3
"""Subjects named on a folded info line; the rest are counted."""


def load_problems(exc: LoadError, lang: str) -> str:
    from dxready.render.messages import catalog_error

    return catalog_error(exc, lang)


def _at_one_place(findings: Sequence[Finding], verbose: bool = True) -> list[list[Finding]]:
    """Findings in order, those of one code at one position together (20 DX302 at one line are one line); unless
    ``verbose``, also the info findings of one code when there are more than :data:`INFO_LINES` of them."""
    info: dict[str, int] = {}
    for f in findings:
        if f.severity.value == "info":
            info[f.code] = info.get(f.code, 0) + 1
    groups: dict[tuple[str, str], list[Finding]] = {}
    order: list[list[Finding]] = []
    for f in findings:
        if not verbose and info.get(f.code, 0) > INFO_LINES and f.severity.value == "info":
            key = ("info", f.code)
        elif f.location is None or f.location.line <= 0:
            order.append([f])
            continue
        else:
            key = (str(f.location), f.code)
        if key not in groups:
            groups[key] = []
            order.append(groups[key])
        groups[key].append(f)
    return order


def _shared(group: list[Finding], lang: str) -> str:
    from dxready.rules import BY_CODE

    rule = BY_CODE.get(group[0].code)
    missing = all(f.is_missing_fact for f in group)  # a rule's "record the fact" findings: their own heading
    summary = (missing and getattr(rule, "MISSING_FACT_SUMMARY", None)) or getattr(rule, "SUMMARY", None)
    title = summary.get(lang) if summary is not None else group[0].message.get(lang)
    ids = list(dict.fromkeys(f.subject.id for f in group))
    where = {str(f.location) for f in group}
    if len(where) == 1 or len(ids) <= SUBJECTS_SHOWN + 1:
        subjects = ("、" if lang == "ja" else ", ").join(ids)
        return (
            f"{title}（{len(group)} 件: {subjects}）"
            if lang == "ja"
            else f"{title} ({len(group)}: {subjects})"
        )
    shown = ("、" if lang == "ja" else ", ").join(ids[:SUBJECTS_SHOWN])
    if len(ids) == len(group):
        return (
            f"{title}（{len(group)} 件: {shown} ほか {len(ids) - SUBJECTS_SHOWN} 件。-v ですべて表示）"
            if lang == "ja"
            else f"{title} ({len(group)}: {shown} and {len(ids) - SUBJECTS_SHOWN} more; -v lists each)"
        )
    return (
        f"{title}（{len(group)} 件、対象 {len(ids)}: {shown} ほか。-v ですべて表示）"
        if lang == "ja"
        else f"{title} ({len(group)} in {len(ids)} subjects: {shown} and more; -v lists each)"
    )


def _fit(line: str) -> str:
    """On a terminal, a long line continues indented under itself; piped output keeps one finding per line
    (editors and CI problem matchers read ``file:line:col: CODE message`` lines)."""
    import sys

    if not sys.stdout.isatty():
        return line
    from dxready.render.wrap import terminal_width, wrap

    return "\n".join(wrap(line, terminal_width(), indent="    "))


def count(n: int, noun: str) -> str:
    """``n`` and an English noun in the singular or plural (1 error, 13 warnings, 2 rows): never "row(s)"."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


_count = count


def severity_count(n: int, severity: str) -> str:
    """``n`` findings of one severity in English as check's summary counts them: 1 error, 13 warnings, 53 info."""
    return f"{n} info" if severity == "info" else _count(n, severity)


def check(report: Report, lang: str, verbose: bool = False) -> str:
    lines = []
    for group in _at_one_place(report.findings, verbose):
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
            f"{oneline(label)}: "
            + ", ".join(severity_count(counts[s], s) for s in ("error", "warning", "info"))
            + (f" ({waived} waived)" if waived else "")
        )
    lines.append(summary)
    return "\n".join(lines) + "\n"
