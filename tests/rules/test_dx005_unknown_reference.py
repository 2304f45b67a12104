"""DX005 unknown-reference: dangling ids, with a "did you mean"."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxready.catalog.load import LoadError
from dxready.engine.integrity import load as load_catalog
from tests.helpers.catalogs import write_catalog

PROCEDURES = """
procedures:
  - id: library-reservation
    name: 図書館の図書貸出予約等
    status: ○
    systems: [libary]
"""
SYSTEMS = """
systems:
  - id: library
    name: 図書館管理システム
    tier: standalone
"""
ROADMAP = """
roadmap:
  - id: open-data
    area: 7
    title: オープンデータの推進
    procedures: [library-reservation, nowhere]
"""


def test_dangling_references_are_located_with_a_suggestion(tmp_path: Path) -> None:
    directory = write_catalog(tmp_path, procedures=PROCEDURES, systems=SYSTEMS, roadmap=ROADMAP)
    with pytest.raises(LoadError) as info:
        load_catalog(directory)
    found = [(p.code, str(p.location), p.message.en) for p in info.value.problems]
    assert found == [
        (
            "DX005",
            f"{tmp_path / 'procedures.yaml'}:8:15",
            "systems: no such id 'libary'; did you mean 'library'?",
        ),
        ("DX005", f"{tmp_path / 'roadmap.yaml'}:5:39", "procedures: no such id 'nowhere'"),
    ]
