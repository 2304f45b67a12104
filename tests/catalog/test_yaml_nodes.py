"""The node tree ``set`` and ``import`` splice by (dxready.catalog.yaml.compose_nodes, made lazily from the C parser's
events by dxready.catalog.yaml_nodes) against ruamel.yaml's own composer, which it replaced: the same tags, values,
styles, flow styles and marks (index, line, column) at every node, an alias the very node of its anchor, and the same
errors, on the yaml-test-suite corpus, every catalogue here, generated documents and mutated catalogues; and the same
bytes from every edit ``set`` makes."""

from __future__ import annotations

import datetime as dt
import functools
import shutil
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxready.catalog import yaml as yaml_module
from dxready.catalog.load import load_catalog
from dxready.catalog.yaml import compose_nodes
from dxready.commands import edit
from dxready.errors import DxreadyError
from tests.helpers.catalogs import SHIPPED
from tests.test_edit_properties import _catalogue, requests
from tests.test_load_properties import mutations
from tests.test_yaml import _SAME, CORPUS, _catalogue_texts, documents


def ruamel_nodes(text: str) -> Any:
    """What compose_nodes was before: ruamel.yaml's C parser and composer."""
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=False).compose(text)


def _marks(node: Any) -> tuple[int, ...]:
    a, b = node.start_mark, node.end_mark
    return (a.index, a.line, a.column, b.index, b.line, b.column)


def assert_same_tree(old: Any, new: Any) -> None:
    """Every node alike, and shared (an alias) exactly where ruamel.yaml's tree shares it."""
    seen: dict[int, Any] = {}
    stack = [(old, new, ())]
    while stack:
        a, b, path = stack.pop()
        assert (a is None) == (b is None), path
        if a is None:
            continue
        if id(a) in seen:
            assert seen[id(a)] is b, path
            continue
        seen[id(a)] = b
        assert (a.tag, _marks(a)) == (b.tag, _marks(b)), path
        if isinstance(a.value, str):
            assert (b.value, b.style) == (a.value, a.style), path
            continue
        assert (b.flow_style, len(b.value)) == (a.flow_style, len(a.value)), path
        assert b.value is b.value  # read once, kept: splices compare nodes by identity
        for i, (x, y) in enumerate(zip(a.value, b.value, strict=True)):
            if isinstance(x, tuple):
                assert isinstance(y, tuple), path
                stack += [(x[0], y[0], (*path, i, "key")), (x[1], y[1], (*path, i))]
            else:
                stack.append((x, y, (*path, i)))
    assert len({id(n) for n in seen.values()}) == len(seen)  # no two nodes of ruamel's tree became one


def assert_same(text: str) -> None:
    """compose_nodes(text) is ruamel.yaml's tree, or both refuse the text with the same error."""
    try:
        old = ruamel_nodes(text)
    except Exception as exc:  # whatever ruamel.yaml raises, the new tree must raise too
        with pytest.raises(type(exc)) as caught:
            compose_nodes(text)
        assert str(caught.value) == str(exc)
        return
    assert_same_tree(old, compose_nodes(text))


def _corpus() -> list[Path]:
    files = sorted(CORPUS.glob("*/*.yaml"))
    if not files:
        pytest.skip(f"the yaml-test-suite corpus is not in {CORPUS}")
    return files


def test_same_tree_on_the_yaml_test_suite() -> None:
    refused = 0
    for path in _corpus():
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            ruamel_nodes(text)
        except Exception:
            refused += 1
        assert_same(text)
    assert refused > 50  # the error/ half is there, and its errors compared


def test_same_tree_on_every_catalogue_here() -> None:
    for _, text in _catalogue_texts():
        assert_same(text)
        assert_same(text.replace("\n", "\r\n"))  # marks count the CR


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        "---\n",
        "a: &x [1, 2]\nb: *x\nc: *x\n",
        "a: &x {k: v}\nb: [*x, *x]\n",
        "&k key: *k\n",
        "a: *nowhere\n",
        "a: &x 1\nb: &x 2\n",
        "a: *x\nb: &x 1\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\n--- !!foo\n[\n",  # a second document, then a syntax error: the composer stops at the document
        "a: 1\n[\n",
        "*a x\n[\n",  # an alias to no anchor, then a syntax error: the composer meets the alias first
        "a: &x 1\nb: *x\nc: *y\n[\n",
        "a: ! 12\nb: !!str 12\nc: !custom x\nd: !!map {x: 1}\ne: !!seq [1]\nf: <<\n<<: {x: 1}\n",
        "yes: no\non: off\n1_000: 0b11\n.5: 0o17\nx: 2024-03-31\ny: ~\nz:\n",
        "a: |\n  text\n\n\nb: >-\n  folded\n",
        "\ufeffa: 1\n",
        "a:\r\n- 1\r\n-   2\r\n",
        "k: 'it''s'\nq: \"\\u00e9\"\n",
        "? [complex, key]\n: value\n",
        "%YAML 1.1\n---\na: yes\n",
    ],
)
def test_same_tree_on_odd_documents(text: str) -> None:
    assert_same(text)


@settings(max_examples=200, deadline=None)
@given(text=documents([*_SAME, "1_000", "0b11", "=", ".5e3", "<<", "~", "", "yes"]), crlf=st.booleans())
def test_same_tree_on_generated_documents(text: str, crlf: bool) -> None:
    assert_same(text.replace("\n", "\r\n") if crlf else text)


