"""National scale: generate 1,741 municipalities' catalogues and time ``dxready compare`` over them, in one run.

    .venv/bin/python benchmarks/national.py                 # generate under benchmarks/out/national, measure, report
    .venv/bin/python benchmarks/national.py --n 200 --repeat 1

The catalogues carry the real municipalities' names and codes (the national registry), so that roll-ups by prefecture
and DX020 see a realistic set. Figures, in process over the same files (page cache warm for all of them):
- read: reading every file's bytes (the floor any tool pays);
- PyYAML ``CSafeLoader`` over every file (libyaml in C: the fastest loader there is; the yardstick), and ruamel.yaml's
  safe loader beside it;
- compare cold: ``run_compare`` with an empty cache directory (parse, validate, summarise, render JSON);
- compare warm: ``run_compare`` again with the cache the cold run filled, as json and as the default table;
and peak memory of a separate process running one cold compare. Figures are medians of CPU time over interleaved
rounds (the machine is shared; CPU time moves less than the wall clock).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from dxready.catalog import codes  # noqa: E402
from dxready.catalog.municipalities import registry  # noqa: E402
from dxready.catalog.registry import STANDARD_BUSINESSES, STANDARD_PROCEDURES  # noqa: E402
from dxready.commands.scaffold import PREFECTURES, STANDARD_IDS  # noqa: E402

STATUSES = ("○", "一部", "×", "—", "unknown")
WEIGHTS = (40, 15, 30, 8, 7)
CHANNELS = ("mynaportal", "eltax", "e_bidding", "e_application", "dedicated")


def _code(rng: random.Random, used: set[str], pref: int) -> str:
    while True:
        first = f"{pref:02d}{rng.randint(201, 999):03d}"
        if first not in used:
            used.add(first)
            return first + str(codes.check_digit(first))


def procedures_yaml(rng: random.Random, name: str, code: str) -> str:
    out = [
        f"# {name} procedure catalogue (generated for the national benchmark).",
        "",
        "schema_version: 1",
        "municipality:",
        f"  name: {name}",
        f'  code: "{code}"',
        f"  prefecture: {PREFECTURES[int(code[:2]) - 1]}",
        "",
        "as_of: 2024-03-31",
        "",
        "procedures:",
    ]
    for entry in STANDARD_PROCEDURES:
        ident = STANDARD_IDS[entry.no]
        subs = [rng.choices(STATUSES[:3], (60, 0, 40))[0] for _ in entry.sub_procedures]
        if subs:
            online = sum(s == "○" for s in subs)
            status = "○" if online == len(subs) else ("一部" if online else "×")
        else:
            status = rng.choices(STATUSES, WEIGHTS)[0]
        out += [
            f"  - id: {ident}",
            f"    standard_no: {entry.no}",
            f"    name: {entry.name}",
            f"    name_en: {entry.name_en}",
            f"    status: {status}  # 令和5年度末時点",
        ]
        if status in ("○", "一部"):
            kind = entry.shared_channel or rng.choice(CHANNELS)
            out += ["    channels:", f"      - kind: {kind}", "        name: 電子申請サービス"]
        if status != "—" and rng.random() < 0.6:
            out.append("    counts:")
            for year in (2021, 2022, 2023):
                total = rng.randint(50, 200_000)
                online = rng.randint(0, total) if status in ("○", "一部") else 0
                out += [
                    f"      - fiscal_year: {year}",
                    f"        total: {total}",
                    f"        online: {online}",
                ]
        if subs:
            out.append("    sub_procedures:")
            for n, (sub, sub_status) in enumerate(zip(entry.sub_procedures, subs, strict=True), start=1):
                out += [
                    f"      - id: {ident}-{n:02d}",
                    f"        name: {sub.name}",
                    f"        status: {sub_status}",
                ]
        out += [
            f"    owner: {rng.choice(('総務課', '市民課', '税務課', '福祉課', '環境課', '建設課', '教育総務課'))}",
            "    note: 令和6年度中にオンライン申請の対象拡大を検討する。窓口での受付も継続する。",
            "    verified_on: 2024-03-31",
            "",
        ]
    return "\n".join(out)


def systems_yaml(rng: random.Random, name: str) -> str:
    out = [f"# {name} business systems (generated).", "", "schema_version: 1", "systems:"]
    for n, business in enumerate(STANDARD_BUSINESSES, start=1):
        out += [
            f"  - id: system-{n:02d}",
            f"    name: {business}システム",
            "    tier: backbone",
            f"    standard_business: {business}",
            "    migration:",
            f"      phase: {rng.choice(('planning', 'selection', 'migrating', 'operating'))}",
            "      target_fiscal_year: 2025",
            "    data_input: manual",
            "",
        ]
    return "\n".join(out)


def roadmap_yaml(rng: random.Random, name: str) -> str:
    out = [
        f"# {name} DX roadmap (generated).",
        "",
        "schema_version: 1",
        "areas:",
        "  - no: 1",
        "    title: フロントヤード改革の推進",
        "roadmap:",
    ]
    for n in range(1, 9):
        out += [
            f"  - id: item-{n:02d}",
            "    area: 1",
            f"    title: 手続のオンライン化の推進（その{n}）",
            f"    start_fiscal_year: 令和{rng.randint(5, 7)}年度",
            f"    target: 令和{rng.randint(7, 9)}年度",
            f"    procedures: [{STANDARD_IDS[rng.randint(1, 17)]}]",
            "",
        ]
    return "\n".join(out)


def generate(root: Path, n: int, seed: int = 1741) -> list[Path]:
    """``n`` catalogue directories under ``root`` (written once; reused when already there with the same n)."""
    stamp = root / "GENERATED"
    if stamp.is_file() and stamp.read_text() == f"{n} {seed} registry":
        return sorted(p for p in root.iterdir() if p.is_dir())
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    rng = random.Random(seed)
    # The real municipalities (names and codes from the national registry), then made-up ones beyond 1,741.
    real = [(e.code, e.name) for e in registry().municipalities]
    used: set[str] = {code[:5] for code, _ in real}
    dirs = []
    for i in range(n):
        if i < len(real):
            code, name = real[i]
        else:
            code, name = _code(rng, used, i % 47 + 1), f"第{i + 1}市"
        d = root / code
        d.mkdir()
        (d / "procedures.yaml").write_text(procedures_yaml(rng, name, code), encoding="utf-8")
        (d / "systems.yaml").write_text(systems_yaml(rng, name), encoding="utf-8")
        (d / "roadmap.yaml").write_text(roadmap_yaml(rng, name), encoding="utf-8")
        dirs.append(d)
    stamp.write_text(f"{n} {seed} registry")
    return dirs


def files_of(dirs: list[Path]) -> list[Path]:
    return [
        d / f for d in dirs for f in ("procedures.yaml", "systems.yaml", "roadmap.yaml") if (d / f).is_file()
    ]


def read_all(files: list[Path]) -> int:
    """Every file's bytes, read the cheapest way Python has (os.open/os.read), as the floor."""
    total = 0
    for f in files:
        fd = os.open(f, os.O_RDONLY)
        try:
            while chunk := os.read(fd, 1 << 20):
                total += len(chunk)
        finally:
            os.close(fd)
    return total


