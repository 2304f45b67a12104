"""Line breaking measured in terminal cells (East Asian wide characters count two), with Japanese rules.

Japanese text has no spaces, so a line may break between any two characters, except that a line must not begin with
closing brackets and punctuation (」、。）etc., 行頭禁則) nor end with an opening bracket (「（ etc., 行末禁則). Latin words
and commands (``dxready set ID --verified-on …``) break only at spaces. Widths are ``rich.cells.cell_len``'s (computed by :func:`dxready.render.grid.cell_len`).
"""

from __future__ import annotations

import re

from dxready.render.grid import cell_len  # rich.cells.cell_len, at C speed

NO_START = set(
    "」』）)］]｝}〕〉》】〙〗、。，,．.・：:；;！!？?ー～…‥ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〻％%"
)
# Closing marks that do not start a line even after a space (a mark such as ？ "unknown" may).
NO_START_AFTER_SPACE = set("」』）)］]｝}〕〉》】〙〗、。，．…‥")
NO_END = set("「『（(［[｛{〔〈《【〘〖")
# Break opportunities: a space run, or between two characters where either is not ASCII.
_D = "[0-9０-９]"
# Never broken: a date or fiscal year written the Japanese way (令和6年3月31日, 令和7年度末, 2024年3月31日, 3月31日), a
# count and its unit (22 件, 1,200件),
# a command with its subcommand, argument and options (dxready set childcare --status, and a value left to fill in:
# --status 記号), the help's 「[既定: error]」, an ASCII word
# (2024-03-31, --verified-on, 1,200), the mark 一部; an en dash stays inside ASCII words so that a range (10.0–95.0%)
# is not broken.
_PROTECTED = (
    rf"(?:(?:令和|平成|昭和)(?:元|{_D}+)|{_D}+)年(?:度末?|{_D}+月(?:{_D}+日)?)?"
    rf"|{_D}+月{_D}+日"
    rf"|{_D}[0-9０-９,.]* ?(?:件|団体|手続|行|列|文字|人|バイト)"  # a count with its unit: 22 件, 42件
    r"|dxready(?: [a-z][a-z-]*)?(?: [\w/.-]+(?= --?[a-z]))?(?: --?[a-z][a-z-]*)*(?: (?:記号|名前)(?!\w))?(?![\x21-\x7e])"
    r"|\[既定: [^\]\s]{1,24}\]"  # the help's default value
    r"|一部"  # the status mark (partly online), never split, in English text as in Japanese
)
_TOKEN = re.compile(rf"{_PROTECTED}|[\x21-\x7e\u2013]+|\s+|.", re.S)
_MESSAGE_TOKEN: re.Pattern[str] | None = None
"""In messages (:func:`fit_message`) also the Japanese words a status may be written with (オンライン化済, 未実施,
適用除外 …), never split: a refusal lists them for the user to copy, and a word broken across two lines is copied
wrong. Not in tables and prose (a column's header may need to break inside オンライン)."""


def _message_token() -> re.Pattern[str]:
    global _MESSAGE_TOKEN
    if _MESSAGE_TOKEN is None:
        from dxready.catalog.labels import STATUS_WORDS

        words = {re.escape(w) for ws in STATUS_WORDS.values() for w in ws if not w.isascii() and len(w) > 1}
        longest_first = "|".join(sorted(words, key=len, reverse=True))  # before 一部: 一部オンライン whole
        _MESSAGE_TOKEN = re.compile(rf"{longest_first}|{_PROTECTED}|[\x21-\x7e\u2013]+|\s+|.", re.S)
    return _MESSAGE_TOKEN


def pieces(text: str, words: bool = False) -> list[tuple[int, str]]:
    """Unbreakable pieces with their offsets: ASCII words, spaces, single other characters, a closing mark joined
    to what precedes it and an opening mark to what follows it (kinsoku); with ``words``, the status words whole."""
    raw: list[tuple[int, str]] = []
    for m in (_message_token() if words else _TOKEN).finditer(text):
        start, token = m.start(), m.group()
        if "|" not in token:
            raw.append((start, token))
            continue
        for piece in re.split(r"(?<=\|)(?=.)", token):  # a|b|c breaks after |
            raw.append((start, piece))
            start += len(piece)
    out: list[tuple[int, str]] = []
    for start, tok in raw:
        prev = out[-1][1] if out else ""
        if prev and not tok.isspace() and not prev.isspace() and (tok[0] in NO_START or prev[-1] in NO_END):
            out[-1] = (out[-1][0], prev + tok)  # a closing mark stays with what precedes it, an opening one
        elif len(out) > 1 and prev.isspace() and tok[0] in NO_START_AFTER_SPACE and not out[-2][1].isspace():
            out[-2:] = [(out[-2][0], out[-2][1] + prev + tok)]  # also across a space ("--status …")
        else:  # with what follows it
            out.append((start, tok))
    return out


def _tokens(text: str, words: bool = False) -> list[str]:
    return [tok for _, tok in pieces(text, words)]


