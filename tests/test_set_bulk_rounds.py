"""Bulk ``set`` in rounds (commands/edit_batch.py) against the reference, one target after another: the same bytes
written, the same echo in both languages, the same refusal, for random references and changes on catalogues in
several styles; and the comparison itself fails on a batching broken on purpose."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from dxready.commands import bulk, edit_batch
from dxready.engine.integrity import load
from dxready.errors import DxreadyError
from dxready.render.messages import edit_result
from tests.helpers.catalogs import SHIPPED

# A catalogue in the styles the shipped one does not use: flow mappings and lists, a group in flow style, comments
# between and after items, a block scalar, a last procedure followed by comments only.
FLOWING = """\
municipality: {name: テスト市, code: "122238"}
as_of: 2024-03-31
procedures:
- {id: a-flow, standard_no: 1, name: 図書館, status: ○, channels: [{kind: dedicated}]}
- id: b-block
  standard_no: 2
  name: 施設予約
  status: 一部
  note: |
    一行目
    二行目

  # a comment under b-block, indented as its keys
- id: c-group
  standard_no: 18
  name: 子育て
  status: ○  # follows its sub-procedures
  sub_procedures:
  - {id: c-01, name: 一, status: ○}
  - id: c-02
    name: 二
    status: ○
    note: 'quoted'
  - {id: c-03, name: 三, status: ○, note: "dq"}
- id: d-unknown
  standard_no: 19
  name: 介護
  status: unknown
  sub_procedures: [{id: d-01, name: 一, status: ×}, {id: d-02, name: 二, status: 一部}]
- id: e-last
  name: 最後
  status: offline
  inferred: [status]
# trailing comment
"""

BASES = {  # a catalogue → the references made on it
    "kamogawa": "kamogawa",
    "kamogawa-crlf": "kamogawa",
    "flowing": "flowing",
    "flowing-crlf": "flowing",
    "aliased": "flowing",  # one status an alias of another's: rounds decline, one by one edits
}
ALIASED = FLOWING.replace("status: 一部\n  note: |", "status: &st 一部\n  note: |").replace(
    "status: offline", "status: *st"
)
REFS = {
    "kamogawa": [
        "*",
        "1",
        "2",
        "9",
        "18",
        "19",
        "1[0-9]",
        "*-*",
        "18/*",
        "19/*",
        "20/*",
        "18/1",
        "20/2",
        "?",
        "e-*",
    ],
    "flowing": [
        "*",
        "1",
        "2",
        "18",
        "19",
        "1?",
        "*-*",
        "c-group/*",
        "19/*",
        "18/2",
        "c-group/c-03",
        "e-*",
        "?-*",
    ],
}


def _catalogue(where: Path, base: str) -> Path:
    shutil.copytree(SHIPPED, where)
    if BASES[base] == "flowing":
        (where / "procedures.yaml").write_text(ALIASED if base == "aliased" else FLOWING, encoding="utf-8")
        (where / "systems.yaml").write_text("systems: []\n", encoding="utf-8")
        (where / "roadmap.yaml").write_text("roadmap: []\n", encoding="utf-8")
    if base.endswith("crlf"):
        path = where / "procedures.yaml"
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    return where


OPTIONS: dict[str, list[Any]] = {
    "status": ["○", "×", "一部", "unknown", "—", "online"],
    "channels": [["mynaportal"], ["dedicated:予約システム", "eltax"]],
    "counts": [["2023:100:40"], ["2022:55.5%"]],
    "note": ["確認中", "a: b # c", "改行\nあり"],
    "verified_on": [dt.date(2025, 4, 1)],
    "unset": [["note"], ["inferred"]],
    "inferred": [True, False],
    "facts": [{"fee": False}, {"payment": ["credit_card"]}],
}
# One to three options a change, so that most changes can be made (verified_on and facts refuse sub-procedures).
CHANGES = st.lists(st.sampled_from(sorted(OPTIONS)), min_size=1, max_size=3, unique=True).flatmap(
    lambda names: st.fixed_dictionaries({name: st.sampled_from(OPTIONS[name]) for name in names})
)


@contextlib.contextmanager
def _one_by_one() -> Iterator[None]:
    """The reference path: rounds declined, so every target goes one after another."""
    with mock.patch.object(edit_batch, "in_rounds", lambda *a, **k: None):
        yield


def _outcome(root: Path, refs: list[str], change: dict[str, Any]) -> tuple[object, ...]:
    """What a user sees and keeps: the file's bytes and the echo in both languages, or the refusal."""
    try:
        options = {"status": None, "channels": [], "counts": [], "note": None, "verified_on": None} | change
        result = bulk.run_set_many(refs, catalog=root, **options)
    except (DxreadyError, ValueError) as exc:
        said: object = (type(exc).__name__, str(exc), getattr(exc, "problems", None))
    else:
        said = (edit_result(result, "ja"), edit_result(result, "en"), result)
    return (root / "procedures.yaml").read_bytes(), repr(said).replace(str(root), "ROOT")


