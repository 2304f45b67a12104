"""The workbook of ``dxready export``: a catalogue as the sheets of commands/transfer/sheets.py.

The 手続 sheet words each procedure's level and latest usage, and 概況 is ``table summary``'s rows (bounds with the
coverage while statuses are unknown), so both are built here, with the other views' words; the sheets whose cells are
the catalogue's own values come from commands/transfer/rows.py. ``build`` is passed to ``commands.export.run_export``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dxready.commands.transfer.rows import (
    channel_text,
    count_rows,
    roadmap_rows,
    sources,
    sub_rows,
    system_rows,
)
from dxready.commands.transfer.sheets import (
    COUNTS,
    PROCEDURES,
    ROADMAP,
    SUB_PROCEDURES,
    SUMMARY,
    SYSTEMS,
    Cell,
    Sheet,
    Workbook,
)
from dxready.i18n import t as _t
from dxready.render.views import summary, usage_text

if TYPE_CHECKING:
    from dxready.catalog.models import Procedure
    from dxready.engine.run import Report


def _level(report: Report, p: Procedure, lang: str) -> str:
    from dxready.engine.levels import LEVEL_NAMES

    r = report.readiness.get(p.id)
    if r is None:
        return "—"
    if p.status.value == "unknown":
        return _t(lang, "？ 未確認", "? unknown")
    if not r.settled:
        return _t(lang, f"{r.level}–{r.ceiling}（未確定）", f"{r.level}–{r.ceiling} (unsettled)")
    return f"{r.level} {LEVEL_NAMES[r.level].get(lang)}"


def procedure_rows(report: Report, lang: str) -> list[list[Cell]]:
    return [
        [
            p.standard_no,
            p.name,
            p.effective_status.mark,  # as every output shows it: a group recorded unknown follows its sub-procedures
            p.note,
            "\n".join(channel_text(c) for c in p.channels),
            _level(report, p, lang),
            usage_text(p, lang),
            p.verified_on,
            sources(p),
            p.id,
        ]
        for p in report.catalog.procedures
    ]


def coverage_rows(report: Report, lang: str) -> list[list[Cell]]:
    """The summary as `table summary` gives it: while applicable statuses are unknown, each rate is its bounds with the
    coverage (「4.8–100.0%（21件中1件確認）」), never a bare figure (engine.rates)."""
    return [list(row) for row in summary(report, lang).rows]


def build(report: Report, lang: str) -> Workbook:
    """The workbook of one evaluated catalogue (pure: no file is touched)."""
    return Workbook(
        (
            Sheet(PROCEDURES, lang, procedure_rows(report, lang)),
            Sheet(SUB_PROCEDURES, lang, sub_rows(report)),
            Sheet(COUNTS, lang, count_rows(report, lang)),
            Sheet(SYSTEMS, lang, system_rows(report, lang)),
            Sheet(ROADMAP, lang, roadmap_rows(report, lang)),
            Sheet(SUMMARY, lang, coverage_rows(report, lang)),
        )
    )
