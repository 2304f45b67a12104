"""Bounds on what one input may cost, checked before the C parser or pydantic ever see it.

- :func:`read_bounded`: ``fstat`` first, so a FIFO, a device (``/dev/zero``), a directory or a file over the limit is
  refused without reading it; then at most limit + 1 bytes are read, so a file that grows while we read is refused too.
- MAX_DEPTH and MAX_NODES: nesting depth and node count. A composer that recurses once per level crashes on 30,000
  ``[`` before any depth check runs, and pydantic keeps one error per bad value (four million ``1,`` items took
  10 GB). The event composer (:mod:`dxready.catalog.yaml`) stops at the first node beyond a limit, with its line and
  column; :func:`needs_scan` tells when a text is too short and too flat to break a limit at all.
- :func:`excerpt`: an echoed value is cut to a short excerpt, however long the value is.

The limits are far above any real catalogue: the largest municipality's procedures.yaml is about 25 KB, 800 values,
6 levels deep.
"""

from __future__ import annotations

import os
import re
import stat
from typing import Any

from dxready.catalog.problems import MAX_PROBLEMS as MAX_PROBLEMS
from dxready.catalog.problems import UNREADABLE, LoadError
from dxready.errors import Problem
from dxready.findings import Location, Msg

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 1_000_000
"""Keys and values in one file: about 80,000 procedures of five fields or 40,000 richly annotated ones (Kamogawa's 17
take 800), far beyond any municipality's inventory; it bounds what the composer, the walker and pydantic may hold.
Raised from 500,000 (issue 14: 78,000 compact procedures, the size the 8 MiB limit allows, must load) once the source
map cost 8 bytes a position; ``benchmarks/worst_file.py`` measures the worst files at this limit."""
ERRORS_IN_FULL = 1_000
"""Up to this many validation errors are all explained; beyond, only the first ones are found (see bounded_errors)."""
MAX_COUNT = 10**12
"""No municipality handles a trillion applications of one procedure in a year: a larger count is a typo or an attack."""
EXCERPT = 60

_PREFIX = r"^(?:[ \t]|[-?:](?=[ \t]|$)|[&!][^ \t\r\n]*)+"
"""Compiled where it is used (through re's cache), not at import: most files never need the scan (issue 14)."""


def fail(file: str, line: int, col: int, ja: str, en: str) -> LoadError:
    # line 0: a problem of the whole file (missing, not a regular file, too large) has no position to show.
    return LoadError([Problem(UNREADABLE, Location(file, line, col), Msg(ja, en))])


def too_large(file: str, size: int) -> LoadError:
    return fail(
        file,
        0,
        0,
        f"ファイルが大きすぎます（{size:,} バイト以上、上限 {MAX_BYTES:,} バイト）",
        f"file is too large ({size:,} bytes or more; the limit is {MAX_BYTES:,})",
    )


