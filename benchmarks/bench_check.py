"""One-run figures for `dxready check` start-up and for the engine on a large catalogue.

    python benchmarks/bench_check.py [--runs 7] [--procedures 10000]

Prints medians of whole-process runs as ratios to `python -c pass` and to check-jsonschema validating the same
three files against `dxready schema`; then, in process (median of three), the load time of a generated catalogue
and the cost of the rules + ranking as a ratio to that load (with the cyclic collector off, as the CLI runs).
Ratios within one run are what to compare between machines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
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


def _median_run(cmd: list[str], runs: int, cwd: Path) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        schemas = work / "schemas"
        subprocess.run(
            [py, "-m", "dxready", "schema", "--out", str(schemas)], check=True, stdout=subprocess.DEVNULL
        )
        base = _median_run([py, "-c", "pass"], args.runs, work)
        ours = _median_run([py, "-m", "dxready", "check", "--catalog", str(DATA)], args.runs, work)
        help_ = _median_run([py, "-m", "dxready", "--help"], args.runs, work)
        cj = shutil.which("check-jsonschema") or str(Path(py).parent / "check-jsonschema")
        peer = 0.0
        for name in ("procedures", "systems", "roadmap"):
            peer += _median_run(
                [cj, "--schemafile", str(schemas / f"{name}.schema.json"), str(DATA / f"{name}.yaml")],
                args.runs,
                work,
            )
        print(f"python -c pass                     {base * 1000:8.1f} ms")
        print(
            f"dxready --help                     {help_ * 1000:8.1f} ms  ({help_ / base:.1f}x python -c pass)"
        )
        print(
            f"dxready check (shipped catalogue)  {ours * 1000:8.1f} ms  ({ours / base:.1f}x python -c pass)"
        )
        print(
            f"check-jsonschema, same 3 files     {peer * 1000:8.1f} ms  (dxready check = {ours / peer:.2f}x of it)"
        )

        from dxready.engine.integrity import load as load_catalog
        from dxready.engine.ranking import rank
        from dxready.engine.run import run

        big = generate(work / "big", args.procedures)
        size = sum(p.stat().st_size for p in big.glob("*.yaml"))
        loads, engines = [], []
        for _ in range(3):
            gc.collect()
            gc.disable()  # as the CLI runs (cli.main): the cyclic collector is off for a command's lifetime
            start = time.perf_counter()
            catalog = load_catalog(big)
            loads.append(time.perf_counter() - start)
            start = time.perf_counter()
            report = run(catalog, dt.date(2026, 11, 26))
            steps = rank(report)
            engines.append(time.perf_counter() - start)
            counts = (len(report.findings), len(steps))
            del catalog, report, steps
            gc.enable()
        load_s, engine_s = statistics.median(loads), statistics.median(engines)
        print(f"load {args.procedures:,} procedures ({size / 1e6:.1f} MB)  {load_s:8.2f} s")
        print(
            f"rules + levels + ranking           {engine_s:8.2f} s  ({engine_s / load_s:.2f}x the load;"
            f" {counts[0]:,} findings, {counts[1]:,} steps)"
        )


if __name__ == "__main__":
    main()
