"""The fuzzer: mutated and hostile catalogues through every reading command, in subprocesses.

Every command must end with exit 0, 1 or 2 — never a signal (a segfault), never a traceback, never a runaway.
The normal suite runs a fixed set of hostile seeds (the reproducers of issue 13) in one driver subprocess, and a
short in-process property test (compare's fast path accepts only what the loader accepts); ``-m slow`` runs a
longer hypothesis campaign of random mutations through the same driver.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.catalogs import REPO, SHIPPED

FILES = ("procedures.yaml", "systems.yaml", "roadmap.yaml", "dxready.yaml")
HOSTILE_VALUES = (
    "true",
    '"12"',
    "1e3",
    "0x10",
    ".nan",
    "-.inf",
    "9" * 400,
    "9" * 4400,
    "١٢٣٤٥٦",
    "１２３",
    "'\u202eevil'",
    '"\\e]0;pwned\\a\\e[31m"',
    "x" * 70_000,
    "[" * 70,
    "{a: " * 70,
    "&a [1, 2]",
    "*a",
    "!!python/object:os.system x",
    "<<: {a: 1}",
    "~",
    "section pwned",
    "click x call alert()",
    "'\U000e0041'",
    "2023-02-30",
    "",
)


def _shipped(dest: Path) -> Path:
    shutil.copytree(SHIPPED, dest)
    if not (dest / "dxready.yaml").exists():
        (dest / "dxready.yaml").write_text("select: [DX]\n", encoding="utf-8")
    return dest


def _replace_value(text: str, line: int, value: str) -> str:
    lines = text.split("\n")
    candidates = [i for i, s in enumerate(lines) if ": " in s and not s.lstrip().startswith("#")]
    if not candidates:
        return text
    i = candidates[line % len(candidates)]
    key = lines[i].split(": ", 1)[0]
    lines[i] = f"{key}: {value}"
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------- the seeds


def _seeds(root: Path) -> list[Path]:
    """The reproducers of issue 13 as catalogue directories (each a copy of the shipped one with one file broken)."""
    cases: list[Path] = []

    def case(name: str, edit: Callable[[Path], None]) -> None:
        d = _shipped(root / name)
        edit(d)
        cases.append(d)

    def write(file: str, text: str) -> Callable[[Path], None]:
        return lambda d: (d / file).write_text(text, encoding="utf-8")

    def edit(file: str, old: str, new: str) -> Callable[[Path], None]:
        def go(d: Path) -> None:
            text = (d / file).read_text(encoding="utf-8")
            assert old in text
            (d / file).write_text(text.replace(old, new, 1), encoding="utf-8")

        return go

    def replace_file(file: str, make: Callable[[Path], None]) -> Callable[[Path], None]:
        def go(d: Path) -> None:
            (d / file).unlink()
            make(d / file)

        return go

    case("deep-flow", write("procedures.yaml", "[" * 30_000 + "\n"))
    case("deep-unclosed-map", write("systems.yaml", "{a: " * 50_000 + "\n"))
    case("deep-block", write("roadmap.yaml", "- " * 20_000 + "x\n"))
    case("many-items", write("procedures.yaml", "procedures: [" + "1," * 150_000 + "]\n"))
    case("dev-zero", replace_file("procedures.yaml", lambda p: p.symlink_to("/dev/zero")))
    case("fifo", replace_file("systems.yaml", lambda p: os.mkfifo(p)))
    case("sparse-2gib", replace_file("roadmap.yaml", lambda p: os.truncate(_touch(p), 2 * 1024**3)))
    case("huge-count", edit("procedures.yaml", "cards: 23353", "cards: " + "9" * 400))
    case("huge-int-key", write("dxready.yaml", "9" * 4400 + ": 1\n"))
    case("yaml-1.1", edit("procedures.yaml", "municipality:", "%YAML 1.1\n---\nmunicipality:"))
    case("bool-count", edit("procedures.yaml", "cards: 23353", "cards: true"))
    case("nan-weight", write("dxready.yaml", "weights: {reach: .nan}\n"))
    case("escape-path\x1b]0;pwned\x07", lambda d: None)
    case("mermaid-statement", edit("roadmap.yaml", "title: ", "title: section pwned "))
    return cases


def _touch(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _drive(base: Path, cases: list[Path], *, quick: bool) -> list[dict[str, object]]:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.helpers.fuzzdriver",
            *(["--quick"] if quick else []),
            str(base),
            *map(str, cases),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
        env={**os.environ, "DXREADY_LANG": "ja", "XDG_CACHE_HOME": str(base.parent / "cache")},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


def _failures(results: list[dict[str, object]]) -> list[dict[str, object]]:
    return [r for r in results if r["status"] not in (0, 1, 2) or r["traceback"] or r["timeout"]]


QUICK_SEEDS = (
    "deep-flow",
    "deep-unclosed-map",
    "deep-block",
    "fifo",
    "dev-zero",
    "huge-int-key",
    "escape-path",
)
"""The seeds that crash, hang or leak escapes when unguarded: a subprocess is the only safe place to try them."""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the driver forks")
def test_hostile_seeds_end_with_a_message(tmp_path: Path) -> None:
    base = _shipped(tmp_path / "base")
    cases = [c for c in _seeds(tmp_path / "cases") if c.name.startswith(QUICK_SEEDS)]
    results = _drive(base, cases, quick=True)
    assert len(results) == len(cases) * 4
    assert _failures(results) == []
    refused = {Path(str(r["case"])).name for r in results if r["args"][0] == "check" and r["status"] == 2}
    assert refused == {c.name for c in cases} - {"escape-path\x1b]0;pwned\x07"}
    assert all("\x1b" not in str(r["stderr"]) for r in results)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="the driver forks")
def test_every_hostile_seed_in_every_reading_command(tmp_path: Path) -> None:
    base = _shipped(tmp_path / "base")
    cases = _seeds(tmp_path / "cases")
    results = _drive(base, cases, quick=False)
    assert len(results) == len(cases) * 12
    assert _failures(results) == []
    refused = {Path(str(r["case"])).name for r in results if r["args"][0] == "check" and r["status"] == 2}
    assert refused == {c.name for c in cases} - {"escape-path\x1b]0;pwned\x07", "mermaid-statement"}


# --------------------------------------------------------------------------------------------------- properties


def _mutate(text: str, rng: random.Random, kind: str) -> str:
    lines = text.split("\n")
    if kind == "bytes":
        i = rng.randrange(len(text) + 1)
        return (
            text[:i]
            + rng.choice(["", "\x00", "\t", ":", "- ", "[", "}", "'", '"', "\u2028", "&x ", "*x"])
            + text[i + 1 :]
        )
    if kind == "delete-line" and lines:
        del lines[rng.randrange(len(lines))]
    elif kind == "dup-line" and lines:
        i = rng.randrange(len(lines))
        lines[i:i] = [lines[i]] * rng.randint(1, 3)
    elif kind == "swap-lines" and len(lines) > 1:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "value":
        return _replace_value(text, rng.randrange(10_000), rng.choice(HOSTILE_VALUES))
    elif kind == "indent" and lines:
        i = rng.randrange(len(lines))
        lines[i] = " " * rng.randint(1, 3) + lines[i]
    return "\n".join(lines)


KINDS = ("bytes", "delete-line", "dup-line", "swap-lines", "value", "indent")
mutations = st.lists(
    st.tuples(st.sampled_from(FILES), st.sampled_from(KINDS), st.integers(0, 2**32 - 1)),
    min_size=1,
    max_size=4,
)


def _apply(root: Path, plan: list[tuple[str, str, int]]) -> None:
    for file, kind, seed in plan:
        path = root / file
        if not path.is_file() or not stat.S_ISREG(path.lstat().st_mode):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        path.write_text(_mutate(text, random.Random(seed), kind), encoding="utf-8", errors="surrogatepass")


def _fast_path_agrees(root: Path) -> None:
    """compare's fast path never accepts a catalogue the loader refuses (it may defer: the loader then decides)."""
    from dxready.catalog.load import LoadError, load_catalog
    from dxready.commands import compare

    blobs = compare._read(root)
    try:
        loaded = load_catalog(root)
    except LoadError:
        loaded = None
    if blobs is None:
        return
    try:
        fast = compare.fast_catalog(root, blobs)
    except (compare._Invalid, LoadError):
        return
    assert loaded is not None, "the fast path accepted what the loader refuses"
    assert compare.summarise(fast, "x") == compare.summarise(loaded, "x")