def read_bounded(path: str | os.PathLike[str], shown: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; LoadError (DX001) for anything else.

    Opened non-blocking, so that a FIFO in a catalogue's place cannot hang the run (it is refused by ``fstat``).
    """
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise fail(shown, 0, 0, "ファイルがありません", "file not found") from None
    except IsADirectoryError:
        raise fail(shown, 0, 0, "ファイルではなくディレクトリです", "is a directory, not a file") from None
    except OSError as exc:
        from dxready.fsio import os_reason  # here: check's start-up does not otherwise import fsio

        why = os_reason(exc)
        raise fail(shown, 0, 0, f"読めません: {why.ja}", f"cannot read: {why.en}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise fail(shown, 0, 0, "ファイルではなくディレクトリです", "is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            kind_ja, kind_en = _kind(info.st_mode)
            raise fail(
                shown,
                0,
                0,
                f"通常のファイルではありません（{kind_ja}）。読みません",
                f"not a regular file ({kind_en}); not read",
            )
        if info.st_size > limit:
            raise too_large(shown, info.st_size)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            try:
                chunk = os.read(fd, min(left, 1 << 20))
            except BlockingIOError:  # pragma: no cover - a regular file never blocks
                continue
            except OSError as exc:
                from dxready.fsio import os_reason

                why = os_reason(exc)
                raise fail(shown, 0, 0, f"読めません: {why.ja}", f"cannot read: {why.en}") from None
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:  # it grew while we read
            raise too_large(shown, len(data))
        return data
    finally:
        os.close(fd)


def _kind(mode: int) -> tuple[str, str]:
    if stat.S_ISFIFO(mode):
        return "名前付きパイプ", "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "デバイス", "a device"
    if stat.S_ISSOCK(mode):
        return "ソケット", "a socket"
    return "特殊なファイル", "a special file"


def needs_scan(text: str) -> bool:
    """Whether ``text`` could nest deeper than MAX_DEPTH or hold more than MAX_NODES values (a sound upper bound).

    Every value takes at least one character; every flow level one ``[`` or ``{``; every block level one more
    character of indentation or of ``- ``/``? ``/``: `` before the content (a list under a key may share its column,
    hence the factor 2).
    """
    if len(text) > MAX_NODES:
        return True
    flow = text.count("[") + text.count("{")
    if flow > MAX_DEPTH // 2:
        return True
    prefix = max((m.end() - m.start() for m in re.finditer(_PREFIX, text, re.MULTILINE)), default=0)
    return flow + 2 * prefix + 2 > MAX_DEPTH


def _pruned(value: Any, items: int = 20, keys: int = 100) -> Any:
    """``value`` with every list cut to its first ``items`` and every mapping to its first ``keys`` entries."""
    if isinstance(value, list):
        return [_pruned(v, items, keys) for v in value[:items]]
    if isinstance(value, dict):
        return {k: _pruned(v, items, keys) for k, v in list(value.items())[:keys]}
    return value


def _errors_of(model: Any, data: Any) -> list[Any]:
    from pydantic import ValidationError

    try:
        model.model_validate(data)
    except ValidationError as exc:
        # Cutting a mapping may make a present key look missing: in this path, "missing" is not trusted.
        return [e for e in exc.errors(include_url=False) if e["type"] != "missing"]
    return []


def bounded_errors(exc: Any, model: Any, data: Any) -> tuple[list[Any], int]:
    """(the errors to explain, how many more there are) for a pydantic ValidationError over ``data``.

    ``exc.errors()`` builds one dictionary per error, and a file of 1,000,000 bad values makes as many. Past
    ERRORS_IN_FULL only the count is taken from ``exc``; the first errors are found by validating ``data`` cut short
    (every list to 20 items, every mapping to 100 keys), then, when those are all valid, window by window along each
    long top-level list.
    """
    total = int(exc.error_count())
    if total <= ERRORS_IN_FULL:
        return exc.errors(include_url=False), 0
    errors = _errors_of(model, _pruned(data))
    if not errors and isinstance(data, dict):
        base = _pruned(data)
        for name, items in data.items():
            if not isinstance(items, list) or len(items) <= 20:
                continue
            for start in range(20, len(items), 20):
                found = _errors_of(model, {**base, name: _pruned(items[start : start + 20])})
                if found:
                    errors = [
                        {**e, "loc": (name, e["loc"][1] + start, *e["loc"][2:])}
                        if len(e["loc"]) > 1 and e["loc"][0] == name and isinstance(e["loc"][1], int)
                        else e
                        for e in found
                    ]
                    break
            if errors:
                break
    if not errors:  # the errors hide past every window (deep in nested lists): take them all, once
        errors = exc.errors(include_url=False)
    errors = errors[:MAX_PROBLEMS]
    return errors, max(total - len(errors), 0)


def length_note(size: int, lang: str | None) -> str:
    """How long a cut text was: in the message's language (``None``: both, for a text read in either)."""
    if lang == "ja":
        return f"（{size:,} 文字）"
    if lang == "en":
        return f" ({size:,} chars)"
    return f"（{size:,} 文字 / chars）"


def excerpt(value: object, limit: int = EXCERPT, lang: str | None = None) -> str:
    """``repr(value)`` cut to about ``limit`` characters, saying how long the whole was (in ``lang``)."""
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}…{length_note(len(value), lang)}"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 3 * limit:
        digits = int(value.bit_length() * 0.30103) + 1  # str() of a huge int is refused (and slow)
        if lang == "ja":
            return f"（約 {digits:,} 桁の整数）"
        if lang == "en":
            return f"(an integer of about {digits:,} digits)"
        return f"（約 {digits:,} 桁の整数 / an integer of about {digits:,} digits）"
    text = repr(value)
    return text if len(text) <= limit + 2 else text[:limit] + "…"
