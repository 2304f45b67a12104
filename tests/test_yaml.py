"""The one YAML module (dxready.catalog.yaml): scalars by the YAML 1.2 core schema, the same values and positions as
the loader before it (ruamel.yaml's C composer and a node walker, kept in tests/helpers/reference_yaml.py) on every
catalogue in the repository and on the yaml-test-suite corpus, and compare's fast path agreeing with the full loader."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dxready.catalog.load import LoadError, parse
from dxready.catalog.yaml import compose, plain_value, resolve_tag
from dxready.catalog.yaml_messages import explain
from dxready.commands.compare import _Invalid, fast_values
from tests.helpers.catalogs import SHIPPED
from tests.helpers.reference_yaml import reference_parse
from tests.test_load_properties import mutations

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "yaml-test-suite"  # vendored: tests/corpus/README.md


def _catalogue_texts() -> list[tuple[str, str]]:
    """Every catalogue the tests and goldens use: the shipped files and each rule's Fails / Passes example."""
    from dxready.rules import ALL
    from tests.helpers.catalogs import example

    texts = [(str(p), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data").glob("*.yaml"))]
    for module in ALL:
        texts += [(f"{module.__name__} {s}", example(module, s)) for s in ("Fails", "Passes")]
    return texts


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("", None),
        ("~", None),
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("nULL", "nULL"),
        ("true", True),
        ("True", True),
        ("FALSE", False),
        ("yes", "yes"),  # YAML 1.1 booleans are strings in 1.2
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("12", 12),
        ("-12", -12),
        ("+12", 12),
        ("012", 12),  # decimal in 1.2, not octal
        ("0b101", "0b101"),  # binary is YAML 1.1
        ("1_000", "1_000"),  # underscores are YAML 1.1
        ("1:20", "1:20"),  # base 60 is YAML 1.1
        ("1.5", 1.5),
        ("-1.5e3", -1500.0),
        ("1e3", 1000.0),
        (".5", 0.5),
        ("1.", 1.0),
        ("-.inf", -math.inf),
        (".Inf", math.inf),
        ("2024-03-31", dt.date(2024, 3, 31)),
        ("2001-12-14t21:59:43.10-05:00", dt.datetime.fromisoformat("2001-12-14T21:59:43.10-05:00")),
        ("令和6年度", "令和6年度"),
        ("=", "="),
        ("<<", "<<"),
        ("proc-00001", "proc-00001"),
    ],
)
def test_core_schema(text: str, value: Any) -> None:
    got = plain_value(text)
    assert type(got) is type(value) and got == value
    doc, _, _ = compose(f"k: {text}\n" if text else "k:\n")
    assert type(doc["k"]) is type(value) and doc["k"] == value


@pytest.mark.parametrize("text", ["0o17", "0x1F"])
def test_core_schema_integers_not_in_decimal_are_refused(text: str) -> None:
    assert resolve_tag(text) == "tag:yaml.org,2002:int"
    with pytest.raises(LoadError) as info:
        parse(f"k: {text}\n", "f.yaml")
    assert "write integers in decimal" in info.value.problems[0].message.en


def test_nan_and_quoted_and_tagged() -> None:
    assert math.isnan(plain_value(".nan")) and resolve_tag(".NaN") == "tag:yaml.org,2002:float"
    doc, _, _ = compose("a: '12'\nb: \"true\"\nc: !!int '12'\nd: ! 12\ne: !!str 2024-03-31\nf: !!float 1\n")
    assert doc == {"a": "12", "b": "true", "c": 12, "d": "12", "e": "2024-03-31", "f": 1.0}


def test_bad_date_is_located() -> None:
    with pytest.raises(LoadError) as info:
        parse("a:\n  b: 2023-02-30\n", "f.yaml")
    (problem,) = info.value.problems
    assert (problem.location.line, problem.location.column) == (
        2,
        6,
    ) and "cannot read value" in problem.message.en


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("a: 1\nb: 2\na: 3\n", (3, 1), "duplicate key 'a' (first at line 1, column 1)"),
        ("<<: {a: 1}\n", (1, 1), "merge keys"),
        ("a: !foo x\n", (1, 4), "tag !foo is not supported"),
        ("a: !!set {x}\n", (1, 4), "tag tag:yaml.org,2002:set is not supported"),
        ("[a]: x\n", (1, 1), "a mapping key must be a plain string"),
        ("a: *x\n", (1, 4), "found undefined alias"),
        ("a: &x 1\nb: &x 2\n", (2, 4), "found duplicate anchor"),
        ("a: 1\n---\nb: 2\n", (2, 1), "expected a single document"),
        ("[" * 70 + "]" * 70 + "\n", (1, 66), "nesting is deeper than 64 levels"),
    ],
)
def test_refused_and_located(text: str, where: tuple[int, int], words: str) -> None:
    with pytest.raises(LoadError) as info:
        parse(text, "f.yaml")
    (problem,) = info.value.problems
    assert (problem.location.line, problem.location.column) == where
    assert words in problem.message.en


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 12)]
    with pytest.raises(LoadError) as info:
        parse("\n".join(lines) + "\n", "f.yaml")
    assert "aliases expand to too much data" in info.value.problems[0].message.en


