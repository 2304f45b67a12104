"""Property tests for the loader: any mutation of the shipped catalogue either loads or fails with located problems
inside the file — never another exception, never a hang."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxready.catalog.load import LoadError, load_catalog
from tests.helpers.catalogs import SHIPPED

ORIGINAL = (SHIPPED / "procedures.yaml").read_text(encoding="utf-8")
SHARP = [
    "\t",
    ":",
    "- ",
    "[",
    "{",
    "&a ",
    "*a",
    "!!str ",
    '"',
    "'",
    "\x00",
    "\x1b",
    "○",
    "  ",
    "\n",
    "#",
    "|",
    ">",
]


@st.composite
def mutations(draw: st.DrawFn) -> str:
    text = ORIGINAL
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "dupline"]))
        if kind == "insert":
            text = text[:at] + draw(st.one_of(st.sampled_from(SHARP), st.text(max_size=3))) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(min_value=1, max_value=20)) :]
        elif kind == "replace":
            text = text[:at] + draw(st.sampled_from(SHARP)) + text[at + 1 :]
        else:
            lines = text.splitlines(keepends=True)
            i = min(at * len(lines) // max(len(text), 1), len(lines) - 1)
            lines.insert(i, lines[i])
            text = "".join(lines)
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutations())
def test_mutated_catalogue_loads_or_fails_located(tmp_path: Path, text: str) -> None:
    for name in ("systems", "roadmap"):
        (tmp_path / f"{name}.yaml").write_bytes((SHIPPED / f"{name}.yaml").read_bytes())
    (tmp_path / "procedures.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load_catalog(tmp_path)
    except LoadError as exc:
        assert exc.problems
        lines = max(text.count("\n") + 2, 2)
        for p in exc.problems:
            assert p.code.startswith("DX0")
            assert 1 <= p.location.line <= max(lines, 2000), p
            assert p.location.column >= 1
            assert p.message.ja and p.message.en
