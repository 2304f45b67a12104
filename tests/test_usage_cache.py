"""compare's usage figures (commands/usage.py): what a row carries, and what the cache may give back."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxready.commands import usage
from dxready.commands.compare import summarise
from dxready.engine.integrity import load
from tests.helpers.catalogs import copy_shipped


def _counted(root: Path, ref: str, *counts: str) -> None:
    from dxready.commands.edit import run_set

    run_set(
        ref,
        catalog=root,
        status=None,
        channels=[],
        counts=list(counts),
        note=None,
        verified_on=None,
    )


_COUNTED = {"rate_source": "counts", "period_end": None}


def test_a_row_carries_the_latest_counted_year_per_standard_row(tmp_path: Path) -> None:
    root = copy_shipped(tmp_path / "k")
    assert summarise(load(root), "k").usage == ()  # no counts: nothing carried
    _counted(root, "1", "2021:100:10", "2022:200:150")
    _counted(root, "9", "2022::77")  # online only: no rate
    row = summarise(load(root), "k")
    assert usage.as_json(row.usage) == {
        "1": {"fiscal_year": 2022, "total": 200, "online": 150, "rate": 75.0, **_COUNTED},
        "9": {"fiscal_year": 2022, "total": None, "online": 77, "rate": None, **_COUNTED},
    }
    # A round trip through the cache gives the same figures.
    assert usage.uncache(usage.cache(row.usage)) == row.usage


@pytest.mark.parametrize(
    "value",
    [
        "x",
        [None] * 20,  # not 21 rows
        [[2023, 10, 5, 50.0, False, None]] + [None] * 20 + [None],
        [[2023, 10, 5]] + [None] * 20,  # three figures
        [[True, 10, 5, 50.0, False, None]] + [None] * 20,  # a bool year
        [[1500, 10, 5, 50.0, False, None]] + [None] * 20,  # a year out of range
        [[2023, -1, 5, 50.0, False, None]] + [None] * 20,  # a negative total
        [[2023, 10, 5, 150.0, False, None]] + [None] * 20,  # a rate over 100
        [[2023, 10, 5, "50", False, None]] + [None] * 20,  # a rate as text
        [[2023, 10, 5, 50.0]] + [None] * 20,  # four figures: a row cached before the published mark
        [[2023, None, None, 50.0, 1, None]] + [None] * 20,  # published not a bool
        [[2023, None, None, 50.0, True, "11月末"]] + [None] * 20,  # a part year's end not a date
    ],
)
def test_the_cache_gives_back_only_figures_in_range(value: object) -> None:
    with pytest.raises(ValueError, match="not a cached row"):
        usage.uncache(value)


def test_an_empty_usage_is_kept_empty() -> None:
    assert usage.uncache([]) == ()
    assert usage.as_json(()) == {}
