"""A count written with a thousands separator (1,200) is refused saying so, at the value, in flow and block style
(review s8 F17: flow style said 「値が不正です（200）」 at a key 200, block style asked for 半角数字)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxready.catalog.load import LoadError, load_catalog
from tests.helpers.catalogs import write_catalog

HEAD = """
procedures:
  - id: water-service-start
    standard_no: 5
    name: 水道使用開始届等
    status: ○
    counts:
"""


def _problem(tmp_path: Path, counts: str) -> tuple[int, int, str, str]:
    with pytest.raises(LoadError) as caught:
        load_catalog(write_catalog(tmp_path, procedures=HEAD + counts))
    (problem,) = caught.value.problems
    where = problem.location
    return where.line, where.column, problem.message.ja, problem.message.en


def _line_col(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of ``needle`` in the procedures.yaml that write_catalog writes."""
    for n, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return n, line.index(needle) + 1
    raise AssertionError(needle)


@pytest.mark.parametrize(
    ("counts", "key", "written", "digits"),
    [
        ("      - {fiscal_year: 令和5年度, total: 1,200, online: 300}\n", "total", "1,200", "1200"),
        ("      - {fiscal_year: 令和5年度, total: 1200, online: 1,050}\n", "online", "1,050", "1050"),
        (
            "      - {fiscal_year: 令和5年度, total: 12,345,678, online: 300}\n",
            "total",
            "12,345,678",
            "12345678",
        ),
        (
            "      - fiscal_year: 令和5年度\n        total: 1,200\n        online: 300\n",
            "total",
            "1,200",
            "1200",
        ),
    ],
    ids=["flow", "flow-last", "flow-millions", "block"],
)
def test_a_thousands_separator_is_named_at_the_value(
    tmp_path: Path, counts: str, key: str, written: str, digits: str
) -> None:
    line, column, ja, en = _problem(tmp_path, counts)
    text = (tmp_path / "procedures.yaml").read_text(encoding="utf-8")
    at_line, at_key = _line_col(text, f"{key}: {written}")
    assert (line, column) == (at_line, at_key + len(f"{key}: ")), "at the value (its first digit)"
    assert ja == f"{key}: {written} のような桁区切りのカンマは使えません。{digits} と書いてください"
    assert en == f"{key}: a thousands separator as in {written} cannot be used; write {digits}"


@pytest.mark.parametrize(
    "counts",
    [
        "      - {fiscal_year: 令和5年度, total: 1, 200: 3}\n",  # a real (wrong) key, with a value
        "      - {fiscal_year: 令和5年度, total: 1, 200}\n",  # a space after the comma: two entries
        "      - {fiscal_year: 令和5年度, total: 1,20}\n",  # not three digits after the comma
        "      - {fiscal_year: 令和5年度, total: 1234,567}\n",  # four digits before it
        '      - {fiscal_year: 令和5年度, total: "1",200}\n',  # a quoted value
    ],
)
def test_no_other_comma_is_taken_for_a_separator(tmp_path: Path, counts: str) -> None:
    with pytest.raises(LoadError) as caught:
        load_catalog(write_catalog(tmp_path, procedures=HEAD + counts))
    assert all("桁区切り" not in p.message.ja for p in caught.value.problems)
