from __future__ import annotations

import pytest

from dxready.catalog.codes import check_digit, is_valid
from dxready.catalog.registry import STANDARD_BUSINESSES, STANDARD_PROCEDURES, fold_name, name_matches


@pytest.mark.parametrize("code", ["122238", "342025", "131016", "011002"])
def test_real_codes_pass(code: str) -> None:
    assert is_valid(code)


@pytest.mark.parametrize("code", ["122230", "342020", "12223", "１２２２３８", "abcdef"])
def test_bad_codes_fail(code: str) -> None:
    assert not is_valid(code)


def test_check_digit_wraps() -> None:
    # remainder 0 → 11 → 1; remainder 1 → 10 → 0
    assert all(0 <= check_digit(f"{n:05d}") <= 9 for n in range(0, 100000, 997))


def test_registry_shape() -> None:
    assert [p.no for p in STANDARD_PROCEDURES] == list(range(1, 22))
    assert len(STANDARD_BUSINESSES) == 20 == len(set(STANDARD_BUSINESSES))
    assert len(STANDARD_PROCEDURES[17].sub_procedures) == 15
    assert len(STANDARD_PROCEDURES[18].sub_procedures) == 11
    # The reference marks these [P]/[U]: the registry must not present them as verified.
    assert not STANDARD_PROCEDURES[17].sub_procedures[13].verified
    assert STANDARD_PROCEDURES[17].sub_procedures[0].verified


@pytest.mark.parametrize(
    ("no", "name"),
    [
        (2, "文化・スポーツ施設の利用予約"),
        (2, "文化・スポーツ施設等の利用予約等"),
        (4, "地方税申告手続（eLTAx）"),
        (4, "地方税申告手続(eLTAX)"),
        (18, "子育て関係（児童手当、保育施設利用等）"),
    ],
)
def test_names_fold(no: int, name: str) -> None:
    assert name_matches(no, name)


def test_wrong_row_does_not_match() -> None:
    assert not name_matches(15, "入札参加資格審査申請等")
    assert not name_matches(14, "入札")
    assert fold_name("Ａ（Ｂ）等") == fold_name("a(b)")
