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
