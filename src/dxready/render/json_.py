"""JSON output: stable keys, ``schema_version``; additive changes only (ARCHITECTURE.md, "Output contracts")."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from dxready.render import views
from dxready.render.safe import json_dumps

if TYPE_CHECKING:
    from dxready.catalog.load import LoadError
    from dxready.engine.levels import Readiness
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
        out["data"] = {k: v for k, v in data.items() if isinstance(v, _DATA_TYPES)}
    return out


_DATA_TYPES = (str, int, float, bool, list, type(None))
"""The values of ``Finding.data`` that JSON shows (the rest are for the other views)."""


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


def _usage(p: Any) -> dict[str, Any] | None:
    c = p.latest_counts()
    if c is not None:
        return _counts(c)
    years = {int(sc.fiscal_year) for sub in p.sub_procedures for sc in sub.counts}
    summed = p.group_counts(max(years)) if years else None
    if summed is None:
        return None
    total, online, rows = summed
    return {
        "fiscal_year": max(years),
        "total": total,
        "online": online,
        "rate": p.group_rate(max(years)),
        "rate_from": "sub_procedures",
        "coverage": {"known": rows, "total": max(rows, p.applicable_subs)},
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
                {"scope": r.scope, "cards": r.cards, "population": r.population, "rate": r.rate}
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


def _by_subject(report: Report) -> dict[str, dict[str, list[Finding]]]:
    """``views.subject_findings`` of every kind, in one pass over the findings."""
    out: dict[str, dict[str, list[Finding]]] = {}
    for f in report.findings:
        subject = f.subject
        by_id = out.get(subject.kind)
        if by_id is None:
            by_id = out[subject.kind] = {}
        found = by_id.get(subject.id)
        if found is None:
            by_id[subject.id] = [f]
        else:
            found.append(f)
    for by_id in out.values():
        for findings in by_id.values():
            if len(findings) > 1:
                findings.sort(key=views.most_severe_first)
    return out


def _procedure_entries(
    report: Report, lang: str, show_waived: bool, by_proc: dict[str, list[Finding]]
) -> Iterator[dict[str, Any]]:
    waived: dict[tuple[str, str], list[Finding]] = {}
    for f in report.waived:
        waived.setdefault((f.subject.kind, f.subject.id), []).append(f)
    seen: dict[int, _Levels] = {}
    readiness = report.readiness
    for p in report.catalog.procedures:
        r = readiness.get(p.id)
        status = p.effective_status
        value = status._value_  # enums' values without their property (a hot path at 10k procedures)
        level, bounds, criteria, blockers = _levels(r, seen) if r is not None else _NO_LEVELS
        entry: dict[str, Any] = {
            "id": p.id,
            "standard_no": p.standard_no,
            "name": p.name,
            "name_en": p.name_en,
            "note": p.note,
            "status": value,
            "mark": status.mark,
            "recorded_status": p.status._value_,
            "status_inferred": p.status_inferred,
            "level": level if value != "unknown" else None,
            "level_bounds": bounds,
            "criteria": criteria,
            "blockers": blockers,
            "usage": _usage(p),
            "findings": [finding(f, lang) for f in by_proc.get(p.id, ())],
        }
        if show_waived:
            entry["waived"] = [finding(f, lang) for f in waived.get(("procedure", p.id), [])]
        yield entry


_Levels = tuple[int | None, list[int] | None, dict[str, str] | None, list[str]]
_NO_LEVELS: _Levels = (None, None, None, [])


def _levels(r: Readiness, seen: dict[int, _Levels]) -> _Levels:
    """(the level when settled, bounds, each criterion's state by key, blockers' keys). Procedures whose criteria
    stand alike share one Readiness (engine.levels), so ``seen`` (by its identity, while the report holds it) makes
    them once for them all; they are only read."""
    made = seen.get(id(r))
    if made is None:
        made = seen[id(r)] = (
            r.level if r.settled else None,
            list(r.bounds),
            {c.key: c.state._value_ for c in r.criteria},
            [c.key for c in r.blockers],
        )
    return made


def _vouch(report: Report, show_waived: bool) -> Callable[[dict[str, Any]], bool] | None:
    """How the procedures' entries are vouched for as plain to the C writer (jsonfast.Lazy), or None.

    Their strings are the catalogue's texts (the files' models, scanned once: ``Catalog.text_scan``), the catalogue's
    file names (locations) and the rules' own words, which hold no character the JSON sink escapes (a test reads
    every rule module), so when every scanned text and file name is printable none of them needs looking at again;
    what is left to look at is each entry's floats (rates) and its findings' ``data``. With ``--show-waived`` the
    waiver reasons (the settings, not scanned) are there too: not vouched for.
    """
    if show_waived or not _printable(report):
        return None
    from dxready.render.jsonfast import _plain

    keys: set[str] = set()

    def vouched(entry: dict[str, Any]) -> bool:
        usage = entry["usage"]
        if usage is not None and not (
            _written_alike(usage["rate"]) and _written_alike(usage.get("published_rate"))
        ):
            return False
        for f in entry["findings"]:
            data = f.get("data")
            if data:
                for value in data.values():  # _plain's test of a flat mapping, inline (a finding's data)
                    kind = type(value)
                    if kind is float:
                        if not (value == 0.0 or 1e-4 <= abs(value) < 1e16):
                            return False
                    elif kind is list:
                        if not all(type(item) is str for item in value):  # the usual list: ids, names
                            return _plain(entry, None, keys)
                    elif not (kind is str or kind is int or kind is bool or value is None):
                        return _plain(entry, None, keys)  # a subclass, a mapping: every value looked at
        return True

    return vouched


def _printable(report: Report) -> bool:
    """Every text of the catalogue's files and every file name is printable: the strings gaps' entries and groups
    are made of (with the rules' own words) hold no character the JSON sink escapes."""
    catalog = report.catalog
    return all(catalog.text_scan(f).printable for f in ("procedures", "systems", "roadmap")) and all(
        catalog.display(f).isprintable() for f in ("procedures", "systems", "roadmap", "settings")
    )


def _always(group: object) -> bool:
    return True


def _written_alike(value: object) -> bool:
    """A rate's value is written alike by orjson and json: not a float json writes with an exponent or NaN."""
    return type(value) is not float or value == 0.0 or 1e-4 <= abs(value) < 1e16


def gaps_chunks(report: Report, lang: str, show_waived: bool = False) -> Iterator[bytes]:
    """The gaps JSON a piece at a time, in UTF-8 (the registry's ``gaps --format json``; ``render.safe.write``
    writes the bytes as they are): each procedure's entry is made, written and dropped, so neither the output nor its
    tree of dicts exists whole (:func:`gaps` joins them as text)."""
    from dxready.render.gapsview import json_groups
    from dxready.render.jsonfast import Lazy, utf8_chunks
    from dxready.render.safe import JSON_ESCAPED, json_inert

    waived: dict[tuple[str, str], list[Finding]] = {}
    for f in report.waived:  # every waived finding is listed with --show-waived, whatever its subject
        waived.setdefault((f.subject.kind, f.subject.id), []).append(f)
    by_subject = _by_subject(report)
    by_sys = by_subject.get("system", {})
    systems = [
        {
            "id": s.id,
            "name": s.name,
            "tier": s.tier.value,
            **_system_facts(s),
            "findings": [finding(f, lang) for f in by_sys.get(s.id, [])],
            **(
                {"waived": [finding(f, lang) for f in waived.get(("system", s.id), [])]}
                if show_waived
                else {}
            ),
        }
        for s in report.catalog.systems
    ]
    by_road = by_subject.get("roadmap", {})
    areas = {a.no: a for a in report.catalog.roadmap_file.areas}
    roadmap = [
        {
            "id": r.id,
            "area": r.area,
            "title": r.title,
            **_roadmap_facts(r, areas),
            "findings": [finding(f, lang) for f in by_road.get(r.id, [])],
            **(
                {"waived": [finding(f, lang) for f in waived.get(("roadmap", r.id), [])]}
                if show_waived
                else {}
            ),
        }
        for r in report.catalog.roadmap
    ]
    other = [finding(f, lang) for f in report.findings if f.subject.kind in ("catalog", "settings")]
    if show_waived:
        other += [finding(f, lang) for f in report.waived if f.subject.kind in ("catalog", "settings")]
    data = {
        **_header(report, lang),
        **_sources(report),
        "summary": _summary(report),
        "procedures": Lazy(
            _procedure_entries(report, lang, show_waived, by_subject.get("procedure", {})),
            _vouch(report, show_waived),
        ),
        "systems": systems,
        "roadmap": roadmap,
        "catalog_findings": other,
        # The findings grouped as the terminal shows them (additive: every finding is also listed above).
        # Vouched for when the catalogue's texts are printable: a group holds no float, only words and ids.
        "groups": Lazy(json_groups(report, lang), _always if _printable(report) else None),
    }
    yield from utf8_chunks(data, escape=json_inert, escaped=JSON_ESCAPED)  # the JSON sink, string by string
    yield b"\n"


def gaps(report: Report, lang: str, show_waived: bool = False) -> str:
    return b"".join(gaps_chunks(report, lang, show_waived)).decode("utf-8")


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
                "online_rate": (u["rate"] if (u := _usage(p)) else None),
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
