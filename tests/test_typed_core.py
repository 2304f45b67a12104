"""The typed core: mypy checks what rule bodies do with the catalogue (``Catalog.procedures`` is typed, not Any)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.catalogs import REPO

mypy_api = pytest.importorskip("mypy.api")

PROBE = """
from dxready.catalog.load import Catalog


def probe(catalog: Catalog) -> object:
    return catalog.procedures[0].{field}, catalog.systems[0].tier, catalog.roadmap[0].state
"""


def _mypy(tmp_path: Path, field: str) -> tuple[str, int]:
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE.format(field=field), encoding="utf-8")
    out, err, status = mypy_api.run(
        ["--config-file", str(REPO / "pyproject.toml"), "--cache-dir", str(REPO / ".mypy_cache"), str(probe)]
    )
    return out + err, status


def test_a_missing_field_of_a_procedure_fails_type_checking(tmp_path: Path) -> None:
    out, status = _mypy(tmp_path, "no_such_field")
    assert status == 1, out
    assert '"Procedure" has no attribute "no_such_field"' in out


def test_a_real_field_passes(tmp_path: Path) -> None:
    out, status = _mypy(tmp_path, "standard_no")
    assert status == 0, out


def test_the_findings_vocabulary_imports_nothing_heavy() -> None:
    import subprocess
    import sys

    code = "import sys, dxready.findings, dxready.errors; print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'rich', 'ruamel', 'typer') or m.startswith('dxready.')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['dxready.errors', 'dxready.findings']"
