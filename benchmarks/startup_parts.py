"""Where `dxready check`'s time goes on the shipped catalogue, part by part, beside yamllint on procedures.yaml.

    python benchmarks/startup_parts.py [--runs 9]

Each round starts one child that does what `dxready check --catalog data` does, in order, reading its own CPU clock
(user + sys) between the parts; the parent reads the whole child's CPU time (os.wait4), so the interpreter's start
and end are the rest. `python -c pass`, the real `dxready check` and `yamllint data/procedures.yaml` run in the same
rounds (interleaved: the machine is shared). Medians over the rounds; the parts of one round add up to its whole.
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
import dxready.fastpath, dxready.render.safe
mark("dxready's entry (fastpath, streams)")
import pydantic, pydantic.main, pydantic.fields, pydantic.types, pydantic.functional_validators
mark("import pydantic")
import dxready.catalog.settings, dxready.catalog.models, dxready.catalog.load
mark("catalogue models and loader (class creation)")
import dxready.rules
mark("import the 37 rule modules")
import dxready.engine.integrity, dxready.engine.run, dxready.render.text
mark("engine and the text renderer")
import pydantic.plugin._loader
mark("pydantic's plugin loader (importlib.metadata)")
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
    " pydantic.json_schema, pydantic.plugin._loader; import ruamel.yaml, _ruamel_yaml"
)
"""What check's path imports of its dependencies, without a line of dxready (the floor under check's start-up)."""


def _cpu(cmd: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    err = proc.stderr.read() if proc.stderr else b""
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime, err


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
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
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "parts.py"
        script.write_text(CHILD, encoding="utf-8")
        for _ in range(args.runs):
            whole["python -c pass"].append(_cpu([py, "-c", "pass"], env)[0])
            cpu, err = _cpu([py, str(script), str(DATA)], env)
            whole["parts child"].append(cpu)
            marks = json.loads(err.decode().strip().splitlines()[-1])
            for (_, before), (name, after) in itertools.pairwise(marks):
                parts.setdefault(name, []).append(after - before)
            parts.setdefault("interpreter start and exit, the rest", []).append(
                cpu - (marks[-1][1] - marks[0][1])
            )
            whole["dxready check"].append(_cpu([dx, "check", "--catalog", str(DATA)], env)[0])
            whole["yamllint"].append(_cpu([yl, str(DATA / "procedures.yaml")], env)[0])
            whole["the libraries alone"].append(_cpu([py, "-c", LIBRARIES], env)[0])
    med = {name: statistics.median(v) * 1000 for name, v in parts.items()}
    total = statistics.median(whole["parts child"]) * 1000
    print(
        f"check's parts on the shipped catalogue: medians of {args.runs} rounds, CPU ms (share of the child)"
    )
    for name, ms in med.items():
        print(f"  {name:50s} {ms:6.1f}  {ms / total:5.1%}")
    print(f"  {'the child, whole':50s} {total:6.1f}")
    for name in ("python -c pass", "dxready check", "yamllint", "the libraries alone"):
        print(f"  {name:50s} {statistics.median(whole[name]) * 1000:6.1f}  (whole process)")
    pyd = sum(med[n] for n in med if n.startswith(("import pydantic", "pydantic's", "catalogue models")))
    check = statistics.median(whole["dxready check"]) * 1000
    lint = statistics.median(whole["yamllint"]) * 1000
    print(f"  check / yamllint: {check / lint:.2f}")
    libraries = statistics.median(whole["the libraries alone"]) * 1000
    print(
        f"  the libraries check imports (pydantic, its plugin loader's importlib.metadata, ruamel.yaml's C parser),"
        f" imported and nothing else: {libraries / lint:.2f}x yamllint's whole run"
    )
    print(
        f"  pydantic's import, the catalogue modules (mostly its class creation), its plugin loader and schema"
        f" build: {pyd:.0f} ms;"
        f" check without them would be {(check - pyd) / lint:.2f}x yamllint"
    )


if __name__ == "__main__":
    main()
