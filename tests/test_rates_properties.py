"""Properties of rates over partly known data and of a group's derived status (engine.rates, catalog.models).

- A rate's bounds contain the rate that any completion of the unknown rows gives (○, 一部, ×, or even —).
- Recording one more unknown row never widens the bounds.
- A group's settled status is the status of every completion of its unknown sub-procedures; an unsettled group
  has completions that disagree; the statuses DX008 allows are exactly those some completion gives.
"""

from __future__ import annotations

import itertools
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from dxready.catalog.models import Status, possible_statuses, settled_status
from dxready.engine.rates import ONLINE, ONLINE_OR_PARTIAL, Rate, rate_of, text

KNOWN = [Status.online, Status.partial, Status.offline, Status.not_applicable]
statuses = st.lists(st.sampled_from([*KNOWN, Status.unknown]), max_size=25)
counted = st.sampled_from([ONLINE, ONLINE_OR_PARTIAL])


def _exact(values: list[Status], which: frozenset[Status]) -> float | None:
    applicable = [s for s in values if s is not Status.not_applicable]
    if not applicable:
        return None
    share = Decimal(100 * sum(s in which for s in applicable)) / len(applicable)
    return float(share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))  # as cities publish rates: half up


@given(values=statuses, which=counted, fill=st.lists(st.sampled_from(KNOWN), min_size=25, max_size=25))
@example(
    values=[Status.online] * 13 + [Status.partial] * 3, which=ONLINE, fill=[Status.online] * 25
)  # 81.25 → 81.3
def test_bounds_contain_every_completion(
    values: list[Status], which: frozenset[Status], fill: list[Status]
) -> None:
    rate = rate_of(values, which)
    filler = iter(fill)
    completed = [next(filler) if s is Status.unknown else s for s in values]
    truth = _exact(completed, which)
    if truth is None or rate.bounds is None:
        return  # every row turned out to be —: there is no rate to bound
    low, high = rate.bounds
    assert low <= truth <= high
    if rate.complete:
        assert rate.rate == truth == low == high
    else:
        assert rate.rate is None
        assert "件中" in text(rate, "ja") and "known" in text(rate, "en")  # never a bare figure


@given(values=statuses, which=counted, pick=st.integers(min_value=0), new=st.sampled_from(KNOWN))
def test_recording_one_more_row_never_widens_the_bounds(
    values: list[Status], which: frozenset[Status], pick: int, new: Status
) -> None:
    unknown = [i for i, s in enumerate(values) if s is Status.unknown]
    if not unknown:
        return
    before = rate_of(values, which)
    after_values = list(values)
    after_values[unknown[pick % len(unknown)]] = new
    after = rate_of(after_values, which)
    assert after.known >= before.known
    if after.bounds is None or before.bounds is None:
        return
    assert before.bounds[0] <= after.bounds[0] <= after.bounds[1] <= before.bounds[1]


def _completions(values: list[Status]) -> list[list[Status]]:
    holes = [i for i, s in enumerate(values) if s is Status.unknown]
    out = []
    for choice in itertools.product(KNOWN, repeat=len(holes)):
        filled = list(values)
        for i, s in zip(holes, choice, strict=True):
            filled[i] = s
        out.append(filled)
    return out


small = st.lists(st.sampled_from([*KNOWN, Status.unknown]), min_size=1, max_size=6)


@given(values=small)
def test_a_settled_group_status_holds_for_every_completion(values: list[Status]) -> None:
    settled = settled_status(values)
    results = {settled_status(c) for c in _completions(values)} - {None}  # None: every sub-procedure —
    if settled is not None:
        assert results <= {settled}  # no completion of the unknown ones contradicts it
    elif results:
        assert len(results) > 1  # not settled: the unknown ones could still make it one thing or another
    # DX008 allows exactly the statuses some completion gives (when there is any applicable sub-procedure).
    if results:
        assert results == set(possible_statuses(values))


def test_the_issue_s_example_of_one_sub_procedure_in_fifteen() -> None:
    one = [Status.online] + [Status.unknown] * 14
    assert settled_status(one) is None
    assert settled_status([Status.online, Status.offline] + [Status.unknown] * 13) is Status.partial
    assert settled_status([Status.online] * 15) is Status.online
    assert text(Rate(9, 9, 21), "ja") == "42.9–100.0%（21件中9件確認）"
    assert text(Rate(9, 17, 17), "ja") == "52.9%"
