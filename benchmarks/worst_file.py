"""Time and peak memory of ``dxready check`` on the worst files under the input limits (issue 13).

    python benchmarks/worst_file.py            # every case, a table on stdout
    python benchmarks/worst_file.py --json     # the same as JSON

Each case is a catalogue directory in a temporary folder: the shipped catalogue with one file replaced by a hostile
one as large or as dense as the limits let it be (8 MiB a file, 1,000,000 keys and values, 64 levels). ``dxready check`` runs in
a child process; its wall time, CPU time (user + system: steadier than wall time on a shared machine) and peak
resident memory (``wait4``'s ru_maxrss) are reported. The aim stated in the
README: under 10 s and 500 MB for any file under the limit.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MiB = 1024 * 1024
LIMIT = 8 * MiB
NODES = 1_000_000
VALID = 80_000
"""Procedures in the valid case: 12 keys and values each, so 960,000 in all and 8.2 MB, under both limits."""


def _valid_large() -> str:
    """A valid catalogue just under the value and size limits: VALID procedures of 12 keys and values each."""
    head = 'municipality:\n  name: テスト市\n  code: "122238"\nas_of: 2024-03-31\nprocedures:\n'
    item = "  - id: p-{i}\n    name: 手続{i}\n    status: ×\n    channels: [mynaportal]\n    note: 窓口のみ\n"
    return head + "".join(item.format(i=i) for i in range(VALID))


CASES: dict[str, tuple[str, Callable[[], str]]] = {
    "flow list at the value cap (every item an error)": (
        "procedures.yaml",
        lambda: "procedures: [" + "1," * (NODES - 10) + "]\n",
    ),
    "flow list of 4 million items (8 MB)": (
        "procedures.yaml",
        lambda: "procedures: [" + "1," * (LIMIT // 2 - 10) + "]\n",
    ),
    "8 MB of '[' (nesting)": ("procedures.yaml", lambda: "[" * (LIMIT - 1)),
    "8 MB of '- ' (block nesting)": ("procedures.yaml", lambda: "- " * (LIMIT // 2 - 1)),
    "one 8 MB string value": (
        "procedures.yaml",
        lambda: "municipality:\n  name: " + "x" * (LIMIT - 100) + "\n",
    ),
    "unknown keys at the value cap": (
        "dxready.yaml",
        lambda: "".join(f"k{i}: 1\n" for i in range(NODES // 2 - 10)),
    ),
    "alias fan-out within the budget": (
        "dxready.yaml",
        lambda: "a: &a [" + "1," * 1000 + "]\nb: [" + "*a," * (NODES // 1000 - 5) + "]\n",
    ),
    "8 MB of comments": (
        "procedures.yaml",
        lambda: "# " + "c" * 78 + "\n" * 1 + ("# " + "c" * 77 + "\n") * (LIMIT // 80 - 2),
    ),
    "valid catalogue at the value cap (80,000 procedures)": ("procedures.yaml", _valid_large),
}


def run_case(root: Path) -> dict[str, object]:
    args = [sys.executable, "-m", "dxready", "check", "--catalog", str(root), "--as-of", "2025-04-01"]
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    rss_mb = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / MiB
    last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    cpu = usage.ru_utime + usage.ru_stime
    return {
        "exit": proc.returncode,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_mb": round(rss_mb),
        "says": last[0][:90],
    }


def main() -> None:
    results = []
    with tempfile.TemporaryDirectory(prefix="dxready-worst-") as tmp:
        for name, (file, make) in CASES.items():
            root = Path(tmp) / str(len(results))
            shutil.copytree(REPO / "data", root)
            text = make()
            if make is _valid_large:  # alone: the shipped systems and roadmap refer to the shipped procedures
                for other in ("systems.yaml", "roadmap.yaml"):
                    (root / other).unlink()
            (root / file).write_text(text, encoding="utf-8")
            result = {"case": name, "bytes": len(text.encode("utf-8")), **run_case(root)}
            results.append(result)
            shutil.rmtree(root)
            if "--json" not in sys.argv:
                print(
                    f"{result['case']:<55} {result['bytes']:>10,} B  exit {result['exit']}  "
                    f"{result['seconds']:>6.2f} s wall  {result['cpu_seconds']:>6.2f} s CPU  {result['peak_mb']:>5} MB",
                    flush=True,
                )
    if "--json" in sys.argv:
        print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
