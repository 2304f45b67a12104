"""render.gapsview: the brief build (gaps -f json's groups) groups exactly as the full one."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dxready.engine.integrity import load
from dxready.engine.run import run
from dxready.render.gapsgroups import json_groups
from dxready.render.gapsview import Entry, build, to_json


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


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_vouched_entries_are_the_bytes_looked_at_ones(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """gaps -f json's procedures and groups taken by the C writer on the producer's word (json_gaps._vouching): the same bytes as when
    every value is looked at, on the shipped catalogue and on one with a rate json writes with an exponent."""
    from dxready.render import json_gaps
    from tests.helpers.catalogs import copy_shipped

    root = copy_shipped(tmp_path / "c")
    path = root / "procedures.yaml"
    text = path.read_text(encoding="utf-8")
    # On an offline row (DX104 then says nothing, so the rate is in the entry's usage only).
    at = text.index("\n    status: ×", text.index("\nprocedures:"))
    counts = "\n    counts: [{fiscal_year: 令和9年度, rate: 0.00001}]"
    path.write_text(text[:at] + counts + text[at:], encoding="utf-8")
    for catalog in (load(None), load(root)):
        report = run(catalog, dt.date(2031, 4, 1))
        vouched = json_gaps.gaps(report, lang)
        assert json_gaps._vouching(report, False)
        with monkeypatch.context() as m:
            m.setattr(
                json_gaps, "_printable", lambda report: False
            )  # entries and groups: every value looked at
            assert json_gaps.gaps(report, lang) == vouched
    assert '"rate": 1e-05' in vouched


def test_a_float_in_a_findings_data_is_looked_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """DX104's target in a finding's data, a float json writes with an exponent, in an entry whose own rates are
    plain: the entry is not taken on its producer's word."""
    from dxready.render import json_gaps
    from tests.helpers.catalogs import copy_shipped

    root = copy_shipped(tmp_path / "c")
    path = root / "procedures.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("\n    status: ○", text.index("\nprocedures:"))
    counts = "\n    counts: [{fiscal_year: 令和9年度, total: 100, online: 0}]"
    path.write_text(text[:at] + counts + text[at:], encoding="utf-8")
    (root / "dxready.yaml").write_text("targets:\n  usage_rate: 0.00005\n", encoding="utf-8")
    report = run(load(root), dt.date(2031, 4, 1))
    vouched = json_gaps.gaps(report, "en")
    with monkeypatch.context() as m:
        m.setattr(json_gaps, "_printable", lambda report: False)
        assert json_gaps.gaps(report, "en") == vouched
    assert '"target": 5e-05' in vouched and '"rate": 0.0' in vouched


def _template_by_shapes(pairs: list[tuple[str, str]]) -> str:
    """gapsgroups._template as first written: every (command, id)'s shape made, the one shape or ''."""
    from dxready.render.gapsgroups import _shape

    commands = {command for command, _ in pairs}
    if len(commands) == 1:
        return commands.pop()
    shapes = {_shape(command, ident) for command, ident in pairs}
    return shapes.pop() if len(shapes) == 1 else ""


_WORDS = st.sampled_from(["dxready", "set", "ID", "--status", "○", "p", "q", "a b", "", "2026-12-01"])


@settings(max_examples=500, deadline=None)
@given(
    shape=st.lists(_WORDS, min_size=1, max_size=5),
    idents=st.lists(
        st.sampled_from(["p", "q", "ID", "set", "dxready", "a b", "", "r"]), min_size=1, max_size=4
    ),
    noise=st.lists(st.tuples(st.lists(_WORDS, min_size=1, max_size=5), _WORDS), max_size=2),
)
def test_template_is_the_one_shape(
    shape: list[str], idents: list[str], noise: list[tuple[list[str], str]]
) -> None:
    """_template's quick test of a command against the first one's shape (the id in its gaps) gives what making every
    shape gives: ids that are other words of the command, ids with spaces, ID written in a command, commands apart."""
    from dxready.render.gapsgroups import _template

    pairs = [(" ".join([shape[0], *(i if w == "ID" else w for w in shape[1:])]), i) for i in idents]
    pairs += [(" ".join(words), ident) for words, ident in noise]
    assert _template(pairs) == _template_by_shapes(pairs)


@pytest.mark.parametrize("fresh", [False, True])
def test_one_pass_groups_as_the_two(fresh: bool, tmp_path: Path) -> None:
    """gaps -f json groups the findings by subject and by (code, kind, missing fact) in one pass (json_gaps._grouped):
    the same lists as views.subject_findings and gapsgroups._by_key, and the same groups made from them (the shipped
    catalogue later on; a fresh init's, whose unknown rows ask for missing facts)."""
    from typer.testing import CliRunner

    from dxready.cli import app
    from dxready.render import views
    from dxready.render.gapsgroups import _by_key
    from dxready.render.json_gaps import _grouped

    if fresh:
        assert CliRunner().invoke(app, ["init", str(tmp_path / "c"), "--name", "館山市"]).exit_code == 0
    report = run(load(tmp_path / "c" if fresh else None), dt.date(2031, 4, 1))
    by_subject, by_key = _grouped(report)
    assert any(f.is_missing_fact for f in report.findings) is fresh
    assert by_key == _by_key(report) and list(by_key) == list(_by_key(report))
    for kind in ("procedure", "system", "roadmap", "catalog", "settings"):
        assert by_subject.get(kind, {}) == views.subject_findings(report, kind)
    for lang in ("ja", "en"):
        assert json_groups(report, lang, by_key) == to_json(build(report, lang))
