"""render.json_: a year's counts as JSON read each rate property once and say what the model's properties say."""

from __future__ import annotations

import pytest

from dxready.catalog.models import CityCounts, Counts
from dxready.render.json_ import _counts


@pytest.mark.parametrize(
    "fields",
    [
        {"fiscal_year": "令和4年度", "total": 200, "online": 50},
        {"fiscal_year": "令和4年度", "total": 0, "online": 0, "rate": 12.5},
        {"fiscal_year": "令和4年度", "online": 7},
        {"fiscal_year": "令和4年度", "rate": 33.3},
    ],
)
@pytest.mark.parametrize("model", [Counts, CityCounts])
def test_rate_and_its_source_are_the_models(fields: dict[str, object], model: type[Counts]) -> None:
    c = model.model_validate(fields)
    out = _counts(c)
    assert (out["rate"], out["rate_from"], out["published_rate"]) == (c.usage_rate, c.rate_source, c.rate)
