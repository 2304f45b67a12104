"""DX002 duplicate-key: the second of two equal keys is refused where it stands."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxready.catalog.load import LoadError, load_catalog
from tests.helpers.catalogs import write_catalog

PROCEDURES = """
procedures:
  - id: library-reservation
    name: 図書館の図書貸出予約等
    status: ×
    status: ○
"""


def test_duplicate_key_is_located(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        load_catalog(write_catalog(tmp_path, procedures=PROCEDURES))
    (problem,) = info.value.problems
    assert (problem.code, str(problem.location)) == ("DX002", f"{tmp_path / 'procedures.yaml'}:8:5")
    assert "status" in problem.message.en
