"""Integers are integers, counts are bounded, weights are finite, and waivers say why (issue 13, item 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxready.catalog.load import LoadError, load_catalog
from tests.helpers.catalogs import copy_shipped, write_catalog

RATE = "      - scope: 鴨川市\n        cards: 23353\n"


def _with(tmp_path: Path, old: str, new: str) -> Path:
    copy_shipped(tmp_path)
    path = tmp_path / "procedures.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


def _problem(root: Path) -> str:
    with pytest.raises(LoadError) as caught:
        load_catalog(root)
    (problem,) = caught.value.problems
    return f"{problem.location}: {problem.code} {problem.message.en}"


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("true", "true or false is not an integer"),
        ('"12"', "remove the quotes: write 12"),
        ("1e3", "write an integer (not a decimal or 1e3)"),
        ("1000.0", "write an integer (not a decimal or 1e3)"),
        ("0x10", "write integers in decimal"),
        ("0o17", "write integers in decimal"),
        ("١٢٣", "write the integer with the digits 0-9"),
        ("1000000000001", "less than or equal to 1000000000000"),
        ("9" * 400, "less than or equal to 1000000000000"),
    ],
)
def test_a_count_that_is_not_a_plain_integer_is_refused_where_it_stands(
    tmp_path: Path, value: str, says: str
) -> None:
    root = _with(tmp_path, RATE, RATE.replace("23353", value))
    problem = _problem(root)
    assert "procedures.yaml:29:16:" in problem and says in problem
    assert len(problem) < 400


def test_full_width_digits_are_read_as_digits(tmp_path: Path) -> None:
    root = _with(tmp_path, RATE, RATE.replace("23353", "２３３５３"))
    rate = load_catalog(root).procedures_file.municipality.mynumber_card.rates[0]
    assert rate.cards == 23353


def test_a_municipality_code_takes_ascii_or_full_width_digits_only(tmp_path: Path) -> None:
    assert (
        load_catalog(
            _with(tmp_path / "a", 'code: "122238"', 'code: "１２２２３８"')
        ).procedures_file.municipality.code
        == "122238"
    )
    assert "code" in _problem(_with(tmp_path / "b", 'code: "122238"', 'code: "١٢٢٢٣٨"'))


def test_a_fiscal_year_in_another_script_is_refused(tmp_path: Path) -> None:
    from dxready.catalog.fiscal import FiscalYear, FiscalYearError

    assert int(FiscalYear.parse("２０２５")) == 2025
    with pytest.raises(FiscalYearError):
        FiscalYear.parse("٢٠٢٥")


@pytest.mark.parametrize(
    ("settings", "says"),
    [
        ("weights: {reach: .nan}\n", "finite number"),
        ("weights: {effort: .inf}\n", "finite number"),
        ("targets: {usage_rate: .nan}\n", "finite number"),
        ("targets: {staleness_days: 99999999}\n", "less than or equal to 36500"),
        ("waivers:\n  - {code: DX101, subject: a, reason: '   '}\n", "reason: String should match pattern"),
        ("waivers:\n  - {code: DX011, subject: a, reason: ok}\n", "DX011 (expired waiver) cannot be waived"),
        # A full-width code is normalised (issue 10: NFKC for rule codes); a letter O for a zero is still refused.
        ("waivers:\n  - {code: DX1O1, subject: a, reason: ok}\n", "code"),
    ],
)
def test_settings_refuse_what_would_make_scores_or_waivers_meaningless(
    tmp_path: Path, settings: str, says: str
) -> None:
    write_catalog(tmp_path, settings=settings)
    assert says in _problem(tmp_path)


def test_a_full_width_waiver_code_is_the_half_width_code(tmp_path: Path) -> None:
    from dxready.catalog.load import load_catalog

    write_catalog(tmp_path, settings="waivers:\n  - {code: ＤＸ１０１, subject: a, reason: ok}\n")
    assert load_catalog(tmp_path).settings.waivers[0].code == "DX101"
