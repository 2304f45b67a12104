"""render.json_.subject_findings: gaps' findings of one subject, each as finding() writes it, and the word on their
data that the C writer takes (render.jsonfast.Lazy, paired) without looking again."""

from __future__ import annotations

import datetime as dt
import enum
import math
from typing import Any

import pytest

from dxready.engine.integrity import load
from dxready.engine.run import run
from dxready.findings import Finding, Location, Msg, Severity, Subject
from dxready.render.json_ import finding, subject_findings
from dxready.render.jsonfast import _plain


class Kind(str, enum.Enum):
    SEAL = "seal"


def _finding(data: dict[str, Any], waived: str | None = None) -> Finding:
    return Finding(
        "DX104",
        Subject("procedure", "p"),
        Msg("利用率", "usage"),
        severity=Severity.info,
        next_step=Msg("見直す", "review") if waived is None else None,
        location=Location("procedures.yaml", 3, 5) if waived is None else None,
        waived=waived,
        data=data,
    )


_PLAIN = [
    {},
    {"fiscal_year": 2022, "rate": 0.0, "target": 50.0, "rate_from": "counts"},
    {"payment": ["counter", "bank"], "missing_fact": True, "standard_no": None},
    {"rate": 1e-4, "big": 9.99e15},
]
_NOT_PLAIN = [
    {"rate": 1e-05},  # json writes 1e-05, orjson 0.00001
    {"rate": 1e16},
    {"rate": math.nan},
    {"ids": [1, 2]},  # a list of other than strings: looked at by the writer
    {"identity": Kind.SEAL},  # a subclass
    {"where": Location("f", 1, 1), "rate": 0.5},  # a value JSON does not show (dropped as finding() drops it)
    {"n": 1, "nested": {"a": 1}},  # a mapping: not a value JSON shows here either
]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize(("data", "plain"), [(d, True) for d in _PLAIN] + [(d, False) for d in _NOT_PLAIN])
def test_each_as_finding_writes_it(lang: str, data: dict[str, Any], plain: bool) -> None:
    subject = {"kind": "procedure", "id": "p"}
    found = [_finding({"n": 1}), _finding(data), _finding({"days": 3}, waived="理由")]
    made, word = subject_findings(found, subject, lang)
    assert made == [finding(f, lang) for f in found]
    assert word is plain
    if plain:  # the word is the writer's own test of those values
        assert all(_plain(m, None, set()) for m in made)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_catalogues_findings(lang: str) -> None:
    report = run(load(None), dt.date(2031, 4, 1))
    by: dict[tuple[str, str], list[Finding]] = {}
    for f in report.findings:
        by.setdefault((f.subject.kind, f.subject.id), []).append(f)
    assert len(by) > 10
    for (kind, ident), found in by.items():
        made, word = subject_findings(found, {"kind": kind, "id": ident}, lang)
        assert made == [finding(f, lang) for f in found]
        assert word is _plain({"f": made}, None, set())
