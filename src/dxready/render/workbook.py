"""The workbook of ``dxready export``: a catalogue as the sheets of commands/transfer/sheets.py.

The 手続 sheet words each procedure's level and latest usage, and 概況 is ``table summary``'s rows (bounds with the
coverage while statuses are unknown), so both are built here, with the other views' words; the sheets whose cells are
the catalogue's own values come from commands/transfer/rows.py. ``build`` is passed to ``commands.export.run_export``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dxready.commands.transfer.fields import PROCEDURE_FIELDS
from dxready.commands.transfer.rows import (
    channel_text,
    count_rows,
    extra_cells,
    header_rows,
    roadmap_rows,
    sources,
    sub_rows,
    system_rows,
)
from dxready.commands.transfer.sheets import (
    COUNTS,
    HEADER,
    PROCEDURES,
    ROADMAP,
    SUB_PROCEDURES,
    SUMMARY,
    SYSTEMS,
    Cell,
    Percent,
    Sheet,
    Workbook,
)
from dxready.i18n import t as _t
from dxready.render.views import summary, usage_text

if TYPE_CHECKING:
    from dxready.catalog.models import Procedure
    from dxready.engine.run import Report


def _level(report: Report, p: Procedure, lang: str) -> str:
    from dxready.engine.levels import LEVEL_NAMES, level_words

    r = report.readiness.get(p.id)
    if r is None:
        return "—"
    if p.effective_status.value == "unknown":
        # As the オンライン化 cell beside it and the terminal's tables say it: a group whose own mark its
        # sub-procedures contradict counts as ？ too (not 0–4（未確定）, which reads as a level).
        return _t(lang, "？ 未確認", "? unknown")
    if not r.settled:
        return level_words(r.level, r.ceiling).get(lang)
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
            *extra_cells(PROCEDURE_FIELDS, p),
        ]
        for p in report.catalog.procedures
    ]


_COUNT = re.compile(r"\d{1,3}(?:,\d{3})*")
_RATE = re.compile(r"(\d{1,3}\.\d)%")


def _number(text: str) -> Cell:
    """A count as a number and a definite rate as a percentage, so that a spreadsheet can add and compare them;
    anything else (a range with its coverage, a level span) stays the text it is."""
    if _COUNT.fullmatch(text):
        return int(text.replace(",", ""))
    rate = _RATE.fullmatch(text)
    if rate is not None:
        return Percent(float(rate.group(1)) / 100)
    return text


def coverage_rows(report: Report, lang: str) -> list[list[Cell]]:
    """The summary as `table summary` gives it: while applicable statuses are unknown, each rate is its bounds with the
    coverage (「4.8–100.0%（21件中1件確認）」), never a bare figure (engine.rates). Counts and definite rates are
    numbers."""
    return [[item, _number(value)] for item, value in summary(report, lang).rows]


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
            Sheet(HEADER, lang, header_rows(report, lang)),
        )
    )
