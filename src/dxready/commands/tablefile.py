"""Generated blocks in markdown files: replace what stands between ``<!-- dxready:NAME -->`` and
``<!-- /dxready:NAME -->``, or (``--check``) say whether it is current, never touching any other byte.

Markers are found the way a CommonMark reader sees the file (markdown-it-py's block tokens, with their source lines):
a marker is an HTML block of one line at the top level of the document, holding only the marker. So a marker shown in
a fenced or indented code block, inside a longer HTML comment, in a paragraph (after U+2028, say) or in a list or
quote is text, not a marker. Blocks may not nest or overlap: that is refused with both positions. A BOM and the line
endings (LF or CRLF) are kept.
"""

from __future__ import annotations

import difflib
import re
import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from dxready.findings import Msg
from dxready.fsio import WriteError, atomic_write, locked

_MARKER = re.compile(r"^[ \t]*<!--[ \t]*(/?)dxready:([A-Za-z0-9_.-]+)[ \t]*-->[ \t]*$")
_BREAK = re.compile(r"\r\n|\r|\n")
MAX_BYTES = 8 * 1024 * 1024
"""A markdown file larger than this is not read (a README is a few hundred KB at most)."""


@dataclass(frozen=True)
class Block:
    """Where a block's content stands: ``text[start:end]`` lies between the two marker lines."""

    start: int
    end: int


@dataclass(frozen=True)
class Marker:
    line: int  # 1-based
    name: str
    closing: bool
    start: int  # offset of the line's first character
    after: int  # offset just after the line (and its line break)

    @property
    def tag(self) -> str:
        return f"<!-- {'/' if self.closing else ''}dxready:{self.name} -->"


class BlockError(Exception):
    def __init__(self, message: Msg) -> None:
        super().__init__(message.en)
        self.message = message


def _line_offsets(text: str) -> list[int]:
    """Offsets of each line's start, line breaks as CommonMark counts them (LF, CRLF or CR)."""
    starts = [0]
    starts.extend(m.end() for m in _BREAK.finditer(text))
    return starts


def markers(text: str) -> list[Marker]:
    """Every dxready marker of ``text``, in order: one-line HTML blocks at the document's top level."""
    from markdown_it import MarkdownIt

    body = text[1:] if text.startswith("\ufeff") else text
    shift = len(text) - len(body)
    tokens = MarkdownIt("commonmark").parse(body)
    starts = _line_offsets(body)
    found = []
    for token in tokens:
        if token.type != "html_block" or token.level != 0 or token.map is None:
            continue
        first, end = token.map
        if end - first != 1:  # a longer HTML block (a comment spanning lines): its content is not a marker
            continue
        line_end = starts[first + 1] if first + 1 < len(starts) else len(body)
        line = body[starts[first] : line_end].rstrip("\r\n")
        match = _MARKER.match(line)
        if match:
            found.append(
                Marker(
                    first + 1, match.group(2), bool(match.group(1)), starts[first] + shift, line_end + shift
                )
            )
    return found


def blocks(text: str, shown: str) -> dict[str, Block]:
    """Every marker block by name; BlockError for nested, overlapping, unbalanced or repeated blocks."""
    found = markers(text)
    open_: Marker | None = None
    result: dict[str, Block] = {}
    lines: dict[str, list[int]] = {}
    for m in found:
        lines.setdefault(m.name, []).append(m.line)
    for name, at in lines.items():
        opens = sum(1 for m in found if m.name == name and not m.closing)
        closes = len(at) - opens
        if opens > 1 or closes > 1:
            _unbalanced(shown, name, opens, closes, ", ".join(map(str, at)))
    for m in found:
        if not m.closing:
            if open_ is not None:
                raise BlockError(
                    Msg(
                        f"{shown}:{m.line}: {m.tag} が {open_.tag}（{open_.line} 行目）の中にあります。"
                        "ブロックは入れ子にできません",
                        f"{shown}:{m.line}: {m.tag} stands inside {open_.tag} (line {open_.line});"
                        " blocks cannot nest",
                    )
                )
            open_ = m
            continue
        if open_ is None:
            opening = next((o for o in found if o.name == m.name and not o.closing), None)
            if opening is not None and opening.line > m.line:
                raise BlockError(
                    Msg(
                        f"{shown}:{m.line}: {m.tag} が <!-- dxready:{m.name} -->（{opening.line} 行目）より前にあります",
                        f"{shown}:{m.line}: {m.tag} comes before <!-- dxready:{m.name} --> (line {opening.line})",
                    )
                )
            _unbalanced(shown, m.name, 0, 1, str(m.line))
        if m.name != open_.name:
            raise BlockError(
                Msg(
                    f"{shown}:{m.line}: {m.tag} が {open_.tag}（{open_.line} 行目）のブロックと重なっています",
                    f"{shown}:{m.line}: {m.tag} overlaps the block opened by {open_.tag} (line {open_.line})",
                )
            )
        result[m.name] = Block(open_.after, m.start)
        open_ = None
    if open_ is not None:
        _unbalanced(shown, open_.name, 1, 0, str(open_.line))
    return result


def find_block(text: str, name: str, shown: str) -> Block:
    """The one block called ``name``; BlockError when its markers are missing, repeated or out of order, or when
    any block of the file nests in or overlaps another."""
    found = blocks(text, shown)
    if name not in found:
        start_tag, end_tag = f"<!-- dxready:{name} -->", f"<!-- /dxready:{name} -->"
        raise BlockError(
            Msg(
                f"{shown}: {start_tag} と {end_tag} の行がありません。表を入れたい場所に2行を置いてください",
                f"{shown}: no {start_tag} … {end_tag} lines; put the two lines where the table should go",
            )
        )
    return found[name]


