"""Readiness over time from the catalogue's git history (no database): one point per commit that changed
procedures.yaml, with the applicable count, ○ / 一部 / × and the online rate; and the working tree when it differs.

Blobs are read in one ``git cat-file --batch`` process (no checkout); each is parsed without positions and
validated alone. A commit whose file cannot be read is a point with its problem, not a failure of the whole trend.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dxready.catalog.load import LoadError, Problem
from dxready.commands.diff import GitCatalog, git, locate_in_git
from dxready.engine.rates import Rate, fields
from dxready.engine.rates import text as rate_text
from dxready.findings import Location, Msg
from dxready.i18n import t as _t

SCHEMA_VERSION = 1
BAR_WIDTH = 24


@dataclass(frozen=True)
class Point:
    commit: str  # full hash, or "" for the working tree
    date: dt.date
    subject: str
    as_of: dt.date | None = None
    applicable: int = 0
    online: int = 0
    partial: int = 0
    offline: int = 0
    unknown: int = 0
    online_rate: float | None = None
    online_or_partial_rate: float | None = None
    problem: str | None = None

    @property
    def short(self) -> str:
        return self.commit[:8] if self.commit else "working"

    def rates(self) -> tuple[Rate, Rate]:
        """○, and ○ with 一部, with bounds and coverage (engine.rates)."""
        known = self.applicable - self.unknown
        return Rate(self.online, known, self.applicable), Rate(
            self.online + self.partial, known, self.applicable
        )


def _history(where: GitCatalog, since: dt.date | None) -> list[tuple[str, dt.date, str]]:
    args = ["log", "--reverse", "--format=%H%x1f%cI%x1f%s"]
    if since is not None:
        args.append(f"--since={since.isoformat()}T00:00:00")
    done = git([*args, "--", where.path("procedures")], where.top)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        if "does not have any commits" in message:
            return []
        raise LoadError(
            [Problem("DX001", Location("git"), Msg(f"git log: {message}", f"git log: {message}"))]
        )
    commits = []
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        sha, when, subject = [*line.split("\x1f", 2), "", ""][:3]
        commits.append((sha, dt.datetime.fromisoformat(when).date(), subject))
    return commits


def _blobs(where: GitCatalog, commits: Sequence[str]) -> list[bytes | int | None]:
    """procedures.yaml at each commit, through one ``git cat-file --batch``: its bytes, None where there is none,
    or its size where it is over the loader's limit (sizes are asked first, so a huge blob is never read)."""
    from dxready.catalog.limits import MAX_BYTES

    if not commits:
        return []
    names = [f"{sha}:{where.path('procedures')}" for sha in commits]
    sizes = subprocess.run(
        ["git", "cat-file", "--batch-check"],
        cwd=where.top,
        input="".join(f"{n}\n" for n in names).encode(),
        capture_output=True,
        check=False,
    )
    big: dict[int, int] = {}
    for i, line in enumerate(sizes.stdout.decode("utf-8", "replace").splitlines()[: len(names)]):
        parts = line.split()
        if len(parts) == 3 and parts[1] == "blob" and parts[2].isdigit() and int(parts[2]) > MAX_BYTES:
            big[i] = int(parts[2])
    wanted = [n for i, n in enumerate(names) if i not in big]
    request = "".join(f"{n}\n" for n in wanted).encode()
    done = subprocess.run(
        ["git", "cat-file", "--batch"], cwd=where.top, input=request, capture_output=True, check=False
    )
    data, pos = done.stdout, 0
    out: list[bytes | int | None] = []
    for i in range(len(commits)):
        if i in big:
            out.append(big[i])
            continue
        end = data.index(b"\n", pos)
        header = data[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] != b"blob":
            out.append(None)
            continue
        size = int(header[2])
        out.append(data[pos : pos + size])
        pos += size + 1
    return out


