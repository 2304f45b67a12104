"""``dxready set`` over several references and patterns at once: ``set 18/* 19/* --status ×``.

References are expanded against the catalogue (an id, a standard number, ``REF/SUB``; ``*``, ``?`` and ``[…]`` match
ids, standard numbers and sub-procedure ids or positions), then each target gets the same change, with the outcome of
applying it one after another on the text through ``commands/edit.py``'s splicing, but planned and validated in
rounds (``commands/edit_batch.py``: one round for targets in different procedures), so that the time grows with the
targets linearly. The result is written once, atomically, under the catalogue lock: either every target changes or
none does.
"""

from __future__ import annotations

import fnmatch
import os
from typing import Any

from dxready.catalog.load import Catalog
from dxready.commands.edit_result import Edited, EditResult

_GLOB = frozenset("*?[")


def is_pattern(ref: str) -> bool:
    return any(ch in _GLOB for ch in ref)


def needs_bulk(refs: list[str]) -> bool:
    """Whether ``refs`` need the bulk path (several references, or a pattern) rather than a single ``set``."""
    return len(refs) != 1 or is_pattern(refs[0])


def expand(catalog: Catalog, refs: list[str], shown: str) -> list[str]:
    """Concrete references (``id`` or ``id/sub-id``), in the order given, each once; a pattern matching nothing is refused."""
    from dxready.commands.edit_batch import TargetIndex
    from dxready.commands.edit_plan import no_such_ref

    index = TargetIndex(catalog)
    out: list[str] = []
    for ref in refs:
        head, slash, sub = ref.strip().partition("/")
        head, sub = head.strip(), sub.strip()
        if is_pattern(head):
            procedures = [
                p
                for p in catalog.procedures
                if fnmatch.fnmatchcase(p.id, head)
                or (p.standard_no is not None and fnmatch.fnmatchcase(str(p.standard_no), head))
            ]
        else:
            procedures = [index.find(head, shown).procedure]
        found: list[str] = []
        for p in procedures:
            if not slash:
                found.append(p.id)
            elif is_pattern(sub):
                found += [
                    f"{p.id}/{s.id}"
                    for n, s in enumerate(p.sub_procedures, start=1)
                    if fnmatch.fnmatchcase(s.id, sub) or fnmatch.fnmatchcase(str(n), sub)
                ]
            else:
                found.append(index.find(f"{p.id}/{sub}", shown).ident)
        if not found:
            raise no_such_ref(
                f"{ref!r} に当たる手続はありません（id・標準番号・REF/SUB。* ? […] で複数を指定できます）（{shown}）",
                f"{ref!r} matches no procedure (ids, standard numbers, REF/SUB; * ? […] match several) ({shown})",
            )
        out += found
    return list(dict.fromkeys(out))


def run_set_many(refs: list[str], *, catalog: str | os.PathLike[str] | None, **options: Any) -> EditResult:
    """Apply one change to every target of ``refs``: one validation of the result, one atomic write."""
    from dxready.catalog.load import decode
    from dxready.commands import edit, edit_batch
    from dxready.engine.integrity import load as load_catalog
    from dxready.fsio import atomic_write

    root, shown = edit._editable(catalog)  # refuses the embedded catalogue, naming init --from-embedded
    change = edit.parse_change(**options)
    if change.empty:
        raise edit._bad(
            " ".join(refs),
            "変更する項目を指定してください（--status, --channel, --counts, --note, --verified-on, --identity, --fee, "
            "--payment, --result-delivery, --back-office）",
            "nothing to change: give --status, --channel, --counts, --note, --verified-on, --identity, --fee, "
            "--payment, --result-delivery or --back-office",
        )
    path = root / "procedures.yaml"
    if not path.is_file():
        load_catalog(root)
    with edit.locked(root):
        current = load_catalog(root)
        raw = path.read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        original = decode(raw, shown)
        targets = expand(current, refs, shown)
        text, working, parts = edit_batch.edit_all(original, current, targets, change, shown)
        if text != original:  # edit_all validated this very text
            from dxready.engine.preflight import refuse_new_text_findings

            refuse_new_text_findings(current, working)  # nothing check would refuse (DX010) reaches the file
            atomic_write(path, (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    if text == original:
        return EditResult(shown, tuple(parts), bulk=True)
    from dxready.commands.edit_facts import level_notes, touches_facts
    from dxready.engine.consequences import new_findings

    if touches_facts(change):  # a procedure's level before → after (a sub-procedure has none of its own)
        levels = level_notes(current, working, [e.ident for e in parts if "/" not in e.ident and e.changed])
        parts = [
            Edited(e.ident, e.standard_no, e.changed, e.said + tuple(levels[e.ident]))
            if e.ident in levels
            else e
            for e in parts
        ]

    touched = {ref.partition("/")[0] for ref in targets}  # a sub-procedure's findings are its group's
    return EditResult(shown, tuple(parts), bulk=True, new_findings=new_findings(current, working, touched))
