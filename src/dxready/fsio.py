"""Writing files safely: a reader sees the old bytes or the new ones, never a mix (set, table --write).

- A symlinked target (a catalogue or README kept elsewhere and linked in) is followed once, on purpose: the file it
  points to is replaced, never the link. The target must be a regular file that its owner may write: a read-only
  (0444) file, a FIFO or a device is refused — even when running as root, which would otherwise replace it.
- The temporary file is created exclusively (``mkstemp``: no symlink planted under its name is followed) in the
  target's own directory and removed on every failure: disk full, permission, Ctrl-C, SIGTERM and SIGHUP.
- Errors are raised as :class:`WriteError`, which names the target and says that it is unchanged.
- :func:`locked` serialises writers of one file across processes: two paths to one file (a symlink) take one lock.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from dxready.findings import Msg


class WriteError(OSError):
    """The file could not be written and is unchanged; ``message`` says why, in both languages."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.en)
        self.message = message


class _Terminated(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _shown(path: Path) -> str:
    from dxready.inert import oneline

    return oneline(str(path))


def writable_target(path: Path) -> Path:
    """The regular file that writing ``path`` would replace (a symlink followed); WriteError when it must not be."""
    shown = _shown(path)
    try:
        resolved = path.resolve(strict=True)
        info = os.stat(resolved)
    except FileNotFoundError:
        raise WriteError(Msg(f"{shown}: ファイルがありません", f"{shown}: file not found")) from None
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        why = os_reason(exc) if isinstance(exc, OSError) else Msg(*_REASONS[errno.ELOOP])
        raise WriteError(Msg(f"{shown}: 開けません: {why.ja}", f"{shown}: cannot open: {why.en}")) from None
    if not stat.S_ISREG(info.st_mode):
        raise WriteError(
            Msg(
                f"{shown}: 通常のファイルではないので書き込みません",
                f"{shown}: not a regular file; not written",
            )
        )
    if info.st_mode & 0o222 == 0 or not os.access(resolved, os.W_OK):
        raise WriteError(
            Msg(
                f"{shown}: 読み取り専用のファイルなので書き込みません（書き込むなら chmod u+w で許可してください）",
                f"{shown}: the file is read-only; not written (chmod u+w to allow it)",
            )
        )
    return resolved


@contextlib.contextmanager
def _signals_cleanup() -> Iterator[None]:
    """While writing: SIGTERM and SIGHUP raise, so the temporary file is removed as on Ctrl-C."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        raise _Terminated(signum)

    saved: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None:
            saved[signum] = signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, previous in saved.items():
            signal.signal(signum, previous)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: a temporary file in the same directory, fsync, rename, the mode kept."""
    target = writable_target(path)  # a symlinked procedures.yaml: replace the file it points to, not the link
    shown = _shown(path)
    mode = os.stat(target).st_mode & 0o7777
    tmp: str | None = None
    try:
        with _signals_cleanup():
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, target)
            tmp = None
    except _Terminated as exc:
        _remove(tmp)
        signal.signal(exc.signum, signal.SIG_DFL)
        os.kill(os.getpid(), exc.signum)  # die of the signal, as the sender expects
        raise SystemExit(128 + exc.signum) from None  # pragma: no cover - where the signal is not fatal
    except OSError as exc:
        _remove(tmp)
        raise WriteError(_os_message(shown, exc)) from None
    except BaseException:
        _remove(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _remove(tmp: str | None) -> None:
    if tmp is not None:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("ディレクトリがありません", "no such directory"),
    errno.EACCES: ("権限がありません", "permission denied"),
    errno.EPERM: ("権限がありません", "permission denied"),
    errno.EROFS: ("読み取り専用のファイルシステムです", "read-only file system"),
    errno.ENOSPC: ("ディスクの空きがありません", "no space left on the device"),
    getattr(errno, "EDQUOT", errno.ENOSPC): (
        "ディスクの割り当て（クォータ）を超えています",
        "disk quota exceeded",
    ),
    errno.EISDIR: ("ディレクトリです", "is a directory"),
    errno.ENOTDIR: ("途中のパスがディレクトリではありません", "a part of the path is not a directory"),
    errno.ENAMETOOLONG: ("名前が長すぎます", "the name is too long"),
    errno.EEXIST: ("既にあります", "already exists"),
    errno.ELOOP: ("シンボリックリンクが循環しています", "a symlink loop"),
    errno.EIO: ("装置との読み書きに失敗しました", "the device failed to read or write"),
}


