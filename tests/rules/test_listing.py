"""rules.base.listing: given the first names and the total, the same words as given every name."""

from __future__ import annotations

from dxready.rules.base import SHOWN, listing


def test_total_stands_for_the_names_not_given() -> None:
    ja = [f"「手続{i}」" for i in range(12)]
    en = [f"'p{i}'" for i in range(12)]
    assert listing(ja[:SHOWN], en[:SHOWN], "件", len(ja)) == listing(ja, en, "件")
    assert listing(ja[:3], en[:3], "件", 3) == listing(ja[:3], en[:3], "件")
    assert "ほか 7 件" in listing(ja, en, "件").ja
