"""``set`` refuses only the text problems (DX010) its edit adds: an old one elsewhere in the file blocks no edit, and
the same text written again where it already stood is no new problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxready.commands import edit
from dxready.errors import UsageError
from tests.helpers.catalogs import copy_shipped

_EVIL = "ok\u202eevil"


def _set(catalog: Path, ref: str, **options: object) -> None:
    values: dict[str, object] = {
        "status": None,
        "channels": [],
        "counts": [],
        "note": None,
        "verified_on": None,
    }
    edit.run_set(ref, catalog=catalog, **(values | options))  # type: ignore[arg-type]


def test_an_old_text_problem_elsewhere_blocks_no_edit(tmp_path: Path) -> None:
    catalog = copy_shipped(tmp_path / "c")
    path = catalog / "procedures.yaml"
    _set(catalog, "9", note="plain")
    path.write_text(
        path.read_text(encoding="utf-8").replace("note: plain", f"note: {_EVIL}"), encoding="utf-8"
    )
    _set(catalog, "10", status="×")  # DX010 stands on row 9 before and after: not this edit's
    _set(catalog, "9", status="○")  # nor on the row edited, where the note is unchanged
    assert _EVIL in path.read_text(encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(UsageError, match="--note"):
        _set(catalog, "10", note=_EVIL)  # a new one: named by its option before anything is read
    assert path.read_bytes() == before
