"""How each command grows with the catalogue: check, gaps (terminal and json), table procedures, next and set (one
target, and in bulk 1 %, 10 % and all of the procedures) at 1k / 10k / 30k / 78k procedures, in one interleaved run.

    .venv/bin/python benchmarks/scaling.py                       # sizes 1000 10000 30000 78000, 3 rounds
    .venv/bin/python benchmarks/scaling.py --sizes 10000 30000 --rounds 5
    .venv/bin/python benchmarks/scaling.py --sizes 10000 30000 --commands check set-write set-1% set-10% set-all

The catalogues are compact (~100 bytes and 12 values a procedure, Japanese names). 78,000 procedures (7.8 MB) is
about the largest catalogue the loader accepts: a file holds at most 8 MiB and 1,000,000 values (catalog/limits.py).
Each command runs as its own process; the rounds interleave sizes and commands (the machine is
shared: what runs next to one command runs next to the others too), and the figures are medians of the child's CPU
time (user + sys, steadier than the wall clock on a busy machine) with the wall clock and peak memory beside. Printed:
each command's time as a ratio to ``check`` at the same size, and its growth from the first size to each next one
against linear (1.00 = exactly linear); with two or more bulk sets, the cost of one more target between each two
shares (the same between 1 % → 10 % and 10 % → all when the time grows with the targets linearly). Terminal output
goes to a pipe (the plain-grid path for large tables).
"""

from __future__ import annotations

import argparse
import itertools
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
    # Bulk set: 1 %, 10 % and all of the procedures (ids ending 00, ending 0, every one), each on its own copy of the
    # catalogue, set to ○ once before the rounds, then written ○ and online in turn (the same status, other bytes):
    # every run edits, validates and writes every target, and the other commands' catalogue never changes.
    "set-1%": ["set", "p-???00", "--status", "BULK"],
    "set-10%": ["set", "p-????0", "--status", "BULK"],
    "set-all": ["set", "*", "--status", "BULK"],
}
SHARE = {"set-1%": 0.01, "set-10%": 0.1, "set-all": 1.0}
"""The share of the procedures each bulk set edits."""
_WRITTEN: dict[tuple[Path, str], str] = {}
"""The last status written per catalogue and command: set-write ○ first (p-00002 is generated ×), then ×, ○, …; a
bulk set ○ (its warm-up), then online, ○, … (every run writes)."""


def run_once(args: list[str], catalog: Path) -> tuple[float, float, int]:
    """(child CPU seconds, wall seconds, peak RSS in KiB) of one ``dxready`` process."""
    cmd = [sys.executable, "-m", "dxready", *args, "--catalog", str(catalog), "--as-of", "2026-11-26"]
    writes = "TOGGLE" in args or "BULK" in args
    if args[0] == "set":
        if writes:
            key = (catalog, " ".join(args))
            last = _WRITTEN.get(key)
            status = _WRITTEN[key] = (
                ("×" if last == "○" else "○") if "TOGGLE" in args else ("online" if last == "○" else "○")
            )
            args = [status if a in ("TOGGLE", "BULK") else a for a in args]
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
        own: dict[tuple[str, int], Path] = {}  # a bulk set's own copy, set to ○ once (untimed)
        for n in args.sizes:
            for name in (c for c in args.commands if c in SHARE):
                own[(name, n)] = Path(shutil.copytree(catalogs[n], work / f"{name}-{n}"))
                run_once(COMMANDS[name], own[(name, n)])
        cpu: dict[tuple[str, int], list[float]] = {}
        wall: dict[tuple[str, int], list[float]] = {}
        rss: dict[tuple[str, int], int] = {}
        for _ in range(args.rounds):
            for n in args.sizes:
                for name in args.commands:
                    c, w, m = run_once(COMMANDS[name], own.get((name, n), catalogs[n]))
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
            _per_target(args.commands, cpu, n)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _per_target(commands: list[str], cpu: dict[tuple[str, int], list[float]], n: int) -> None:
    """Bulk set's cost of one more target between each two shares (equal when the time grows with the targets
    linearly), and a target's cost against check's time per procedure."""
    bulk = sorted((SHARE[c], c) for c in commands if c in SHARE)
    if len(bulk) < 2:
        return
    check = statistics.median(cpu[("check", n)]) / n if "check" in commands else None
    for (a, first), (b, second) in itertools.pairwise(bulk):
        extra = (statistics.median(cpu[(second, n)]) - statistics.median(cpu[(first, n)])) / ((b - a) * n)
        against = f" = {extra / check:4.2f}x check's per procedure" if check else ""
        print(f"  {first} → {second}: {extra * 1e3:.3f} ms a target{against}")


if __name__ == "__main__":
    main()