def test_aliases_share_positions_of_their_anchor() -> None:
    text = "a: &x\n  b: 1\nc: *x\n"
    value, source = parse(text, "f.yaml")
    assert value == {"a": {"b": 1}, "c": {"b": 1}}
    assert source.values[("c",)] == (1, 4) and source.values[("c", "b")] == (2, 6)
    assert source.keys[("c", "b")] == (2, 3)
    assert (value, source.values, source.keys) == reference_parse(text)


def _normal(value: Any) -> Any:
    """Values with their types, NaN comparable."""
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return (type(value).__name__, value)


def _both(text: str) -> tuple[Any, Any]:
    """(the loader before issue 14, the loader now): value and positions, or the located error."""
    try:
        ref_value, ref_values, ref_keys = reference_parse(text)
        ref: Any = (_normal(ref_value), ref_values, ref_keys)
    except LoadError as exc:
        ref = [(p.location.line, p.location.column, p.message.en) for p in exc.problems]
    except (
        Exception
    ) as exc:  # a syntax error: the parser's position, moved to the likely cause as the loader does
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        what = " ".join(str(s) for s in (getattr(exc, "context", None), getattr(exc, "problem", None)) if s)
        said = explain(text, line, column, what) if mark is not None else None
        ref = [(said.line, said.column) if said is not None else (line, column)]
    try:
        value, source = parse(text, "f.yaml")
        new: Any = (_normal(value), source.values, source.keys)
    except LoadError as exc:
        new = [(p.location.line, p.location.column, p.message.en) for p in exc.problems]
        if isinstance(ref, list) and len(ref[0]) == 2:
            new = [p[:2] for p in new]
    return ref, new


def test_same_as_before_on_every_catalogue_here() -> None:
    texts = _catalogue_texts()
    assert len(texts) >= 40
    for name, text in texts:
        ref, new = _both(text)
        assert new == ref, name


# Corpus files read differently on purpose: ``! 12`` is the string "12" (the non-specific tag; ruamel.yaml's C
# composer resolved it as an int), and where a file has two problems the first in reading order is reported (the old
# loader parsed the whole stream before walking it).
CHANGED = {"S4JQ", "9HCY", "QLJ7", "Y79Y-007", "Y79Y-009", "5TYM", "6WLZ", "9WXW", "RZT7", "WZ62"}


def test_same_as_before_on_the_yaml_test_suite() -> None:
    compared = 0
    for path in sorted(CORPUS.glob("*/*.yaml")):
        text = path.read_bytes().decode("utf-8", "replace")
        if path.stem in CHANGED or "%YAML" in text:  # a directive: refused unless 1.2 before the parser runs
            continue
        ref, new = _both(text)
        assert new == ref, path.name
        compared += 1
    assert compared >= 370


# --------------------------------------------------------------------------------------------------- properties

_SAME = [
    "○",
    "一部",
    "×",
    "—",
    "unknown",
    "12",
    "-3",
    "0o17",
    "0x1F",
    "1.5",
    ".inf",
    "true",
    "False",
    "yes",
    "null",
    "~",
    "2024-03-31",
    "令和6年度",
    "proc-1",
    "a b",
]
_CHANGED = ["1_000", "0b11", "=", ".5e3"]  # strings by the core schema; numbers or refused before
_KEY = st.sampled_from(["id", "name", "status", "note", "fee", "1", "07", "total", "systems", "counts"])


def _scalar_text(draw: st.DrawFn, words: list[str]) -> str:
    word = draw(st.sampled_from(words))
    style = draw(st.sampled_from(["plain", "single", "double"]))
    if style == "single":
        return "'" + word.replace("'", "''") + "'"
    if style == "double":
        return '"' + word + '"'
    return word


