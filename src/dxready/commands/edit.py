"""``dxready set``: edit one procedure in place, keeping every other byte of procedures.yaml.

The edit is a text splice, not a re-dump: the file is composed with the C parser to find where each value starts and
ends, the changed values are replaced (or new keys and list items inserted with the indentation around them), and
everything else — comments, key order, quoting, blank lines, line endings, a BOM — stays byte for byte. The new text is
validated like ``load_catalog`` does (parse, schema, cross-file references) before it replaces the old one; the write is
atomic (temporary file in the same directory, fsync, rename, file mode kept) and serialised by a lock on the catalogue
directory, so two concurrent ``set`` commands lose no update.

This module holds the commands (``set``, ``set municipality``, ``add``); the machinery is in
``edit_doc`` (the document model: YAML scalars, splices, the composed text), ``edit_change`` (the options checked
into a ``Change``), ``edit_plan`` (a reference's entry and the splices of a change on it), ``edit_header`` (the
same for the municipality header) and ``edit_write`` (validate, lock, atomic write). Their names are re-exported
here: ``import``, bulk ``set`` and the tests reach them as ``edit.NAME``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Re-exports (``X as X``): the machinery's names as ``dxready.commands.edit.X``, as before the split.
from dxready.commands.edit_change import Change as Change
from dxready.commands.edit_change import CountsEntry as CountsEntry
from dxready.commands.edit_change import _bad as _bad
from dxready.commands.edit_change import _cards as _cards
from dxready.commands.edit_change import _channel as _channel
from dxready.commands.edit_change import _counts as _counts
from dxready.commands.edit_change import _number as _number
from dxready.commands.edit_change import _status as _status
from dxready.commands.edit_change import inert_text
from dxready.commands.edit_change import parse_change as parse_change
from dxready.commands.edit_change import parse_counts as parse_counts
from dxready.commands.edit_doc import Splice as Splice
from dxready.commands.edit_doc import _append as _append
from dxready.commands.edit_doc import _Doc as _Doc
from dxready.commands.edit_doc import _indent as _indent
from dxready.commands.edit_doc import _merge_inserts as _merge_inserts
from dxready.commands.edit_doc import _scalar_value as _scalar_value
from dxready.commands.edit_doc import _set_key as _set_key
from dxready.commands.edit_doc import append_scalars as append_scalars
from dxready.commands.edit_doc import apply as apply
from dxready.commands.edit_doc import double_quoted as double_quoted
from dxready.commands.edit_doc import scalar as scalar
from dxready.commands.edit_doc import unset_key as unset_key
from dxready.commands.edit_header import header_splices as header_splices
from dxready.commands.edit_plan import Target as Target
from dxready.commands.edit_plan import _check_unset as _check_unset
from dxready.commands.edit_plan import _node_of as _node_of
from dxready.commands.edit_plan import _said as _said
from dxready.commands.edit_plan import _status_text_like as _status_text_like
from dxready.commands.edit_plan import edit_text as edit_text
from dxready.commands.edit_plan import find_target as find_target
from dxready.commands.edit_plan import plan_more as plan_more
from dxready.commands.edit_plan import plan_splices as plan_splices
from dxready.commands.edit_result import Edited, EditResult
from dxready.commands.edit_write import _edit_procedures as _edit_procedures
from dxready.commands.edit_write import _is_embedded as _is_embedded
from dxready.commands.edit_write import locked as locked
from dxready.commands.edit_write import validate_text as validate_text
from dxready.engine.consequences import new_findings
from dxready.errors import UsageError
from dxready.findings import Msg

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog
    from dxready.catalog.models import Procedure

LOCK_NAME = ".procedures.yaml.lock"


def run_set(
    ref: str,
    *,
    catalog: str | os.PathLike[str] | None,
    status: str | None,
    channels: list[str],
    counts: list[str],
    note: str | None,
    verified_on: dt.date | None,
    unset: list[str] | None = None,
    as_of: dt.date | None = None,
    sources: list[str] | None = None,
    inferred: bool | None = None,
    cards: list[str] | None = None,
    counts_source: str | None = None,
    facts: dict[str, Any] | None = None,
    cards_as_of: dt.date | None = None,
) -> EditResult:
    """Edit one procedure (or sub-procedure, or with REF ``municipality`` the header) of the resolved catalogue:
    what was done (worded by ``render/messages.edit_result``), or LoadError/UsageError."""
    from dxready.commands import edit_facts

    if ref.strip() == "municipality" and edit_facts.given(facts):
        edit_facts.refuse_elsewhere("municipality", facts or {})
    if ref.strip() == "municipality":
        return run_set_municipality(
            catalog=catalog,
            counts=counts,
            as_of=as_of,
            sources=sources or [],
            cards=cards or [],
            cards_as_of=cards_as_of,
            unset=unset or [],
            counts_source=counts_source,
            others={"--status": status, "--note": note, "--verified-on": verified_on, "--inferred": inferred}
            | ({"--channel": channels} if channels else {}),
        )
    change = parse_change(
        status=status,
        channels=channels,
        counts=counts,
        note=note,
        verified_on=verified_on,
        unset=unset,
        as_of=as_of,
        sources=sources,
        inferred=inferred,
        cards=cards,
        cards_as_of=cards_as_of,
        counts_source=counts_source,
        facts=facts,
    )
    if change.empty:  # the command line's fault, not the catalogue's: no DX code, no position
        raise UsageError(
            "set",
            Msg(
                "変更する項目を指定してください（--status, --channel, --counts, --note, --verified-on, --as-of, "
                "--source, --inferred, --identity, --fee, --payment, --result-delivery, --back-office, "
                "--attachments, --life-event, --unset）",
                "nothing to change: give --status, --channel, --counts, --note, --verified-on, --as-of, --source, "
                "--inferred, --identity, --fee, --payment, --result-delivery, --back-office, --attachments, "
                "--life-event or --unset",
            ),
        )
    root, shown = _editable(catalog)
    targets: list[Target] = []
    before: list[Catalog] = []

    def make(text: str, current: Catalog) -> tuple[str, list[Msg]]:
        new_text, target, said = edit_text(text, current, ref, change, shown)
        targets.append(target)
        before.append(current)
        return new_text, said

    changed, said, candidate = _edit_procedures(root, shown, make)
    target = targets[0]
    if candidate is None:
        return EditResult(shown, (edited(target, said, changed=changed),))
    said += _group_note(candidate.procedures[target.index])
    if target.sub is None and edit_facts.touches_facts(change):
        said += edit_facts.level_note(before[0], candidate, target.procedure.id)
    said += edit_facts.bundle_level_notes(before[0], candidate, target.procedure.id)
    new = new_findings(before[0], candidate, {target.procedure.id})
    return EditResult(shown, (edited(target, said, changed=changed),), new_findings=new)


def _group_note(group: Procedure) -> list[Msg]:
    """After an edit: what the group's mark is now, a tally while unsettled (a contradiction with the group's own
    mark is DX008's, reported with the edit's other new findings)."""
    from dxready.catalog.models import Status, tally

    if not group.sub_procedures or group.status is not Status.unknown:
        return []
    statuses = [s.status for s in group.sub_procedures]
    shown = group.effective_status.mark
    return [
        Msg(
            f"まとまり {group.id}: {shown}（個別手続 {tally(statuses)}）",
            f"group {group.id}: {shown} (sub-procedures {tally(statuses)})",
        )
    ]


def _editable(catalog: str | os.PathLike[str] | None) -> tuple[Path, str]:
    """The catalogue directory to edit and procedures.yaml's name as shown; refuses the embedded catalogue."""
    from dxready.catalog.load import display_name, resolve

    root, label = resolve(catalog)
    if _is_embedded(root, label):  # the command's target, not a catalogue problem (no rule's code)
        raise UsageError(
            "--catalog",
            Msg(
                "パッケージに同梱のカタログ（鴨川市）は編集できません。dxready init DIR --from-embedded で写して"
                "編集するか、dxready init DIR で自分のカタログを作るか、--catalog DIR を指定してください",
                "the catalogue shipped inside the package (Kamogawa) cannot be edited; copy it with "
                "`dxready init DIR --from-embedded`, create your own with `dxready init DIR` or pass --catalog DIR",
            ),
        )
    return root, display_name(root, "procedures")


