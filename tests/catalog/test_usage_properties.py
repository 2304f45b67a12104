"""``latest_usage`` over random groups: never an older year while a later one is summable, and a stated rate is
always the one the counts give."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from dxready.catalog.models import Procedure
from dxready.catalog.numbers import percent
from dxready.catalog.usage import latest_usage

YEARS = st.sampled_from([2020, 2021, 2022, 2023])


@st.composite
def entries(draw: Any) -> list[dict[str, Any]]:
    out = []
    for year in draw(st.sets(YEARS, max_size=3)):
        total = draw(st.integers(1, 50))
        out.append({"fiscal_year": year, "total": total, "online": draw(st.integers(0, total))})
    return out


@st.composite
def groups(draw: Any) -> Procedure:
    subs = [
        {"id": f"s-{k}", "name": f"個別{k}", "status": "unknown", "counts": draw(entries())}
        for k in range(draw(st.integers(1, 4)))
    ]
    return Procedure.model_validate(
        {
            "id": "g",
            "name": "まとまり",
            "status": "unknown",
            "counts": draw(entries()),
            "sub_procedures": subs,
        }
    )


@given(groups())
def test_the_latest_year_is_never_hidden_and_a_stated_rate_is_the_counts(p: Procedure) -> None:
    years = {int(c.fiscal_year) for c in p.counts} | {
        int(c.fiscal_year) for s in p.sub_procedures for c in s.counts
    }
    u = latest_usage(p)
    if not years:
        assert u is None
        return
    assert u is not None and u.fiscal_year == max(
        years
    )  # every entry here has total and online: always summable
    if u.rows is None:
        own = next(c for c in p.counts if int(c.fiscal_year) == u.fiscal_year)
        assert u.counts is own
    else:
        assert not any(int(c.fiscal_year) == u.fiscal_year for c in p.counts)
        mine = [c for s in p.sub_procedures for c in s.counts if int(c.fiscal_year) == u.fiscal_year]
        assert (u.counts.total, u.counts.online) == (
            sum(c.total or 0 for c in mine),
            sum(c.online or 0 for c in mine),
        )
        if u.rate is not None:
            assert len(mine) == len(p.sub_procedures)
            assert u.rate == percent(u.counts.online or 0, u.counts.total or 1)
        else:
            assert len(mine) < len(p.sub_procedures)


def test_a_latest_year_that_cannot_be_summed_leaves_the_group_without_usage() -> None:
    """Sub-procedure a has 2022 online counts only, so 2022 cannot be summed. A first review had the group show its
    own 2020 entry (10.0 %); the fix then showed 2021's sum (80.0 %), still an older year than the latest recorded
    (review s7 F2): the group shows no usage, never an older year's figures as its latest."""
    from dxready.catalog.models import Procedure
    from dxready.catalog.usage import latest_usage

    p = Procedure.model_validate(
        {
            "id": "g",
            "name": "G",
            "status": "unknown",
            "counts": [{"fiscal_year": 2020, "total": 100, "online": 10}],
            "sub_procedures": [
                {
                    "id": "a",
                    "name": "A",
                    "status": "unknown",
                    "counts": [
                        {"fiscal_year": 2021, "total": 50, "online": 40},
                        {"fiscal_year": 2022, "online": 45},
                    ],
                },
                {
                    "id": "b",
                    "name": "B",
                    "status": "unknown",
                    "counts": [{"fiscal_year": 2021, "total": 50, "online": 40}],
                },
            ],
        }
    )
    assert latest_usage(p) is None
