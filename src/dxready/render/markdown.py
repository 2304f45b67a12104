"""GitHub-flavoured markdown: the plan's tables, gaps and next steps. Catalogue text is escaped (render.safe)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dxready.i18n import t as _t
from dxready.render import views
from dxready.render.safe import md_cell, md_text
from dxready.render.steps import catalogue_errors, no_steps, part_lines

if TYPE_CHECKING:
    from dxready.engine.ranking import NextStep
    from dxready.engine.run import Report


def grid(g: views.Grid, *, numeric: tuple[int, ...] = ()) -> str:
    head = "| " + " | ".join(md_cell(h) for h in g.headers) + " |"
    align = "|" + "|".join("---:" if i in numeric else "---" for i in range(len(g.headers))) + "|"
    rows = ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in g.rows]
    return "\n".join([head, align, *rows]) + "\n"


def _titled(g: views.Grid, **kw: tuple[int, ...]) -> str:
    return f"**{md_text(g.title)}**\n\n" + grid(g, **kw)


def table_procedures(report: Report, lang: str) -> str:
    g = views.procedures(report, lang)
    return _titled(g)


def table_systems(report: Report, lang: str) -> str:
    return _titled(views.systems(report, lang))


def table_roadmap(report: Report, lang: str) -> str:
    return _titled(views.roadmap(report, lang))


def table_summary(report: Report, lang: str) -> str:
    return _titled(views.summary(report, lang), numeric=(1,))


def gaps(report: Report, lang: str, show_waived: bool = False) -> str:
    out = [
        f"## {_t(lang, 'オンライン化のギャップ', 'Online-readiness gaps')}",
        "",
        md_text(views.catalog_line(report, lang)),
        "",
    ]
    note = views.embedded_note(report, lang)
    out += [f"> {md_text(note)}", ""] if note else []
    out.append(grid(views.summary(report, lang), numeric=(1,)))
    out.append(f"### {_t(lang, '手続', 'Procedures')}\n")
    head = [
        _t(lang, "No.", "No."),
        _t(lang, "手続", "Procedure"),
        _t(lang, "状況", "Status"),
        _t(lang, "レベル", "Level"),
        _t(lang, "指摘", "Findings"),
        _t(lang, "次の一手", "Next step"),
    ]
    out.append(grid(views.Grid("", head, _procedure_rows(report, lang))))
    out += _subject_sections(report, lang)
    other = [f for f in report.findings if f.subject.kind in ("catalog", "settings")]
    if other:
        out.append(f"### {_t(lang, 'カタログ全体', 'Catalogue')}\n")
        out += [f"- {md_text(views.finding_line(f, lang))}" for f in other]
        out.append("")
    if report.waived and not show_waived:  # as the terminal says it: every format counts the waived findings
        n = len(report.waived)
        out += [_t(lang, f"適用除外 {n} 件（--show-waived で表示）", f"{n} waived (see --show-waived)"), ""]
    if show_waived and report.waived:
        out.append(f"### {_t(lang, '適用除外', 'Waived')}\n")
        out += [
            f"- {md_text(views.finding_line(f, lang))} ({md_text(f.waived or '')})" for f in report.waived
        ]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _procedure_rows(report: Report, lang: str) -> list[list[str]]:
    """One row per applicable procedure or procedure with findings: its findings and next steps in two cells."""
    by_proc = views.subject_findings(report, "procedure")
    rows = []
    for p in views.ordered(report.catalog.procedures):
        findings = by_proc.get(p.id, [])
        if not p.applicable and not findings:
            continue
        steps = dict.fromkeys(f.next_step.get(lang) for f in findings if f.next_step is not None)
        rows.append(
            [
                str(p.standard_no or ""),
                views.local(p.name, p.name_en, lang),
                views.status_text(p, lang),
                views.level_text(report, p.id, lang),
                "\n".join(views.finding_line(f, lang) for f in findings),
                "\n".join(steps) or views.blockers_text(report, p.id, lang),
            ]
        )
    return rows


def _subject_sections(report: Report, lang: str) -> list[str]:
    """A bulleted section for the systems' findings and one for the roadmap's (a section only when it has some)."""
    out: list[str] = []
    names = views.subject_names(report, lang)
    for kind, title in (
        ("system", _t(lang, "システム", "Systems")),
        ("roadmap", _t(lang, "工程表", "Roadmap")),
    ):
        found = views.subject_findings(report, kind)
        if not found:
            continue
        out.append(f"### {title}\n")
        for ident, findings in found.items():
            for f in findings:
                out.append(
                    f"- **{md_text(names[kind].get(ident, ident))}** — {md_text(views.finding_line(f, lang))}"
                )
        out.append("")
    return out


def next_steps(report: Report, lang: str, steps: list[NextStep]) -> str:
    head = [
        _t(lang, "順位", "Rank"),
        _t(lang, "対象", "Subject"),
        _t(lang, "次の一手", "Action"),
        _t(lang, "点数", "Score"),
        _t(lang, "内訳", "Parts"),
        _t(lang, "阻害要因", "Blocked by"),
    ]
    weights = report.catalog.settings.weights
    rows = [
        [
            str(s.rank),
            s.display_name(lang),
            "\n".join([s.action.get(lang), " ".join(s.codes)]) if s.codes else s.action.get(lang),
            f"{s.score:.2f}",
            ", ".join(part_lines(s, weights, lang)),
            "\n".join(b.get(lang) for b in s.blocked_by),
        ]
        for s in steps
    ]
    title = f"## {_t(lang, '次の一手', 'Next steps')}\n\n{md_text(views.catalog_line(report, lang))}\n\n"
    note = views.embedded_note(report, lang)
    title += f"> {md_text(note)}\n\n" if note else ""
    if not rows:
        return title + md_text(no_steps(report, lang)) + "\n"
    besides = catalogue_errors(report, lang)
    title += f"{md_text(besides)}\n\n" if besides else ""
    return title + grid(views.Grid("", head, rows))
