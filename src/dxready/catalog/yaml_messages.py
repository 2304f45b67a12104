"""The YAML parser's complaints, said in Japanese with what to do, at the character that causes them.

ruamel.yaml reports where it *noticed* a problem, often a line or two after its cause, in its own English
(``mapping values are not allowed in this context``). The usual causes in a hand-typed catalogue are few: a full-width
space 「　」 or a tab in the indentation, a full-width colon 「：」 after a key, no space after ``:``, a quote or bracket
left open, an indentation that does not line up. When the parser fails, the text up to the failure is scanned for
these, and the first one found is reported at its own line and column. Otherwise the parser's words are translated
by their shape. The parser's own English is kept (``Syntax.detail``) for ``--format json`` and the English message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
_ZENKAKU_COLON = re.compile(rf"^(\s*(?:-\s+)?)({_KEY})\s*：")
_ZENKAKU_SPACE_AFTER = re.compile(rf"^(\s*(?:-\s+)?)({_KEY}):\u3000")
_NO_SPACE = re.compile(rf"^(\s*(?:-\s+)?)({_KEY}):(?=[^\s:/])")
_INDENT = re.compile(r"^[ \t\u3000]*")
_KEY_LINE = re.compile(rf"^\s*(?:-\s+)?{_KEY}:(?:\s|$)")


@dataclass(frozen=True)
class Syntax:
    line: int
    column: int
    ja: str
    en: str
    detail: str
    """The parser's own words."""


def _quote_open(line: str) -> int | None:
    """0-based column of a quote that opens a value and is not closed on its line, if any."""
    m = re.match(rf"^\s*(?:-\s+)?(?:{_KEY}\s*:\s+)?(?:-\s+)?([\"'])", line)
    if m is None:
        return None
    q = m.group(1)
    start = m.end(1) - 1
    rest = line[start + 1 :]
    if q == '"':
        rest = re.sub(r"\\.", "", rest)
        closed = '"' in rest
    else:
        closed = "'" in rest.replace("''", "")
    return None if closed else start


def _bracket_open(line: str) -> tuple[int, str] | None:
    """(0-based column, bracket) of a flow bracket opened as a value and not closed on its line."""
    m = re.match(rf"^\s*(?:-\s+)?(?:{_KEY}\s*:\s+)?([\[{{])", line)
    if m is None:
        return None
    b = m.group(1)
    close = "]" if b == "[" else "}"
    body = re.sub(r"\"(?:\\.|[^\"])*\"|'(?:''|[^'])*'", "", line[m.end(1) - 1 :])
    return None if body.count(close) >= body.count(b) else (m.end(1) - 1, b)


def _scan(lines: list[str], upto: int) -> Syntax | None:
    """The first hand-typing mistake in ``lines[:upto]`` (1-based positions).

    Indentation characters and full-width colons are looked for everywhere before the failure; a missing space, an
    open quote or bracket only on the few lines just before it (elsewhere they may be legal YAML).
    """
    near = max(upto - 4, 0)
    for i, line in enumerate(lines[:upto]):
        if line.lstrip(" \t\u3000").startswith("#"):
            continue
        indent = _INDENT.match(line)
        lead = indent.group(0) if indent else ""
        if "\u3000" in lead:
            col = lead.index("\u3000")
            return Syntax(
                i + 1,
                col + 1,
                "字下げに全角スペース「　」があります。字下げは半角スペースだけで書いてください",
                "a full-width space (U+3000) in the indentation; indent with ASCII spaces only",
                "",
            )
        if "\t" in lead:
            return Syntax(
                i + 1,
                lead.index("\t") + 1,
                "字下げにタブ文字があります。YAML の字下げは半角スペースだけで書いてください",
                "a tab in the indentation; YAML indents with spaces only",
                "",
            )
        m = _ZENKAKU_COLON.match(line)
        if m:
            col = line.index("：", m.end(2))
            return Syntax(
                i + 1,
                col + 1,
                f"キー「{m.group(2)}」の後ろのコロンが全角「：」です。半角の「: 」（コロンと半角スペース）にしてください",
                f"the colon after '{m.group(2)}' is full-width (：); write ': ' (an ASCII colon and a space)",
                "",
            )
        m = _ZENKAKU_SPACE_AFTER.match(line)
        if m:
            return Syntax(
                i + 1,
                m.end(2) + 2,
                f"キー「{m.group(2)}」の「:」の後ろが全角スペース「　」です。半角スペースにしてください（「{m.group(2)}: 値」）",
                f"a full-width space (U+3000) after '{m.group(2)}:'; write an ASCII space ('{m.group(2)}: value')",
                "",
            )
        q = _quote_open(line)
        if q is not None and i + 1 < upto and (i >= near or _KEY_LINE.match(lines[i + 1])):
            # A quote left open swallows the following lines: the parser fails far below, so say where it opened.
            mark = line[q]
            return Syntax(
                i + 1,
                q + 1,
                f"引用符 {mark} が閉じていません。同じ行の終わりに {mark} を書いてください",
                f"the quote {mark} is not closed; close it at the end of the line",
                "",
            )
        if i < near:
            continue
        m = _NO_SPACE.match(line)
        if m:
            col = m.end(2)
            return Syntax(
                i + 1,
                col + 1,
                f"キー「{m.group(2)}」の「:」の後ろに半角スペースがありません。「{m.group(2)}: 値」のように書いてください",
                f"no space after '{m.group(2)}:'; write '{m.group(2)}: value'",
                "",
            )
        b = _bracket_open(line)
        if b is not None:
            close = "]" if b[1] == "[" else "}"
            return Syntax(
                i + 1,
                b[0] + 1,
                f"括弧「{b[1]}」が閉じていません。「{close}」で閉じてください",
                f"the bracket '{b[1]}' is not closed; close it with '{close}'",
                "",
            )
    return None


