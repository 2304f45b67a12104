"""The words of ``next`` that are not a table: each step's score in parts, and what it says when no step is left."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dxready.i18n import t as _t

if TYPE_CHECKING:
    from dxready.catalog.settings import Weights
    from dxready.engine.ranking import NextStep
    from dxready.engine.run import Report


PART_NAMES = {
    "reach": ("到達", "reach"),
    "priority": ("国の重点", "priority"),
    "commitment": ("計画", "commitment"),
    "urgency": ("緊急度", "urgency"),
    "effort": ("容易さ", "effort"),
}


def part_lines(step: NextStep, weights: Weights, lang: str) -> list[str]:
    """'到達 0.67×3' per part: what the score is made of, weights shown so the sum can be checked."""
    out = []
    for key, value in step.parts.items():
        ja, en = PART_NAMES.get(key, (key, key))
        out.append(f"{_t(lang, ja, en)} {value:.2f}×{getattr(weights, key, 0):g}")
    return out


def no_steps(report: Report, lang: str) -> str:
    """What ``next`` says when no subject (of those selected) has a finding. ``next`` ranks procedures, systems and
    roadmap items: findings on the catalogue as a whole (DX018's missing standard rows, the settings) are not its
    steps, so it says how many there are rather than that nothing is left to do."""
    rest = [f for f in report.findings if f.subject.kind in ("catalog", "settings")]
    if not rest:
        return _t(
            lang,
            "次の一手はありません（選んだ対象に指摘がありません）",
            "No next steps (no findings for the subjects selected)",
        )
    errors = sum(f.severity.value == "error" for f in rest)
    return _t(
        lang,
        f"手続・システム・工程表の次の一手はありません。カタログ全体への指摘が {len(rest)} 件"
        f"（うちエラー {errors} 件）あります: dxready check で確かめてください",
        f"No next steps for procedures, systems or roadmap items; {len(rest)} "
        f"{'finding' if len(rest) == 1 else 'findings'} on the catalogue as a whole "
        f"({errors} {'error' if errors == 1 else 'errors'}): see dxready check",
    )


def catalogue_errors(report: Report, lang: str) -> str:
    """Beside the steps: the errors on the catalogue as a whole (DX018's missing standard rows) that ``next`` does not
    rank ('' when there are none), so that a catalogue ``check`` fails is never shown as if only its rows were left."""
    errors = [
        f
        for f in report.findings
        if f.subject.kind in ("catalog", "settings") and f.severity.value == "error"
    ]
    if not errors:
        return ""
    n = len(errors)
    return _t(
        lang,
        f"カタログ全体へのエラーが {n} 件あります（次の一手には並べません）: dxready check で確かめてください",
        f"{n} {'error' if n == 1 else 'errors'} on the catalogue as a whole, not ranked here: see dxready check",
    )