def _head(where: GitCatalog) -> str:
    done = git(["rev-parse", "--verify", "--quiet", "HEAD"], where.top)
    return done.stdout.decode().strip() if done.returncode == 0 else ""


def measure(data: bytes, shown: str, commit: str, date: dt.date, subject: str) -> Point:
    """One point: the status counts and rates of one version of procedures.yaml."""
    from dxready.catalog.load import decode, parse, validate
    from dxready.catalog.models import ProceduresFile
    from dxready.engine.run import summarize

    try:
        values, source = parse(decode(data, shown), shown, positions=False)
        model = validate(ProceduresFile, values, source)
    except LoadError as exc:
        first = exc.problems[0]
        return Point(commit, date, subject, problem=f"{first.code} {first.message.en}")
    s = summarize(list(model.procedures), {})
    return Point(
        commit,
        date,
        subject,
        as_of=model.as_of,
        applicable=s.applicable,
        online=s.by_status["online"],
        partial=s.by_status["partial"],
        offline=s.by_status["offline"],
        unknown=s.by_status["unknown"],
        online_rate=s.online_rate,
        online_or_partial_rate=s.online_or_partial_rate,
    )


def collect(catalog: Path | None, since: dt.date | None) -> tuple[str, list[Point]]:
    """(the file's path in the repository, the points oldest first)."""
    where = locate_in_git(catalog)
    history = _history(where, since)
    blobs = _blobs(where, [sha for sha, _, _ in history])
    points = []
    for (sha, when, subject), blob in zip(history, blobs, strict=True):
        shown = f"{sha[:8]}:{where.path('procedures')}"
        if blob is None:
            points.append(Point(sha, when, subject, problem="no procedures.yaml"))
        elif isinstance(blob, int):
            points.append(Point(sha, when, subject, problem=f"DX001 file is too large ({blob:,} bytes)"))
        else:
            points.append(measure(blob, shown, sha, when, subject))
    working = where.top / where.path("procedures")
    if working.is_file():
        from dxready.catalog.limits import read_bounded

        try:
            current = read_bounded(working, str(working))
        except LoadError as exc:
            first = exc.problems[0]
            today = dt.date.today()
            points.append(Point("", today, "(uncommitted)", problem=f"{first.code} {first.message.en}"))
            return where.path("procedures"), points
        head = blobs[-1] if blobs and history[-1][0] == _head(where) else _blobs(where, ["HEAD"])[0]
        if head != current:
            today = dt.date.fromtimestamp(working.stat().st_mtime)
            points.append(measure(current, str(working), "", today, "(uncommitted)"))
    return where.path("procedures"), points