def bare_parse(files: list[Path]) -> int:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=False)
    n = 0
    for f in files:
        data = yaml.load(f.read_bytes().decode("utf-8"))
        n += len(data)
    return n


def bare_parse_libyaml(files: list[Path]) -> int:
    """PyYAML's libyaml loader (in the test extra; the yardstick, dxready does not use it)."""
    import yaml  # type: ignore[import-untyped]

    if not getattr(yaml, "__with_libyaml__", False):
        raise SystemExit("PyYAML was built without libyaml: no C loader to compare with")
    return sum(len(yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)) for f in files)


def compare(root: Path, cache: Path, *, use_cache: bool, fmt: str = "json") -> int:
    import datetime as dt

    from dxready.commands.compare import run_compare
    from dxready.render import renderer

    os.environ["XDG_CACHE_HOME"] = str(cache)
    comparison = run_compare([root], as_of=dt.date(2024, 3, 31), use_cache=use_cache)
    return comparison.exit_code + len(renderer("compare", fmt)(comparison, "ja"))


def timed(fn: Callable[[], object], repeat: int, before: Callable[[], None] | None = None) -> float:
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss(code: str) -> float:
    """Peak resident memory (MiB) of a fresh interpreter running ``code``.

    VmHWM, not ru_maxrss: Linux carries ru_maxrss over fork and exec, so a child of this (large) process would
    report this process's peak.
    """
    script = (
        f"{code}\nimport re\nprint(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(HERE.parent / "src")})  # fmt: skip
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1741, help="municipalities (default 1741)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is shown")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "national", help="where to generate")
    parser.add_argument(
        "--warm-only",
        action="store_true",
        help="only the warm figures (json, table): skip the loaders and cold runs",
    )
    args = parser.parse_args()

    t0 = time.perf_counter()
    dirs = generate(args.out, args.n)
    files = files_of(dirs)
    size = read_all(files)
    print(
        f"{len(dirs)} catalogues, {len(files)} files, {size / 1e6:.1f} MB (generated in {time.perf_counter() - t0:.1f} s)"
    )

    from ruamel.yaml import YAML  # noqa: F401

    import dxready.commands.compare  # noqa: F401  (imports are start-up, not compare: excluded from the figures)

    cache = Path(tempfile.mkdtemp(prefix="dxready-bench-cache-"))

    def clear() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir()

    # Interleaved: each round runs every figure once, so that whatever else the machine does is shared alike.
    runs: dict[str, list[float]] = {}

    def once(name: str, fn: Callable[[], object], before: Callable[[], None] | None = None) -> None:
        if before is not None:
            before()
        gc.collect()
        start = time.process_time()
        fn()
        runs.setdefault(name, []).append(time.process_time() - start)

    try:
        if args.warm_only:
            compare(args.out, cache, use_cache=True)  # fills the cache
        for _ in range(args.repeat):
            once("read", lambda: read_all(files))
            if not args.warm_only:
                once("pyyaml", lambda: bare_parse_libyaml(files))
                once("ruamel", lambda: bare_parse(files))
                once("cold", lambda: compare(args.out, cache, use_cache=True), before=clear)
                once("nocache", lambda: compare(args.out, cache, use_cache=False))
            once("warm json", lambda: compare(args.out, cache, use_cache=True))
            os.environ["COLUMNS"] = "120"  # too narrow for the matrix: a record per municipality
            once("warm table", lambda: compare(args.out, cache, use_cache=True, fmt="table"))
            os.environ["COLUMNS"] = "200"  # the matrix, drawn as a plain grid
            once("warm table wide", lambda: compare(args.out, cache, use_cache=True, fmt="table"))
            os.environ.pop("COLUMNS")
        src = json.dumps(str(args.out))
        peak_cold = (
            0.0
            if args.warm_only
            else peak_rss(
                f"import os,tempfile,datetime as dt; os.environ['XDG_CACHE_HOME']=tempfile.mkdtemp()\n"
                f"from dxready.commands.compare import run_compare\n"
                f"from dxready.render import renderer\n"
                f"c = run_compare([__import__('pathlib').Path({src})], as_of=dt.date(2024,3,31), use_cache=True)\n"
                f"renderer('compare', 'json')(c, 'ja')"
            )
        )
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    m = {name: statistics.median(values) for name, values in runs.items()}
    print(f"medians of {args.repeat} interleaved rounds, CPU time of this process")
    print(f"read bytes                     {m['read'] * 1000:8.0f} ms")
    if not args.warm_only:
        _loaders(m, peak_cold)
    print(
        f"compare warm, json             {m['warm json'] * 1000:8.0f} ms  = {m['warm json'] / m['read']:6.2f}x read"
    )
    print(
        f"compare warm, table (default)  {m['warm table'] * 1000:8.0f} ms  = {m['warm table'] / m['warm json']:6.2f}x json (goal <= 1.5; 120 columns)"
    )
    print(
        f"compare warm, table, matrix    {m['warm table wide'] * 1000:8.0f} ms  = {m['warm table wide'] / m['warm json']:6.2f}x json (200 columns)"
    )


def _loaders(m: dict[str, float], peak_cold: float) -> None:
    print(
        f"PyYAML CSafeLoader loop (C)    {m['pyyaml'] * 1000:8.0f} ms  = {m['pyyaml'] / m['read']:6.1f}x read"
    )
    print(
        f"ruamel safe loader loop (C)    {m['ruamel'] * 1000:8.0f} ms  = {m['ruamel'] / m['pyyaml']:6.2f}x PyYAML"
    )
    print(
        f"compare cold (empty cache)     {m['cold'] * 1000:8.0f} ms  = {m['cold'] / m['pyyaml']:6.2f}x PyYAML (goal <= 1.0)"
    )
    print(
        f"compare --no-cache             {m['nocache'] * 1000:8.0f} ms  = {m['nocache'] / m['pyyaml']:6.2f}x PyYAML"
    )
    print(f"peak RSS of one cold compare   {peak_cold:8.0f} MiB")


if __name__ == "__main__":
    main()
