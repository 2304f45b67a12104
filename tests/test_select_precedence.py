"""Rule selection: the most specific prefix decides; at equal specificity the command line wins over the settings
file, and an ignore over a select (a review found ``check --select DX104`` silently running nothing because
``dxready.yaml`` ignored DX104)."""

from __future__ import annotations

import pytest

from dxready.catalog.settings import Settings
from dxready.engine.run import selected


@pytest.mark.parametrize(
    ("settings", "select", "ignore", "runs"),
    [
        ({}, None, None, True),
        ({"ignore": ["DX104"]}, None, None, False),
        ({"ignore": ["DX104"]}, ["DX104"], None, True),  # the command line names it: it runs
        ({"ignore": ["DX104"]}, ["DX1"], None, False),  # the settings' ignore is more specific
        ({"ignore": ["DX1"]}, ["DX104"], None, True),
        ({}, ["DX104"], ["DX104"], False),  # both on the command line: the ignore
        ({"select": ["DX104"]}, None, ["DX104"], False),
        ({"select": ["DX2"], "ignore": ["DX104"]}, None, None, False),
        ({"select": ["DX104"], "ignore": ["DX104"]}, None, None, False),  # both in the file: the ignore
    ],
)
def test_selected(
    settings: dict[str, list[str]], select: list[str] | None, ignore: list[str] | None, runs: bool
) -> None:
    assert selected("DX104", Settings(**settings), select, ignore) is runs
