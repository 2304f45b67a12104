"""The vendored national registry of municipalities (from japancode, MIT)."""

from __future__ import annotations

from collections import Counter

from dxready.catalog import codes
from dxready.catalog.municipalities import DATA, by_code, find, fold, registry, similar


def test_counts_1741_municipalities_and_175_wards() -> None:
    reg = registry()
    assert len(reg.municipalities) == 1741
    assert len(reg.wards) == 175
    assert len(reg.designated_cities) == 20
    assert {e.prefecture for e in reg.entries} == {e.prefecture for e in reg.municipalities}
    assert len({e.prefecture for e in reg.entries}) == 47


def test_known_codes() -> None:
    expected = {"鴨川市": "122238", "呉市": "342025", "館山市": "122050", "札幌市": "011002"}
    for name, code in expected.items():
        (entry,) = find(name)
        assert entry.code == code, name
        assert by_code(code) == entry
    assert by_code("122238").prefecture == "千葉県"  # type: ignore[union-attr]
    assert by_code("122238").kana == "かもがわし"  # type: ignore[union-attr]


def test_no_code_twice_and_every_check_digit_right() -> None:
    all_codes = [e.code for e in registry().entries]
    assert not [c for c, n in Counter(all_codes).items() if n > 1]
    assert all(codes.is_valid(c) for c in all_codes)
    # 北海道 keeps its leading zero (upstream drops it).
    assert sum(c.startswith("01") for c in all_codes) > 100


def test_wards_are_marked_with_their_city() -> None:
    ward = by_code("011011")
    assert ward is not None and ward.is_ward and ward.name == "札幌市中央区" and ward.ward_of == "011002"
    assert not by_code("131016").is_ward  # type: ignore[union-attr]  # 千代田区: a 特別区 is a municipality


def test_ambiguous_names_and_how_to_settle_them() -> None:
    assert sorted(e.prefecture for e in find("府中市")) == ["広島県", "東京都"]
    assert [e.code for e in find("東京都府中市")] == ["132063"]
    assert len(find("伊達市")) == 2
    # Full width and spaces folded; kana and ward names found too.
    assert [e.code for e in find("　館山市 ")] == ["122050"]
    assert [e.code for e in find("千葉県　館山市")] == ["122050"]
    assert [e.code for e in find("タテヤマシ")] == ["122050"]
    assert "011011" in {e.code for e in find("中央区")}
    assert [e.code for e in find("札幌市 中央区")] == ["011011"]
    assert find("存在しない市") == ()


def test_fold_and_similar() -> None:
    assert fold("鎌ヶ谷市") == fold("鎌ケ谷市")
    assert fold("ＡＢＣ") == "ABC"
    assert [e.name for e in similar("鴨川")][:1] == ["鴨川市"]


def test_data_file_carries_attribution() -> None:
    head = DATA.read_text(encoding="utf-8")[:3000]
    assert "japancode" in head and "MIT License" in head and "Kentaro Ozeki" in head
