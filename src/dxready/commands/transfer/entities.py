"""``dxready import``: export's システム and 工程表 sheets into systems.yaml and roadmap.yaml.

Each row is matched by its ID. A known ID gets the cells that differ from what export writes for it (a blank cell
changes nothing, as in the procedures sheet); an unknown ID is a new entry (a system needs 名称 and 区分, a roadmap item
項目 and 取組事項). An area written ``(2) 情報システムの標準化・共通化`` that the roadmap file does not define yet is added to
its ``areas``. The values go through ``set system|roadmap``'s option checks (commands/entity_options.py) and are
written with its splices (commands/entity_splices.py, commands/edit_entities.py): comments and formatting kept,
fiscal years in the file's own style. Nothing here writes a file: :func:`entity_texts` returns the new texts for
the import to validate with procedures.yaml and write, all or nothing.

A system's 標準化対象業務 cell lists its businesses, one a line; several can only come from its modules, which a
sheet cannot describe: such a cell is refused unless it already says what the catalogue says.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dxready.commands.entity_options import EntityChange, roadmap_change, system_change
from dxready.commands.transfer.cells import CellError
from dxready.commands.transfer.extras import Extras
from dxready.commands.transfer.fieldcells import enum_refusal
from dxready.commands.transfer.fields import REMOVE_FORMS, ROADMAP_FIELDS, SYSTEM_FIELDS
from dxready.commands.transfer.plan_fields import want_fields
from dxready.commands.transfer.results import Said
from dxready.errors import DxreadyError
from dxready.findings import Msg

if TYPE_CHECKING:
    from pathlib import Path

    from dxready.catalog.load import Catalog

Value = str | int | float | dt.date | None

_AREA = re.compile(r"^\s*[(（]?\s*(\d{1,2})\s*[)）]?\s*(.*)$", re.DOTALL)
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True)
class EntityRow:
    """What one row of a システム / 工程表 sheet asks for (``change`` is None when it changes nothing)."""

    kind: str  # system | roadmap
    ident: str
    name: str
    change: EntityChange | None
    new: bool
    said: tuple[Said, ...] = ()
    fields: bool = False
    """The row changes some of the remaining fields (commands/transfer/extras.py)."""


@dataclass
class EntityPlan:
    """Every row's wish, by file; areas the roadmap file lacks (no → title)."""

    rows: list[EntityRow] = field(default_factory=list)
    areas: dict[int, str] = field(default_factory=dict)
    extras: Extras = field(default_factory=Extras)
    """The remaining fields (commands/transfer/extras.py), shared with the procedures' planner."""

    @property
    def empty(self) -> bool:
        return not self.areas and all(r.change is None for r in self.rows)


class RowRefused(ValueError):
    """A cell the row cannot be imported with: ``key`` is its column's key, ``msg`` why."""

    def __init__(self, key: str, msg: Msg) -> None:
        super().__init__(msg.en)
        self.key = key
        self.msg = msg