_TAKEN: list[str] = []
"""What the last bulk set in rounds did: edited in rounds, declined them, or met a refusal."""


def _both(tmp: Path, base: str, refs: list[str], change: dict[str, Any]) -> tuple[object, object]:
    real, taken = edit_batch.in_rounds, _TAKEN
    taken.clear()

    def spy(*args: Any) -> Any:
        try:
            done = real(*args)
        except Exception:
            taken.append("rounds met a refusal")
            raise
        taken.append("in rounds" if done is not None else "rounds declined")
        return done

    with mock.patch.object(edit_batch, "in_rounds", spy):
        rounds = _outcome(_catalogue(tmp / "rounds", base), refs, change)
    if currently_in_test_context():
        event(taken[0] if taken else "refused before editing")
    with _one_by_one():
        reference = _outcome(_catalogue(tmp / "reference", base), refs, change)
    return rounds, reference


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    based=st.sampled_from(sorted(BASES)).flatmap(
        lambda base: st.tuples(
            st.just(base), st.lists(st.sampled_from(REFS[BASES[base]]), min_size=1, max_size=4)
        )
    ),
    change=CHANGES,
)
def test_rounds_write_and_say_what_one_by_one_does(
    tmp_path_factory: pytest.TempPathFactory, based: tuple[str, list[str]], change: dict[str, Any]
) -> None:
    base, refs = based
    rounds, reference = _both(tmp_path_factory.mktemp("r"), base, refs, change)
    assert rounds == reference
    if _TAKEN[-1:] == ["rounds met a refusal"]:  # rounds raise only where one by one refuses
        assert str(reference[1]).startswith(("('UsageError'", "('LoadError'", "('ValueError'")), reference
    event("refused" if "Error" in str(rounds[1])[:40] else "edited")


# Examples that each break of the batching below must get wrong.
EXAMPLES: list[tuple[str, list[str], dict[str, Any]]] = [
    ("kamogawa", ["18/*", "19/*"], {"status": "×"}),  # groups follow their sub-procedures, round by round
    ("kamogawa", ["1", "2", "4"], {"status": "○"}),  # 1 and 4 already ○: they do not move
    ("flowing", ["c-group/*", "*"], {"status": "×", "note": "確認中"}),
]


def _stale_index() -> Any:
    """Broken: every round plans on the catalogue as it was before the first (groups forget their edits)."""
    first: list[Any] = []
    real = edit_batch.TargetIndex

    class Stale(real):  # type: ignore[misc, valid-type]
        def __init__(self, catalog: Any) -> None:
            first.append(catalog)
            super().__init__(first[0])

    return mock.patch.object(edit_batch, "TargetIndex", Stale)


BREAKS = {
    "every target moves": lambda: mock.patch.object(edit_batch, "_moves", lambda text, splices: True),
    "rounds plan on a stale catalogue": _stale_index,
    "a group's sub-procedures last first": lambda: mock.patch.object(edit_batch, "rounds", _last_first),
}


def _last_first(found: list[Any], change: Any, real: Any = edit_batch.rounds) -> list[list[int]]:
    """Broken: round k holds the k-th target of each procedure counted from its last."""
    last = len(found) - 1
    return [sorted(last - i for i in order) for order in real(found[::-1], change)]


@pytest.mark.parametrize("broken", list(BREAKS))
def test_the_comparison_catches_a_broken_batching(tmp_path: Path, broken: str) -> None:
    differs = []
    for n, (base, refs, change) in enumerate(EXAMPLES):
        with BREAKS[broken]():
            rounds = _outcome(_catalogue(tmp_path / f"b{n}", base), refs, change)
        with _one_by_one():
            reference = _outcome(_catalogue(tmp_path / f"r{n}", base), refs, change)
        differs.append(rounds != reference)
    assert any(differs), broken


def test_a_refused_target_after_many_is_refused_as_one_by_one_refuses_it(tmp_path: Path) -> None:
    # 18/1 (a sub-procedure) takes no --verified-on: the procedures before it are edited first, then it is refused.
    rounds, reference = _both(
        tmp_path, "kamogawa", ["1", "2", "18/1", "3"], {"verified_on": dt.date(2025, 4, 1)}
    )
    assert rounds == reference
    assert rounds[0] == (SHIPPED / "procedures.yaml").read_bytes()  # nothing written
    assert "個別手続" in str(rounds[1])


def test_an_alias_sends_every_target_one_by_one(tmp_path: Path) -> None:
    from dxready.commands.edit import parse_change
    from dxready.engine.integrity import load

    root = _catalogue(tmp_path / "c", "aliased")
    assert "*st" in ALIASED and load(root).procedure("e-last").status.value == "partial"  # type: ignore[union-attr]
    change = parse_change(status="×", channels=[], counts=[], note=None, verified_on=None)
    assert edit_batch.in_rounds(ALIASED, load(root), ["b-block", "e-last"], change, "x") is None
    rounds, reference = _both(tmp_path, "aliased", ["*"], {"note": "n"})
    assert rounds == reference


