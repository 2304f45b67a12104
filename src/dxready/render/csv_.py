"""CSV for Excel: UTF-8 with BOM, one header row; cells that look like formulas are defused (render.safe)."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from dxready.render import views
from dxready.render.safe import csv_cell

if TYPE_CHECKING:
    from dxready.engine.ranking import NextStep
    from dxready.engine.run import Report

BOM = "\ufeff"


def _csv(headers: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in headers])
    writer.writerows([[csv_cell(c) for c in row] for row in rows])
    return BOM + buf.getvalue()


def _grid(g: views.Grid) -> str:
    return _csv(g.headers, g.rows)


def table_procedures(report: Report, lang: str) -> str:
    return _grid(views.procedures(report, lang))


def table_systems(report: Report, lang: str) -> str:
    return _grid(views.systems(report, lang))


def table_roadmap(report: Report, lang: str) -> str:
    return _grid(views.roadmap(report, lang))


def table_summary(report: Report, lang: str) -> str:
    return _grid(views.summary(report, lang))


def gaps(report: Report, lang: str, show_waived: bool = False) -> str:
    names = {
        (kind, ident): name
        for kind, by_id in views.subject_names(report, lang).items()
        for ident, name in by_id.items()
    }
    findings = [*report.findings, *(report.waived if show_waived else ())]
    rows = []
    for f in findings:
        loc = f.location
        rows.append(
            [
                f.subject.kind,
                f.subject.id,
                names.get((f.subject.kind, f.subject.id), ""),
                views.level_text(report, f.subject.id, lang) if f.subject.kind == "procedure" else "",
                f.code,
                f.severity.value,
                f.message.get(lang),
                f.next_step.get(lang) if f.next_step else "",
                loc.file if loc else "",
                str(loc.line) if loc else "",
                str(loc.column) if loc else "",
                f.waived or "",
            ]
        )
    headers = [
        "kind",
        "id",
        "name",
        "level",
        "code",
        "severity",
        "message",
        "next_step",
        "file",
        "line",
        "column",
        "waived",
    ]
    return _csv(headers, rows)


def next_steps(report: Report, lang: str, steps: list[NextStep]) -> str:
    keys = ["reach", "priority", "commitment", "urgency", "effort"]
    rows = [
        [
            str(s.rank),
            s.subject.kind,
            s.subject.id,
            s.display_name(lang),
            s.action.get(lang),
            f"{s.score:.2f}",
            *[f"{s.parts.get(k, 0.0):.3f}" for k in keys],
            "; ".join(b.get(lang) for b in s.blocked_by),
            " ".join(s.codes),
        ]
        for s in steps
    ]
    return _csv(["rank", "kind", "id", "name", "action", "score", *keys, "blocked_by", "codes"], rows)
