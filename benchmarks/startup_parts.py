"""Where `dxready check`'s time goes on the shipped catalogue, part by part, beside yamllint on procedures.yaml.

    python benchmarks/startup_parts.py [--runs 9] [--callgrind]

Each round starts one child that does what `dxready check --catalog data` does, in order, reading its own CPU clock
(user + sys) between the parts; the parent reads the whole child's CPU time (os.wait4), so the interpreter's start
and end are the rest. `python -c pass`, the real `dxready check` and `yamllint data/procedures.yaml` run in the same
rounds (interleaved: the machine is shared). Medians over the rounds; the parts of one round add up to its whole.
Beside the CPU time, each whole process's minor page faults and peak RSS (os.wait4): memory first touched costs time
that an instruction count does not show.

``--callgrind`` also counts the instructions of each whole process once under ``valgrind --tool=callgrind`` (with
``PYTHONHASHSEED=0``): a count without a clock, the same from run to run, for comparing two versions of the code on a
shared machine.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"

CHILD = r"""
import json, sys, time
clock = time.process_time
marks = [("start", clock())]
def mark(name):
    marks.append((name, clock()))
import gc
gc.disable()
import dxready.entry, dxready.fastpath, dxready.render.safe
dxready.entry.without_pydantic_plugins()  # as the console entry does: pydantic's plugin loader is never imported
mark("dxready's entry (fastpath, streams)")
import pydantic, pydantic.main, pydantic.fields, pydantic.types, pydantic.functional_validators
mark("import pydantic")
import dxready.catalog.settings, dxready.catalog.models, dxready.catalog.load
mark("catalogue models and loader (class creation)")
import dxready.rules
mark("import the 37 rule modules")
import dxready.engine.integrity, dxready.engine.run, dxready.render.text
mark("engine and the text renderer")
from dxready.catalog.models import FILE_MODELS
from dxready.catalog.settings import Settings
for model in (*FILE_MODELS.values(), Settings):
    model.model_rebuild()
mark("pydantic's schema build (first validation)")
import datetime as dt
from pathlib import Path
catalog = dxready.engine.integrity.load(Path(sys.argv[1]))
mark("read, parse, validate (and the integrity rules)")
report = dxready.engine.run.run(catalog, dt.date.today())
mark("run the rules")
text = dxready.render.text.check(report, "ja", verbose=False)
mark("render")
sys.stderr.write(json.dumps(marks) + "\n")
gc.freeze()  # as dxready's harness does at exit
"""


LIBRARIES = (
    "import pydantic, pydantic.main, pydantic.fields, pydantic.types, pydantic.functional_validators,"
    " pydantic.json_schema; import ruamel.yaml, _ruamel_yaml"
)
"""What check's path imports of its dependencies, without a line of dxready (the floor under check's start-up)."""


def _cpu(
    cmd: list[str], env: dict[str, str], memory: dict[str, list[int]] | None = None
) -> tuple[float, bytes]:
    """The process's CPU seconds and its stderr; its minor page faults and peak RSS (KiB) appended to ``memory``."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    err = proc.stderr.read() if proc.stderr else b""
    _, _, usage = os.wait4(proc.pid, 0)
    if memory is not None:
        memory.setdefault("faults", []).append(usage.ru_minflt)
        memory.setdefault("rss", []).append(usage.ru_maxrss)
    return usage.ru_utime + usage.ru_stime, err


