"""Small things a review of this stop's change found (review s7, diff review L2, L4)."""

from __future__ import annotations

from pathlib import Path

from dxready.catalog.models import STATUS_INPUTS
from tests.helpers.cli import run80


def test_the_schemas_status_list_holds_the_full_width_hyphen() -> None:
    """L2: the JSON Schema's list of statuses (for editors) dropped 「－」, which check reads as —."""
    assert "－" in STATUS_INPUTS


def test_compare_words_several_set_aside_copies_in_the_plural(tmp_path: Path) -> None:
    """L4: 「a, b is left out」 when two copies of one municipality were set aside."""
    for name in ("a", "b", "c"):
        assert run80("init", str(tmp_path / name), "--name", "館山市")[0] == 0
    code, out, err = run80("compare", str(tmp_path), "--lang", "en")
    said = " ".join((out + err).split())
    assert code == 0 and "are left out of the comparison" in said and "is left out" not in said