@settings(max_examples=150, deadline=None)
@given(text=mutations())
def test_same_tree_on_mutated_catalogues(text: str) -> None:
    assert_same(text)


def test_a_collection_makes_its_nodes_when_read() -> None:
    """Editing one procedure of many makes nodes for that one only (what keeps ``set`` linear and light)."""
    entries = "".join(f"  - id: p-{i}\n    name: n{i}\n    systems: [s]\n" for i in range(200))
    root = compose_nodes("procedures:\n" + entries)
    procedures = root.value[0][1]
    assert procedures.tag == "tag:yaml.org,2002:seq" and len(procedures.value) == 200
    assert all(p._value is None for p in procedures.value)
    assert procedures.value[150].value[0][1].value == "p-150"
    assert [i for i, p in enumerate(procedures.value) if p._value is not None] == [150]


@functools.cache
def _start(kind: str) -> tuple[Any, str]:
    """(catalogue, procedures.yaml text): the shipped one, or it written in flow style (every entry one JSON line)."""
    root = _catalogue(kind)
    try:
        return load_catalog(root), (root / "procedures.yaml").read_text(encoding="utf-8")
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(["shipped", "flow"]),
    sequence=st.lists(requests, min_size=1, max_size=4),
    crlf=st.booleans(),
)
def test_set_writes_the_same_bytes_as_with_ruamels_tree(
    kind: str, sequence: list[dict[str, Any]], crlf: bool
) -> None:
    """Each edit's text, spliced by the new tree and by ruamel.yaml's, is the same (or both refuse it)."""
    catalog, text = _start(kind)
    if crlf:
        text = text.replace("\n", "\r\n")
    for request in sequence:
        try:
            change = edit.parse_change(
                status=request["status"], channels=request["channels"], counts=request["counts"],
                note=request["note"], verified_on=request["verified_on"], unset=request["unset"],
                as_of=request["as_of"], sources=request["sources"], inferred=request["inferred"],
            )  # fmt: skip
        except DxreadyError:
            continue
        if change.empty:
            continue
        outcomes = []
        for nodes in (compose_nodes, ruamel_nodes):
            with mock.patch.object(yaml_module, "compose_nodes", nodes):
                try:
                    outcomes.append(edit.edit_text(text, catalog, request["ref"], change, "p.yaml")[0])
                except (DxreadyError, ValueError) as exc:
                    outcomes.append(f"refused: {exc}")
        assert outcomes[0] == outcomes[1]
        if not outcomes[0].startswith("refused: "):
            text = outcomes[0]
            catalog = edit.validate_text(text, "p.yaml", catalog)


_FIXED = [
    {"status": "○", "channels": ["eltax", "dedicated:窓口予約"], "note": "メモ", "counts": ["2023:120:30"]},
    {"status": None, "channels": [], "note": None, "counts": [], "unset": ["note", "channels"]},
    {
        "status": "×",
        "channels": [],
        "note": 'it\'s "quoted"',
        "counts": [],
        "sources": ["https://example.jp/a"],
    },
]


@pytest.mark.parametrize("kind", ["shipped", "flow"])
@pytest.mark.parametrize("crlf", [False, True])
def test_fixed_edits_write_the_same_bytes_as_with_ruamels_tree(kind: str, crlf: bool) -> None:
    catalog, text = _start(kind)
    if crlf:
        text = text.replace("\n", "\r\n")
    written = 0
    for ref in ("1", "3", "18", "18/2", "21"):
        for options in _FIXED:
            change = edit.parse_change(
                verified_on=dt.date(2025, 1, 1), **{"unset": [], "sources": [], **options}
            )
            outcomes = []
            for nodes in (compose_nodes, ruamel_nodes):
                with mock.patch.object(yaml_module, "compose_nodes", nodes):
                    try:
                        outcomes.append(edit.edit_text(text, catalog, ref, change, "p.yaml")[0])
                    except (DxreadyError, ValueError) as exc:
                        outcomes.append(f"refused: {exc}")
            assert outcomes[0] == outcomes[1], (ref, options)
            if not outcomes[0].startswith("refused: "):
                written += 1
                text = outcomes[0]
                catalog = edit.validate_text(text, "p.yaml", catalog)
    assert written >= 10


def test_set_municipality_and_add_write_the_same_bytes_as_with_ruamels_tree() -> None:
    catalog = load_catalog(SHIPPED)
    text = (SHIPPED / "procedures.yaml").read_text(encoding="utf-8")
    change = edit.parse_change(
        status=None, channels=[], counts=["2023:1200:300"], note=None, verified_on=None, unset=[],
        as_of=dt.date(2025, 3, 31), sources=["https://example.jp/x"], cards=["鴨川市:25000:31000"], header=True,
        cards_as_of=dt.date(2023, 12, 31),
    )  # fmt: skip
    outcomes = []
    for nodes in (compose_nodes, ruamel_nodes):
        with mock.patch.object(yaml_module, "compose_nodes", nodes):
            doc = edit._Doc(text)
            splices, _ = edit.header_splices(doc, catalog, change)
            appended = doc.append_items(
                doc.items(doc.root)["procedures"][1], [["id: new-one", "name: 新しい手続"]], ["{id: new-one}"]
            )
            outcomes.append((edit.apply(text, splices), edit.apply(text, [appended]), doc.seq_offset))
    assert outcomes[0] == outcomes[1]
