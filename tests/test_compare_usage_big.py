"""compare's usage grid over many municipalities (a national set) is measured and drawn as a plain grid, as rich
would draw it: same text, without seconds in rich's layout engine."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from rich.console import Console
from rich.measure import Measurement

from dxready.commands.compare_rows import STANDARD_NOS, Comparison, Row
from dxready.commands.usage import Usage
from dxready.render import grid
from dxready.render.compare_extra import print_usage


def _comparison(n: int) -> Comparison:
    rows = []
    for i in range(n):
        usage = tuple(
            Usage(2023, 100 + i, (i * no) % 100, float((i * no) % 100)) if (i + no) % 3 else None
            for no in STANDARD_NOS
        )
        name = f"試験市{i}" if i % 2 else f"Town-{i} with a long name"
        rows.append(Row(f"c{i}", name, f"{10000 + i:05d}0", None, "o" * 21, "2" * 21, usage=usage))
    return Comparison(dt.date(2024, 3, 31), rows)


def _not_called(*args: object, **kwargs: object) -> None:
    raise AssertionError("rich measured the big usage grid")


def _printed(comparison: Comparison, width: int) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width, no_color=True, highlight=False, emoji=False, markup=False)
    print_usage(console, comparison, "ja", width)
    return buf.getvalue()


@pytest.mark.parametrize("width", [400, 80])  # the grid fits; one record per municipality
def test_a_big_usage_grid_is_what_rich_draws(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    n = grid.BIG + 5
    comparison = _comparison(n)
    with monkeypatch.context() as patched:  # rich's measure is the cost this avoids: not called at all
        patched.setattr(Measurement, "get", _not_called)
        fast = _printed(comparison, width)
    monkeypatch.setattr(grid, "BIG", 10**9)  # every table through rich's own measure and layout
    assert fast == _printed(comparison, width)
    assert fast.count("試験市") == n // 2
