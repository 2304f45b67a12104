"""The last line of defence (cli layer): any exception that escapes a command becomes one line on stderr and exit 2.

CI reads exit 1 as "findings" and 2 as "the input or the environment is unusable": a traceback (exit 1) would be read
as findings. The common causes get their own words (permission, disk full, an existing path, a git environment that
points elsewhere); anything else is named by its type with a hint to rerun with ``DXREADY_DEBUG=1`` for the traceback.
"""

from __future__ import annotations

import errno
import os
import sys
import traceback

from dxready.i18n import t

EXIT_UNUSABLE = 2


def debug() -> bool:
    return os.environ.get("DXREADY_DEBUG", "") not in ("", "0")


def _where(exc: OSError) -> str:
    from dxready.render.safe import oneline

    name = exc.filename if exc.filename is not None else exc.filename2
    return f"{oneline(os.fsdecode(name))}: " if name is not None else ""


def describe(exc: BaseException, lang: str) -> str:
    """One line, in the user's language, saying what went wrong (never a traceback)."""
    from dxready.fsio import WriteError
    from dxready.render.safe import oneline

    if isinstance(exc, WriteError):
        return oneline(exc.message.get(lang))
    if isinstance(exc, OSError):
        where = _where(exc)
        if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", -1):
            return where + t(
                lang,
                "ディスクの空きがありません。ファイルは元のままです",
                "no space left on the device; the file is unchanged",
            )
        if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
            return where + t(
                lang,
                "書き込み（または読み取り）の権限がありません。ファイルは元のままです",
                "permission denied; the file is unchanged",
            )
        if isinstance(exc, FileExistsError):
            return where + t(lang, "既にあります", "already exists")
        from dxready.fsio import os_reason

        why = os_reason(exc)
        return where + t(lang, f"入出力エラー: {why.ja}", f"I/O error: {why.en}")
    if isinstance(exc, MemoryError):
        return t(lang, "メモリが足りません", "out of memory")
    if isinstance(exc, RecursionError):
        return t(lang, "入れ子が深すぎます", "nesting is too deep")
    text = oneline(str(exc))[:300]
    name = type(exc).__name__
    return t(
        lang,
        f"内部エラー（{name}）: {text}。DXREADY_DEBUG=1 を付けて再実行すると詳細が出ます",
        f"internal error ({name}): {text}; rerun with DXREADY_DEBUG=1 for the details",
    )


def report(exc: BaseException) -> int:
    """Print ``exc`` as one line (and its traceback under DXREADY_DEBUG=1); the exit code to use."""
    from dxready.i18n import current_lang

    if debug():
        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    line = f"dxready: {describe(exc, current_lang())}"
    try:
        from dxready.render.wrap import fit_message

        line = fit_message(line)  # at a terminal's width, as every other message (whole when piped)
    except Exception:  # the last line of defence words the error whatever happens here
        pass
    try:
        sys.stderr.write(f"{line}\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr itself is gone
        pass
    return EXIT_UNUSABLE
