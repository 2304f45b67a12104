"""Small things a review of this stop's change found (review s7, diff review L2, L4)."""

from __future__ import annotations

import itertools
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


def test_a_status_refusal_never_splits_a_word_it_lists() -> None:
    """L3: the refusal broke the words it lists for the user to copy (「オンライ/ン」「未/実施」「適用除/外」)."""
    from dxready.catalog.labels import STATUS_WORDS
    from dxready.render.wrap import fit_message

    words = {w for ws in STATUS_WORDS.values() for w in ws if not w.isascii() and len(w) > 1}
    text = "dxready: --status: 'ほげ' は状況ではありません（" + "、".join(
        ", ".join(ws) for ws in STATUS_WORDS.values()
    )
    for width in range(24, 81):
        lines = fit_message(text + "）", width).split("\n")
        assert len(lines) > 1
        for left, right in itertools.pairwise(lines):
            left, right = left.rstrip(), right.lstrip()
            for word in words:
                cut = [
                    k for k in range(1, len(word)) if left.endswith(word[:k]) and right.startswith(word[k:])
                ]
                assert not cut, (width, word, left, right)
