"""How long ``dxready diff`` takes on two catalogues of 1,741 procedures each, against loading both.

The shipped catalogue's procedures are repeated (ids made unique) to 1,741 rows; the head copy changes every
7th status (○ → ×, × → ○), adds and removes a few rows. Measured in one process, medians of N runs:

- ``load``: ``engine.integrity.load`` of base and head (read, parse with positions, validate, cross-file checks);
- ``diff``: all of ``run_diff`` (both loads, the engine on both, the comparison, the markdown rendering).

The target (ARCHITECTURE.md, "Speed": diff stays cheap next to loading) is ``diff / load < 2``.

    .venv/bin/python benchmarks/diff_bench.py [--rows 1741] [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[1]


def _yaml() -> YAML:
    yaml = YAML(typ="safe", pure=True)
    yaml.allow_unicode = True
    yaml.default_flow_style = False
    return yaml


def generate(dest: Path, rows: int, *, head: bool) -> Path:
    """A catalogue of ``rows`` procedures made from the shipped ones; ``head`` changes some of them."""
    yaml = _yaml()
    dest.mkdir(parents=True, exist_ok=True)
    procs_file = yaml.load((REPO / "data" / "procedures.yaml").read_text(encoding="utf-8"))
    shipped = procs_file["procedures"]
    procedures = []
    for i in range(rows):
        p = dict(shipped[i % len(shipped)])
        if i >= len(shipped):  # the first copy keeps its ids, which the other files refer to
            p["id"] = f"{p['id']}-{i}"
            p.pop("standard_no", None)
            p["sub_procedures"] = [dict(s, id=f"{s['id']}-{i}") for s in p.get("sub_procedures", [])]
            if not p["sub_procedures"]:
                del p["sub_procedures"]
        if head and i % 7 == 3 and not p.get("sub_procedures"):
            p["status"] = {"online": "offline", "○": "×", "×": "○", "offline": "online"}.get(
                p["status"], p["status"]
            )
        procedures.append(p)
    if head:
        n = len(shipped)
        procedures = (
            procedures[:n] + procedures[n + 3 :] + [dict(procedures[n], id=f"added-{k}") for k in range(3)]
        )
    procs_file["procedures"] = procedures
    with (dest / "procedures.yaml").open("w", encoding="utf-8") as fh:
        yaml.dump(procs_file, fh)
    for name in ("systems", "roadmap"):
        (dest / f"{name}.yaml").write_bytes((REPO / "data" / f"{name}.yaml").read_bytes())
    return dest


def _time(func: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1741)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from dxready.commands.diff import run_diff
    from dxready.engine.integrity import load as load_catalog
    from dxready.render import renderer

    with tempfile.TemporaryDirectory() as tmp:
        base = generate(Path(tmp) / "base", args.rows, head=False)
        head = generate(Path(tmp) / "head", args.rows, head=True)
        size = (base / "procedures.yaml").stat().st_size
        sink: list[str] = []
        when = dt.date(2025, 4, 1)

        def load() -> None:
            load_catalog(base)
            load_catalog(head)

        def diff() -> None:
            sink.clear()
            result = run_diff(str(base), str(head), catalog=None, as_of=when, lang="ja")
            sink.append(renderer("diff", "markdown")(result, "ja"))
            sink.append(str(bool(result.regressions())))

        diff()  # warm imports and pydantic's deferred model building for both measurements
        load()
        loads, diffs = [], []
        for _ in range(args.runs):  # interleaved, so that drift on a shared machine hits both alike
            loads.append(_time(load))
            diffs.append(_time(diff))
        t_load, t_diff = statistics.median(loads), statistics.median(diffs)
    changed = sink[0].count("\n| ")
    print(f"procedures per catalogue: {args.rows} ({size / 1e6:.2f} MB procedures.yaml)")
    print(f"procedure rows in the diff: {changed}")
    print(f"load both:  {t_load * 1000:8.1f} ms (median of {args.runs})")
    print(f"diff:       {t_diff * 1000:8.1f} ms (median of {args.runs})")
    print(f"diff / load = {t_diff / t_load:.2f} (target < 2)")
    return 0 if t_diff / t_load < 2 else 1


if __name__ == "__main__":
    sys.exit(main())