def test_rounds_hold_the_kth_target_of_each_procedure(tmp_path: Path) -> None:
    from dxready.engine.integrity import load

    catalog = load(_catalogue(tmp_path / "c", "kamogawa"))
    index = edit_batch.TargetIndex(catalog)
    found = [index.find(ref, "x") for ref in ["18/1", "9", "18/2", "19/1", "18/3", "7"]]
    from dxready.commands.edit import parse_change

    status = parse_change(status="×", channels=[], counts=[], note=None, verified_on=None)
    note = parse_change(status=None, channels=[], counts=[], note="n", verified_on=None)
    assert edit_batch.rounds(found, status) == [[0, 1, 3, 5], [2], [4]]  # 18 follows its sub-procedures
    assert edit_batch.rounds(found, note) == [[0, 1, 2, 3, 4, 5]]  # a note on each reaches no other
    assert edit_batch.rounds([*found, index.find("18", "x")], note) == [
        [0, 1, 3, 5],
        [2],
        [4],
        [6],
    ]  # 18 a target too


def test_the_index_finds_what_find_target_finds(tmp_path: Path) -> None:
    from dxready.commands.edit_plan import find_target
    from dxready.engine.integrity import load
    from dxready.errors import UsageError

    catalog = load(_catalogue(tmp_path / "c", "kamogawa"))
    index = edit_batch.TargetIndex(catalog)
    for ref in ["9", "bulky-waste", "18/2", "18/childcare-02", " 18 / 3 ", "21/1"]:
        assert index.find(ref, "x") == find_target(catalog, ref, "x")
    for ref in ["99", "nope", "18/99", "9/1"]:
        with pytest.raises(UsageError) as ours:
            index.find(ref, "x")
        with pytest.raises(UsageError) as theirs:
            find_target(catalog, ref, "x")
        assert vars(ours.value) == vars(theirs.value)


def test_mixed_line_breaks_send_every_target_one_by_one(tmp_path: Path) -> None:
    from dxready.commands.edit import parse_change
    from dxready.engine.integrity import load

    root = _catalogue(tmp_path / "c", "flowing")
    mixed = FLOWING.replace("- id: b-block\n", "- id: b-block\r\n")
    (root / "procedures.yaml").write_bytes(mixed.encode("utf-8"))
    change = parse_change(status="×", channels=[], counts=[], note="n", verified_on=None)
    assert edit_batch.in_rounds(mixed, load(root), ["b-block", "e-last"], change, "x") is None
    assert edit_batch.in_rounds(FLOWING, load(root), ["b-block", "e-last"], change, "x") is not None


def test_a_round_near_the_node_limit_goes_one_by_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dxready.catalog import limits
    from dxready.catalog.yaml import compose_nodes
    from dxready.catalog.yaml_nodes import node_count
    from dxready.commands.edit import parse_change

    catalog = load(_catalogue(tmp_path / "c", "flowing"))
    nodes = node_count(compose_nodes(FLOWING))
    more = parse_change(status=None, channels=["mynaportal"], counts=[], note=None, verified_on=None)
    status = parse_change(status="×", channels=[], counts=[], note=None, verified_on=None)
    refs = ["b-block", "e-last"]
    monkeypatch.setattr(limits, "MAX_NODES", nodes + 5)  # no room for two new channels (five nodes each)
    assert edit_batch.in_rounds(FLOWING, catalog, refs, more, "x") is None
    monkeypatch.setattr(limits, "MAX_NODES", nodes)  # no room at all: a status replaced takes none
    assert edit_batch.in_rounds(FLOWING, catalog, refs, status, "x") is not None
    monkeypatch.setattr(limits, "MAX_NODES", nodes + 100)  # counted, and room enough
    assert edit_batch.in_rounds(FLOWING, catalog, refs, more, "x") is not None


def test_what_a_splice_writes_is_counted_high(tmp_path: Path) -> None:
    from dxready.catalog.yaml import compose_nodes
    from dxready.catalog.yaml_nodes import node_count

    for text in [
        "○",
        "k: v",
        "k:",
        "[a, b, [c]]",
        "- {kind: eltax, name: 'it''s: x'}",
        "a:\n  - b\n  - c: d\n",
    ]:
        assert edit_batch._nodes_at_most(text) >= node_count(compose_nodes(text)), text


@pytest.mark.parametrize(
    ("refs", "change"),
    [
        (["*"], {"status": "×"}),
        (["18/*", "19/*"], {"status": "○"}),
        (["*"], {"facts": {"fee": False}, "note": "n"}),
        (["*"], {"unset": ["note"]}),  # takes nodes away only
    ],
)
def test_the_usual_bulk_edits_go_in_rounds(tmp_path: Path, refs: list[str], change: dict[str, Any]) -> None:
    rounds, reference = _both(tmp_path, "kamogawa", refs, change)
    assert rounds == reference
    assert _TAKEN == ["in rounds"]
