"""findings.Finding: the engine's fast stamp is the same finding that ``with_`` makes."""

from __future__ import annotations

import dataclasses

import pytest

from dxready.findings import Finding, Location, Msg, Severity, Subject


def test_stamped_is_with_and_stays_frozen() -> None:
    raw = Finding(
        "DX110",
        Subject("procedure", "p-1"),
        Msg("ja", "en"),
        "procedures",
        ("procedures", 0),
        data={"days": 3},
    )
    step, where = Msg("次", "next"), Location("procedures.yaml", 4, 7)
    stamped = raw.stamped(Severity.info, step, where, "reason")
    expected = raw.with_(severity=Severity.info, next_step=step, location=where, waived="reason")
    assert stamped == expected
    assert dataclasses.asdict(stamped) == dataclasses.asdict(expected)
    assert hash(stamped) == hash(expected)
    assert raw.location is None and raw.severity is Severity.error  # the rule's finding is untouched
    with pytest.raises(dataclasses.FrozenInstanceError):
        stamped.code = "DX101"  # type: ignore[misc]


def test_located_is_location() -> None:
    from dxready.findings import located

    made = located("procedures.yaml", 3, 5)
    assert made == Location("procedures.yaml", 3, 5)
    assert hash(made) == hash(Location("procedures.yaml", 3, 5))
    assert str(made) == "procedures.yaml:3:5" and made < Location("procedures.yaml", 3, 6)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.line = 4  # type: ignore[misc]


def test_the_hand_written_inits_are_the_dataclass_ones() -> None:
    """Finding and Msg write their __init__ by hand (for speed): the same parameters, defaults and fields."""
    import inspect

    params = list(inspect.signature(Finding).parameters)
    assert params == [f.name for f in dataclasses.fields(Finding)]
    assert list(inspect.signature(Msg).parameters) == [f.name for f in dataclasses.fields(Msg)]
    for f in dataclasses.fields(Finding):
        default = inspect.signature(Finding).parameters[f.name].default
        if f.default is not dataclasses.MISSING:
            assert default == f.default, f.name
    a = Finding("DX101", Subject("procedure", "p"), Msg("ja", "en"))
    b = Finding("DX101", Subject("procedure", "p"), Msg("ja", "en"))
    assert a == b and hash(a) == hash(b) and a.data == {} and a.data is not b.data
    assert dataclasses.replace(a, code="DX102").code == "DX102"
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.message.ja = "x"  # type: ignore[misc]