@st.composite
def documents(draw: st.DrawFn, words: list[str] = _SAME) -> str:
    """Block YAML: mappings of scalars, flow lists and nested block sequences of mappings, sometimes an anchor."""
    lines: list[str] = []
    anchors: list[str] = []

    def mapping(indent: int, depth: int) -> None:
        keys = draw(st.lists(_KEY, min_size=1, max_size=5, unique=True))
        for i, key in enumerate(keys):
            pad = " " * indent if i else ""
            kind = draw(
                st.sampled_from(["scalar", "scalar", "flow", "seq" if depth < 3 else "scalar", "alias"])
            )
            if kind == "scalar":
                anchor = ""
                if draw(st.booleans()) and len(anchors) < 3:
                    anchors.append(f"a{len(anchors)}")
                    anchor = f"&{anchors[-1]} "
                lines.append(f"{pad}{key}: {anchor}{_scalar_text(draw, words)}")
            elif kind == "alias" and anchors:
                lines.append(f"{pad}{key}: *{draw(st.sampled_from(anchors))}")
            elif kind == "flow" or kind == "alias":
                items = [_scalar_text(draw, words) for _ in range(draw(st.integers(0, 3)))]
                lines.append(f"{pad}{key}: [{', '.join(items)}]")
            else:
                lines.append(f"{pad}{key}:")
                for _ in range(draw(st.integers(1, 3))):
                    lines.append(" " * (indent + 2) + "- ")
                    before = len(lines)
                    mapping(indent + 4, depth + 1)
                    lines[before - 1] += lines.pop(before).lstrip()

    lines.append("")
    mapping(0, 0)
    lines[1] = lines[0] + lines[1]
    return "\n".join(lines[1:]) + "\n"


@settings(max_examples=200, deadline=None)
@given(text=documents())
def test_generated_documents_read_as_before(text: str) -> None:
    ref, new = _both(text)
    assert new == ref


@settings(max_examples=200, deadline=None)
@given(text=documents(_SAME + _CHANGED))
def test_compare_fast_path_agrees_with_the_loader(text: str) -> None:
    data = text.encode("utf-8")
    try:
        full: Any = _normal(parse(text, "f.yaml")[0])
    except LoadError:
        full = "refused"
    try:
        fast: Any = _normal(fast_values(data, "f.yaml"))
    except (_Invalid, LoadError):
        fast = "refused"
    assert fast == full


@settings(max_examples=120, deadline=None)
@given(text=mutations())
def test_compare_fast_path_agrees_on_mutated_catalogues(text: str) -> None:
    """The shipped catalogue with random edits: compare's fast path gives the loader's models, or gives way to it."""
    import tempfile

    from dxready.catalog.load import load_catalog
    from dxready.commands.compare import fast_catalog

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("systems", "roadmap"):
            (root / f"{name}.yaml").write_bytes((SHIPPED / f"{name}.yaml").read_bytes())
        data = text.encode("utf-8", errors="surrogatepass")
        (root / "procedures.yaml").write_bytes(data)
        try:
            full = load_catalog(root)
        except LoadError:
            full = None
        blobs = {n: (root / f"{n}.yaml").read_bytes() for n in ("procedures", "systems", "roadmap")}
        try:
            fast = fast_catalog(root, blobs)
        except (_Invalid, LoadError):
            fast = None
        if full is None:
            assert fast is None
        else:
            # the fast path may give way to the loader (which then decides), but never reads another value
            assert fast is None or (fast.procedures_file, fast.systems_file, fast.roadmap_file) == (
                full.procedures_file,
                full.systems_file,
                full.roadmap_file,
            )


def test_ruamel_is_used_in_the_yaml_module_only() -> None:
    """Every import of ruamel.yaml (public or private, ``_ruamel_yaml`` included) is in catalog/yaml.py."""
    import ast

    import dxready

    root = Path(dxready.__file__).parent
    users = set()
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(n.split(".")[0] in ("ruamel", "_ruamel_yaml") for n in names):
                users.add(path.relative_to(root).as_posix())
    assert users == {"catalog/yaml.py"}


def _by_regex(text: str) -> str:
    from dxready.catalog.yaml_scalars import _CORE

    return next((tag for tag, pattern in _CORE if pattern.match(text)), "tag:yaml.org,2002:str")


@settings(max_examples=500, deadline=None)
@given(
    text=st.text(alphabet="~nNulLtTrReEfFaAsS0123456789-+.:_ xXoObBiIZ\n", max_size=12)
    | st.sampled_from(
        ["", "~", "null", "NULL", "Null", "nULL", "true", "TRUE", "tRUE", "False", "no", ".inf", "-.Inf"]
    )
)
def test_resolve_tag_is_the_core_schema_in_order(text: str) -> None:
    """resolve_tag finds the null and bool words without the regexes: the same tag as trying _CORE in order."""
    assert resolve_tag(text) == _by_regex(text)
