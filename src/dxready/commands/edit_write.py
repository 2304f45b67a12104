"""Writing ``set``'s edits: the edited text validated as the loader and ``check`` would read it, then written
atomically (temporary file in the same directory, fsync, rename, file mode kept) under a lock on the catalogue
directory, so two concurrent edits lose no update and a refusal leaves the file as it was."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dxready.commands.edit_change import _bad
from dxready.engine.preflight import refuse_new_text_findings
from dxready.findings import Msg
from dxready.fsio import atomic_write
from dxready.fsio import locked as fsio_locked

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog
    from dxready.errors import DxreadyError


def validate_text(text: str, shown: str, catalog: Catalog) -> Catalog:
    """The edited procedures.yaml as the loader would read it, with the catalogue's other files: or LoadError."""
    import dataclasses

    from dxready.catalog.load import parse, validate
    from dxready.catalog.models import ProceduresFile
    from dxready.engine.integrity import checked

    data, source = parse(text, shown)
    model = validate(ProceduresFile, data, source)
    candidate = dataclasses.replace(
        catalog, procedures_file=model, sources={**catalog.sources, "procedures": source}
    )
    return checked(candidate)


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """An exclusive lock for edits of the catalogue in ``root``: on the directory its procedures.yaml resolves to,
    so that two paths to one file (a symlinked catalogue) take the same lock (see :func:`dxready.fsio.locked`)."""
    with fsio_locked(root / "procedures.yaml"):
        yield


def _is_embedded(root: Path, label: str) -> bool:
    from dxready.catalog.load import embedded_catalog

    if label.startswith("(embedded"):
        return True
    packaged = Path(__file__).resolve().parent.parent / "_data"
    try:
        resolved = root.resolve()
    except OSError:
        return False
    return resolved == packaged or (
        embedded_catalog() == packaged and resolved == embedded_catalog().resolve()
    )


def cannot_edit(shown: str, exc: ValueError) -> DxreadyError:
    """An edit the splicer cannot make (``overlapping edits``): one message on the file, exit 2, file untouched —
    the same for a single ``set`` and for bulk ``set`` (``commands/edit_batch.py``)."""
    why = _SPLICER_JA.get(str(exc), "ファイルの書き方に合わせて書き換えられません")
    return _bad(shown, f"この編集はできません: {why}", f"cannot make this edit: {exc}")


_SPLICER_JA = {
    "overlapping edits": "書き換える箇所が重なります（手で書いた項目の順序のため）",
    "cannot remove the only key of a list item": "リストの項目のただ一つのキーは消せません",
}
"""The splicer's reasons (``commands/edit_doc.py``) in Japanese; any other reads as a general one."""


def _edit_procedures(root: Path, shown: str, make: Any) -> tuple[bool, list[Msg], Catalog | None]:
    """Under the lock: load, ``make(text, catalog) -> (new text, said)``, validate, write atomically.

    (changed, said, the validated catalogue or None when nothing changed). Any refusal leaves the file as it was."""
    from dxready.catalog.load import decode
    from dxready.engine.integrity import load as load_catalog

    path = root / "procedures.yaml"
    if not path.is_file():
        load_catalog(root)  # the loader's own message for a missing directory or file
    with locked(root):
        current = load_catalog(
            root
        )  # under the lock: the file as it is now, and refused if it is already broken
        raw = path.read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        text = decode(raw, shown)
        try:
            new_text, said = make(text, current)
        except ValueError as exc:
            raise cannot_edit(shown, exc) from None
        if new_text == text:
            return False, said, None
        candidate = validate_text(new_text, shown, current)
        refuse_new_text_findings(current, candidate)  # nothing check would refuse (DX010) reaches the file
        atomic_write(path, (b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8"))
    return True, said, candidate


# --------------------------------------------------------------------------------------------------- set municipality
