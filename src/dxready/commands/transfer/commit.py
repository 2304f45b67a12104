"""Import's write, all or nothing across files: every new file is staged first (a temporary file beside it, written
and synced), with a copy of each original beside it too; only then are they renamed into place, one after another.
If a rename fails, the files already replaced get their originals back (a rename again), and files that were new are
removed: the catalogue is as it was. The copies of the originals are kept until the end."""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from dxready.findings import Msg


@dataclass(frozen=True)
class Staged:
    path: Path
    data: bytes
    original: bytes | None
    """The file's bytes before the import (None: a new file)."""


def _stage(directory: Path, name: str, data: bytes, mode: int) -> str:
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def _remove(path: str | Path | None) -> None:
    if path is not None:
        with contextlib.suppress(OSError):
            os.unlink(path)


def replace_all(files: list[Staged]) -> None:
    """Write every file or none (see the module's docstring); WriteError naming the file that failed."""
    from dxready.fsio import WriteError, _os_message, _shown, writable_target

    staged: list[tuple[Staged, Path, str, str | None]] = []  # file, target, new bytes' tmp, original's tmp
    done: list[tuple[Staged, Path, str | None]] = []
    current: Staged | None = None
    try:
        for f in files:
            current = f
            if f.original is not None:
                target = writable_target(f.path)
                mode = os.stat(target).st_mode & 0o7777
                backup: str | None = _stage(target.parent, target.name, f.original, mode)
            else:
                target, mode, backup = f.path, 0o644 & ~_umask(), None
            staged.append((f, target, _stage(target.parent, target.name, f.data, mode), backup))
        for f, target, tmp, backup in staged:
            current = f
            if backup is None:
                os.link(tmp, target)  # a new file: never over one that appeared meanwhile
                _remove(tmp)
            else:
                os.replace(tmp, target)
            done.append((f, target, backup))
    except BaseException as exc:
        for _, target, backup in reversed(done):  # the originals back, by rename
            if backup is None:
                _remove(target)
            else:
                with contextlib.suppress(OSError):
                    os.replace(backup, target)
        for _, _, tmp, backup in staged:
            _remove(tmp)
            _remove(backup)
        if isinstance(exc, WriteError):
            raise
        if isinstance(exc, OSError):
            shown = _shown(current.path) if current is not None else ""
            message = _os_message(shown, exc)
            raise WriteError(
                Msg(message.ja.replace("ファイルは元のまま", "どのファイルも元のまま"), message.en)
            ) from None
        raise
    for _, _, _, backup in staged:
        _remove(backup)
    with contextlib.suppress(OSError):  # make the renames durable
        for directory in {t.parent for _, t, _, _ in staged}:
            dir_fd = os.open(directory, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