def _unbalanced(shown: str, name: str, opens: int, closes: int, lines: str) -> NoReturn:
    start_tag, end_tag = f"<!-- dxready:{name} -->", f"<!-- /dxready:{name} -->"
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


NAMES = ("procedures", "systems", "roadmap", "summary")


@dataclass(frozen=True)
class BlockUpdate:
    """What ``table --write`` did: the exit code, one message (worded by ``render.messages.block_update``) and, for
    a stale block under ``--check``, the unified diff (already inert) and the command that refreshes it (the end of
    the message: a terminal too narrow for the message shows it on a line of its own, to be pasted whole)."""

    code: int
    message: Msg
    diff: str = ""
    command: str = ""


def update_block(path: Path, name: str, text: str, *, check: bool, argv: Sequence[str]) -> BlockUpdate:
    """Write (or with ``check`` only compare) block ``name`` of ``path``. Returns the exit code and what to say.

    0: written, or already current; 1: ``check`` and the block is stale (the message holds a unified diff and
    the command that fixes it); 2: the file is missing, unreadable or not writable, or its markers are missing,
    unbalanced, nested or overlapping.
    """
    return update_blocks(path, {name: text}.__getitem__, [name], check=check, argv=argv)


def update_blocks(
    path: Path,
    render: Callable[[str], str],
    names: Sequence[str] | None,
    *,
    check: bool,
    argv: Sequence[str],
) -> BlockUpdate:
    """Like :func:`update_block` for several blocks: ``names``, or (None) every dxready block in the file.

    ``render(name)`` gives a block's new content. With ``names=None`` a block whose name is not a table is refused.
    """
    from dxready.inert import oneline

    shown = oneline(str(path))
    label = "/".join(names) if names else "dxready"
    try:
        if check:
            return _update(path, shown, render, names, check=True, argv=argv, label=label)
        with locked(path):
            return _update(path, shown, render, names, check=False, argv=argv, label=label)
    except WriteError as exc:
        return BlockUpdate(2, exc.message)


def _update(
    path: Path,
    shown: str,
    render: Callable[[str], str],
    names: Sequence[str] | None,
    *,
    check: bool,
    argv: Sequence[str],
    label: str,
) -> BlockUpdate:
    from dxready.catalog.limits import read_bounded
    from dxready.catalog.load import LoadError
    from dxready.inert import oneline

    try:
        data = read_bounded(path, shown, MAX_BYTES)
    except LoadError as exc:
        message = exc.problems[0].message
        return BlockUpdate(2, Msg(f"{shown}: {message.ja}", f"{shown}: {message.en}"))
    try:
        old = data.decode("utf-8")
    except UnicodeDecodeError:
        return BlockUpdate(2, Msg(f"{shown}: UTF-8 として読めません", f"{shown}: not valid UTF-8"))
    try:
        if names is None:
            found = list(blocks(old, shown))
            unknown = [n for n in found if n not in NAMES]
            if unknown:
                return BlockUpdate(
                    2,
                    Msg(
                        f"{shown}: dxready:{unknown[0]} という表はありません（使える名前: {', '.join(NAMES)}）",
                        f"{shown}: there is no table called dxready:{unknown[0]} (names: {', '.join(NAMES)})",
                    ),
                )
            if not found:
                return BlockUpdate(
                    2,
                    Msg(
                        f"{shown}: <!-- dxready:NAME --> のブロックがありません",
                        f"{shown}: no <!-- dxready:NAME --> blocks",
                    ),
                )
            wanted: Sequence[str] = found
        else:
            wanted = names
        new = old
        for name in wanted:
            new = replace_block(new, name, render(name), shown)
    except BlockError as exc:
        return BlockUpdate(2, exc.message)
    what = Msg(f"{label} の表", f"the {label} table")
    be, it = "is", "it"
    if names is None:
        what = Msg(
            f"{len(wanted)} 個の表（{', '.join(wanted)}）", f"{len(wanted)} tables ({', '.join(wanted)})"
        )
        be, it = "are", "them"
    if new == old:
        if check:
            return BlockUpdate(0, Msg(f"{shown}: {what.ja}は最新です", f"{shown}: {what.en} {be} up to date"))
        return BlockUpdate(0, Msg(f"{shown}: {what.ja}は変更なし", f"{shown}: {what.en} {be} unchanged"))
    if check:
        diff = "".join(
            oneline(line.rstrip("\r\n")) + "\n"
            for line in difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=f"a/{shown}",
                tofile=f"b/{shown}",
            )
        )
        command = fix_command(argv)
        stale = Msg(
            f"{shown}: {what.ja}が古くなっています。次のコマンドで更新してください: {oneline(command)}",
            f"{shown}: {what.en} {be} stale; update {it} with: {oneline(command)}",
        )
        return BlockUpdate(1, stale, diff, oneline(command))
    atomic_write(path, new.encode("utf-8"))
    return BlockUpdate(0, Msg(f"{shown}: {what.ja}を更新しました", f"{shown}: wrote {what.en}"))


def table_argv(name: str | None, write: Path, options: Sequence[tuple[str, object]]) -> list[str]:
    """``dxready table NAME --write FILE`` (``--all`` for no NAME) with the options that were given (not None)."""
    argv = ["dxready", "table", name if name is not None else "--all"]
    for flag, value in options:
        if value is not None:
            argv += [flag, str(getattr(value, "value", value))]
    return [*argv, "--write", str(write)]
