"""JSON output: stable keys, ``schema_version``; additive changes only (ARCHITECTURE.md, "Output contracts")."""

from __future__ import annotations

from itertools import repeat
from typing import TYPE_CHECKING, Any

from dxready.render import views
from dxready.render.safe import json_dumps

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog, LoadError
    from dxready.engine.ranking import NextStep
    from dxready.engine.run import Report, Summary
    from dxready.findings import Finding, Location

SCHEMA_VERSION = 1


def dumps(data: Any) -> str:
    return json_dumps(data, indent=2) + "\n"


def _location(loc: Location | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    return {"file": loc.file, "line": loc.line, "column": loc.column}


def finding(f: Finding, lang: str, *, brief: bool = False) -> dict[str, Any]:
    """The one JSON form of a finding. ``brief`` (diff): code, severity, subject, message and location only."""
    subject, loc, message = f.subject, f.location, f.message
    where = None if loc is None else {"file": loc.file, "line": loc.line, "column": loc.column}
    if brief:
        return {
            "code": f.code,
            "severity": f.severity._value_,
            "subject": {"kind": subject.kind, "id": subject.id},
            "message": message.ja if lang == "ja" else message.en,
            "location": where,
        }
    step = f.next_step
    out: dict[str, Any] = {
        "code": f.code,
        "severity": f.severity._value_,  # the enum's value without its property (a hot path at 10k procedures)
        "subject": {"kind": subject.kind, "id": subject.id},
        "message": message.ja if lang == "ja" else message.en,
        "next_step": None if step is None else step.ja if lang == "ja" else step.en,
        "location": where,
    }
    if f.waived is not None:
        out["waived"] = f.waived
    data = f.data
    if data:
        values = data.values()
        # Usually every value is one JSON shows: a copy made in C, the test a C loop (10,000s of findings).
        if all(map(isinstance, values, repeat(_DATA_TYPES, len(values)))):
            out["data"] = dict(data)
        else:
            out["data"] = {k: v for k, v in data.items() if isinstance(v, _DATA_TYPES)}
    return out


_DATA_TYPES = (str, int, float, bool, list, type(None))
"""The values of ``Finding.data`` that JSON shows (the rest are for the other views)."""


def subject_findings(
    found: list[Finding], subject: dict[str, str], lang: str
) -> tuple[list[dict[str, Any]], bool]:
    """``[finding(f, lang) for f in found]`` for findings about one subject, written ``subject`` (``{"kind", "id"}``,
    one mapping for them all, only read), and whether every value of their ``data`` is one the C writer takes as it
    is (``jsonfast._plain``'s test of a value, strings apart): gaps' procedures, 20,000 findings and more at 10,000,
    each looked at once here rather than again by the writer."""
    ja = lang == "ja"
    made = []
    plain = True
    for f in found:
        loc, message, step = f.location, f.message, f.next_step
        out: dict[str, Any] = {
            "code": f.code,
            "severity": f.severity._value_,
            "subject": subject,
            "message": message.ja if ja else message.en,
            "next_step": None if step is None else step.ja if ja else step.en,
            "location": None if loc is None else {"file": loc.file, "line": loc.line, "column": loc.column},
        }
        if f.waived is not None:
            out["waived"] = f.waived
        data: dict[str, Any] = f.data
        if data:
            for value in data.values():
                kind = type(value)
                if kind is str or kind is int or kind is bool or value is None:
                    continue
                if kind is float:
                    plain = plain and (value == 0.0 or 1e-4 <= abs(value) < 1e16)  # no exponent, no NaN
                elif kind is list:
                    plain = plain and all(type(item) is str for item in value)  # the usual list: ids, names
                else:  # a subclass, a value JSON does not show: finding()'s own way, and the writer looks
                    out["data"] = finding(f, lang)["data"]
                    plain = False
                    break
            else:
                out["data"] = data  # every value one JSON shows: the finding's own mapping, only read
        made.append(out)
    return made, plain


def _header(report: Report, steps_lang: str | None = None) -> dict[str, Any]:
    """The keys every report starts with; with ``steps_lang`` (gaps, next), ``read_only`` on the shipped catalogue:
    it cannot be edited where it is installed, so its ``dxready set`` steps need a copy first."""
    m = report.catalog.procedures_file.municipality
    note = views.embedded_note(report, steps_lang) if steps_lang else ""
    shipped = {"read_only": {"reason": note, "copy": "dxready init DIR --from-embedded"}} if note else {}
    return {
        "schema_version": SCHEMA_VERSION,
        "catalog": report.catalog.label,
        "municipality": {"name": m.name, "code": m.code},
        "as_of": report.as_of.isoformat(),
        **shipped,
    }


def load_problems(exc: LoadError, lang: str) -> str:
    return dumps(
        {
            "schema_version": SCHEMA_VERSION,
            "ok": False,
            "problems": [
                {
                    "code": p.code,
                    "severity": "error",
                    "message": p.message.get(lang),
                    "location": _location(p.location),
                    **({"parser_message": p.detail} if p.detail else {}),
                }
                for p in exc.problems
            ],
            "more_problems": getattr(exc, "more", 0),
        }
    )


def check(report: Report, lang: str) -> str:
    counts = {s: sum(f.severity.value == s for f in report.findings) for s in ("error", "warning", "info")}
    return dumps(
        {
            **_header(report),
            "ok": counts["error"] == 0,
            "counts": {**counts, "waived": len(report.waived)},
            "findings": [finding(f, lang) for f in report.findings],
            "waived": [finding(f, lang) for f in report.waived],
        }
    )


def summary_fields(s: Summary) -> dict[str, Any]:
    """A summary's counts and rates: ``rate`` is null unless every applicable row is known (engine.rates)."""
    from dxready.engine import rates

    return {
        "applicable": s.applicable,
        "applicable_bounds": rates.applicable_bounds(s.applicable, s.by_status["unknown"]),
        "not_applicable": s.not_applicable,
        "by_status": s.by_status,
        **rates.fields(s.online, s.with_partial),
        "online_rate": s.online_rate,
        "online_or_partial_rate": s.online_or_partial_rate,
        "inferred": s.inferred,
        "own_procedures": s.own,
        "levels": {str(k): v for k, v in s.levels.items()},
        "levels_unsettled": [{"low": lo, "high": hi, "count": n} for (lo, hi), n in s.unsettled.items()],
    }


def _city(report: Report) -> dict[str, Any] | None:
    c = views.city_counts(report)
    return None if c is None else _counts(c)


def _severities(report: Report) -> dict[str, int]:
    """Active findings per severity, in one pass (error, warning, info: every key, zero included)."""
    tally = dict.fromkeys(("error", "warning", "info"), 0)
    for f in report.findings:
        tally[f.severity._value_] += 1
    return tally


def _summary(report: Report) -> dict[str, Any]:
    s = report.summary()
    return {
        **summary_fields(s),
        "municipality_counts": _city(report),
        "findings": _severities(report),
        "waived": len(report.waived),
    }


def _counts(c: Any) -> dict[str, Any]:
    computed, published = c.computed_rate, c.rate  # usage_rate and rate_source, each property read once
    out = {
        "fiscal_year": int(c.fiscal_year),
        "total": c.total,
        "online": c.online,
        "rate": computed if computed is not None else published,
        "rate_from": "counts" if computed is not None else "published" if published is not None else None,
        "published_rate": published,
        "period_end": c.period_end.isoformat() if c.period_end else None,
        "source": c.source,
    }
    procedures = vars(c).get(
        "procedures"
    )  # a field of CityCounts only (pydantic's __getattr__ is slow to miss)
    if procedures is not None:
        out["procedures"] = procedures
    return out


def _usage(p: Any, catalog: Catalog) -> dict[str, Any] | None:
    """The procedure's latest usage as JSON, as the catalogue it was loaded in keeps it (DX104 found it first)."""
    if not p.sub_procedures:
        # latest_usage's answer for a row without sub-procedures: its latest own entry, read without making the
        # LatestUsage (gaps -f json asks it of every row, 4,000 more than DX104 at 10,000 procedures)
        own = p.latest_counts()
        return None if own is None else _counts(own)
    u = catalog.latest_usage(p)
    if u is None:
        return None
    if u.rows is None:
        return _counts(u.counts)
    rows, of = u.rows
    return {
        "fiscal_year": u.fiscal_year,
        "total": u.counts.total,
        "online": u.counts.online,
        "rate": u.rate,
        "rate_from": "sub_procedures",
        "coverage": {"known": rows, "total": of},
    }


def _sources(report: Report) -> dict[str, Any]:
    """What the status rests on: the date the catalogue states it for, the plan it comes from, the card rates."""
    pf = report.catalog.procedures_file
    card = pf.municipality.mynumber_card
    return {
        "status_as_of": pf.as_of.isoformat() if pf.as_of else None,
        "municipality_name_en": pf.municipality.name_en,
        "plan": pf.municipality.plan,
        "mynumber_card": None
        if card is None
        else {
            "as_of": card.as_of.isoformat(),
            "population_as_of": card.population_as_of.isoformat() if card.population_as_of else None,
            "rates": [
                # More cards than people (DX017) is no rate to publish: null, the counts as recorded beside it.
                {
                    "scope": r.scope,
                    "cards": r.cards,
                    "population": r.population,
                    "rate": r.rate if r.cards <= r.population else None,
                }
                for r in card.rates
            ],
        },
    }


def _system_facts(s: Any) -> dict[str, Any]:
    return {
        "name_en": s.name_en,
        "label": s.label,
        "businesses": s.businesses(),
        "inferred_businesses": [b for b in s.businesses() if _inferred_business(s, b)],
        "migration": s.migration.model_dump(mode="json") if s.migration else None,
    }


def _inferred_business(s: Any, business: str) -> bool:
    """True when every place the system is said to serve ``business`` is marked as the author's inference."""
    sources = [m.inferred for m in s.modules if m.standard_business == business]
    if s.standard_business == business:
        sources.append("standard_business" in s.inferred)
    return bool(sources) and all(sources)


def _roadmap_facts(r: Any, areas: dict[int, Any]) -> dict[str, Any]:
    area = areas.get(r.area)
    return {
        "area_title": area.title if area else None,
        "area_title_en": area.title_en if area else None,
        "no": r.no,
        "title_en": r.title_en,
        "start_fiscal_year": int(r.start_fiscal_year) if r.start_fiscal_year else None,
        "target": r.target if isinstance(r.target, str) else int(r.target),
        "review_fiscal_year": int(r.review_fiscal_year) if r.review_fiscal_year else None,
        "state": r.state.value if r.state else None,
    }


def next_steps(report: Report, lang: str, steps: list[NextStep]) -> str:
    return dumps(
        {
            **_header(report, lang),
            "steps": [
                {
                    "rank": s.rank,
                    "subject": {"kind": s.subject.kind, "id": s.subject.id},
                    "name": s.display_name(lang),
                    "standard_no": s.standard_no,
                    "action": s.action.get(lang),
                    "score": s.score,
                    "parts": s.parts,
                    "blocked_by": [b.get(lang) for b in s.blocked_by],
                    "blocked_by_ids": list(s.blocked_ids),
                    "codes": list(s.codes),
                    "missing_fact": s.missing_fact,
                }
                for s in steps
            ],
        }
    )


def _table(report: Report, lang: str, grid: views.Grid, records: list[dict[str, Any]]) -> str:
    return dumps({**_header(report), "title": grid.title, "rows": records})


def table_procedures(report: Report, lang: str) -> str:
    records = []
    for p in report.catalog.procedures:
        r = report.readiness.get(p.id)
        records.append(
            {
                "id": p.id,
                "standard_no": p.standard_no,
                "name": p.name,
                "name_en": p.name_en,
                "status": p.effective_status.value,
                "mark": p.effective_status.mark,
                "note": p.note,
                "level": r.level if r and r.settled and p.effective_status.value != "unknown" else None,
                "level_bounds": list(r.bounds) if r else None,
                "channels": [c.kind.value for c in p.channels],
                "sub_procedures": [
                    {
                        "id": s.id,
                        "name": s.name,
                        "status": s.status.value,
                        "mark": s.status.mark,
                        "usage": _counts(c) if (c := s.latest_counts()) else None,
                    }
                    for s in p.sub_procedures
                ],
                "status_inferred": p.status_inferred,
                "online_rate": (u["rate"] if (u := _usage(p, report.catalog)) else None),
            }
        )
    return _table(report, lang, views.procedures(report, lang), records)


def table_systems(report: Report, lang: str) -> str:
    records = [
        {
            "id": s.id,
            "label": s.label,
            "name": s.name,
            "tier": s.tier.value,
            "suite": s.suite,
            "modules": [
                {"name": m.name, "standard_business": m.standard_business, "inferred": m.inferred}
                for m in s.modules
            ],
            "standard_business": s.standard_business,
            "businesses": s.businesses(),
            "migration": s.migration.model_dump(mode="json") if s.migration else None,
            "data_input": s.data_input.value if s.data_input else None,
        }
        for s in report.catalog.systems
    ]
    return _table(report, lang, views.systems(report, lang), records)


def table_roadmap(report: Report, lang: str) -> str:
    records = [
        {
            "id": r.id,
            "area": r.area,
            "no": r.no,
            "title": r.title,
            "start_fiscal_year": int(r.start_fiscal_year) if r.start_fiscal_year else None,
            "target": r.target if isinstance(r.target, str) else int(r.target),
            "review_fiscal_year": int(r.review_fiscal_year) if r.review_fiscal_year else None,
            "state": r.state.value if r.state else None,
            "procedures": r.procedures,
            "systems": r.systems,
        }
        for r in report.catalog.roadmap
    ]
    return _table(report, lang, views.roadmap(report, lang), records)


def table_summary(report: Report, lang: str) -> str:
    return dumps({**_header(report), "summary": _summary(report)})