def os_reason(exc: OSError, path: Path | None = None) -> Msg:
    """Why the system refused, in words (the common errno values; else the system's own text). ``path``, the
    file or folder being made, tells a missing folder from a place where nothing can be made (``/proc``)."""
    if exc.errno == errno.ENOENT and path is not None and path.absolute().parent.is_dir():
        return Msg("その場所には作れません", "nothing can be made there")
    if exc.errno in _REASONS:
        return Msg(*_REASONS[exc.errno])
    if isinstance(exc, PermissionError):
        return Msg(*_REASONS[errno.EACCES])
    from dxready.inert import oneline

    reason = oneline(exc.strerror or type(exc).__name__)
    return Msg(f"システムのエラー（{reason}）", reason)


def cannot_write(path: Path, exc: OSError) -> WriteError:
    """``path`` could not be written, and why, in words: not a problem of the input (no "fix the places above")."""
    shown, why = _shown(path), os_reason(exc, path)
    return WriteError(Msg(f"{shown} に書き込めません: {why.ja}", f"cannot write {shown}: {why.en}"))


def cannot_create(directory: Path, exc: OSError) -> WriteError:
    """The directory ``directory`` could not be made, and why, in words."""
    shown, why = _shown(directory), os_reason(exc, directory)
    return WriteError(Msg(f"ディレクトリ {shown} を作れません: {why.ja}", f"cannot create {shown}: {why.en}"))


def _os_message(shown: str, exc: OSError) -> Msg:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return Msg(
            f"{shown}: ディスクの空きがないので書き込めません。ファイルは元のままです",
            f"{shown}: no space left on the device; the file is unchanged",
        )
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return Msg(
            f"{shown}: 権限がないので書き込めません（フォルダに一時ファイルを作れません）。ファイルは元のままです",
            f"{shown}: permission denied (no temporary file can be made beside it); the file is unchanged",
        )
    why = os_reason(exc)
    return Msg(
        f"{shown} に書き込めません: {why.ja}。ファイルは元のままです",
        f"cannot write {shown}: {why.en}; the file is unchanged",
    )


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock for writing ``path``, held on the directory of the file it resolves to.

    The file itself is replaced by a rename, so a lock on its inode would not outlive the first write; its resolved
    directory is one object whichever path (or symlink) led to it. On POSIX the directory is locked with flock, so
    nothing is left behind; where a directory cannot be opened (Windows), a ``.NAME.lock`` file beside the target is
    used instead: created if missing and never removed (removing it would race).
    """
    try:
        target = path.resolve()
    except (OSError, RuntimeError):
        target = path
    try:
        import fcntl
    except ImportError:  # Windows
        fcntl = None  # type: ignore[assignment]
    where = target.parent if fcntl is not None else target.parent / f".{target.name}.lock"
    try:
        fd = (
            os.open(where, os.O_RDONLY)
            if fcntl is not None
            else os.open(where, os.O_RDWR | os.O_CREAT, 0o644)
        )
    except OSError as exc:
        shown = _shown(where)
        raise WriteError(
            Msg(
                f"{shown}: ロックを取れません: {os_reason(exc).ja}",
                f"{shown}: cannot take the lock: {os_reason(exc).en}",
            )
        ) from None
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        else:
            _lock_windows(fd)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _lock_windows(fd: int) -> None:  # pragma: no cover - Windows only
    """Block until ``fd`` is locked: msvcrt's byte-range lock, retried (LK_LOCK gives up after about 10 s)."""
    import msvcrt

    while True:
        try:
            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
            return
        except OSError:
            continue


_KINDS = {
    ".xlsx": ("xlsx", "Excel"),
    ".xlsm": ("xlsx", "Excel"),
    ".xls": ("xls", "Excel 97–2003"),
    ".csv": ("csv", "CSV"),
    ".pdf": ("pdf", "PDF"),
    ".html": ("html", "HTML"),
    ".htm": ("html", "HTML"),
    ".json": ("json", "JSON"),
    ".md": ("markdown", "Markdown"),
}
"""Output file names whose ending says what they hold (what a reader opens them with)."""


def suffix_clash(path: Path, kind: str) -> str | None:
    """What ``path``'s ending says it holds ("CSV", "PDF" …) when that is not ``kind`` (``xlsx``, ``csv``, ``html``),
    else None: ``export -o y.csv`` must not write a workbook that Excel and a city's website read as something else.
    A name with no known ending is taken as given."""
    found = _KINDS.get(path.suffix.lower())
    return found[1] if found is not None and found[0] != kind else None
