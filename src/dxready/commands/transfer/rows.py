"""A catalogue as the workbook's rows (pure: no file is touched): the sheets whose cells are the catalogue's own
values. The 手続 and 概況 sheets, which word levels, usage and rates, are built in ``render/workbook.py``; import
compares the システム and 工程表 rows made here with a sheet read back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dxready.catalog.labels import printed
from dxready.commands.transfer.fields import (
    EMPTY,
    HEADER_FIELDS,
    ROADMAP_FIELDS,
    SUB_FIELDS,
    SYSTEM_FIELDS,
    FieldSpec,
    to_cell,
)
from dxready.commands.transfer.sheets import (
    Cell,
)

NONE = "（なし）"
"""What export writes for a value that is absent where a fresh ``init`` would have one (import removes it)."""

if TYPE_CHECKING:
    from dxready.catalog.models import Channel, Counts
    from dxready.engine.run import Report


# --------------------------------------------------------------------------------------------------- cell values


def count_fields(c: Counts) -> dict[str, Any]:
    """One count entry as plain values: the one place that reads a count's fields (total, online, rate, …)."""
    rate = getattr(c, "rate", None)
    return {
        "fiscal_year": c.fiscal_year,
        "total": getattr(c, "total", None),
        "online": getattr(c, "online", None),
        "rate": rate,
        "period_end": getattr(c, "period_end", None),
        "source": getattr(c, "source", None),
    }


def channel_text(ch: Channel) -> str:
    """``kind``, ``kind:name``, then `` | since=DATE`` and `` | inferred`` (one channel per line of the cell)."""
    text = ch.kind.value + (f":{ch.name}" if ch.name else "")
    if ch.since is not None:
        text += f" | since={ch.since.isoformat()}"
    if ch.inferred:
        text += " | inferred"
    if ch.note is not None:
        text += " | note=" + ch.note.replace("\n", " ")
    return text


def extra_cells(fields: tuple[FieldSpec, ...], entry: Any) -> list[Cell]:
    """The last columns of a row: the entry's remaining fields (commands/transfer/fields.py). ``recorded`` is a
    group's own recorded status (its オンライン化 cell shows the effective one)."""
    cells: list[Cell] = []
    for f in fields:
        if f.key == "recorded":
            cells.append(entry.status.mark if getattr(entry, "sub_procedures", None) else None)
        elif f.key == "gov_cloud":
            cells.append(to_cell(f, entry.migration.gov_cloud if entry.migration else None))
        elif f.key == "name_en" and getattr(entry, "standard_no", None) and entry.name_en is None:
            cells.append(NONE)  # init gives every standard row an English name: say there is none here
        else:
            cells.append(field_cell(f, type(entry), getattr(entry, f.key)))
    return cells


def field_cell(f: FieldSpec, model: type, value: Any) -> Cell:
    """A field's cell: an empty list is written ``[]`` where the field may also be absent (its default is None), so
    that import tells "recorded: none" (添付書類 not needed) from "not recorded" (blank); else :func:`to_cell`."""
    if isinstance(value, list) and not value:
        info = getattr(model, "model_fields", {}).get(f.key.rsplit(".", 1)[-1])
        if info is not None and info.default is None and info.default_factory is None:
            return EMPTY
    return to_cell(f, value)


def header_value(catalog: Any, key: str) -> Any:
    """A 基本情報 field's value in the catalogue (``municipality.code``, ``as_of``, ``facts``, ``areas``)."""
    if key == "areas":
        return catalog.roadmap_file.areas
    if key.startswith("municipality."):
        return getattr(catalog.procedures_file.municipality, key.split(".", 1)[1])
    return getattr(catalog.procedures_file, key)


def header_model(catalog: Any, key: str) -> type:
    """The model that holds a 基本情報 field (the municipality's, the procedures file's or the roadmap file's)."""
    if key == "areas":
        return type(catalog.roadmap_file)
    if key.startswith("municipality."):
        return type(catalog.procedures_file.municipality)
    return type(catalog.procedures_file)


def header_rows(report: Report, lang: str) -> list[list[Cell]]:
    from dxready.i18n import t

    rows: list[list[Cell]] = []
    for f in HEADER_FIELDS:
        value = header_value(report.catalog, f.key)
        # A value the header lacks is said (（なし）), so that an import into a catalogue that has one removes it.
        rows.append(
            [
                t(lang, f.ja, f.en),
                NONE if value is None else field_cell(f, header_model(report.catalog, f.key), value),
            ]
        )
    return rows


def sources(entry: object) -> str:
    found = getattr(entry, "sources", None) or ()
    return "\n".join(str(getattr(s, "url", None) or getattr(s, "text", None) or s) for s in found)


def sub_rows(report: Report) -> list[list[Cell]]:
    return [
        [
            p.id,
            p.standard_no,
            p.name,
            s.id,
            s.name,
            s.status.mark,
            "\n".join(channel_text(c) for c in s.channels),
            s.note,
            *extra_cells(SUB_FIELDS, s),
        ]
        for p in report.catalog.procedures
        for s in p.sub_procedures
    ]


def count_rows(report: Report, lang: str) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for p in report.catalog.procedures:
        owners: list[tuple[str | None, str, Sequence[Counts]]] = [(None, p.name, p.counts)]
        owners += [(s.id, s.name, getattr(s, "counts", None) or ()) for s in p.sub_procedures]
        for sub_id, name, counts in owners:
            for c in sorted(counts, key=lambda c: int(c.fiscal_year)):
                f = count_fields(c)
                rows.append(
                    [
                        p.id,
                        sub_id,
                        p.standard_no,
                        name,
                        f["fiscal_year"].label(lang),
                        f["total"],
                        f["online"],
                        f["rate"],
                        f["period_end"],
                        f["source"],
                    ]
                )
    return rows


def system_rows(report: Report, lang: str) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for s in report.catalog.systems:
        mig = s.migration
        rows.append(
            [
                s.id,
                s.name,
                s.tier.label(lang),
                s.label,
                s.standard_business,  # the modules' own are in the モジュール column
                printed(mig.phase, lang) if mig else None,
                mig.target_fiscal_year.label(lang) if mig and mig.target_fiscal_year else None,
                printed(mig.track, lang) if mig else None,
                printed(s.data_input, lang) if s.data_input else None,
                s.owner,
                s.note,
                # The author's inferences, so that an import never takes them for facts (modules say their own).
                ", ".join([*s.inferred, *(["migration"] if mig and mig.inferred else [])]) or None,
                *extra_cells(SYSTEM_FIELDS, s),
            ]
        )
    return rows


def roadmap_rows(report: Report, lang: str) -> list[list[Cell]]:
    areas = {a.no: a for a in report.catalog.roadmap_file.areas}
    rows: list[list[Cell]] = []
    for r in report.catalog.roadmap:
        area = areas.get(r.area)
        target = r.target if isinstance(r.target, str) else r.target.label(lang)
        rows.append(
            [
                r.id,
                f"({r.area}) {area.title}" if area else f"({r.area})",
                r.no,
                r.title,
                r.start_fiscal_year.label(lang) if r.start_fiscal_year else None,
                target,
                printed(r.state, lang) if r.state else None,
                r.note,
                ", ".join(r.inferred) or None,
                *extra_cells(ROADMAP_FIELDS, r),
            ]
        )
    return rows
