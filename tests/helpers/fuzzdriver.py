"""Run every reading command over catalogue directories, each in a forked child, and report how each one ended.

``python -m tests.helpers.fuzzdriver [--quick] BASE CASE...``: dxready is imported once, then each command runs in a child
process forked from this one (cheap: nothing is imported again), through the real console entry point
``dxready.cli.main`` with its top-level guard. The parent waits with a deadline and kills a child that overruns it.
A child that dies of a signal (a segfault), exits with anything but 0, 1 or 2, prints a traceback or overruns is a
failure. One JSON line per case and command is printed: ``{"case", "args", "status", "traceback", "timeout"}``.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import time

DEADLINE = 120.0
"""Seconds a single command may take before it counts as a runaway (generous: CI machines are slow and shared)."""


QUICK = ("check", "sarif", "compare", "diff")
"""The commands of a quick run (``--quick``): the loader, a machine format, compare's fast path and diff."""


def commands(base: str, case: str, quick: bool = False) -> list[list[str]]:
    c = ["--catalog", case, "--as-of", "2025-04-01"]
    if quick:
        return [
            ["check", *c],
            ["check", *c, "--format", "sarif"],
            ["compare", case, "--no-cache", "--format", "json"],
            ["diff", base, case, "--as-of", "2025-04-01", "--fail-on-regression"],
        ]
    return [
        ["check", *c],
        ["check", *c, "--format", "json"],
        ["check", *c, "--format", "sarif"],
        ["check", *c, "--format", "github"],
        ["gaps", *c],
        ["gaps", *c, "--format", "csv"],
        ["next", *c, "--format", "json"],
        ["table", "procedures", *c],
        ["table", "summary", *c, "--format", "markdown"],
        ["table", "roadmap", *c, "--format", "mermaid"],
        ["compare", case, "--no-cache", "--format", "json"],
        ["diff", base, case, "--as-of", "2025-04-01", "--fail-on-regression"],
    ]


def run_one(args: list[str], out_dir: str) -> dict[str, object]:
    out_path = os.path.join(out_dir, "out")
    err_path = os.path.join(out_dir, "err")
    pid = os.fork()
    if pid == 0:  # the child: the real entry point, output to files
        try:
            out = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            err = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(out, 1)
            os.dup2(err, 2)
            sys.argv = ["dxready", *args]
            from dxready.cli import main

            try:
                main()
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:
            import traceback

            traceback.print_exc()
            code = 99
        os._exit(code)
    started = time.monotonic()
    timed_out = False
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() - started > DEADLINE:
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            timed_out = True
            break
        time.sleep(0.005)
    with open(err_path, encoding="utf-8", errors="replace") as fh:
        err_text = fh.read()
    exit_status = os.waitstatus_to_exitcode(status)
    return {
        "args": args,
        "status": exit_status,
        "traceback": "Traceback (most recent call last)" in err_text,
        "timeout": timed_out,
        "stderr": err_text[-400:],
        "seconds": round(time.monotonic() - started, 2),
    }


def _warm(base: str) -> None:
    """Import and build once, before forking, what every command needs (children start warm)."""
    import datetime as dt
    import importlib

    import dxready.cli  # noqa: F401
    from dxready.catalog.load import load_catalog
    from dxready.engine.run import run

    for name in (
        "dxready.render.text",
        "dxready.render.json_",
        "dxready.render.sarif",
        "dxready.render.github",
        "dxready.render.table",
        "dxready.render.markdown",
        "dxready.render.csv_",
        "dxready.render.mermaid",
        "dxready.render.compare",
        "dxready.render.diff",
        "dxready.commands.compare",
        "dxready.commands.diff",
        "dxready.engine.ranking",
        "rich.console",
        "rich.table",
    ):
        importlib.import_module(name)
    run(load_catalog(base), dt.date(2025, 4, 1))


def main(argv: list[str]) -> int:
    quick = argv[:1] == ["--quick"]
    if quick:
        argv = argv[1:]
    base, cases = argv[0], argv[1:]
    _warm(base)

    with tempfile.TemporaryDirectory(prefix="dxready-fuzz-") as tmp:
        for case in cases:
            for args in commands(base, case, quick):
                result = run_one(args, tmp)
                result["case"] = case
                sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
                sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
