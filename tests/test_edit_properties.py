"""Property tests of `set`: random edit sequences keep every untouched byte and comment and never write an invalid
file; a process killed while writing leaves the old or the new file, never a mix."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxready.catalog.load import load_catalog
from dxready.catalog.models import STATUS_INPUTS, ChannelKind, Status
from dxready.commands import edit
from dxready.commands.scaffold import run_init
from dxready.errors import DxreadyError
from tests.helpers.catalogs import SHIPPED

REPO = Path(__file__).resolve().parents[1]

_REFS = [str(n) for n in range(1, 22)] + [
    "bulky-waste", "childcare", "moving", "18/1", "18/15", "19/4", "20/1", "21/1", "childcare/childcare-07",
    "nursing-care/nursing-care-11", "99", "no-such-id", "18/16", "9/1",
]  # fmt: skip
_KINDS = [c.value for c in ChannelKind]
_UNSET = ["note", "channels", "counts", "verified_on", "as_of", "owner", "sources", "inferred", "name_en",
          "systems", "standard_no", "status", "name", "sub_procedures", "life_events"]  # fmt: skip

notes = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=40)
requests = st.fixed_dictionaries(
    {
        "ref": st.sampled_from(_REFS),
        "status": st.none() | st.sampled_from([*STATUS_INPUTS, "done", " ○ "]),
        "channels": st.lists(
            st.sampled_from(_KINDS)
            | st.just("nope")
            | st.builds(lambda k, n: f"{k}:{n}", st.sampled_from(_KINDS), notes),
            max_size=2,
        ),
        "counts": st.lists(
            st.builds(
                lambda fy, t, o: f"{fy}:{t}:{o}",
                st.sampled_from(["2019", "2023", "R5", "令和4年度", "FY2021", "1800"]),
                st.integers(0, 300_000),
                st.integers(0, 300_000),
            )
            | st.builds(lambda fy, o: f"{fy}::{o}", st.sampled_from(["2022", "R3"]), st.integers(0, 9_999))
            | st.builds(
                lambda fy, r, end: f"{fy}:{r / 10:.1f}%" + (f"@{end}" if end else ""),
                st.sampled_from(["2021", "令和3年度"]),
                st.integers(0, 1_010),
                st.none() | st.dates(dt.date(2021, 4, 1), dt.date(2022, 3, 31)),
            ),
            max_size=2,
        ),
        "note": st.none() | notes,
        "verified_on": st.none() | st.dates(dt.date(2019, 1, 1), dt.date(2030, 12, 31)),
        "unset": st.lists(st.sampled_from(_UNSET), max_size=2),
        "as_of": st.none() | st.dates(dt.date(2019, 1, 1), dt.date(2030, 12, 31)),
        "sources": st.lists(notes, max_size=2),
        "inferred": st.none() | st.booleans(),
    }
)


def _comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


def _is_subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(any(line == other for other in it) for line in small)


def _entry_span(text: str, index: int) -> tuple[int, int]:
    """Start of procedure ``index``'s entry and where its own text (with the comments indented under it) ends."""
    doc = edit._Doc(text)
    node = doc.items(doc.root)["procedures"][1].value[index]
    start = text.rfind("\n", 0, int(node.start_mark.index)) + 1
    return start, doc.insertion_point(node)


def _catalogue(kind: str) -> Path:
    root = Path(tempfile.mkdtemp(prefix="dxready-prop-"))
    if kind == "shipped":
        shutil.copytree(SHIPPED, root / "c")
    else:
        run_init(root / "c", name="呉市", code="342025")
    if kind == "flow":  # every entry one JSON line: flow mappings with quoted keys
        pf = load_catalog(root / "c").procedures_file
        lines = [
            "municipality: " + json.dumps(pf.municipality.model_dump(mode="json", exclude_none=True)),
            "procedures:",
        ]
        for p in pf.procedures:
            lines.append(
                "  - " + json.dumps(p.model_dump(mode="json", exclude_defaults=True), ensure_ascii=False)
            )
        (root / "c" / "procedures.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root / "c"


def _apply(catalog: Any, text: str, request: dict[str, Any], shown: str) -> tuple[str, Any] | None:
    """One edit in memory: the new text and catalogue, or None when it was refused (LoadError)."""
    try:
        change = edit.parse_change(
            status=request["status"], channels=request["channels"], counts=request["counts"],
            note=request["note"], verified_on=request["verified_on"], unset=request["unset"],
            as_of=request["as_of"], sources=request["sources"], inferred=request["inferred"],
        )  # fmt: skip
        if change.empty:
            return None
        new_text, target, _ = edit.edit_text(text, catalog, request["ref"], change, shown)
    except DxreadyError:
        return None
    # Options that passed their checks on an existing entry must give a valid file: a refusal here is a splice bug.
    candidate = edit.validate_text(new_text, shown, catalog)
    start, end = _entry_span(text, target.index)
    assert new_text[:start] == text[:start]
    assert new_text.endswith(text[end:])
    if not change.unset:  # --unset removes a key's lines, the comments inside its block with them
        assert _is_subsequence(_comments(text), _comments(new_text))
    proc = candidate.procedures[target.index]
    entry = proc.sub_procedures[target.sub_index] if target.sub_index is not None else proc
    if change.status is not None:
        assert entry.status is change.status
    if change.note is not None:
        assert entry.note == change.note
    for kind, _name in change.channels:
        assert kind in {c.kind.value for c in entry.channels}
    for name in change.unset:
        assert name not in entry.model_fields_set, name  # removed from the file, not just reset
    if change.inferred is not None:
        assert ("status" in entry.inferred) is change.inferred
    for src in change.sources:
        assert src in getattr(entry, "sources", [src])
    for ce in change.counts:  # on a procedure or, now, a sub-procedure
        assert (ce.total, ce.online) in {
            (c.total, c.online) for c in entry.counts if int(c.fiscal_year) == ce.year
        }
    if target.sub_index is None and change.verified_on is not None:
        assert proc.verified_on == change.verified_on
    return new_text, candidate


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(["shipped", "init", "flow"]), sequence=st.lists(requests, min_size=1, max_size=6))
def test_random_edit_sequences_keep_untouched_bytes_and_stay_valid(
    kind: str, sequence: list[dict[str, Any]]
) -> None:
    root = _catalogue(kind)
    try:
        catalog = load_catalog(root)
        text = (root / "procedures.yaml").read_text(encoding="utf-8")
        shown = str(root / "procedures.yaml")
        for request in sequence:
            result = _apply(catalog, text, request, shown)
            if result is not None:
                text, catalog = result
        # What the edits produced is what the loader reads from disk.
        (root / "procedures.yaml").write_text(text, encoding="utf-8")
        load_catalog(root)
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)


