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

from dxready.catalog.load import UNREADABLE, LoadError
from dxready.commands.diff import GitCatalog, git, locate_in_git
from dxready.engine.rates import Rate
from dxready.errors import GitError
from dxready.findings import Msg

SCHEMA_VERSION = 1


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
    problem: Msg | None = None
    inferred: int = 0
    """Recorded statuses marked as the author's inference: the rates' words count them apart (engine.rates)."""

    @property
    def short(self) -> str:
        return self.commit[:8] if self.commit else "working"

    def rates(self) -> tuple[Rate, Rate]:
        """○, and ○ with 一部, with bounds and coverage (engine.rates)."""
        known = self.applicable - self.unknown
        return Rate(self.online, known, self.applicable, self.inferred), Rate(
            self.online + self.partial, known, self.applicable, self.inferred
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
        raise GitError("git log", Msg(message, message))
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
        return Point(commit, date, subject, problem=_problem(first))
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
        inferred=s.online.inferred,
    )


def collect(
    catalog: Path | None, since: dt.date | None, progress: Callable[[int, int], None] | None = None
) -> tuple[str, list[Point]]:
    """(the file's path in the repository, the points oldest first); ``progress(done, total)`` per commit."""
    where = locate_in_git(catalog, "trend")
    history = _history(where, since)
    blobs = _blobs(where, [sha for sha, _, _ in history])
    points = []
    for done, ((sha, when, subject), blob) in enumerate(zip(history, blobs, strict=True), 1):
        if progress is not None:
            progress(done, len(history))
        shown = f"{sha[:8]}:{where.path('procedures')}"
        if blob is None:
            points.append(
                Point(sha, when, subject, problem=Msg("procedures.yaml がありません", "no procedures.yaml"))
            )
        elif isinstance(blob, int):
            points.append(
                Point(
                    sha,
                    when,
                    subject,
                    problem=Msg(
                        f"{UNREADABLE} ファイルが大きすぎます（{blob:,} バイト）",
                        f"{UNREADABLE} file is too large ({blob:,} bytes)",
                    ),
                )
            )
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
            points.append(Point("", today, "(uncommitted)", problem=_problem(first)))
            return where.path("procedures"), points
        head = blobs[-1] if blobs and history[-1][0] == _head(where) else _blobs(where, ["HEAD"])[0]
        if head != current:
            today = dt.date.fromtimestamp(working.stat().st_mtime)
            points.append(measure(current, str(working), "", today, "(uncommitted)"))
    return where.path("procedures"), points


# --------------------------------------------------------------------------------------------------- command


@dataclass(frozen=True)
class Trend:
    """What ``dxready trend`` found: the file's path in the repository and its points, oldest first."""

    path: str
    points: tuple[Point, ...]


def run_trend(
    *, catalog: Path | None, since: dt.date | None, progress: Callable[[int, int], None] | None = None
) -> Trend:
    """``dxready trend``: the points; GitError when the catalogue is not in git. ``progress(done, total)``
    is called per commit when given (the command line draws a bar with it)."""
    path, points = collect(catalog, since, progress)
    return Trend(path, tuple(points))


def _problem(first: Any) -> Msg:
    """The first problem of an unreadable version, in both languages."""
    return Msg(f"{first.code} {first.message.ja}", f"{first.code} {first.message.en}")
