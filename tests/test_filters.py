"""gaps/next filters: ``--only`` sorts every finding under one area, a catalogue-wide one by its rule family."""

from __future__ import annotations

import datetime as dt

from dxready.catalog.load import embedded_catalog, load_catalog
from dxready.engine.filters import Filters, apply, area
from dxready.engine.run import run


def _report():  # type: ignore[no-untyped-def]
    return run(load_catalog(embedded_catalog()), dt.date(2026, 11, 30))


def test_a_standard_business_no_system_serves_is_a_systems_gap() -> None:
    report = _report()
    uncovered = [f for f in report.findings if f.subject.kind == "catalog" and f.code.startswith("DX3")]
    assert uncovered, "the shipped catalogue has a standard business that no system serves"
    systems = apply(report, Filters(only="systems")).findings
    procedures = apply(report, Filters(only="procedures")).findings
    assert all(f in systems for f in uncovered)
    assert not any(f in procedures for f in uncovered)
    assert {area(f) for f in systems} == {"system"}


def test_the_areas_partition_the_findings() -> None:
    report = _report()
    parts = [apply(report, Filters(only=name)).findings for name in ("procedures", "systems", "roadmap")]
    assert sum(len(p) for p in parts) == sum(1 for f in report.findings if area(f) != "catalog")