def breaks(text: str, width: int) -> list[int]:
    """Offsets in ``text`` (one line, no newline) where a new line starts when it is wrapped at ``width`` cells.

    Spaces at a break stay at the end of the line before it (callers strip them). A piece wider than a whole line is
    cut at character boundaries: inside a table cell there is nowhere else for it to go.
    """
    offsets: list[int] = []
    used = 0  # cells of the current line, without the spaces that end it
    space = 0  # cells of the spaces after ``used``
    width = max(width, 2)
    for start, tok in pieces(text):
        if tok.isspace():
            if used or start == 0:
                space += cell_len(tok)
            continue
        w = cell_len(tok)
        if used and used + space + w > width:
            offsets.append(start)
            used, space = 0, 0
        if used + space + w <= width:
            used += space + w
            space = 0
            continue
        used += space  # a line of its own and more: fold it
        space = 0
        for i, ch in enumerate(tok):
            cw = cell_len(ch)
            if used and used + cw > width:
                # A line does not start with a closing mark (or a space before one): what precedes goes with it.
                j = i
                while (
                    j > 1
                    and (tok[j] in NO_START or tok[j].isspace())
                    and start + j - 1 > max(offsets, default=0)
                ):
                    j -= 1
                if cell_len(tok[j:i]) + cw > width:  # too many marks in a row to keep together: fit first
                    j = i
                offsets.append(start + j)
                used = cell_len(tok[j:i])
            used += cw
    return offsets


def widest_piece(text: str) -> int:
    """The narrowest a column can be without cutting a word or breaking a kinsoku rule."""
    return max(
        (cell_len(tok) for line in text.split("\n") for tok in _tokens(line) if not tok.isspace()), default=0
    )


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


def wrap(text: str, width: int, indent: str = "", first: str = "", words: bool = False) -> list[str]:
    """``text`` broken into lines of at most ``width`` cells; the first line starts with ``first``, the others with
    ``indent``; ``words``: a message's, the status words kept whole (:data:`_MESSAGE_TOKEN`).

    A single piece wider than the line (a long URL or command) is kept whole on its own line rather than cut.
    """
    lines: list[str] = []
    for n, para in enumerate(text.split("\n")):
        start = first if n == 0 else indent
        if para and cell_len(start) + cell_len(para) <= width and " ".join(para.split()) == para:
            # It fits, and its spaces are single ASCII spaces between words (what _broken would make of them):
            # the line as it is, without tokenising it (most lines of a long view are short).
            lines.append((start + para).rstrip())
        else:
            lines += _broken(para, width, indent, start, words)
    return lines


def _broken(para: str, width: int, indent: str, start: str, words: bool = False) -> list[str]:
    """One paragraph (no newline) broken into lines, piece by piece: spaces between pieces become one space."""
    lines: list[str] = []
    line = start
    used = cell_len(line)  # cell_len(line), kept as the line grows
    space = False
    for tok in _tokens(para, words):
        if tok.isspace():
            space = bool(line.strip())
            continue
        gap = " " if space else ""
        space = False
        size = cell_len(tok)
        if used + len(gap) + size <= width or not line.strip():
            # Cells add up, except across a joiner or variation selector: then the line is measured anew.
            joins = "\u200d" in tok or "\ufe0f" in tok or line.endswith(("\u200d", "\ufe0f"))
            line += gap + tok
            used = cell_len(line) if joins else used + len(gap) + size
            continue
        lines.append(line.rstrip())
        line = indent + tok
        used = cell_len(line)
    lines.append(line.rstrip())
    return lines


def join_fit(items: list[str], sep: str, width: int, first: str = "", indent: str = "") -> list[str]:
    """Items joined by ``sep``, a line break only between items (an item wider than a line is wrapped itself)."""
    lines: list[str] = []
    line = first
    used = cell_len(line)  # cell_len(line), kept as the line grows
    for i, item in enumerate(items):
        piece = item + (sep if i < len(items) - 1 else "")
        stripped = piece.rstrip()
        size = cell_len(stripped)
        if line.strip() and used + size > width:
            lines.append(line.rstrip())
            line = indent
            used = cell_len(line)
        if used + size > width:
            *done, line = wrap(piece, width, indent=indent, first=line)
            lines += done
            used = cell_len(line)
            continue
        # Cells add up, except across a joiner or variation selector (in the piece, or ending the line so far, where
        # it joins the piece's first character): then measure the line anew.
        joins = "\u200d" in piece or "\ufe0f" in piece or line.endswith(("\u200d", "\ufe0f"))
        line += piece
        used = cell_len(line) if joins else used + size + cell_len(piece[len(stripped) :])
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


def fit_message(text: str, width: int | None = None) -> str:
    """A short message (what ``set``, ``init``, ``import`` did) fitted to ``width`` cells (default: the terminal's,
    or ``$COLUMNS``): a line that is too wide continues under itself, indented; commands, dates and words are never
    split. Piped with no ``$COLUMNS``, lines stay whole (for grep)."""
    import os
    import sys

    if width is None and not (sys.stdout.isatty() or os.environ.get("COLUMNS", "").isdigit()):
        return text
    width = width or terminal_width()
    out: list[str] = []
    for line in text.split("\n"):
        if cell_len(line) <= width:
            out.append(line)
            continue
        body = line.lstrip(" ")
        lead = line[: len(line) - len(body)]
        out += wrap(body, width, indent=lead + "    ", first=lead, words=True)
    return "\n".join(out)
