"""Line breaking measured in terminal cells (East Asian wide characters count two), with Japanese rules.

Japanese text has no spaces, so a line may break between any two characters, except that a line must not begin with
closing brackets and punctuation (」、。）etc., 行頭禁則) nor end with an opening bracket (「（ etc., 行末禁則). Latin words
and commands (``dxready set ID --verified-on …``) break only at spaces. Widths come from ``rich.cells.cell_len``.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

NO_START = set(
    "」』）)］]｝}〕〉》】〙〗、。，,．.・：:；;！!？?ー～…‥ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〻％%"
)
NO_END = set("「『（(［[｛{〔〈《【〘〖")
# Break opportunities: a space run, or between two characters where either is not ASCII.
_TOKEN = re.compile(r"[\x21-\x7e]+|\s+|.", re.S)


def _tokens(text: str) -> list[str]:
    """Unbreakable pieces: ASCII words, spaces, single other characters (kinsoku joins some below)."""
    raw = [
        piece for tok in _TOKEN.findall(text) for piece in re.split(r"(?<=\|)(?=.)", tok)
    ]  # a|b|c breaks after |
    out: list[str] = []
    for tok in raw:
        if out and not tok.isspace() and tok[0] in NO_START and not out[-1].isspace():
            out[-1] += tok  # a closing mark stays with what precedes it
        elif out and not tok.isspace() and out[-1][-1] in NO_END and not out[-1].isspace():
            out[-1] += tok  # an opening mark stays with what follows it
        else:
            out.append(tok)
    return out


def terminal_width() -> int:
    """The width terminal views fit: $COLUMNS, else the terminal's, else 120 when output is not a terminal (the same
    choice as the rich console in render.table)."""
    import os
    import shutil
    import sys

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else 120


def wrap(text: str, width: int, indent: str = "", first: str = "") -> list[str]:
    """``text`` broken into lines of at most ``width`` cells; the first line starts with ``first``, the others with
    ``indent``.

    A single piece wider than the line (a long URL or command) is kept whole on its own line rather than cut.
    """
    lines: list[str] = []
    for n, para in enumerate(text.split("\n")):
        start = first if n == 0 else indent
        line = start
        space = False
        for tok in _tokens(para):
            if tok.isspace():
                space = bool(line.strip())
                continue
            gap = " " if space else ""
            space = False
            if cell_len(line) + len(gap) + cell_len(tok) <= width or not line.strip():
                line += gap + tok
                continue
            lines.append(line.rstrip())
            line = indent + tok
        lines.append(line.rstrip())
    return lines


def join_fit(items: list[str], sep: str, width: int, first: str = "", indent: str = "") -> list[str]:
    """Items joined by ``sep``, a line break only between items (an item wider than a line is wrapped itself)."""
    lines: list[str] = []
    line = first
    for i, item in enumerate(items):
        piece = item + (sep if i < len(items) - 1 else "")
        if line.strip() and cell_len(line) + cell_len(piece.rstrip()) > width:
            lines.append(line.rstrip())
            line = indent
        if cell_len(line) + cell_len(piece.rstrip()) > width:
            *done, line = wrap(piece, width, indent=indent, first=line)
            lines += done
            continue
        line += piece
    lines.append(line.rstrip())
    return lines


def fit_help(text: str, width: int) -> str:
    """Click's help, re-wrapped where a line is wider than ``width`` cells (Click counts characters, not cells)."""
    out: list[str] = []
    for line in text.split("\n"):
        if cell_len(line) <= width:
            out.append(line)
            continue
        # The description column: after the first run of two or more spaces past the leading indent.
        lead = len(line) - len(line.lstrip(" "))
        m = re.search(r"\S {2,}(?=\S)", line[lead:])
        col = lead + m.end() if m else lead
        head, body = line[:col], line[col:]
        pad = " " * cell_len(head)
        if cell_len(head) > width // 2:
            head, body, pad = line[:lead], line[lead:], " " * lead
        pieces = wrap(body, width - cell_len(pad))
        out.append(head + pieces[0])
        out += [pad + p for p in pieces[1:]]
    return "\n".join(out)