def _instructions(cmd: list[str], env: dict[str, str]) -> int | None:
    """Instructions the process executes, counted by callgrind (None without valgrind)."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    done = subprocess.run(
        [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**env, "PYTHONHASHSEED": "0"},
        check=False,
    )
    for line in done.stderr.decode(errors="replace").splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1])
    return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--callgrind", action="store_true", help="also count each whole process's instructions"
    )
    args = parser.parse_args()
    py = sys.executable
    bindir = Path(py).parent
    dx = str(bindir / "dxready") if (bindir / "dxready").exists() else shutil.which("dxready") or "dxready"
    yl = (
        str(bindir / "yamllint") if (bindir / "yamllint").exists() else shutil.which("yamllint") or "yamllint"
    )
    import compileall

    import dxready

    compileall.compile_dir(Path(dxready.__file__).parent, quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    parts: dict[str, list[float]] = {}
    whole: dict[str, list[float]] = {
        "python -c pass": [],
        "parts child": [],
        "dxready check": [],
        "yamllint": [],
        "the libraries alone": [],
    }
    memory: dict[str, dict[str, list[int]]] = {}
    commands = {
        "python -c pass": [py, "-c", "pass"],
        "dxready check": [dx, "check", "--catalog", str(DATA)],
        "yamllint": [yl, str(DATA / "procedures.yaml")],
        "the libraries alone": [py, "-c", LIBRARIES],
    }
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "parts.py"
        script.write_text(CHILD, encoding="utf-8")
        for _ in range(args.runs):
            whole["python -c pass"].append(
                _cpu(commands["python -c pass"], env, memory.setdefault("python -c pass", {}))[0]
            )
            cpu, err = _cpu([py, str(script), str(DATA)], env)
            whole["parts child"].append(cpu)
            marks = json.loads(err.decode().strip().splitlines()[-1])
            for (_, before), (name, after) in itertools.pairwise(marks):
                parts.setdefault(name, []).append(after - before)
            parts.setdefault("interpreter start and exit, the rest", []).append(
                cpu - (marks[-1][1] - marks[0][1])
            )
            for name in ("dxready check", "yamllint", "the libraries alone"):
                whole[name].append(_cpu(commands[name], env, memory.setdefault(name, {}))[0])
    med = {name: statistics.median(v) * 1000 for name, v in parts.items()}
    total = statistics.median(whole["parts child"]) * 1000
    print(
        f"check's parts on the shipped catalogue: medians of {args.runs} rounds, CPU ms (share of the child)"
    )
    for name, ms in med.items():
        print(f"  {name:50s} {ms:6.1f}  {ms / total:5.1%}")
    print(f"  {'the child, whole':50s} {total:6.1f}")
    for name in commands:
        faults = statistics.median(memory[name]["faults"])
        rss = statistics.median(memory[name]["rss"]) / 1024
        print(
            f"  {name:50s} {statistics.median(whole[name]) * 1000:6.1f}  (whole process;"
            f" {faults:,.0f} minor page faults, {rss:.1f} MiB peak)"
        )
    pyd = sum(med[n] for n in med if n.startswith(("import pydantic", "pydantic's", "catalogue models")))
    check = statistics.median(whole["dxready check"]) * 1000
    lint = statistics.median(whole["yamllint"]) * 1000
    print(f"  check / yamllint: {check / lint:.2f}")
    libraries = statistics.median(whole["the libraries alone"]) * 1000
    print(
        f"  the libraries check imports (pydantic, ruamel.yaml's C parser),"
        f" imported and nothing else: {libraries / lint:.2f}x yamllint's whole run"
    )
    print(
        f"  pydantic's import, the catalogue modules (mostly its class creation) and its schema"
        f" build: {pyd:.0f} ms;"
        f" check without them would be {(check - pyd) / lint:.2f}x yamllint"
    )
    if args.callgrind:
        counts = {name: _instructions(cmd, env) for name, cmd in commands.items()}
        if None in counts.values():
            print("  (no valgrind: no instruction counts)")
            return
        print("instructions (valgrind --tool=callgrind, PYTHONHASHSEED=0; one run each, the same every run)")
        for name, count in counts.items():
            print(f"  {name:50s} {count / 1e6:8.1f} M")
        print(f"  check / yamllint: {counts['dxready check'] / counts['yamllint']:.3f}")  # type: ignore[operator]


if __name__ == "__main__":
    main()
