"""Control, invisible or look-alike characters.

Text holds control characters, invisible formatting or look-alike letters from another script.

Flags C0/C1 control characters (other than a line break in a note), invisible format characters (zero-width space,
bidirectional overrides), and Cyrillic or Greek letters mixed into Japanese or Latin text — homoglyphs such as the
Cyrillic й and д that the plan's own text carries in デジタルデバйд対策.

Why it matters:
    Look-alike letters make a name unsearchable and unmatchable (it no longer equals the national list's name), and
    control or bidirectional characters can hide or reorder what a reviewer sees in a terminal or a pull request.

Fails:
    roadmap:
      - id: digital-divide
        area: 7
        title: デジタルデバйд対策

Passes:
    roadmap:
      - id: digital-divide
        area: 7
        title: デジタルデバイド対策
"""

import unicodedata
from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.settings import Severity
from dxready.catalog.textscan import CANDIDATES, foreign
from dxready.catalog.walk import iter_texts
from dxready.findings import Finding, Msg
from dxready.rules.base import Context

CODE = "DX010"
NAME = "suspicious-text"
SEVERITY = Severity.error
SUMMARY = Msg(
    "制御文字・不可視文字・紛らわしい他文字種が混じっている", "Control, invisible or look-alike characters"
)
DESCRIPTION_JA = (
    "テキストに制御文字、不可視の書式文字、他の文字体系の紛らわしい文字が含まれています。\n\n"
    "C0/C1 制御文字（備考の改行を除く）、不可視の書式文字（ゼロ幅スペース、双方向の上書き）、日本語や英字に混じったキリル文字・ギリシャ文字（計画自身の「デジタルデバйд対策」にあるキリル文字 й と д のような同形異字）を報告します。"
)
WHY_JA = (
    "キリル文字などの紛らわしい文字が混じると検索や国の一覧との照合ができず、制御文字は画面の表示を偽れます。"
)
NEXT_STEP = Msg(
    "示された文字を正しい文字に打ち直してください", "Retype the character shown with the intended one"
)

_FOREIGN = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE")
_HOST = ("CJK", "HIRAGANA", "KATAKANA", "LATIN")


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""


# Everything that could be suspicious; text without any of these is passed at regex speed.
_CANDIDATES = CANDIDATES


def problem(text: str, *, multiline: bool) -> tuple[int, str, str] | None:
    """(index, ja, en) of the first suspicious character, or None."""
    if _CANDIDATES.search(text) is None and (multiline or ("\n" not in text and "\t" not in text)):
        return None
    scripts = {_script(ch) for ch in text if ch.isalpha()}
    mixed = bool(scripts & set(_FOREIGN)) and bool(scripts & set(_HOST))
    for i, ch in enumerate(text):
        cat = unicodedata.category(ch)
        if cat == "Cc" and not (multiline and ch in "\n\t"):
            return i, f"制御文字 U+{ord(ch):04X} があります", f"control character U+{ord(ch):04X}"
        if cat in ("Cf", "Co", "Cs") and ch != "\ufeff":
            return (
                i,
                f"不可視の書式文字 U+{ord(ch):04X} があります",
                f"invisible format character U+{ord(ch):04X}",
            )
        if mixed and _script(ch) in _FOREIGN:
            name = unicodedata.name(ch, "?")
            return (
                i,
                f"他の文字種の紛らわしい文字 '{ch}'（U+{ord(ch):04X} {name}）が混じっています",
                f"look-alike character '{ch}' (U+{ord(ch):04X} {name}) mixed into the text",
            )
    return None


def _suspect_files(catalog: Catalog) -> frozenset[str]:
    """The files worth walking string by string: a clean catalogue is passed at the speed of a few byte searches."""
    return frozenset(name for name in ("procedures", "systems", "roadmap") if catalog.text_scan(name).suspect)


def _foreign(js: bytes) -> bool:
    return foreign(js)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for file, path, text, subject in iter_texts(catalog, _suspect_files(catalog)):
        found = problem(text, multiline=path[-1] == "note")
        if found is None:
            continue
        index, ja, en = found
        yield Finding(
            CODE,
            subject,
            Msg(f"{ja}（{index + 1} 文字目）", f"{en} at character {index + 1}"),
            file,
            path,
        )
