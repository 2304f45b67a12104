"""Plain text for ``check``: one ``file:line:col: CODE message`` line per finding and a one-line summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dxready.render.safe import oneline
from dxready.render.views import catalog_label

if TYPE_CHECKING:
    from dxready.catalog.load import LoadError
    from dxready.engine.run import Report

_SEV_JA = {"error": "エラー", "warning": "警告", "info": "情報"}


def load_problems(exc: LoadError, lang: str) -> str:
    lines = [f"{p.location}: {p.code} {oneline(p.message.get(lang))}" for p in exc.problems]
    more = getattr(exc, "more", 0)
    n = len(exc.problems) + more
    if lang == "ja":
        if more:
            lines.append(f"…ほか {more:,} 件（最初の {len(exc.problems)} 件だけを示しました）")
        lines.append(f"この入力は使えません（問題 {n:,} 件）。上の箇所を直してください。")
    else:
        if more:
            lines.append(f"… and {more:,} more (only the first {len(exc.problems)} are shown)")
        lines.append(
            f"the input cannot be used ({n:,} problem{'s' if n != 1 else ''}); fix the places above."
        )
    return "\n".join(oneline(line) for line in lines) + "\n"


def check(report: Report, lang: str) -> str:
    lines = []
    for f in report.findings:
        sev = _SEV_JA[f.severity.value] if lang == "ja" else f.severity.value
        lines.append(oneline(f"{f.location}: {f.code} [{sev}] {f.message.get(lang)}"))
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
