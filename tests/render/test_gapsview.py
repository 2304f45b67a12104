"""render.gapsview: the brief build (gaps -f json's groups) groups exactly as the full one."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from dxready.engine.integrity import load
from dxready.engine.run import run
from dxready.render.gapsview import Entry, build, json_groups, to_json


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_brief_groups_are_the_full_ones(lang: str) -> None:
    report = run(load(None), dt.date(2026, 11, 26))
    full, brief = build(report, lang), build(report, lang, brief=True)
    assert report.findings and to_json(brief) == to_json(full)
    for g, b in zip(full.groups, brief.groups, strict=True):
        assert [(e.kind, e.id, e.ref, e.next_step, e.command) for e in g.entries] == [
            (e.kind, e.id, e.ref, e.next_step, e.command) for e in b.entries
        ]
    assert any(e.message for g in full.groups for e in g.entries)
    assert json_groups(report, lang) == to_json(full)  # gaps -f json's groups, made without entries
    many = run(load(None), dt.date(2031, 4, 1))  # later: more findings, shared steps with ids in them
    assert json_groups(many, lang) == to_json(build(many, lang))


def test_entry_init_is_the_dataclass_one() -> None:
    import inspect

    assert list(inspect.signature(Entry).parameters) == [f.name for f in dataclasses.fields(Entry)]
    e = Entry("procedure", "p", "No.1", "名", "m", "s", "c", "f:1:1")
    assert e == Entry(
        kind="procedure",
        id="p",
        ref="No.1",
        name="名",
        message="m",
        next_step="s",
        command="c",
        location="f:1:1",
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.ref = "x"  # type: ignore[misc]
