"""Readiness levels: the weakest criterion decides; unknown never raises a level."""

from __future__ import annotations

from typing import Any

import pytest

from dxready.catalog.models import Procedure
from dxready.engine.levels import State, life_event_bundles, readiness


def proc(**kw: Any) -> Procedure:
    return Procedure.model_validate({"id": "p", "name": "手続", "status": "○", **kw})


DIGITAL = {
    "identity": "mynumber_card",
    "fee": True,
    "payment": ["credit_card"],
    "result_delivery": "electronic",
}
ONCE_ONLY = {"attachments": [], "back_office": "integrated", "life_events": []}


@pytest.mark.parametrize(
    ("fields", "level"),
    [
        ({"status": "×"}, 0),
        ({"status": "unknown"}, 0),
        ({"status": "一部"}, 1),
        ({}, 2),
        (DIGITAL, 3),
        ({**DIGITAL, "identity": "seal"}, 2),
        ({**DIGITAL, "payment": ["counter"]}, 2),
        ({**DIGITAL, "fee": False, "payment": None}, 3),
        ({**DIGITAL, **ONCE_ONLY}, 4),
        ({**DIGITAL, **ONCE_ONLY, "back_office": "rekeying"}, 3),
        ({**DIGITAL, **ONCE_ONLY, "attachments": [{"name": "住民票", "held_by_city": True}]}, 3),
        ({"status": "一部", **DIGITAL, **ONCE_ONLY}, 1),
    ],
)
def test_levels(fields: dict[str, Any], level: int) -> None:
    r = readiness(proc(**fields), {})
    assert r is not None and r.level == level


def test_not_applicable_has_no_level() -> None:
    assert readiness(proc(status="—"), {}) is None


def test_unknown_criteria_are_blockers_not_failures() -> None:
    r = readiness(proc(), {})
    assert r is not None and r.level == 2
    assert {c.key for c in r.blockers} == {"online_identity", "online_payment", "electronic_result"}
    assert all(c.state is State.unknown for c in r.blockers)


def test_life_event_bundle() -> None:
    a = proc(id="a", life_events=["引越し"], **DIGITAL, attachments=[], back_office="integrated")
    b = proc(id="b", status="×", life_events=["引越し"])
    bundles = life_event_bundles([a, b])
    assert bundles == {"引越し": False}
    r = readiness(a, bundles)
    assert r is not None and r.level == 3


@pytest.mark.parametrize(
    ("fields", "bounds"),
    [
        ({"status": "×"}, (0, 0)),  # settled: no unknown fact can put an offline row online
        ({"status": "一部", "identity": None}, (1, 1)),
        ({"status": "unknown"}, (0, 4)),
        ({}, (2, 4)),  # ○ with identity, fee and result unrecorded: 2 at least, 4 at most
        ({"identity": "seal"}, (2, 2)),  # a recorded 押印 settles it at 2, whatever else is unknown
        ({"identity": "none", "fee": False, "result_delivery": "electronic"}, (3, 4)),
        ({**DIGITAL, **ONCE_ONLY}, (4, 4)),
        ({**DIGITAL, "back_office": "rekeying"}, (3, 3)),
    ],
)
def test_a_level_is_settled_only_when_no_unknown_fact_could_change_it(
    fields: dict[str, Any], bounds: tuple[int, int]
) -> None:
    r = readiness(proc(**fields), {})
    assert r is not None and r.bounds == bounds and r.settled == (bounds[0] == bounds[1])


def test_a_bundle_with_a_member_of_unknown_status_is_unknown_not_failed() -> None:
    a = proc(id="a", life_events=["引越し"], **DIGITAL, attachments=[], back_office="integrated")
    b = proc(id="b", status="unknown", life_events=["引越し"])
    bundles = life_event_bundles([a, b])
    assert bundles == {"引越し": None}
    r = readiness(a, bundles)
    assert r is not None and r.bounds == (3, 4)  # was settled at 3: the unknown member could be ○


def test_a_bundle_is_open_while_a_procedure_short_of_o_has_unrecorded_life_events() -> None:
    """Review s7 F14: a ×/一部/？ procedure whose life events are unrecorded may belong to the bundle, so level 4
    is not settled until its life events are recorded (``[]``: none) or it is ○."""
    a = proc(id="a", life_events=["出産"], **DIGITAL, attachments=[], back_office="integrated")
    for status in ("×", "一部", "unknown"):
        b = proc(id="b", status=status)  # life_events unrecorded
        bundles = life_event_bundles([a, b])
        assert bundles == {"出産": None}
        r = readiness(a, bundles)
        assert r is not None and r.bounds == (3, 4)
    settled = [
        proc(id="b", status="×", life_events=[]),  # recorded: none
        proc(id="b"),  # ○: cannot hold a bundle back, whatever its life events
        proc(id="b", status="—"),  # not applicable
    ]
    for b in settled:
        bundles = life_event_bundles([a, b])
        assert bundles == {"出産": True}
        r = readiness(a, bundles)
        assert r is not None and r.bounds == (4, 4)
    # a bundle known short of ○ stays failed: no unknown fact can raise it
    c = proc(id="c", status="×", life_events=["出産"])
    assert life_event_bundles([a, proc(id="b", status="×"), c]) == {"出産": False}


def test_the_summary_counts_only_settled_levels_and_says_how_many_are_open() -> None:
    from dxready.engine.run import summarize

    rows = [
        proc(id="a", standard_no=1),
        proc(id="b", standard_no=2, identity="seal"),
        proc(id="c", standard_no=3, status="×"),
        proc(id="d", standard_no=4, status="unknown"),
    ]
    levels = {p.id: readiness(p, {}) for p in rows}
    s = summarize(rows, levels)
    assert s.levels == {0: 1, 1: 0, 2: 1, 3: 0, 4: 0}  # only what no unknown fact could change
    # d (？) anywhere from 0 to 4, and so the 17 standard numbers without a row; a (○) from 2 to 4
    assert s.unsettled == {(0, 4): 1 + 17, (2, 4): 1}
    assert s.missing == tuple(range(5, 22))


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_check_formats_do_not_read_levels(fmt: str) -> None:
    """``check`` runs without readiness levels (engine.run's ``levels=False``): every format of it is the same text
    as with them."""
    import datetime as dt

    from dxready.engine.integrity import load
    from dxready.engine.run import run
    from dxready.render import renderer

    catalog = load(None)
    when = dt.date(2031, 1, 1)
    with_levels, without = run(catalog, when), run(catalog, when, levels=False)
    assert with_levels.readiness and not without.readiness
    render = renderer("check", fmt)
    for lang in ("ja", "en"):
        assert render(without, lang) == render(with_levels, lang)
