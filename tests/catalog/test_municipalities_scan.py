"""check's DX020 looks one code up without building the registry (issue 14): the same entries as the registry's."""

from __future__ import annotations

import pytest

from dxready.catalog import municipalities as m


@pytest.fixture
def unbuilt() -> object:
    m.registry.cache_clear()
    yield
    m.registry.cache_clear()


def test_one_code_without_the_registry(unbuilt: object) -> None:
    entry = m.by_code("122238")  # 鴨川市
    assert entry is not None and entry.name == "鴨川市"
    assert m.names(entry, "鴨川市") and m.names(entry, "千葉県鴨川市") and not m.names(entry, "館山市")
    ward = m.by_code("141011")  # 横浜市鶴見区: a ward answers to its own name too (its parent is looked up)
    assert ward is not None and ward.ward_of is not None and m.names(ward, "鶴見区")
    assert m.by_code("999999") is None and m.by_code("１２２２３８") == entry
    assert m.registry.cache_info().currsize == 0  # nothing built


def test_every_code_scans_to_the_registrys_entry(unbuilt: object) -> None:
    entries = m.registry().entries
    for entry in entries:
        assert m._scan(entry.code) == entry, entry.code
        assert m.names(entry, entry.full_name)
    assert {e.code for e in entries} == set(m.registry().by_code)