_SHAPES: tuple[tuple[str, str, str], ...] = (
    (
        "mapping values are not allowed",
        "ここに「キー: 値」は書けません。字下げがそろっているか、値に「: 」を含むなら引用符で囲んでいるかを確かめてください",
        "a 'key: value' cannot start here; check the indentation, or quote a value that contains ': '",
    ),
    (
        "expected '-' indicator",
        "字下げがそろっていません。同じリストの項目は同じ数の半角スペースで字下げしてください",
        "the indentation does not line up; items of one list need the same number of spaces",
    ),
    (
        "did not find expected key",
        "字下げがそろっていません。同じ階層のキーは同じ数の半角スペースで字下げしてください",
        "the indentation does not line up; keys at one level need the same number of spaces",
    ),
    (
        "expected <block end>",
        "字下げがそろっていません。同じ階層のキーは同じ数の半角スペースで字下げしてください",
        "the indentation does not line up; keys at one level need the same number of spaces",
    ),
    (
        "could not find expected ':'",
        "「キー: 値」の「:」が見つかりません。コロンが半角か、後ろに半角スペースがあるかを確かめてください",
        "a ':' was expected; check that the colon is ASCII and followed by a space",
    ),
    (
        "found unexpected end of stream",
        "ファイルが途中で終わっています。引用符や括弧が閉じているかを確かめてください",
        "the file ends too soon; check that every quote and bracket is closed",
    ),
    (
        "found character '\\t'",
        "タブ文字は使えません。半角スペースにしてください",
        "a tab cannot be used here; use spaces",
    ),
    (
        "tab character",
        "タブ文字は字下げに使えません。半角スペースにしてください",
        "a tab cannot indent YAML; use spaces",
    ),
    (
        "found duplicate anchor",
        "同じアンカー名（&名前）が 2 度使われています",
        "an anchor name (&name) is used twice",
    ),
    (
        "found undefined alias",
        "定義されていないエイリアス（*名前）です",
        "an alias (*name) refers to no anchor",
    ),
)


MAX_KEY = 1024
"""YAML's limit on a key written without a leading '?' (its "simple key"): the parser stops looking for the ':'."""


def _long_key(lines: list[str], line: int, detail: str) -> Syntax | None:
    """A key over YAML's 1,024 characters: the ':' is there, but the parser gave up looking for it."""
    if "could not find expected ':'" not in detail or not 1 <= line <= len(lines):
        return None
    text = lines[line - 1]
    start = len(text) - len(text.lstrip(" -"))
    colon = re.search(r":(?:\s|$)", text[start:])
    if colon is None or colon.start() <= MAX_KEY:
        return None
    size = colon.start()
    return Syntax(
        line,
        start + 1,
        f"キーが長すぎます（{size:,} 文字）。YAML のキーは {MAX_KEY:,} 文字までです",
        f"the key is too long ({size:,} characters); a YAML key has at most {MAX_KEY:,}",
        detail,
    )


def explain(text: str, line: int, column: int, detail: str) -> Syntax:
    """The parser failed at ``line``:``column`` (1-based) saying ``detail``: the likely cause, where it is, what to do."""
    lines = text.split("\n")
    found = _scan(lines, min(line + 1, len(lines)))
    if found is not None:
        return Syntax(found.line, found.column, found.ja, f"YAML syntax error: {found.en} ({detail})", detail)
    long_key = _long_key(lines, line, detail)
    if long_key is not None:
        return long_key
    for shape, ja, en in _SHAPES:
        if shape in detail:
            return Syntax(line, column, ja, f"YAML syntax error: {en} ({detail})", detail)
    return Syntax(
        line,
        column,
        "YAML として読めません。この箇所の書き方（字下げ・コロン・引用符）を確かめてください",
        f"YAML syntax error: {detail}",
        detail,
    )