# --------------------------------------------------------------------------------------------------- output


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _bar(value: float | None) -> str:
    if value is None:
        return ""
    eighths = round(value / 100 * BAR_WIDTH * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + ("" if rest == 0 else "▏▎▍▌▋▊▉"[rest - 1])


def _subject(p: Point, lang: str) -> str:
    if not p.commit:
        return _t(lang, "（未コミットの変更）", "(uncommitted changes)")
    return p.subject if len(p.subject) <= 50 else p.subject[:49] + "…"


def _headers(lang: str) -> list[str]:
    return [
        _t(lang, "日付", "Date"),
        _t(lang, "コミット", "Commit"),
        _t(lang, "対象", "Applicable"),
        "○",
        "一部",
        "×",
        _t(lang, "オンライン化率", "Online rate"),
        _t(lang, "内容", "Subject"),
    ]


def _row(p: Point, lang: str) -> list[str]:
    if p.problem is not None:
        unreadable = _t(lang, f"読めません: {p.problem}", f"unreadable: {p.problem}")
        return [p.date.isoformat(), p.short, "", "", "", "", unreadable, _subject(p, lang)]
    return [
        p.date.isoformat(),
        p.short,
        str(p.applicable),
        str(p.online),
        str(p.partial),
        str(p.offline),
        rate_text(p.rates()[0], lang) if p.applicable else _pct(None),
        _subject(p, lang),
    ]


def table(path: str, points: Sequence[Point], lang: str) -> str:
    import io
    import os

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from dxready.render.safe import oneline

    buf = io.StringIO()
    width = int(os.environ.get("COLUMNS", "0") or 0) or 120
    console = Console(file=buf, width=width, color_system=None, force_terminal=False, highlight=False)

    console.print(Text(oneline(_t(lang, f"オンライン化の推移: {path}", f"Readiness over time: {path}"))))
    if not points:
        console.print(Text(_t(lang, "この期間のコミットはありません。", "No commits in this period.")))
        return buf.getvalue()
    t = Table()
    for i, header in enumerate(_headers(lang)):
        t.add_column(header, justify="right" if 2 <= i <= 6 else "left", overflow="fold")
        if i == 6:
            t.add_column("", no_wrap=True)
    for p in points:
        cells = _row(p, lang)
        t.add_row(*(Text(oneline(c)) for c in cells[:7]), Text(_bar(p.online_rate)), Text(oneline(cells[7])))
    console.print(t)
    return buf.getvalue()


def markdown(path: str, points: Sequence[Point], lang: str) -> str:
    from dxready.render.mermaid import trend_chart
    from dxready.render.safe import md_cell, md_text, oneline

    shown = oneline(path).replace("`", "'")
    lines = [f"### {md_text(_t(lang, 'オンライン化の推移', 'Readiness over time'))}: `{shown}`", ""]
    if not points:
        lines.append(_t(lang, "この期間のコミットはありません。", "No commits in this period."))
        return "\n".join(lines) + "\n"
    chart: list[tuple[str, float | None]] = []
    seen: dict[str, int] = {}
    for p in points:
        label = p.date.isoformat() if p.commit else _t(lang, "作業中", "working")
        seen[label] = seen.get(label, 0) + 1
        chart.append((label if seen[label] == 1 else f"{label} ({seen[label]})", p.online_rate))
    lines += [trend_chart(chart, lang).rstrip("\n"), ""]
    head = _headers(lang)
    lines += ["| " + " | ".join(head) + " |", "|---|---|---:|---:|---:|---:|---:|---|"]
    for p in points:
        lines.append("| " + " | ".join(md_cell(c) for c in _row(p, lang)) + " |")
    return "\n".join(lines) + "\n"


def json_(path: str, points: Sequence[Point], lang: str) -> str:
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "file": path,
        "points": [
            {
                "commit": p.commit or None,
                "date": p.date.isoformat(),
                "subject": p.subject if p.commit else None,
                "as_of": p.as_of.isoformat() if p.as_of else None,
                "applicable": p.applicable,
                "online": p.online,
                "partial": p.partial,
                "offline": p.offline,
                "unknown": p.unknown,
                **(fields(*p.rates()) if p.problem is None else {}),
                "online_rate": p.online_rate,
                "online_or_partial_rate": p.online_or_partial_rate,
                "problem": p.problem,
            }
            for p in points
        ],
    }
    from dxready.render.safe import json_dumps

    return json_dumps(data, indent=2) + "\n"


RENDERERS: dict[str, Callable[[str, Sequence[Point], str], str]] = {
    "table": table,
    "markdown": markdown,
    "json": json_,
}


def run_trend(
    *, catalog: Path | None, since: dt.date | None, lang: str, format: str, out: Callable[[str], None]
) -> int:
    """``dxready trend``: 0; LoadError when the catalogue is not in git or the format is not one of ours."""
    render = RENDERERS.get(format)
    if render is None:
        names = ", ".join(RENDERERS)
        raise LoadError(
            [
                Problem(
                    "DX001",
                    Location("dxready"),
                    Msg(
                        f"trend の出力形式は {names} です（{format} は使えません）",
                        f"trend has no {format} format; use {names}",
                    ),
                )
            ]
        )
    path, points = collect(catalog, since)
    out(render(path, points, lang))
    return 0