def run_set_municipality(
    *,
    catalog: str | os.PathLike[str] | None,
    counts: list[str],
    as_of: dt.date | None,
    sources: list[str],
    cards: list[str],
    unset: list[str],
    others: dict[str, object] | None = None,
    counts_source: str | None = None,
    cards_as_of: dt.date | None = None,
) -> EditResult:
    """``set municipality``: the header's city-wide counts, sources and card counts, and the catalogue's as_of."""
    from dxready.catalog.models import Municipality

    used = [name for name, value in (others or {}).items() if value not in (None, [], False)]
    if used:
        raise _bad(
            used[0],
            f"set municipality には {used[0]} を指定できません（--as-of, --source, --counts, --cards, --unset）",
            f"`set municipality` takes no {used[0]} (only --as-of, --source, --counts, --cards, --unset)",
        )
    change = parse_change(
        status=None,
        channels=[],
        counts=counts,
        note=None,
        verified_on=None,
        unset=unset,
        as_of=as_of,
        sources=sources,
        cards=cards,
        cards_as_of=cards_as_of,
        header=True,
        counts_source=counts_source,
    )
    if change.empty:
        raise _bad(
            "municipality",
            "変更する項目を指定してください（--as-of, --source, --counts, --cards, --unset）",
            "nothing to change: give --as-of, --source, --counts, --cards or --unset",
        )
    allowed = sorted({n for n, f in Municipality.model_fields.items() if not f.is_required()} | {"as_of"})
    for name in change.unset:
        if name not in allowed:
            raise _bad(
                "--unset",
                f"--unset {name!r} は使えません。消せる項目: {', '.join(allowed)}",
                f"--unset {name!r} is not allowed; optional fields: {', '.join(allowed)}",
            )
    root, shown = _editable(catalog)
    before: list[Catalog] = []

    def make(text: str, current: Catalog) -> tuple[str, list[Msg]]:
        doc = _Doc(text)
        before.append(current)
        return apply(text, (plan := header_splices(doc, current, change))[0]), plan[1]

    changed, said, candidate = _edit_procedures(root, shown, make)
    # The header's rules report on the catalogue as a whole (the code's check digit, the registry).
    new = () if candidate is None else new_findings(before[0], candidate, also=lambda s: s.kind == "catalog")
    return EditResult(shown, (Edited("municipality", None, changed, tuple(said)),), new_findings=new)


