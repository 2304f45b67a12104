"""``gaps --format json``: the catalogue's findings by subject, written a piece at a time in UTF-8.

Each procedure's entry is made, written and dropped (jsonfast.Lazy), so neither the output nor its tree of dicts
exists whole. The entries and the groups are vouched for to the C writer by their producer (:func:`_vouching`) when
the catalogue's texts are printable, so that only their floats and findings' data are looked at, once, as they are
made.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from dxready.findings import MISSING_FACT
from dxready.render import views
from dxready.render.json_ import (
    _header,
    _roadmap_facts,
    _sources,
    _summary,
    _system_facts,
    _usage,
    finding,
    subject_findings,
)

if TYPE_CHECKING:
    from dxready.engine.levels import Readiness
    from dxready.engine.run import Report
    from dxready.findings import Finding


def _grouped(
    report: Report,
) -> tuple[dict[str, dict[str, list[Finding]]], dict[tuple[str, str, bool], list[Finding]]]:
    """``views.subject_findings`` of every kind (kind → id → findings, most severe first) and the groups' findings
    (``gapsgroups._by_key``: by code, subject kind and asking for a missing fact), in one pass over the findings."""
    by_subject: dict[str, dict[str, list[Finding]]] = {}
    by_key: dict[tuple[str, str, bool], list[Finding]] = {}
    for f in report.findings:
        subject, data = f.subject, f.data
        kind = subject.kind
        by_id = by_subject.get(kind)
        if by_id is None:
            by_id = by_subject[kind] = {}
        found = by_id.get(subject.id)
        if found is None:
            by_id[subject.id] = [f]
        else:
            found.append(f)
        key = (f.code, kind, data.get(MISSING_FACT) is True)  # f.is_missing_fact, inline
        group = by_key.get(key)
        if group is None:
            by_key[key] = [f]
        else:
            group.append(f)
    for by_id in by_subject.values():
        for findings in by_id.values():
            if len(findings) > 1:
                findings.sort(key=views.most_severe_first)
    return by_subject, by_key


def _procedure_entries(
    report: Report, lang: str, show_waived: bool, by_proc: dict[str, list[Finding]], vouching: bool
) -> Iterator[tuple[dict[str, Any], bool]]:
    """Each procedure's entry, with whether it is vouched for as plain to the C writer (``vouching``: its strings
    are, see :func:`_vouching`; then what is left to look at is its rates and its findings' ``data``)."""
    waived: dict[tuple[str, str], list[Finding]] = {}
    for f in report.waived:
        waived.setdefault((f.subject.kind, f.subject.id), []).append(f)
    seen: dict[int, _Levels] = {}
    readiness, catalog = report.readiness, report.catalog
    for p in catalog.procedures:
        r = readiness.get(p.id)
        status = p.effective_status
        value = status._value_  # enums' values without their property (a hot path at 10k procedures)
        level, bounds, criteria, blockers = _levels(r, seen) if r is not None else _NO_LEVELS
        found = by_proc.get(p.id)
        findings, plain = (
            subject_findings(found, {"kind": "procedure", "id": p.id}, lang) if found else ([], True)
        )
        usage = _usage(p, catalog)
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
            "usage": usage,
            "findings": findings,
        }
        if show_waived:
            entry["waived"] = [finding(f, lang) for f in waived.get(("procedure", p.id), [])]
        yield entry, vouching and plain and (usage is None or _rates_alike(usage))


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


def _vouching(report: Report, show_waived: bool) -> bool:
    """Whether the procedures' entries may be vouched for as plain to the C writer (jsonfast.Lazy).

    Their strings are the catalogue's texts (the files' models, scanned once: ``Catalog.text_scan``), the catalogue's
    file names (locations) and the rules' own words, which hold no character the JSON sink escapes (a test reads
    every rule module), so when every scanned text and file name is printable none of them needs looking at again;
    what is left to look at is each entry's floats (rates) and its findings' ``data`` (:func:`_procedure_entries`).
    With ``--show-waived`` the waiver reasons (the settings, not scanned) are there too: not vouched for.
    """
    return not show_waived and _printable(report)


def _printable(report: Report) -> bool:
    """Every text of the catalogue's files and every file name is printable: the strings gaps' entries and groups
    are made of (with the rules' own words) hold no character the JSON sink escapes."""
    catalog = report.catalog
    return all(catalog.text_scan(f).printable for f in ("procedures", "systems", "roadmap")) and all(
        catalog.display(f).isprintable() for f in ("procedures", "systems", "roadmap", "settings")
    )


def _always(group: object) -> bool:
    return True


def _rates_alike(usage: dict[str, Any]) -> bool:
    """A usage's rates are written alike by orjson and json: no float json writes with an exponent, nor NaN."""
    for value in (usage["rate"], usage.get("published_rate")):
        if type(value) is float and not (value == 0.0 or 1e-4 <= abs(value) < 1e16):
            return False
    return True


def gaps_chunks(report: Report, lang: str, show_waived: bool = False) -> Iterator[bytes]:
    """The gaps JSON a piece at a time, in UTF-8 (the registry's ``gaps --format json``; ``render.safe.write``
    writes the bytes as they are): each procedure's entry is made, written and dropped, so neither the output nor its
    tree of dicts exists whole (:func:`gaps` joins them as text)."""
    from dxready.render.gapsgroups import json_groups
    from dxready.render.jsonfast import Lazy, utf8_chunks
    from dxready.render.safe import JSON_ESCAPED, json_inert

    waived: dict[tuple[str, str], list[Finding]] = {}
    for f in report.waived:  # every waived finding is listed with --show-waived, whatever its subject
        waived.setdefault((f.subject.kind, f.subject.id), []).append(f)
    by_subject, by_key = _grouped(report)
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
            _procedure_entries(
                report, lang, show_waived, by_subject.get("procedure", {}), _vouching(report, show_waived)
            ),
            paired=True,
        ),
        "systems": systems,
        "roadmap": roadmap,
        "catalog_findings": other,
        # The findings grouped as the terminal shows them (additive: every finding is also listed above).
        # Vouched for when the catalogue's texts are printable: a group holds no float, only words and ids.
        "groups": Lazy(json_groups(report, lang, by_key), _always if _printable(report) else None),
    }
    yield from utf8_chunks(data, escape=json_inert, escaped=JSON_ESCAPED)  # the JSON sink, string by string
    yield b"\n"


def gaps(report: Report, lang: str, show_waived: bool = False) -> str:
    """``gaps --format json`` as one text."""
    return b"".join(gaps_chunks(report, lang, show_waived)).decode("utf-8")
