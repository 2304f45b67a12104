"""How each command grows with the catalogue: check, gaps (terminal and json), table procedures, next and set at
1k / 10k / 30k / 78k procedures, in one interleaved run.

    .venv/bin/python benchmarks/scaling.py                       # sizes 1000 10000 30000 78000, 3 rounds
    .venv/bin/python benchmarks/scaling.py --sizes 10000 30000 --rounds 5

The catalogues are compact (~100 bytes and 12 values a procedure, Japanese names). 78,000 procedures (7.8 MB) is
about the largest catalogue the loader accepts: a file holds at most 8 MiB and 1,000,000 values (catalog/limits.py).
Each command runs as its own process; the rounds interleave sizes and commands (the machine is
shared: what runs next to one command runs next to the others too), and the figures are medians of the child's CPU
time (user + sys, steadier than the wall clock on a busy machine) with the wall clock and peak memory beside. Printed:
each command's time as a ratio to ``check`` at the same size, and its growth from the first size to each next one
against linear (1.00 = exactly linear). Terminal output goes to a pipe (the plain-grid path for large tables).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STATUSES = ("○", "一部", "×", "—", "unknown", "×", "○")


def generate(directory: Path, n: int) -> Path:
    """A catalogue of ``n`` compact procedures (~100 bytes each) with 50 systems and a short roadmap."""
    directory.mkdir(parents=True, exist_ok=True)
    # Written as it is made: a child's peak memory (wait4's ru_maxrss) starts at its parent's size when forked, so the
    # parent must stay small.
    with (directory / "procedures.yaml").open("w", encoding="utf-8") as out:
        out.write('municipality:\n  name: ベンチ市\n  code: "122238"\nas_of: 2024-03-31\nprocedures:\n')
        for i in range(n):
            out.write(
                f"  - id: p-{i:05d}\n"
                f"    name: 手続{i:05d}の申請\n"
                f"    status: {STATUSES[i % len(STATUSES)]}\n"
                f"    fee: {'true' if i % 3 == 0 else 'false'}\n"
                f"    systems: [sys-{i % 50:02d}]\n"
            )
    systems = ["systems:"]
    for j in range(50):
        systems += [
            f"  - id: sys-{j:02d}",
            f"    name: システム{j}",
            "    tier: backbone",
            "    data_input: manual",
        ]
    (directory / "systems.yaml").write_text("\n".join(systems) + "\n", encoding="utf-8")
    roadmap = ["areas:", "  - {no: 1, title: 取組}", "roadmap:"]
    roadmap += [
        f"  - {{id: item-{k}, area: 1, title: 項目{k}, target: 令和6年度, procedures: [p-{k:05d}]}}"
        for k in range(24)
    ]
    (directory / "roadmap.yaml").write_text("\n".join(roadmap) + "\n", encoding="utf-8")
    return directory


COMMANDS: dict[str, list[str]] = {
    "check": ["check"],
    "gaps": ["gaps"],
    "gaps-json": ["gaps", "-f", "json"],
    "table": ["table", "procedures"],
    "next": ["next"],
    "set": ["set", "p-00007", "--status", "○"],  # already ○: reads and plans, writes nothing
    "set-write": ["set", "p-00002", "--status", "TOGGLE"],  # ○ and × in turn: every run validates and writes
}
_WRITTEN: dict[Path, str] = {}
"""set-write's last status per catalogue: ○ first (p-00002 is generated ×), then ×, ○, … (every run writes)."""


def run_once(args: list[str], catalog: Path) -> tuple[float, float, int]:
    """(child CPU seconds, wall seconds, peak RSS in KiB) of one ``dxready`` process."""
    cmd = [sys.executable, "-m", "dxready", *args, "--catalog", str(catalog), "--as-of", "2026-11-26"]
    writes = "TOGGLE" in args
    if args[0] == "set":
        if writes:
            status = _WRITTEN[catalog] = "×" if _WRITTEN.get(catalog) == "○" else "○"
            args = [status if a == "TOGGLE" else a for a in args]
        cmd = [sys.executable, "-m", "dxready", *args, "--catalog", str(catalog)]
    written = (catalog / "procedures.yaml").stat()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    proc.stdout.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {code}")
    now = (catalog / "procedures.yaml").stat()
    if writes and (now.st_ino, now.st_mtime_ns) == (written.st_ino, written.st_mtime_ns):
        raise SystemExit(f"{' '.join(cmd)} wrote nothing")
    return cpu, wall, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 30_000, 78_000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--commands", nargs="+", default=list(COMMANDS))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dxready-scaling-"))
    try:
        catalogs = {n: generate(work / f"c{n}", n) for n in args.sizes}
        cpu: dict[tuple[str, int], list[float]] = {}
        wall: dict[tuple[str, int], list[float]] = {}
        rss: dict[tuple[str, int], int] = {}
        for _ in range(args.rounds):
            for n in args.sizes:
                for name in args.commands:
                    c, w, m = run_once(COMMANDS[name], catalogs[n])
                    cpu.setdefault((name, n), []).append(c)
                    wall.setdefault((name, n), []).append(w)
                    rss[(name, n)] = max(rss.get((name, n), 0), m)
        first = args.sizes[0]
        print(
            f"medians of {args.rounds} interleaved rounds; CPU s (wall s) peak MiB; ratio to check; growth vs linear"
        )
        for n in args.sizes:
            size = (catalogs[n] / "procedures.yaml").stat().st_size
            print(f"\n{n:,} procedures ({size / 1e6:.1f} MB)")
            base = statistics.median(cpu[("check", n)]) if "check" in args.commands else None
            for name in args.commands:
                c, w = statistics.median(cpu[(name, n)]), statistics.median(wall[(name, n)])
                ratio = f"{c / base:5.2f}x check" if base else ""
                growth = ""
                if n != first:
                    growth = (
                        f"  growth {c / statistics.median(cpu[(name, first)]) / (n / first):4.2f} of linear"
                    )
                print(
                    f"  {name:10s} {c:7.2f} s ({w:6.2f} s) {rss[(name, n)] / 1024:7.0f} MiB  {ratio}{growth}"
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
