"""Language-aware rows shared by every format: the plan's tables and the gaps listing as plain strings.

Cells hold raw catalogue text; each format makes it inert its own way (render.safe).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dxready.catalog.fiscal import rate_notes
from dxready.catalog.fiscal import (
    wareki as wareki,
)  # where it was: cells, compare and tests import it from here
from dxready.catalog.models import Status, circled
from dxready.engine.levels import LEVEL_NAMES, Readiness, level_words
from dxready.i18n import t as _t
from dxready.render.labels import OWN_PROCEDURE, PHASE, PHASE_NOT_RECORDED, STATE

if TYPE_CHECKING:
    from dxready.catalog.models import CityCounts, Counts, Procedure
    from dxready.engine.run import Report, Summary
    from dxready.findings import Finding


@dataclass(frozen=True)
class Grid:
    title: str
    headers: list[str]
    rows: list[list[str]]


def catalog_label(label: str, lang: str, *, where: bool = True) -> str:
    """The catalogue as a person recognises it: the shipped one by that name; the current directory (``.``, as
    ``dxready`` inside a catalogue resolves it) or a parent (``..``) by its directory's name; any other path as given.
    ``where=False`` (the published page, read away from the officer's shell) leaves out where the directory is
    relative to the shell (「（このディレクトリ）」, 「（..）」)."""
    from pathlib import Path

    from dxready.catalog.load import EMBEDDED

    if label == EMBEDDED:
        return _t(lang, "同梱カタログ", "embedded catalogue")
    if not label or Path(label).name not in ("", ".."):
        return label
    try:
        name = Path(label).resolve().name
    except (OSError, RuntimeError):
        return label
    if not name:  # the file system's root: its path is its name
        return label
    if not where:
        return name
    if Path(label) == Path("."):
        return _t(lang, f"{name}（このディレクトリ）", f"{name} (this directory)")
    return _t(lang, f"{name}（{label}）", f"{name} ({label})")


def embedded_note(report: Report, lang: str) -> str:
    """For ``gaps`` and ``next`` on the shipped catalogue, whose ``dxready set`` steps would be refused: how to make
    an editable copy first. Empty for any other catalogue (the same test as ``set``'s refusal)."""
    from pathlib import Path

    from dxready.catalog.load import EMBEDDED

    c = report.catalog
    packaged = Path(__file__).resolve().parent.parent / "_data"
    try:
        shipped = c.label.startswith(EMBEDDED[:-1]) or c.root.resolve() == packaged
    except OSError:
        shipped = False
    if not shipped:
        return ""
    return _t(
        lang,
        "同梱のカタログ（鴨川市）はそのままでは編集できません。dxready set で記録するには、"
        "先に dxready init DIR --from-embedded で写し、各コマンドに --catalog DIR を付けてください。",
        "The shipped catalogue (Kamogawa) cannot be edited in place: to record with dxready set, copy it first "
        "with dxready init DIR --from-embedded and add --catalog DIR to each command.",
    )


def catalog_parts(report: Report, lang: str) -> list[str]:
    """The header's parts: the municipality and catalogue, the status date, the evaluation date (a narrow terminal
    breaks the header between them, never inside 基準日)."""
    m = report.catalog.procedures_file.municipality
    as_of = report.catalog.procedures_file.as_of
    name = m.name if lang == "ja" or not m.name_en else m.name_en
    when = f"{as_of}" if as_of else "—"
    label = catalog_label(report.catalog.label, lang)
    if lang == "ja":
        return [f"{name}（{m.code}）· カタログ: {label}", f"状況の時点: {when}", f"基準日: {report.as_of}"]
    return [
        f"{name} ({m.code}) · catalogue: {label}",
        f"status as of: {when}",
        f"evaluated on: {report.as_of}",
    ]


def catalog_line(report: Report, lang: str) -> str:
    return " · ".join(catalog_parts(report, lang))


def local(name: str, name_en: str | None, lang: str) -> str:
    """A catalogue name in the output language: the English name where one is recorded, else as written."""
    return name_en if lang == "en" and name_en else name


def subject_names(report: Report, lang: str) -> dict[str, dict[str, str]]:
    """kind → id → display name, for the subjects findings are about."""
    c = report.catalog
    return {
        "procedure": {p.id: local(p.name, p.name_en, lang) for p in c.procedures},
        "system": {s.id: local(s.name, s.name_en, lang) for s in c.systems},
        "roadmap": {r.id: local(r.title, r.title_en, lang) for r in c.roadmap},
    }


def counts_text(c: Counts, lang: str, rows: tuple[int, int] | None = None, *, stated: bool = True) -> str:
    """One year's usage as cities publish it: '77.8%（令和4年度 152,983/196,759件）', '23.2%（令和3年度 公表値、11月末現在）'."""
    rate = c.usage_rate if stated else None
    head = "—" if rate is None else f"{rate:.1f}%"
    year = c.fiscal_year.ja() if lang == "ja" else c.fiscal_year.en()
    details: list[str] = []
    if c.online is not None and c.total is not None:
        details.append(_t(lang, f"{c.online:,}/{c.total:,}件", f"{c.online:,} of {c.total:,}"))
    elif c.online is not None:
        details.append(
            _t(lang, f"オンライン {c.online:,}件（総数未記録）", f"{c.online:,} online (total not recorded)")
        )
    details += rate_notes(c.online is None and c.rate is not None, c.period_end, lang)
    if rows is not None:
        details.append(
            _t(
                lang,
                f"個別手続{rows[1]}件中{rows[0]}件の合計",
                f"sum of {rows[0]} of {rows[1]} sub-procedures",
            )
        )
    if lang == "ja":
        return f"{head}（{year} {'、'.join(details)}）"
    return f"{head} ({year}: {'; '.join(details)})"


def usage_text(p: Procedure, lang: str) -> str:
    """The latest online usage rate as cities publish it: '77.8%（令和4年度 152,983/196,759件）'.

    A group without its own counts shows the sum of its sub-procedures' counts, with how many rows it rests on."""
    from dxready.catalog.usage import latest_usage

    u = latest_usage(p)
    if u is None:
        return ""
    # With a sub-procedure uncounted, the sum is not the group's rate: the counts are shown under a —.
    return counts_text(u.counts, lang, u.rows, stated=u.rate is not None)


def ordered(procs: Sequence[Procedure]) -> list[Procedure]:
    """The standard rows in the catalogue's order, then the city's own procedures (outside the 21)."""
    return [p for p in procs if p.standard_no is not None] + [p for p in procs if p.standard_no is None]


def status_text(p: Procedure, lang: str) -> str:
    """The mark to show: '○', '○（推定）', for a group not yet settled '？（○ 2 / ？ 13 / 15）', and for a group whose
    recorded mark its sub-procedures contradict '？（○ と個別手続 × 1 / ？ 14 / 15 が矛盾）'."""
    from dxready.catalog.models import tally

    status = p.effective_status
    mark = status.mark
    if p.status_contradicted:  # DX008: the recorded mark is not a known status, and the cell says why
        said = tally([s.status for s in p.sub_procedures])
        mark += _t(
            lang, f"（{p.status.mark} と個別手続 {said} が矛盾）", f" ({p.status.mark} contradicts {said})"
        )
    elif status is Status.unknown and p.sub_procedures:
        mark += f"（{tally([s.status for s in p.sub_procedures])}）"
    if p.status_inferred and p.status is not Status.unknown:
        mark += _t(lang, "（推定）", " (inferred)")
    return mark


def procedures(report: Report, lang: str) -> Grid:
    """The plan's table: No. | 手続の種類 | オンライン化 | 備考 (and the usage rate, when any procedure is counted)."""
    procs = ordered(report.catalog.procedures)
    counted = any(p.counts or any(s.counts for s in p.sub_procedures) for p in procs)
    rows = []
    for p in procs:
        row = [
            str(p.standard_no or ""),
            p.name if lang == "ja" or not p.name_en else p.name_en,
            status_text(p, lang),
        ]
        row += [usage_text(p, lang)] if counted else []
        note = p.note or ""
        if p.standard_no is None:  # the counts above the table leave it out: the table says so
            note = _t(lang, *OWN_PROCEDURE) + (f"\n{note}" if note else "")
        rows.append([*row, note])
    as_of = report.catalog.procedures_file.as_of
    title = _t(lang, "標準事務のオンライン化の状況", "Online status of the standard procedures")
    if as_of:
        title += _t(lang, f"（{wareki(as_of)}現在）", f" (as of {as_of})")
    headers = [
        _t(lang, "No.", "No."),
        _t(lang, "手続の種類", "Procedure"),
        _t(lang, "オンライン化", "Online"),
    ]
    headers += [_t(lang, "オンライン利用率", "Online usage")] if counted else []
    return Grid(title, [*headers, _t(lang, "備考", "Note")], rows)


def _business(name: str | None, inferred: bool, lang: str) -> str:
    if not name:
        return ""
    return f"→{name}" + (_t(lang, "（推定）", " (inferred)") if inferred else "")


def systems(report: Report, lang: str) -> Grid:
    rows: list[list[str]] = []
    order = {"backbone": 0, "intranet": 1, "standalone": 2}
    for s in sorted(report.catalog.systems, key=lambda s: order[s.tier.value]):
        modules = [
            m.name + (f" {_business(m.standard_business, m.inferred, lang)}" if m.standard_business else "")
            for m in s.modules
        ]
        business = _business(s.standard_business, "standard_business" in s.inferred, lang)
        mig = ""
        if s.migration is not None:
            phase = PHASE[s.migration.phase.value]
            mig = _t(lang, phase[0], phase[1])
            if s.migration.inferred:  # as the page says it: a guess from the plan is not published as a fact
                mig += _t(lang, "（推定）", " (inferred)")
            if s.migration.target_fiscal_year is not None:
                mig += f" / {s.migration.target_fiscal_year.label(lang)}"
        elif s.tier.value == "backbone":
            mig = _t(lang, *PHASE_NOT_RECORDED)
        name = local(s.name, s.name_en, lang)  # in English by its English name where the catalogue gives one
        rows.append([s.tier.label(lang), s.label or "", name, "\n".join(modules) or business, mig])
    return Grid(
        _t(lang, "業務システム", "Business systems"),
        [
            _t(lang, "区分", "Tier"),
            _t(lang, "記号", "Label"),
            _t(lang, "システム", "System"),
            _t(lang, "構成（標準化対象業務）", "Modules (standardised business)"),
            _t(lang, "標準化移行", "Migration"),
        ],
        rows,
    )


def roadmap(report: Report, lang: str) -> Grid:
    areas = {a.no: a for a in report.catalog.roadmap_file.areas}
    rows: list[list[str]] = []
    for r in report.catalog.roadmap:
        area = areas.get(r.area)
        area_title = (area.title if lang == "ja" or not area.title_en else area.title_en) if area else ""
        if r.target == "none":
            target = _t(lang, "期限なし", "no deadline")
        elif r.target == "recurring":
            target = _t(lang, "適宜", "as needed")
            if r.review_fiscal_year is not None:
                target += _t(
                    lang,
                    f"（{r.review_fiscal_year.ja()} 見直し・改正）",
                    f" (review {r.review_fiscal_year.en()})",
                )
        else:
            target = r.target.label(lang)
        start = r.start_fiscal_year.label(lang) if r.start_fiscal_year else ""
        # No state recorded is a fact not known, worded as every view words one: a blank would read "nothing to say".
        state = _t(lang, *STATE[r.state.value]) if r.state else _t(lang, "未記録", "not recorded")
        title = r.title if lang == "ja" or not r.title_en else r.title_en
        rows.append([f"({r.area}) {area_title}", circled(r.no), title, start, target, state])
    return Grid(
        _t(lang, "工程表", "Roadmap"),
        [
            _t(lang, "取組事項", "Area"),
            _t(lang, "No.", "No."),
            _t(lang, "項目", "Item"),
            _t(lang, "開始", "Start"),
            _t(lang, "目標年度", "Target"),
            _t(lang, "状態", "State"),
        ],
        rows,
    )


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def city_counts(report: Report) -> CityCounts | None:
    """The municipality-wide totals of the latest year the header records (the 条例 publication's)."""
    counts = report.catalog.procedures_file.municipality.counts
    return max(counts, key=lambda c: int(c.fiscal_year)) if counts else None


def contradicted(report: Report) -> int:
    """Standard groups counted unknown because their sub-procedures contradict their recorded mark (DX008)."""
    return sum(p.standard and p.status_contradicted for p in report.catalog.procedures)


def summary_rows(
    summary: Summary,
    lang: str,
    city: CityCounts | None = None,
    contradicted: int = 0,
    *,
    settled_label: bool = True,
) -> list[list[str]]:
    """The summary's rows; ``contradicted``: how many of the unknown are groups whose recorded mark their
    sub-procedures contradict (said beside the count, so that a reader sees why a recorded ○ is not counted). While
    some rows' levels are unsettled, each level's count is of the settled rows only, said in its label
    (``settled_label``; gaps' one line says it by the 未確定 count beside them instead)."""
    from dxready.engine import rates

    s = summary
    rows = [
        [
            _t(lang, "対象手続", "Applicable procedures"),
            rates.applicable_text(s.applicable, s.by_status["unknown"], lang),
        ],
        [f"○ {_t(lang, Status.online.label('ja'), Status.online.label('en'))}", str(s.by_status["online"])],
        [
            f"一部 {_t(lang, Status.partial.label('ja'), Status.partial.label('en'))}",
            str(s.by_status["partial"]),
        ],
        [
            f"× {_t(lang, Status.offline.label('ja'), Status.offline.label('en'))}",
            str(s.by_status["offline"]),
        ],
    ]
    if s.by_status["unknown"]:
        notes: list[str] = []
        if contradicted:
            notes.append(
                _t(
                    lang,
                    f"うち個別手続と矛盾 {contradicted}",
                    f"{contradicted} contradicted by sub-procedures",
                )
            )
        if s.missing:
            # A standard number with no row in the catalogue (DX018): its status is unknown, never left out.
            notes.append(
                _t(lang, f"うち行がない標準手続 {len(s.missing)}", f"missing standard rows: {len(s.missing)}")
            )
        unknown = str(s.by_status["unknown"])
        if notes:
            unknown += _t(lang, f"（{'、'.join(notes)}）", f" ({'; '.join(notes)})")
        rows.append([f"？ {_t(lang, '未確認', 'unknown')}", unknown])
    rows += [
        [f"— {_t(lang, '該当なし（率から除外）', 'not applicable (excluded)')}", str(s.not_applicable)],
        [_t(lang, "オンライン化率（○）", "Online rate (○)"), rates.text(s.online, lang)],
        [_t(lang, "オンライン化率（○＋一部）", "Online rate (○ + 一部)"), rates.text(s.with_partial, lang)],
    ]
    if s.inferred:
        rows.append([_t(lang, "うち推定の状況", "of which inferred"), str(s.inferred)])
    if s.own:
        tally = " / ".join(
            f"{Status(k).mark} {n}"
            for k, n in sorted(s.own.items(), key=lambda kv: list(Status).index(Status(kv[0])))
        )
        rows.append(
            [
                _t(lang, "独自手続（率の対象外）", "own procedures (outside the rates)"),
                _t(lang, f"{sum(s.own.values())}（{tally}）", f"{sum(s.own.values())} ({tally})"),
            ]
        )
    if city is not None:
        label = _t(lang, f"市全体（{city.fiscal_year.ja()}）", f"municipality-wide ({city.fiscal_year.en()})")
        if city.procedures is not None:
            rows.append([f"{label} {_t(lang, '手続数', 'procedures')}", f"{city.procedures:,}"])
        rows.append([f"{label} {_t(lang, 'オンライン利用率', 'online usage')}", counts_text(city, lang)])
    settled = _t(lang, "（確定分）", " (settled)") if s.unsettled and settled_label else ""
    for n in range(5):
        rows.append(
            [f"{_t(lang, 'レベル', 'Level')} {n} {LEVEL_NAMES[n].get(lang)}{settled}", str(s.levels[n])]
        )
    if s.unsettled:
        rows.append([_t(lang, "レベル 未確定", "Level unsettled"), unsettled_text(s.unsettled, lang)])
    return rows


def level_span(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def unsettled_text(unsettled: dict[tuple[int, int], int], lang: str) -> str:
    """'9（2–4）', '12（2–4 9、0–4 3）': rows whose level an unknown fact could still move, and between which levels."""
    total = sum(unsettled.values())
    if len(unsettled) == 1:
        (span,) = unsettled
        return _t(lang, f"{total}（{level_span(*span)}）", f"{total} ({level_span(*span)})")
    spans = [f"{level_span(*span)} {n}" for span, n in unsettled.items()]
    return _t(lang, f"{total}（{'、'.join(spans)}）", f"{total} ({', '.join(spans)})")


def summary(report: Report, lang: str) -> Grid:
    return Grid(
        _t(lang, "オンライン化の概況", "Summary"),
        [_t(lang, "項目", "Item"), _t(lang, "値", "Value")],
        summary_rows(report.summary(), lang, city_counts(report), contradicted(report)),
    )


def level_text(report: Report, pid: str, lang: str) -> str:
    """'2 オンライン申請', with the usage rate when counted; '—' where no level applies."""
    r = report.readiness.get(pid)
    if r is None:
        return "—"
    proc = report.catalog.procedure(pid)
    if proc is not None and proc.effective_status.value == "unknown":
        return _t(lang, "？ 状況が未確認", "? status unknown")
    text = readiness_text(r, lang)
    usage = usage_text(proc, lang) if proc is not None else ""
    return f"{text}\n{_t(lang, '利用率', 'usage')} {usage}" if usage else text


def readiness_text(r: Readiness, lang: str) -> str:
    """'2 オンライン申請' when no unknown fact could change it; '2–4（未確定）' while one could."""
    if r.settled:
        return f"{r.level} {LEVEL_NAMES[r.level].get(lang)}"
    return level_words(*r.bounds).get(lang)


def blockers_text(report: Report, pid: str, lang: str) -> str:
    r = report.readiness.get(pid)
    if r is None or r.level >= 4:
        return ""
    parts = []
    for c in r.blockers:
        mark = _t(lang, "未確認", "unknown") if c.state.value == "unknown" else _t(lang, "未達", "not met")
        parts.append(f"{c.text.get(lang)}（{mark}）" if lang == "ja" else f"{c.text.get(lang)} ({mark})")
    return ("、" if lang == "ja" else "; ").join(parts)


def finding_line(f: Finding, lang: str) -> str:
    return f"{f.code} {f.message.get(lang)}"


def subject_findings(report: Report, kind: str) -> dict[str, list[Finding]]:
    """Findings per subject id, most severe first (the report itself is in file order, for `check`)."""
    out: dict[str, list[Finding]] = {}
    for f in report.findings:
        if f.subject.kind == kind:
            out.setdefault(f.subject.id, []).append(f)
    for findings in out.values():
        if len(findings) > 1:  # most subjects have one or two
            findings.sort(key=most_severe_first)
    return out


def most_severe_first(f: Finding) -> tuple[int, str]:
    return -f.severity.rank, f.code


TABLES = {"procedures": procedures, "systems": systems, "roadmap": roadmap, "summary": summary}
