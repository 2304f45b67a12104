"""`set` replacing a block scalar (``note: |``) that a blank line follows, and adding a key after it in the same
edit: the replacement covers the scalar's content only, so the added key does not fall inside it (it was refused as
「この編集はできません: overlapping edits」)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.catalog.load import load_catalog
from dxready.cli import app
from tests.helpers.catalogs import copy_shipped
from tests.test_set_bulk_rounds import FLOWING

runner = CliRunner()


@pytest.fixture
def flowing(tmp_path: Path) -> Path:
    root = copy_shipped(tmp_path / "flowing")
    (root / "procedures.yaml").write_text(FLOWING, encoding="utf-8")
    (root / "systems.yaml").write_text("systems: []\n", encoding="utf-8")
    (root / "roadmap.yaml").write_text("roadmap: []\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("refs", [["2"], ["b-block", "1"]])
def test_a_block_scalar_replaced_and_a_key_added_after_it(flowing: Path, refs: list[str]) -> None:
    result = runner.invoke(
        app, ["set", *refs, "--note", "X", "--channel", "eltax", "--catalog", str(flowing)]
    )
    assert result.exit_code == 0, result.output
    text = (flowing / "procedures.yaml").read_text(encoding="utf-8")
    assert (
        "  note: X\n  channels:\n  - kind: eltax\n\n  # a comment under b-block, indented as its keys\n"
        in text
    )
    block = next(p for p in load_catalog(flowing).procedures if p.id == "b-block")
    assert block.note == "X" and [c.kind.value for c in block.channels] == ["eltax"]


def test_a_block_scalar_alone_is_written_as_before(flowing: Path) -> None:
    assert runner.invoke(app, ["set", "2", "--note", "X", "--catalog", str(flowing)]).exit_code == 0
    text = (flowing / "procedures.yaml").read_text(encoding="utf-8")
    assert text == FLOWING.replace("  note: |\n    一行目\n    二行目\n", "  note: X\n")
