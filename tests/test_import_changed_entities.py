"""``import``'s note of what ``check`` will newly report looks at the systems and roadmap items the import changed,
found by id (as the procedures are): it compared each item with every old one, quadratic in the roadmap's length
(20,000 items, well inside the input limits, did not finish in two minutes)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dxready.commands import import_
from dxready.engine.integrity import load
from dxready.findings import Subject
from tests.helpers.cli import run80


def test_a_changed_roadmap_item_is_looked_at_and_an_unchanged_one_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, after = tmp_path / "before", tmp_path / "after"
    for root in (before, after):
        assert run80("init", str(root), "--name", "館山市")[0] == 0
        for i in range(3):
            args = (
                "add",
                "roadmap",
                f"item-{i}",
                "--area",
                "1",
                "--title",
                f"項目{i}",
                "--target",
                "令和9年度",
            )
            assert run80(*args, "-c", str(root))[0] == 0
    # After: item-1's target changed; item-0 and item-2 as they were.
    text = (after / "roadmap.yaml").read_text(encoding="utf-8")
    head, tail = text.split("id: item-1", 1)
    (after / "roadmap.yaml").write_text(
        head + "id: item-1" + tail.replace("target: 2027", "target: 2023", 1), encoding="utf-8"
    )
    asked: dict[str, object] = {}

    def new_findings(
        before: object, after: object, procedures: object, also: object, as_of: object
    ) -> tuple[()]:
        asked["also"] = also
        return ()

    monkeypatch.setattr("dxready.engine.consequences.new_findings", new_findings)
    import_._new_findings(load(before), load(after), dt.date(2026, 12, 1))
    also = asked["also"]
    assert callable(also)
    assert [i for i in range(3) if also(Subject("roadmap", f"item-{i}"))] == [1]
