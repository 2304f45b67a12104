"""A catalogue as it was at a git revision (``git:REV`` in ``diff`` and ``trend``): its files read with ``git show``
(no checkout) from the path the working catalogue has inside its repository, loaded from a temporary directory,
and every position shown as ``REV:path``."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dxready.catalog.load import FILES, SETTINGS, UNREADABLE, LoadError, Problem
from dxready.errors import GitError
from dxready.findings import Location, Msg

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog


def _problem(shown: str, ja: str, en: str) -> GitError:
    return GitError(shown, Msg(ja, en))


def git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Run git; GitError when git itself is missing."""
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
    except FileNotFoundError:
        raise _problem("git", "git コマンドがありません", "the git command is not installed") from None


@dataclass(frozen=True)
class GitCatalog:
    """Where the working catalogue lives in git: ``top`` (the work tree root) and ``rel`` (a posix path)."""

    top: Path
    rel: str

    def path(self, name: str) -> str:
        return f"{self.rel}/{name}.yaml" if self.rel else f"{name}.yaml"


_NOT_IN_GIT = {
    "diff": Msg(
        "カタログが git リポジトリの中にありません（git:REV が使えません）",
        "the catalogue is not inside a git repository (git:REV needs one)",
    ),
    "trend": Msg(
        "trend はカタログの git の履歴から推移を作ります。このカタログは git リポジトリの中にありません"
        "（git init し、変更をコミットすると履歴になります）",
        "trend reads the catalogue's git history; the catalogue is not inside a git repository"
        " (git init, then each commit of a change is a point)",
    ),
}


def locate_in_git(catalog: Path | None, needed_by: str = "diff") -> GitCatalog:
    """Where the catalogue is in its repository; NotInGit, worded for ``needed_by`` (diff, trend), when it is in none."""
    from dxready.catalog.load import resolve
    from dxready.errors import NotInGit

    root, _ = resolve(catalog)
    if not root.is_dir():
        raise LoadError(
            [
                Problem(
                    UNREADABLE,
                    Location(str(root)),
                    Msg("カタログのディレクトリがありません", "catalogue directory not found"),
                )
            ]
        )
    done = git(["rev-parse", "--show-toplevel"], root)
    if done.returncode != 0:
        raise NotInGit(str(root), _NOT_IN_GIT[needed_by])
    top = Path(done.stdout.decode("utf-8", "replace").strip())
    try:
        rel = root.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:  # GIT_DIR / GIT_WORK_TREE name another repository
        from dxready.inert import oneline

        where = oneline(str(top))
        raise _problem(
            str(root),
            f"カタログが git の作業ツリー {where} の外にあります（環境変数 GIT_DIR / GIT_WORK_TREE が別の場所を指していませんか）",
            f"the catalogue is outside git's work tree {where} (do GIT_DIR / GIT_WORK_TREE point elsewhere?)",
        ) from None
    return GitCatalog(top, "" if rel == "." else rel)


def git_files(where: GitCatalog, rev: str, names: Sequence[str]) -> dict[str, bytes]:
    """The named catalogue files at ``rev`` (those that exist there). GitError for an unknown revision."""
    shown = f"git:{rev}"
    done = git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], where.top)
    if done.returncode != 0 or rev.startswith("-"):
        raise _problem(shown, f"リビジョン {rev!r} がありません", f"unknown revision {rev!r}")
    commit = done.stdout.decode().strip()
    listed = git(
        ["ls-tree", "--name-only", "--full-tree", commit, "--", *(where.path(n) for n in names)], where.top
    )
    present = set(listed.stdout.decode("utf-8", "replace").splitlines())
    files = {}
    for name in names:
        path = where.path(name)
        if path not in present:
            continue
        from dxready.catalog import limits

        sized = git(["cat-file", "-s", f"{commit}:{path}"], where.top).stdout.strip()
        if sized.isdigit() and int(sized) > limits.MAX_BYTES:  # never read a huge blob into memory
            raise limits.too_large(f"{shown}:{path}", int(sized))
        shown_file = git(["show", f"{commit}:{path}"], where.top)
        if shown_file.returncode != 0:
            message = shown_file.stderr.decode("utf-8", "replace").strip()
            raise _problem(f"{shown}:{path}", f"読めません: {message}", f"cannot read: {message}")
        files[name] = shown_file.stdout
    return files


def load_git(rev: str, catalog: Path | None) -> Catalog:
    """The catalogue as it was at ``rev``: its files written to a temporary directory, loaded from there."""
    from dxready.engine.integrity import load as load_catalog

    where = locate_in_git(catalog)
    files = git_files(where, rev, (*FILES, SETTINGS))
    prefix = f"{rev}:{where.rel}/" if where.rel else f"{rev}:"
    if "procedures" not in files:
        raise _problem(
            f"{prefix}procedures.yaml",
            f"git:{rev} に {where.path('procedures')} がありません",
            f"git:{rev} has no {where.path('procedures')}",
        )
    with tempfile.TemporaryDirectory(prefix="dxready-diff-") as tmp:
        for name, data in files.items():
            (Path(tmp) / f"{name}.yaml").write_bytes(data)
        here = os.path.join(tmp, "")
        try:
            loaded = load_catalog(tmp)
        except LoadError as exc:
            raise LoadError([_relocated(p, here, prefix) for p in exc.problems]) from None
    for source in loaded.sources.values():
        source.file = source.file.replace(here, prefix, 1)
    loaded.label = f"git:{rev}"
    return loaded


def _relocated(problem: Problem, here: str, prefix: str) -> Problem:
    loc = problem.location
    return Problem(
        problem.code, Location(loc.file.replace(here, prefix, 1), loc.line, loc.column), problem.message
    )


def load_spec(spec: str, catalog: Path | None) -> Catalog:
    """A catalogue from a ``git:REV`` or a directory."""
    from dxready.engine.integrity import load

    if spec.startswith("git:"):
        return load_git(spec[4:] or "HEAD", catalog)
    return load(spec)
