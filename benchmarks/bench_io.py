"""One-run figures for `dxready export` and `dxready import` on a 10,000-procedure catalogue, against `check`.

    python benchmarks/bench_io.py [--runs 3] [--procedures 10000]

Whole processes, median CPU time (user + system) of ``--runs``, on the catalogue that bench_check.py generates: `check`, `export -f xlsx`,
`export -f csv`, then `import` of that xlsx and CSV directory into a copy of the catalogue (every row unchanged: read,
match and compare), and `import` of the xlsx into a catalogue whose statuses all differ (every row changes: the full
splice, validation and atomic write). Also the two xlsx writers on the same workbook, in process (the choice of
XlsxWriter over openpyxl's write-only mode). Ratios within one run are what to compare between machines.
"""

from __future__ import annotations

import argparse
import io
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_check import generate


def _median(cmd: list[str], runs: int, cwd: Path, prepare: object = None) -> float:
    """Median CPU seconds (user + system) of the child process: steadier than wall time on a shared machine."""
    times = []
    for _ in range(runs):
        if callable(prepare):
            prepare()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr.decode()}")
    return statistics.median(times)


def _writers(book: object) -> tuple[float, float]:
    """Seconds to write the same workbook with XlsxWriter (what export uses) and with openpyxl write-only."""
    import openpyxl

    from dxready.commands.export import Workbook, xlsx_bytes

    assert isinstance(book, Workbook)
    start = time.process_time()
    xlsx_bytes(book)
    ours = time.process_time() - start
    start = time.process_time()
    wb = openpyxl.Workbook(write_only=True)
    for sheet in book.sheets:
        ws = wb.create_sheet(sheet.name)
        ws.append(sheet.headers)
        for row in sheet.rows:
            ws.append(row)
    wb.save(io.BytesIO())
    return ours, time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--procedures", type=int, default=10_000)
    args = parser.parse_args()
    py = [sys.executable, "-m", "dxready"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        big = generate(work / "big", args.procedures)
        xlsx, csvdir = work / "big.xlsx", work / "big-csv"
        check = _median([*py, "check", "--catalog", str(big)], args.runs, work)
        exp_x = _median([*py, "export", "-o", str(xlsx), "--catalog", str(big)], args.runs, work)
        exp_c = _median(
            [*py, "export", "-f", "csv", "-o", str(csvdir), "--catalog", str(big)], args.runs, work
        )
        same = work / "same"
        shutil.copytree(big, same)
        imp_x = _median([*py, "import", str(xlsx), "--catalog", str(same)], args.runs, work)
        imp_c = _median([*py, "import", str(csvdir), "--catalog", str(same)], args.runs, work)
        other = work / "other"
        text = (big / "procedures.yaml").read_text(encoding="utf-8")
        flipped = text.replace("status: ○", "status: ×_").replace("status: ×\n", "status: ○\n")
        flipped = flipped.replace("status: ×_", "status: ×").replace("status: 一部", "status: ○")

        def reset() -> None:
            shutil.rmtree(other, ignore_errors=True)
            shutil.copytree(big, other)
            (other / "procedures.yaml").write_text(flipped, encoding="utf-8")

        imp_w = _median([*py, "import", str(xlsx), "--catalog", str(other)], args.runs, work, reset)
        size = xlsx.stat().st_size
        print(
            f"catalogue: {args.procedures:,} procedures; xlsx {size / 1e6:.1f} MB; median of {args.runs} runs, CPU seconds"
        )
        print(f"dxready check                        {check:7.2f} s")
        for label, value in (
            ("export -f xlsx", exp_x),
            ("export -f csv", exp_c),
            ("import xlsx (nothing changes)", imp_x),
            ("import csv  (nothing changes)", imp_c),
            ("import xlsx (every status changes)", imp_w),
        ):
            print(f"dxready {label:<29}{value:7.2f} s  ({value / check:.2f}x check)")

        from dxready.catalog.load import load_catalog
        from dxready.engine.run import run
        from dxready.render.workbook import build

        book = build(run(load_catalog(big), __import__("datetime").date(2025, 4, 1)), "ja")
        ours, theirs = _writers(book)
        print(
            f"xlsx writer, same workbook: XlsxWriter {ours:.2f} s, openpyxl write-only {theirs:.2f} s ({theirs / ours:.1f}x)"
        )


if __name__ == "__main__":
    main()