def run_add(
    ident: str,
    *,
    name: str,
    catalog: str | os.PathLike[str] | None,
    status: str | None,
    channels: list[str],
    counts: list[str],
    note: str | None,
    verified_on: dt.date | None,
    as_of: dt.date | None = None,
    sources: list[str] | None = None,
    inferred: bool | None = None,
    counts_source: str | None = None,
    facts: dict[str, Any] | None = None,
) -> EditResult:
    """``dxready add ID --name NAME``: append one of the city's own procedures (no standard number), then apply
    set's options to it; validated and written once, atomically, comments kept."""
    from dxready.catalog.models import SLUG

    ident = ident.strip()
    if not re.fullmatch(SLUG, ident) or len(ident) > 80:  # the command line's fault: a usage error
        raise UsageError(
            "ID",
            Msg(
                f"id {ident!r} は英小文字・数字・ハイフンで書いてください（例: juminhyo-copy）",
                f"id {ident!r}: use lowercase letters, digits and hyphens (e.g. juminhyo-copy)",
            ),
        )
    if ident.isdigit():  # written `id: 9`, it would be a number (DX003 at a line of no file)
        raise UsageError(
            "ID",
            Msg(
                f"id {ident!r} は数字だけです。標準番号（set {ident}）と紛れるので英字を含めてください（例: no{ident}-own）",
                f"id {ident!r} is all digits, which reads as a standard number (set {ident}): include a letter"
                f" (e.g. no{ident}-own)",
            ),
        )
    if not name.strip() or len(name) > 2000:
        raise _bad(
            "--name", "--name は 1〜2000 文字で指定してください", "--name must be 1 to 2000 characters"
        )
    inert_text("--name", name)
    change = parse_change(
        status=status,
        channels=channels,
        counts=counts,
        note=note,
        verified_on=verified_on,
        as_of=as_of,
        sources=sources,
        inferred=inferred,
        counts_source=counts_source,
        facts=facts,
    )
    root, shown = _editable(catalog)
    targets: list[Target] = []
    before: list[Catalog] = []

    def make(text: str, current: Catalog) -> tuple[str, list[Msg]]:
        before.append(current)
        if any(p.id == ident for p in current.procedures):
            raise _bad(
                shown,
                f"id {ident!r} の手続は既にあります（変更は dxready set {ident} …）",
                f"a procedure with id {ident!r} already exists (edit it with dxready set {ident} …)",
                "DX004",
            )
        doc = _Doc(text)
        lines = [f"id: {ident}", f"name: {scalar(name.strip())}", "status: unknown"]
        flows = "{" + f"id: {ident}, name: {scalar(name.strip(), flow=True)}, status: unknown" + "}"
        entries = doc.items(doc.root)
        if "procedures" in entries and doc.is_seq(entries["procedures"][1]):
            splice = doc.append_items(entries["procedures"][1], [lines], [flows])
        elif "procedures" in entries:
            key_node, value_node = entries["procedures"]
            splice = doc.replace_scalar(value_node, key_node, "[" + flows + "]", quote=False)
        else:
            splice = doc.add_lines(
                doc.root,
                [
                    "procedures:",
                    *[
                        (" " * doc.seq_offset) + ("- " if i == 0 else "  ") + line
                        for i, line in enumerate(lines)
                    ],
                ],
            )
        added = apply(text, [splice])
        catalog_added = validate_text(added, shown, current)
        said = [
            Msg(
                f"手続 {ident}「{name.strip()}」を追加（標準の21手続の外: 率には数えません）",
                f"added procedure {ident} '{name.strip()}' (outside the 21 standard rows: not in the rates)",
            )
        ]
        if change.empty:
            targets.append(find_target(catalog_added, ident, shown))
            return added, said
        new_text, target, more = edit_text(added, catalog_added, ident, change, shown)
        targets.append(target)
        return new_text, said + more

    changed, said, candidate = _edit_procedures(root, shown, make)
    new = () if candidate is None else new_findings(before[0], candidate, {ident})
    return EditResult(shown, (edited(targets[0], said, changed=changed, added=True),), new_findings=new)


def edited(target: Target, said: list[Msg], *, changed: bool, added: bool = False) -> Edited:
    """One target's part of an :class:`EditResult`."""
    return Edited(target.ident, target.procedure.standard_no, changed, tuple(said), added)
