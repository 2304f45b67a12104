"""``dxready import``: a spreadsheet into the catalogue — statuses, notes, channels and counts from the tables cities
have, and every field from export's own workbook.

Reads xlsx (openpyxl, read-only) and CSV (a file, or a directory of CSV files as ``export --format csv`` writes them).
The shapes of table recognised wherever their header row starts (title rows and merged title cells above it are
skipped): the procedures table (the plan's four columns No. / 手続の種類 / オンライン化 / 備考, or export's 手続 sheet
with its extra columns), sub-procedures (export's 個別手続), a long table of counts (手続名, 年度, 総件数, オンライン件数,
割合), export's システム and 工程表 sheets (by ID: changed cells set, unknown IDs added) and its 基本情報 sheet; 概況 is
computed and skipped. Export's last columns (every remaining field, commands/transfer/fields.py) are read from a table
with export's ID column; a blank cell changes nothing, ``（なし）`` removes a value.

Names are matched to the catalogue's procedures and the 21 standard rows by the registry's folding (width, brackets,
等), then by similarity (difflib), and the choice is reported. A name that matches nothing becomes a city's own
procedure (``--unmatched add``) or is refused.

The edit itself is made with ``set``'s text-splice machinery (commands/edit.py), so every comment and every other
byte of the files is kept but what changes. It is all or nothing: when any row is refused nothing is written;
otherwise procedures.yaml, systems.yaml and roadmap.yaml are validated together as the loader would read them, and
replaced all or nothing (commands/transfer/commit.py), under the catalogue's lock.

This module is the command; its pieces (reading, recognising tables, cell values, matching, planning, applying)
are in ``commands/transfer/`` (see its docstring).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from dxready.commands.transfer.apply import procedure_pass, sub_pass
from dxready.commands.transfer.cells import parse_mark
from dxready.commands.transfer.commit import Staged
from dxready.commands.transfer.computed import Build, exported_cells, mark_not_taken
from dxready.commands.transfer.dispatch import plan_sheets
from dxready.commands.transfer.entities import EntityPlan
from dxready.commands.transfer.extras import Extras
from dxready.commands.transfer.plan import Planner
from dxready.commands.transfer.read import load_error, read_source
from dxready.commands.transfer.results import ImportResult, RowFate, SheetNote

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog
    from dxready.findings import Finding, Subject

__all__ = ["ImportResult", "RowFate", "SheetNote", "parse_mark", "read_source", "run_import"]


def run_import(
    source: Path,
    *,
    catalog: str | os.PathLike[str] | None,
    dry_run: bool,
    unmatched: str,
    as_of: dt.date,
    lang: str,
    build: Build,
) -> ImportResult:
    """Read ``source``, plan every row, and (unless refused or a dry run) write procedures.yaml atomically, and
    systems.yaml / roadmap.yaml when the システム / 工程表 sheets change them (all validated together first).
    ``build`` is export's workbook (render/workbook.py): a computed cell that says something else than export writes
    is reported as not taken (commands/transfer/computed.py)."""
    from dxready.catalog.load import decode, display_name, load_catalog, resolve
    from dxready.commands.edit import _is_embedded, locked, validate_text

    if unmatched not in ("add", "refuse"):
        raise load_error(
            "--unmatched", "--unmatched は add か refuse です", "--unmatched takes add or refuse"
        )
    root, label = resolve(catalog)
    sheets = read_source(source)  # a bad file is refused before the catalogue is touched
    if not dry_run and _is_embedded(root, label):
        from dxready.errors import UsageError
        from dxready.findings import Msg

        # The command's target, not a catalogue problem: a usage error without a rule's code (DX001 is unreadable YAML).
        raise UsageError(
            "--catalog",
            Msg(
                "パッケージに同梱のカタログ（鴨川市）には読み込めません。dxready init DIR で自分のカタログを作るか、"
                "--catalog DIR を指定してください（--dry-run なら確認できます）",
                "cannot import into the catalogue shipped inside the package (Kamogawa); create your own with "
                "`dxready init DIR` or pass --catalog DIR (--dry-run shows what would change)",
            ),
        )
    path = root / "procedures.yaml"
    shown = display_name(root, "procedures")
    if not path.is_file():
        load_catalog(root)  # the loader's own message
    with locked(root) if not dry_run else contextlib.nullcontext():
        # Named as resolve names it (the shipped copy as 同梱カタログ, not by its install path: render/views.py).
        current = dataclasses.replace(load_catalog(root), label=label)
        planner = Planner(current, unmatched)
        entities = EntityPlan()  # システム / 工程表 rows (commands/transfer/entities.py)
        checks = plan_sheets(planner, sheets, current, lang, entities)
        planner.settle_groups()
        if not any(f.fate != "skipped" for f in planner.fates):
            raise load_error(
                str(source),
                "読み込める表がありません（見出し: No. / 手続の種類 / オンライン化 / 備考、または 手続名 / 年度 / 総件数 / オンライン件数 / 割合）",
                "no table to import (headers: No. / 手続の種類 / オンライン化 / 備考, or 手続名 / 年度 / 総件数 / オンライン件数 / 割合)",
            )
        text = decode(path.read_bytes(), shown)
        new_text, candidate = text, current
        if planner.subs:
            new_text = sub_pass(new_text, candidate, planner.subs)
            candidate = validate_text(new_text, shown, current)
        if planner.procs or planner.new:
            new_text = procedure_pass(new_text, candidate, planner.procs, planner.new)
            candidate = validate_text(new_text, shown, current)
        if candidate is not current:
            from dxready.engine.preflight import refuse_new_text_findings

            refuse_new_text_findings(
                current, candidate
            )  # nothing check would refuse (DX010) reaches the file
        files, candidate = _final_texts(root, current, new_text, candidate, entities, planner.extras) or (
            [],
            candidate,
        )
        # A computed or repeated cell that neither catalogue's export writes is an edit not taken: said on its row.
        mark_not_taken(planner.fates, checks, exported_cells(build, (current, candidate), as_of))
        refused = any(f.fate == "refused" for f in planner.fates)
        new = () if refused or not files else _new_findings(current, candidate, as_of)
        diff = None
        if dry_run:
            from dxready.commands.diff import compare
            from dxready.engine.run import run

            # The side after the import, as diff names a git revision git:REV: import:FILE (render/diff.py words it).
            after = dataclasses.replace(candidate, label=f"import:{source.name}")
            diff = compare(run(current, as_of), run(after, as_of), lang)
        written = False
        if not dry_run and not refused and files:
            from dxready.commands.transfer.commit import replace_all

            replace_all([staged for _, staged in files])
            written = True
    return ImportResult(
        source=str(source),
        catalog=current.label,
        file=shown,
        rows=tuple(planner.fates),
        notes=tuple(planner.notes),
        dry_run=dry_run,
        written=written,
        diff=diff,
        files=tuple(name for name, _ in files),
        new_findings=new,
    )


def _new_findings(before: Catalog, after: Catalog, as_of: dt.date) -> tuple[Finding, ...]:
    """What ``check`` reports after the import and did not before, on what it changed: the procedures whose entries
    differ (a sub-procedure's change is its group's), new ones, and the systems, roadmap items and header it changed
    (``set``'s own mechanism, engine/consequences.py)."""
    from dxready.engine.consequences import new_findings

    was = {p.id: p for p in before.procedures}
    procedures = {p.id for p in after.procedures if was.get(p.id) != p}
    entities = {
        (kind, e.id)
        for kind, old, now in (
            ("system", before.systems, after.systems),
            ("roadmap", before.roadmap, after.roadmap),
        )
        for was_there in ({o.id: o for o in old},)  # by id, as the procedures: one lookup each, not a scan
        for e in now
        if was_there.get(e.id) != e
    }
    header = before.procedures_file.model_copy(update={"procedures": []}) != (
        after.procedures_file.model_copy(update={"procedures": []})
    )

    def also(subject: Subject) -> bool:
        return (subject.kind, subject.id) in entities or (header and subject.kind == "catalog")

    return new_findings(before, after, procedures, also=also, as_of=as_of)


def _final_texts(
    root: Path, current: Catalog, procedures: str, validated: Catalog, entities: EntityPlan, extras: Extras
) -> tuple[list[tuple[str, Staged]], Catalog] | None:
    """The three files as the import leaves them (systems and roadmap rows, then every remaining field spliced in),
    validated together as the loader reads them; the changed ones, staged for ``replace_all``, and the catalogue
    they make. None when nothing changes. ``validated`` is the catalogue with ``procedures`` already validated."""
    from dxready.commands.edit_entities import _read, validate_files
    from dxready.commands.transfer.commit import Staged
    from dxready.commands.transfer.entities import entity_texts
    from dxready.commands.transfer.extras import apply_extras

    read = {f: _read(root, f) for f in ("procedures", "systems", "roadmap")}
    before = {f: x.text for f, x in read.items()}
    texts = {**before, "procedures": procedures}
    if not entities.empty:
        texts.update(
            entity_texts(
                entities,
                {f: before[f] for f in ("systems", "roadmap")},
                current,
                {f: x.shown for f, x in read.items()},
            )
        )
    texts = apply_extras(texts, extras)
    changed = {f: t for f, t in texts.items() if t != before[f]}
    if not changed:
        return None
    # procedures.yaml as the passes left it is validated already (``validated``): only what changed since is checked
    # again, together with it (schema, cross-file references, DX010).
    again = {f: t for f, t in changed.items() if f != "procedures" or t != procedures}
    candidate = validate_files(again, validated) if again else validated
    staged = [
        (
            read[f].shown,
            Staged(
                read[f].path,
                (b"\xef\xbb\xbf" if read[f].bom else b"") + text.encode("utf-8"),
                read[f].path.read_bytes() if read[f].exists else None,
            ),
        )
        for f, text in changed.items()
    ]
    return staged, candidate