def _text(value: Value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return text.strip() or None


def _word(value: Value) -> str | None:
    """An enum cell as typed or as export wrote it (基幹系, Backbone, planning …): folded for entity_options."""
    text = _text(value)
    return None if text is None else unicodedata.normalize("NFKC", text).strip().casefold().replace(" ", "_")


def _tier(value: Value) -> str | None:
    from dxready.catalog.models import Tier

    word = _word(value)
    if word is None:
        return None
    labels = {t.label(lang).casefold(): t.value for t in Tier for lang in ("ja", "en")}
    return labels.get(word, _text(value))


# --------------------------------------------------------------------------------------------------- rows


def _differs(old: Any, new: Value) -> bool:
    """A non-blank cell that says something else than export writes for the catalogue (blank = no change)."""
    if _text(new) is None:
        return False
    if isinstance(old, int | float) and isinstance(new, int | float):
        return float(old) != float(new)
    return _text(old) != _text(new)


def _changed_cells(cells: dict[str, Value], exported: list[dict[str, Any]]) -> dict[str, Value]:
    """The cells that differ from export's row for the entry, in either language (empty: nothing to change)."""
    best: dict[str, Value] | None = None
    for row in exported:
        diff = {k: v for k, v in cells.items() if k in row and _differs(row[k], v)}
        if best is None or len(diff) < len(best):
            best = diff
    return cells if best is None else best


_MODULES_NOTE = Said("entity_modules")


def _system(cells: dict[str, Value], entry: Any) -> tuple[EntityChange, list[Said]]:
    businesses = [b.strip() for b in (_text(cells.get("standard_business")) or "").splitlines() if b.strip()]
    notes: list[Said] = []
    if len(businesses) > 1:  # a sheet cannot describe modules: left as it is, and said
        businesses = []
    return system_change(
        name=_text(cells.get("name")),
        tier=_tier(cells.get("tier")),
        label=_text(cells.get("label")),
        standard_business=businesses[0] if businesses else None,
        phase=_word(cells.get("phase")),
        migration_target=_text(cells.get("target")),
        track=_word(cells.get("track")),
        data_input=_word(cells.get("data_input")),
        owner=_text(cells.get("owner")),
        note=_text(cells.get("note")),
    ), notes


def _markable(kind: str) -> tuple[str, ...]:
    """The fields an entry's ``inferred`` list may name: the model's own (``id`` and ``inferred`` aside)."""
    from dxready.catalog.models import RoadmapItem, System

    model = System if kind == "system" else RoadmapItem
    return tuple(k for k in model.model_fields if k not in ("id", "inferred"))


def _mark_inferred(kind: str, cells: dict[str, Value], entry: Any, extras: Extras, where: Msg) -> list[Said]:
    """The 推定 cell (``standard_business, data_input, migration``): those values are marked as the author's
    inference (``inferred``; a system's ``migration.inferred``), so that an inference is never imported as a fact,
    and a mark the cell no longer names is taken off. A blank cell changes nothing; ``（なし）`` takes every mark off."""
    text = _text(cells.get("inferred"))
    if text is None:
        return []
    ident = _text(cells.get("id")) or ""
    at = ("systems" if kind == "system" else "roadmap", ident)
    if text in REMOVE_FORMS:
        text = ""
    names = [n for n in re.split(r"[\s,、，]+", unicodedata.normalize("NFKC", text)) if n]
    markable = _markable(kind)
    unknown = [n for n in names if n not in markable]
    if unknown:
        raise RowRefused(
            "inferred",
            Msg(
                f"推定の項目 {unknown[0]!r} はありません（{', '.join(markable)}）",
                f"no such field to mark as inferred: {unknown[0]!r} (use {', '.join(markable)})",
            ),
        )
    from dxready.commands.transfer.fields import REMOVE

    said: list[Said] = []
    wanted: dict[str, Any] = {}
    if kind == "system":
        flagged = bool(entry is not None and entry.migration is not None and entry.migration.inferred)
        if ("migration" in names) != flagged:
            wanted["migration.inferred"] = True if "migration" in names else REMOVE
        names = [n for n in names if n != "migration"]
    marks = list(dict.fromkeys(names))
    if marks != list(getattr(entry, "inferred", []) or []):
        wanted["inferred"] = marks or REMOVE
    for key, value in wanted.items():
        earlier = extras.want(at, key, value, where)
        if earlier is not None:
            raise RowRefused("inferred", Msg(f"{earlier.ja} と矛盾します", f"contradicts {earlier.en}"))
        said.append(Said("field", ("推定", "inferred")))
    return said[:1]


def _area(value: Value) -> tuple[int | None, str]:
    text = _text(value)
    if text is None:
        return None, ""
    found = _AREA.match(unicodedata.normalize("NFKC", text))
    if found is None:
        raise RowRefused(
            "area", Msg(f"取組事項 {text!r} を読めません（例: (2) 標準化）", f"cannot read the area {text!r}")
        )
    return int(found.group(1)), found.group(2).strip()


def _number(value: Value, key: str) -> int | None:
    text = _text(value)
    if text is None:
        return None
    folded = unicodedata.normalize("NFKC", text).strip().rstrip(".")
    if not folded.isdigit():
        raise RowRefused(key, Msg(f"番号 {text!r} を読めません", f"cannot read the number {text!r}"))
    return int(folded)


def _roadmap(cells: dict[str, Value]) -> EntityChange:
    area, _ = _area(cells.get("area"))
    return roadmap_change(
        area=area,
        no=_number(cells.get("no"), "no"),
        title=_text(cells.get("title")),
        start=_text(cells.get("start")),
        target=_text(cells.get("target")),
        state=_word(cells.get("state")),
        note=_text(cells.get("note")),
    )


def _option_key(exc: DxreadyError) -> str:
    """The column of the option an entity_options refusal names (``--migration-target`` → ``target``)."""
    option = str(getattr(exc, "option", "")).lstrip("-").replace("-", "_")
    return {"migration_target": "target", "area": "area"}.get(option, option)


def plan_row(
    kind: str,
    cells: dict[str, Value],
    catalog: Catalog,
    exported: dict[str, list[dict[str, Any]]],
    extras: Extras | None = None,
) -> EntityRow:
    """One row of a システム / 工程表 sheet: what it changes, or RowRefused naming the column at fault."""
    ident = unicodedata.normalize("NFKC", _text(cells.get("id")) or "").strip()
    name = _text(cells.get("name" if kind == "system" else "title")) or ""
    if not _ID.fullmatch(ident) or len(ident) > 80:
        raise RowRefused(
            "id",
            Msg(
                f"ID {ident!r} は英小文字・数字・ハイフンで書いてください",
                f"ID {ident!r}: use a-z, 0-9 and -",
            ),
        )
    entries = catalog.systems if kind == "system" else catalog.roadmap
    entry = next((e for e in entries if e.id == ident), None)
    extras = extras if extras is not None else Extras()
    where = Msg(f"{kind} {ident}", f"{kind} {ident}")
    try:
        more = want_fields(
            extras,
            ("systems" if kind == "system" else "roadmap", ident),
            SYSTEM_FIELDS if kind == "system" else ROADMAP_FIELDS,
            type(entry) if entry is not None else _model(kind),
            entry,
            cells,
            where,
        )
    except CellError as exc:
        raise RowRefused(exc.key, exc.msg) from None
    more += _mark_inferred(kind, cells, entry, extras, where)
    base = {k: v for k, v in cells.items() if k not in _extra_keys(kind)}
    wanted = {k: v for k, v in base.items() if k != "id"}
    if entry is not None:
        wanted = _changed_cells(wanted, exported.get(ident, []))
    wanted.pop("inferred", None)
    if not any(_text(v) is not None for v in wanted.values()):
        if entry is None and more:
            raise RowRefused(
                "name" if kind == "system" else "title",
                Msg("新しい ID には必須です", "required for a new ID"),
            )
        return EntityRow(kind, ident, name, None, False, tuple(more), bool(more))
    try:
        change, notes = _system(wanted, entry) if kind == "system" else (_roadmap(wanted), [])
    except DxreadyError as exc:
        key = _option_key(exc)  # an enum's refusal in the sheet's words, not set's option and values
        raise RowRefused(key, enum_refusal(key, _text(cells.get(key)) or "") or Msg(*_said(exc))) from None
    if entry is None:
        required = ("name", "tier") if kind == "system" else ("title", "area")
        given = {v.path[0] for v in change.values}
        missing = [k for k in required if k not in given]
        if missing:
            raise RowRefused(missing[0], Msg("新しい ID には必須です", "required for a new ID"))
    said = [Said("entity_value", (".".join(v.path), v.text, kind)) for v in change.values]
    said += [Said("entity_marks", (key, ", ".join(ids), kind)) for key, ids in change.lists.items() if ids]
    if change.empty:
        return EntityRow(kind, ident, name, None, False, tuple(notes + more), bool(more))
    return EntityRow(kind, ident, name, change, entry is None, tuple(said + notes + more), bool(more))


def _model(kind: str) -> type:
    from dxready.catalog.models import RoadmapItem, System

    return System if kind == "system" else RoadmapItem


def _extra_keys(kind: str) -> set[str]:
    return {f.key for f in (SYSTEM_FIELDS if kind == "system" else ROADMAP_FIELDS)}


def _said(exc: DxreadyError) -> tuple[str, str]:
    message = getattr(exc, "message", None)
    if isinstance(message, Msg):
        return message.ja, message.en
    problems = getattr(exc, "problems", [])
    if problems:
        return problems[0].message.ja, problems[0].message.en
    return str(exc), str(exc)


def area_of(cells: dict[str, Value], catalog: Catalog) -> tuple[int, str] | None:
    """An area the row names with a title that the roadmap file does not define yet (to be added)."""
    no, title = _area(cells.get("area"))
    if no is None or not title or any(a.no == no for a in catalog.roadmap_file.areas):
        return None
    return no, title


def exported_rows(catalog: Catalog) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """export's システム and 工程表 rows of the catalogue as key → cell, by id, in both languages."""
    from dxready.commands.transfer.rows import roadmap_rows, system_rows
    from dxready.commands.transfer.sheets import ROADMAP, SYSTEMS
    from dxready.engine.run import Report

    report = Report(catalog=catalog, as_of=dt.date.today(), findings=(), waived=())
    out: dict[str, dict[str, list[dict[str, Any]]]] = {"system": {}, "roadmap": {}}
    for lang in ("ja", "en"):
        for kind, spec, rows in (
            ("system", SYSTEMS, system_rows(report, lang)),
            ("roadmap", ROADMAP, roadmap_rows(report, lang)),
        ):
            for row in rows:
                cells = {c.key: v for c, v in zip(spec.columns, row, strict=True)}
                out[kind].setdefault(str(row[0]), []).append(cells)
    return out


# --------------------------------------------------------------------------------------------------- texts


def entity_texts(
    plan: EntityPlan, texts: dict[str, str], catalog: Catalog, shown: dict[str, str]
) -> dict[str, str]:
    """systems.yaml and roadmap.yaml (``texts``: file → current text) with the plan applied; unchanged files are
    left out. Raises the entity writers' errors (the caller refuses the import then)."""
    from dxready.commands import edit
    from dxready.commands.edit_entities import _block, append_entries
    from dxready.commands.entity_splices import _entry_splices

    out: dict[str, str] = {}
    for kind, file, key in (("system", "systems", "systems"), ("roadmap", "roadmap", "roadmap")):
        rows = [r for r in plan.rows if r.kind == kind and r.change is not None]
        text = texts[file]
        if file == "roadmap" and plan.areas:
            blocks = [
                [f"no: {no}", f"title: {edit.scalar(title)}"] for no, title in sorted(plan.areas.items())
            ]
            text = append_entries(text, "areas", blocks, shown[file])
        if not rows:
            if text != texts[file]:
                out[file] = text
            continue
        entries: tuple[Any, ...] = catalog.systems if kind == "system" else catalog.roadmap
        index = {e.id: i for i, e in enumerate(entries)}
        doc = edit._Doc(text)
        seq = doc.items(doc.root)[key][1]
        splices: list[Any] = []
        for row in rows:
            if row.new or row.change is None:
                continue
            i = index[row.ident]
            more, _ = _entry_splices(doc, seq.value[i], row.change, entries[i])
            splices += more
        text = edit.apply(text, splices) if splices else text
        blocks = [[f"id: {r.ident}", *_block(r.change)] for r in rows if r.new and r.change]
        text = append_entries(text, key, blocks, shown[file])
        if text != texts[file]:
            out[file] = text
    return out


def entity_files(
    plan: EntityPlan, root: Path, catalog: Catalog, procedures: str | None
) -> tuple[list[tuple[Any, str]], Catalog | None]:
    """The files the plan changes, each with its new text, and the catalogue they make together with
    ``procedures`` (procedures.yaml's new text, or None when the import leaves it alone): validated as the loader
    would read them (schema, cross-file references, DX010), or the loader's error. Nothing is written here."""
    from dxready.commands.edit_entities import _read, validate_files

    if plan.empty:
        return [], None
    files = {f: _read(root, f) for f in ("systems", "roadmap")}
    texts = entity_texts(
        plan, {f: x.text for f, x in files.items()}, catalog, {f: x.shown for f, x in files.items()}
    )
    if not texts:
        return [], None
    candidate = validate_files(
        {**texts, **({"procedures": procedures} if procedures is not None else {})}, catalog
    )
    return [(files[f], text) for f, text in texts.items()], candidate


# --------------------------------------------------------------------------------------------------- sheets


def _letter(index: int) -> str:
    letters = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def plan_sheet(
    plan: EntityPlan,
    kind: str,
    sheet: str,
    rows: list[tuple[int, list[Value]]],
    table: Any,
    catalog: Catalog,
    exported: dict[str, dict[str, list[dict[str, Any]]]],
) -> list[Any]:
    """Every row of one システム (``kind`` system) or 工程表 (roadmap) sheet: its fate, and its wish in ``plan``.
    ``table`` is the import's header (``header_row``, ``columns`` key → index, ``headers``)."""
    from dxready.commands.transfer.results import RowFate

    fates: list[Any] = []
    seen: dict[str, int] = {}
    for n, values in rows:
        if n <= table.header_row or all(_text(v) is None for v in values):
            continue
        cells = {key: values[i] if i < len(values) else None for key, i in table.columns.items()}
        ident = _text(cells.get("id")) or ""
        name = _text(cells.get("name" if kind == "system" else "title")) or ""
        try:
            if ident in seen:
                raise RowRefused(
                    "id",
                    Msg(
                        f"ID {ident} は {seen[ident]} 行目にもあります",
                        f"ID {ident} is also on row {seen[ident]}",
                    ),
                )
            row = plan_row(kind, cells, catalog, exported[kind], plan.extras)
            area = area_of(cells, catalog) if kind == "roadmap" else None
        except RowRefused as exc:
            col = table.columns.get(exc.key, 0)
            fates.append(
                RowFate(
                    sheet,
                    n,
                    "refused",
                    ident,
                    name,
                    column=_letter(col),
                    header=table.headers[col],
                    reason=exc.msg,
                )
            )
            continue
        seen[ident] = n
        if area is not None:
            plan.areas.setdefault(area[0], area[1])
        plan.rows.append(row)
        fate = "added" if row.new else "matched" if row.change is not None or row.fields else "unchanged"
        fates.append(RowFate(sheet, n, fate, ident, name, changes=row.said))
    return fates
