"""`dxready check` beside its peers, in one interleaved run.

    python benchmarks/bench_check.py [--runs 7] [--procedures 10000]    (--procedures 0: the shipped catalogue only)

On the shipped catalogue: `python -c pass`, `dxready --help`, `dxready check`, yamllint on procedures.yaml and
check-jsonschema validating the three files against `dxready schema`. On a generated catalogue of --procedures
procedures: `check`, `gaps -f json`, a PyYAML CSafeLoader loop over the same files, yamllint and check-jsonschema.
Every figure is a whole process; rounds interleave the commands (the machine is shared), and medians of the child's
CPU time (user + sys) are the figures, with the wall clock beside. Ratios within one run are what to compare.

Each tool runs as its users run it: through its console script (``dxready``, ``yamllint``, ``check-jsonschema`` next to
this Python), not ``python -m``. dxready's bytecode is compiled first (as ``pip install`` does for a wheel), so that an
editable install under ``PYTHONDONTWRITEBYTECODE=1`` is not timed compiling its own source on every run.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
STATUSES = ["○", "一部", "×", "—", "unknown"]


def _run(cmd: list[str], cwd: Path) -> tuple[float, float, int]:
    """(child CPU seconds, wall seconds, peak RSS KiB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - start, usage.ru_maxrss


_ROUNDS: dict[str, list[float]] = {}
"""Each name's CPU time round by round, from the last :func:`_interleaved` (for ratios paired within a round)."""


def _paired(ours: str, theirs: str) -> float:
    """The median over rounds of ours / theirs measured in the same round: steadier than a ratio of medians when the
    machine's load changes during the run."""
    return statistics.median(a / b for a, b in zip(_ROUNDS[ours], _ROUNDS[theirs], strict=True))


def _interleaved(
    cmds: dict[str, list[list[str]]], runs: int, cwd: Path
) -> dict[str, tuple[float, float, int]]:
    """Each name's (median CPU, median wall, peak RSS), summed over its commands; rounds interleave every name."""
    cpu: dict[str, list[float]] = {n: [] for n in cmds}
    wall: dict[str, list[float]] = {n: [] for n in cmds}
    peak: dict[str, int] = dict.fromkeys(cmds, 0)
    for _ in range(runs):
        for name, group in cmds.items():
            c = w = 0.0
            for cmd in group:
                one = _run(cmd, cwd)
                c, w = c + one[0], w + one[1]
                peak[name] = max(peak[name], one[2])
            cpu[name].append(c)
            wall[name].append(w)
    _ROUNDS.clear()
    _ROUNDS.update(cpu)
    return {n: (statistics.median(cpu[n]), statistics.median(wall[n]), peak[n]) for n in cmds}


def generate(directory: Path, n: int) -> Path:
    """A catalogue of ``n`` procedures (~320 bytes each, Japanese text) with systems and a roadmap."""
    directory.mkdir(parents=True, exist_ok=True)
    lines = ["municipality:", "  name: ベンチ市", '  code: "122238"', "as_of: 2023-12-31", "procedures:"]
    for i in range(n):
        status = STATUSES[i % len(STATUSES)]
        lines += [
            f"  - id: proc-{i:05d}",
            f"    name: 手続{i}の申請（ベンチマーク用の名称、全角文字を含む）",
            f"    status: {status}",
            f"    systems: [sys-{i % 50:02d}]",
            "    identity: seal" if i % 7 == 0 else "    identity: mynumber_card",
            f"    fee: {'true' if i % 3 == 0 else 'false'}",
            "    payment: [counter]" if i % 3 == 0 else "    result_delivery: electronic",
            "    counts:",
            f"      - {{fiscal_year: 令和4年度, total: {1000 + i}, online: {i % 1000}}}",
            f"    note: 備考{i}",
        ]
    (directory / "procedures.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    sys_lines = ["systems:"]
    for j in range(50):
        sys_lines += [
            f"  - id: sys-{j:02d}",
            f"    name: システム{j}",
            "    tier: backbone",
            "    modules:",
            "      - {name: 住民票システム, standard_business: 住民基本台帳}",
            "    migration: {phase: planning, target_fiscal_year: 令和7年度}",
            "    data_input: manual",
        ]
    (directory / "systems.yaml").write_text("\n".join(sys_lines) + "\n", encoding="utf-8")
    road = ["areas:", "  - {no: 1, title: 取組}", "roadmap:"]
    road += [
        f"  - {{id: item-{k}, area: 1, title: 項目{k}, target: 令和6年度, procedures: [proc-{k:05d}]}}"
        for k in range(24)
    ]
    (directory / "roadmap.yaml").write_text("\n".join(road) + "\n", encoding="utf-8")
    return directory


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--procedures", type=int, default=10_000)
    args = parser.parse_args()
    py = sys.executable
    bindir = Path(py).parent
    dx = str(bindir / "dxready") if (bindir / "dxready").exists() else shutil.which("dxready") or "dxready"
    import dxready

    compileall.compile_dir(Path(dxready.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        schemas = work / "schemas"
        subprocess.run(
            [py, "-m", "dxready", "schema", "--out", str(schemas)], check=True, stdout=subprocess.DEVNULL
        )
        cj = shutil.which("check-jsonschema") or str(bindir / "check-jsonschema")
        yl = shutil.which("yamllint") or str(bindir / "yamllint")
        files = ("procedures", "systems", "roadmap")
        small = _interleaved(
            {
                "python -c pass": [[py, "-c", "pass"]],
                "dxready --help": [[dx, "--help"]],
                "dxready check": [[dx, "check", "--catalog", str(DATA)]],
                "yamllint, procedures.yaml": [[yl, str(DATA / "procedures.yaml")]],
                "check-jsonschema, 3 files": [
                    [cj, "--schemafile", str(schemas / f"{n}.schema.json"), str(DATA / f"{n}.yaml")]
                    for n in files
                ],
            },
            args.runs,
            work,
        )
        base = small["python -c pass"][0]
        print(f"shipped catalogue: medians of {args.runs} interleaved rounds, child CPU time (wall clock)")
        for name, (c, w, _) in small.items():
            print(f"  {name:28s} {c * 1000:7.0f} ms ({w * 1000:6.0f} ms)  {c / base:5.1f}x python -c pass")
        ours = small["dxready check"][0]
        print(
            f"  check / yamllint on one file: {ours / small['yamllint, procedures.yaml'][0]:.2f}"
            f" (paired within rounds: {_paired('dxready check', 'yamllint, procedures.yaml'):.2f}; goal <= 1.3)"
        )
        print(
            f"  check / check-jsonschema on the three files: {ours / small['check-jsonschema, 3 files'][0]:.2f}"
        )

        if args.procedures <= 0:
            return
        big = generate(work / "big", args.procedures)
        size = sum(p.stat().st_size for p in big.glob("*.yaml"))
        loop = (
            "import sys, yaml\n"
            "for f in sys.argv[1:]:\n"
            "    yaml.load(open(f, 'rb').read(), Loader=yaml.CSafeLoader)\n"
        )
        yaml_files = [str(big / f"{n}.yaml") for n in files]
        large = _interleaved(
            {
                "dxready check": [[dx, "check", "--catalog", str(big)]],
                "dxready gaps -f json": [[dx, "gaps", "-f", "json", "--catalog", str(big)]],
                "PyYAML CSafeLoader loop": [[py, "-c", loop, *yaml_files]],
                "yamllint, procedures.yaml": [[yl, str(big / "procedures.yaml")]],
                "check-jsonschema, 3 files": [
                    [cj, "--schemafile", str(schemas / f"{n}.schema.json"), str(big / f"{n}.yaml")]
                    for n in files
                ],
            },
            max(3, args.runs // 2),
            work,
        )
        print(f"\n{args.procedures:,} procedures ({size / 1e6:.1f} MB): child CPU (wall), peak RSS")
        for name, (c, w, rss) in large.items():
            print(f"  {name:28s} {c:7.2f} s ({w:6.2f} s) {rss / 1024:6.0f} MiB")
        check_cpu, _, check_rss = large["dxready check"]
        json_cpu, _, json_rss = large["dxready gaps -f json"]
        print(
            f"  check / PyYAML C loop: {check_cpu / large['PyYAML CSafeLoader loop'][0]:.2f}"
            f" (paired within rounds: {_paired('dxready check', 'PyYAML CSafeLoader loop'):.2f}; goal <= 0.8)"
        )
        print(
            f"  gaps -f json / check: time {json_cpu / check_cpu:.2f}"
            f" (paired within rounds: {_paired('dxready gaps -f json', 'dxready check'):.2f}),"
            f" peak memory {json_rss / check_rss:.2f} (goal <= 1.2)"
        )


if __name__ == "__main__":
    main()