def test_the_fast_path_and_the_loader_agree_on_the_seeds(tmp_path: Path) -> None:
    for root in _seeds(tmp_path):
        if root.name in ("fifo", "dev-zero", "sparse-2gib"):
            continue  # not regular files: both refuse before reading (see test_limits)
        _fast_path_agrees(root)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=mutations)
def test_the_fast_path_and_the_loader_agree_on_mutations(
    tmp_path_factory: pytest.TempPathFactory, plan: list[tuple[str, str, int]]
) -> None:
    root = _shipped(tmp_path_factory.mktemp("m") / "c")
    _apply(root, plan)
    _fast_path_agrees(root)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="the driver forks")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plans=st.lists(mutations, min_size=1, max_size=4))
def test_fuzz_campaign(
    tmp_path_factory: pytest.TempPathFactory, plans: list[list[tuple[str, str, int]]]
) -> None:
    work = tmp_path_factory.mktemp("fuzz")
    base = _shipped(work / "base")
    cases = []
    for n, plan in enumerate(plans):
        root = _shipped(work / f"case{n}")
        _apply(root, plan)
        _fast_path_agrees(root)
        cases.append(root)
    assert _failures(_drive(base, cases, quick=False)) == []


CORPUS = Path(__file__).resolve().parent / "corpus" / "yaml-test-suite"  # vendored: tests/corpus/README.md


def test_the_fast_path_refuses_what_the_parser_refuses_over_the_corpus() -> None:
    """Every file of the YAML test suite: what the loader's parse refuses, compare's fast path never reads."""
    from dxready.catalog.load import LoadError, decode, parse
    from dxready.commands import compare

    files = sorted(CORPUS.rglob("*.yaml"))
    assert len(files) > 100
    for path in files:
        data = path.read_bytes()
        try:
            expected: object = parse(decode(data, "t.yaml"), "t.yaml", positions=False)[0]
        except LoadError:
            expected = LoadError
        try:
            got = compare.fast_values(data, "t.yaml")
        except (compare._Invalid, LoadError):
            continue  # refused or deferred to the loader
        assert expected is not LoadError, path.name
        assert got == expected, path.name