@settings(max_examples=15, deadline=None)
@given(sequence=st.lists(requests, min_size=1, max_size=3))
def test_run_set_on_disk_writes_valid_files_or_nothing(sequence: list[dict[str, Any]]) -> None:
    root = _catalogue("shipped")
    path = root / "procedures.yaml"
    try:
        for request in sequence:
            before = path.read_bytes()
            try:
                edit.run_set(request["ref"], catalog=root, status=request["status"], channels=request["channels"],
                             counts=request["counts"], note=request["note"], verified_on=request["verified_on"])  # fmt: skip
            except DxreadyError:  # a catalogue problem or a bad option: either way, nothing is written
                assert path.read_bytes() == before
            load_catalog(root)
            assert Status  # the status vocabulary is importable alongside (keeps the import honest)
        assert [p.name for p in root.iterdir() if p.name.endswith(".tmp")] == []
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)


_LOOP = textwrap.dedent(
    """
    import sys, time
    from dxready.commands import edit
    catalog, pause = sys.argv[1], float(sys.argv[2])
    real_replace = edit.os.replace
    def slow_replace(src, dst):
        print("written", flush=True)
        time.sleep(pause)
        real_replace(src, dst)
    edit.os.replace = slow_replace
    for i in range(1000):
        edit.run_set("9", catalog=catalog, status=None, channels=[], counts=[], note=f"n{i}", verified_on=None)
    """
)


def _state_with_note(root: Path, original: str, note: str) -> bytes:
    """The file after the loop's edits up to the one that wrote ``note`` (each edit only rewrites that value)."""
    shown = str(root / "procedures.yaml")
    change = edit.parse_change(status=None, channels=[], counts=[], note=note, verified_on=None)
    text, _, _ = edit.edit_text(original, load_catalog(root), "9", change, shown)
    return text.encode("utf-8")


def _spawn(root: Path, pause: float) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + str(REPO)}
    return subprocess.Popen([sys.executable, "-c", _LOOP, str(root), str(pause)], stdout=subprocess.PIPE, text=True,
                            env=env)  # fmt: skip


def test_killed_between_write_and_rename_leaves_the_old_file() -> None:
    root = _catalogue("shipped")
    try:
        before = (root / "procedures.yaml").read_bytes()
        proc = _spawn(root, pause=60)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "written"  # the temporary file is complete and fsynced
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        assert (root / "procedures.yaml").read_bytes() == before
        # The next edit works: the lock died with the process, and a stale temporary file is only litter.
        edit.run_set("9", catalog=root, status="○", channels=[], counts=[], note=None, verified_on=None)
        assert load_catalog(root).procedures[8].status is Status.online
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)


@settings(max_examples=5, deadline=None)
@given(delay=st.floats(0.4, 2.5))
def test_killed_at_a_random_moment_leaves_some_whole_state(delay: float) -> None:
    root = _catalogue("shipped")
    try:
        original = (root / "procedures.yaml").read_text(encoding="utf-8")
        proc = _spawn(root, pause=0)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        data = (root / "procedures.yaml").read_bytes()
        note = load_catalog(root).procedures[8].note  # whole and valid, or this raises
        if note is None:
            assert data == original.encode("utf-8")
        else:
            (root / "procedures.yaml").write_text(original, encoding="utf-8")
            assert data == _state_with_note(root, original, note)
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)
