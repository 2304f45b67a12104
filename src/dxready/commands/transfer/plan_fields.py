"""Rows → the remaining fields wanted (commands/transfer/fields.py, written by commands/transfer/extras.py): each
non-blank cell read, checked as the model's field, and kept when it says something else than the catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dxready.commands.transfer.cells import CellError
from dxready.commands.transfer.extras import MUNICIPALITY, Extras, Where
from dxready.commands.transfer.fieldcells import checked, from_cell
from dxready.commands.transfer.fields import HEADER_FIELDS, REMOVE, FieldSpec
from dxready.commands.transfer.results import RowFate, Said
from dxready.findings import Msg

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog


_NESTED = {"gov_cloud": "migration"}
"""A column whose field belongs to a nested model (a system's ``migration.gov_cloud``)."""


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, list) and not value)


def want_fields(
    extras: Extras,
    where: Where,
    fields: tuple[FieldSpec, ...],
    model: type,
    current: Any,
    cells: dict[str, Any],
    said_where: Msg,
) -> list[Said]:
    """Every field of ``fields`` whose cell asks for a change of ``current`` (None: a new entry), recorded in
    ``extras``; what changes, as Said; CellError naming the column of a bad or contradicting cell."""
    said: list[Said] = []
    for spec in fields:
        if spec.key == "recorded" or spec.key not in cells:
            continue
        data = from_cell(spec, cells[spec.key])
        if data is None:
            continue
        key, owner, kind = spec.key, current, model
        if key in _NESTED:
            from dxready.catalog.models import Migration

            owner = getattr(current, _NESTED[key], None) if current is not None else None
            kind, key = Migration, f"{_NESTED[key]}.{key}"
        name = key.rsplit(".", 1)[-1]
        old = getattr(owner, name, None) if owner is not None else None
        if data is REMOVE:
            if kind.model_fields[name].is_required():  # type: ignore[attr-defined]
                raise CellError(spec.key, "必須の項目は削除できません", "a required field cannot be removed")
            if _empty(old) and current is not None:
                continue
            value: Any = REMOVE
        else:
            value = checked(kind, spec, data, name)
            if current is not None and value == old:
                continue
        earlier = extras.want(where, key, value, said_where)
        if earlier is not None:
            raise CellError(
                spec.key, f"{earlier.ja} と矛盾します（{spec.ja}）", f"contradicts {earlier.en} ({spec.en})"
            )
        said.append(Said("field_removed" if value is REMOVE else "field", (spec.ja, spec.en)))
    return said


def _header_target(catalog: Catalog, key: str) -> tuple[Where, type, Any]:
    from dxready.catalog.models import Municipality, ProceduresFile, RoadmapFile

    if key == "areas":
        return ("roadmap",), RoadmapFile, catalog.roadmap_file
    if key.startswith("municipality."):
        return ("procedures", MUNICIPALITY), Municipality, catalog.procedures_file.municipality
    return ("procedures",), ProceduresFile, catalog.procedures_file


def _same_municipality(cell: Any, municipality: Any) -> None:
    """A 基本情報 sheet of another municipality is not imported: its 団体コード must be the catalogue's."""
    from dxready.commands.transfer.cells import cell_text
    from dxready.commands.transfer.fields import REMOVE_FORMS

    code = cell_text(cell)
    if code is not None and code not in REMOVE_FORMS and code.zfill(6) != municipality.code:
        raise CellError(
            "code",
            f"団体コード {code} はこのカタログの {municipality.code}（{municipality.name}）と違います。別の団体の表は"
            "読み込みません（その団体には dxready init DIR --name 団体名 で新しいカタログを。このカタログの団体コードが"
            "誤りなら procedures.yaml の municipality.code を書き換えてください）",
            f"code {code} is not this catalogue's {municipality.code} ({municipality.name}): another "
            "municipality's sheet is not imported (for that municipality, make a catalogue with dxready init DIR "
            "--name NAME; if this catalogue's code is wrong, edit municipality.code in procedures.yaml)",
        )


def header_sheet(
    extras: Extras, sheet: str, rows: list[tuple[int, list[Any]]], header_row: int, catalog: Catalog
) -> list[RowFate]:
    """The 基本情報 sheet: one row per field (項目, 値), by its Japanese or English label."""
    from dxready.commands.transfer.cells import cell_text

    by_label = {label: f for f in HEADER_FIELDS for label in (f.ja, f.en)}
    fates: list[RowFate] = []
    for n, values in rows:
        if n <= header_row:
            continue
        label = cell_text(values[0] if values else None) or ""
        cell = values[1] if len(values) > 1 else None
        if not label and cell_text(cell) is None:
            continue
        spec = by_label.get(label)
        if spec is None:
            fates.append(
                RowFate(
                    sheet,
                    n,
                    "refused",
                    name=label,
                    column="A",
                    header="項目",
                    reason=Msg(f"項目 {label!r} はありません", f"no such field: {label!r}"),
                )
            )
            continue
        where, model, current = _header_target(catalog, spec.key)
        name = spec.key.rsplit(".", 1)[-1]
        short = FieldSpec(name, spec.ja, spec.en, spec.kind)
        try:
            if name == "code":
                _same_municipality(cell, current)
            said = want_fields(
                extras,
                where,
                (short,),
                model,
                current,
                {name: cell},
                Msg(f"{sheet} {n}行", f"{sheet} row {n}"),
            )
        except CellError as exc:
            fates.append(RowFate(sheet, n, "refused", name=label, column="B", header="値", reason=exc.msg))
            continue
        fates.append(RowFate(sheet, n, "matched" if said else "unchanged", name=label, changes=tuple(said)))
    return fates
