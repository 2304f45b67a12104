"""Generated blocks in markdown files: replace what stands between ``<!-- dxready:NAME -->`` and
``<!-- /dxready:NAME -->``, or (``--check``) say whether it is current, never touching any other byte.

A marker counts only when it stands alone on its line and outside a fenced code block, so a README may show
the markers in an example without being rewritten. A BOM and the line endings (LF or CRLF) are kept.
"""

from __future__ import annotations

import difflib
import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from dxready.findings import Msg
from dxready.fsio import atomic_write

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Block:
    """Where a block's content stands: ``text[start:end]`` lies between the two marker lines."""

    start: int
    end: int


class BlockError(Exception):
    def __init__(self, message: Msg) -> None:
        super().__init__(message.en)
        self.message = message


def _marker(name: str, closing: bool) -> re.Pattern[str]:
    slash = "/" if closing else ""
    return re.compile(rf"^[ \t]*<!--[ \t]*{slash}dxready:{re.escape(name)}[ \t]*-->[ \t]*$")


def find_block(text: str, name: str, shown: str) -> Block:
    """The one block called ``name``; BlockError when its markers are missing, repeated or out of order."""
    opening, closing = _marker(name, False), _marker(name, True)
    opens: list[tuple[int, int]] = []  # (line number, offset just after the line)
    closes: list[tuple[int, int]] = []  # (line number, offset of the line's start)
    fence: str | None = None
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        bare = line.rstrip("\r\n")
        match = _FENCE.match(bare)
        if match:
            mark = match.group(1)
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence) and not bare.strip()[len(mark) :].strip():
                fence = None
        elif fence is None:
            if opening.match(bare):
                opens.append((number, offset + len(line)))
            elif closing.match(bare):
                closes.append((number, offset))
        offset += len(line)
    start_tag, end_tag = f"<!-- dxready:{name} -->", f"<!-- /dxready:{name} -->"
    if not opens and not closes:
        raise BlockError(
            Msg(
                f"{shown}: {start_tag} と {end_tag} の行がありません。表を入れたい場所に2行を置いてください",
                f"{shown}: no {start_tag} … {end_tag} lines; put the two lines where the table should go",
            )
        )
    if len(opens) != 1 or len(closes) != 1:
        lines = ", ".join(str(n) for n, _ in sorted([*opens, *closes]))
        _unbalanced(shown, start_tag, end_tag, len(opens), len(closes), lines)
    (open_line, start), (close_line, end) = opens[0], closes[0]
    if close_line < open_line:
        raise BlockError(
            Msg(
                f"{shown}:{close_line}: {end_tag} が {start_tag}（{open_line} 行目）より前にあります",
                f"{shown}:{close_line}: {end_tag} comes before {start_tag} (line {open_line})",
            )
        )
    return Block(start, end)


def _unbalanced(shown: str, start_tag: str, end_tag: str, opens: int, closes: int, lines: str) -> NoReturn:
    raise BlockError(
        Msg(
            f"{shown}: {start_tag} が {opens} 個、{end_tag} が {closes} 個あります（行 {lines}）。"
            "1組だけにしてください",
            f"{shown}: {opens} × {start_tag} and {closes} × {end_tag} (lines {lines}); keep exactly one pair",
        )
    )


def replace_block(text: str, name: str, content: str, shown: str = "file") -> str:
    """``text`` with block ``name`` holding ``content`` (in the file's line endings); nothing else changes."""
    block = find_block(text, name, shown)
    newline = "\r\n" if "\r\n" in text and text.count("\r\n") * 2 >= text.count("\n") else "\n"
    body = content.replace("\r\n", "\n")
    if body and not body.endswith("\n"):
        body += "\n"
    if newline != "\n":
        body = body.replace("\n", newline)
    head = text[: block.start]
    if not head.endswith(("\n", "\r")):  # the opening marker was the last line, without a line break
        head += newline
    return head + body + text[block.end :]


def fix_command(argv: Sequence[str]) -> str:
    """The command that rewrites the block: the one given, without ``--check``."""
    args = [a for a in argv if a != "--check"]
    if args and Path(args[0]).name in ("dxready", "__main__.py", "cli.py"):
        args[0] = "dxready"
    elif not args or args[0] != "dxready":
        args = ["dxready", *args]
    return shlex.join(args)


def update_block(
    path: Path, name: str, text: str, *, check: bool, argv: Sequence[str], lang: str = "ja"
) -> tuple[int, str]:
    """Write (or with ``check`` only compare) block ``name`` of ``path``. Returns (exit code, message).

    0: written, or already current; 1: ``check`` and the block is stale (the message holds a unified diff and
    the command that fixes it); 2: the file is missing or unreadable, or its markers are missing
    or unbalanced.
    """
    shown = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return 2, _line(Msg(f"{shown}: ファイルがありません", f"{shown}: file not found"), lang)
    except OSError as exc:
        return 2, _line(
            Msg(f"{shown}: 読めません: {exc.strerror}", f"{shown}: cannot read: {exc.strerror}"), lang
        )
    try:
        old = data.decode("utf-8")
    except UnicodeDecodeError:
        return 2, _line(Msg(f"{shown}: UTF-8 として読めません", f"{shown}: not valid UTF-8"), lang)
    try:
        new = replace_block(old, name, text, shown)
    except BlockError as exc:
        return 2, _line(exc.message, lang)
    if new == old:
        if check:
            return 0, _line(
                Msg(f"{shown}: {name} の表は最新です", f"{shown}: the {name} table is up to date"), lang
            )
        return 0, _line(
            Msg(f"{shown}: {name} の表は変更なし", f"{shown}: the {name} table is unchanged"), lang
        )
    if check:
        diff = "".join(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=f"a/{shown}",
                tofile=f"b/{shown}",
            )
        )
        if not diff.endswith("\n"):
            diff += "\n"
        command = fix_command(argv)
        return 1, diff + _line(
            Msg(
                f"{shown}: {name} の表が古くなっています。次のコマンドで更新してください: {command}",
                f"{shown}: the {name} table is stale; update it with: {command}",
            ),
            lang,
        )
    atomic_write(path, new.encode("utf-8"))
    return 0, _line(Msg(f"{shown}: {name} の表を更新しました", f"{shown}: wrote the {name} table"), lang)


def _line(message: Msg, lang: str) -> str:
    return message.get(lang) + "\n"


def table_argv(name: str, write: Path, options: Sequence[tuple[str, object]]) -> list[str]:
    """``dxready table NAME --write FILE`` with the options that were given (value not None)."""
    argv = ["dxready", "table", name]
    for flag, value in options:
        if value is not None:
            argv += [flag, str(getattr(value, "value", value))]
    return [*argv, "--write", str(write)]
