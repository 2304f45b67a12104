"""The national registry of municipalities: 全国地方公共団体コード, name, kana and prefecture of the 1,741 市区町村 and
the 175 wards (行政区) of the designated cities.

The data is ``municipalities.tsv`` beside this module, generated from the ``japancode`` package (MIT; attribution and
licence in the file's header) by ``scripts/vendor_municipalities.py``. It is read once, on first use, by the commands
that need it (``init``, ``check``'s DX020, ``compare``); nothing imports it at start-up.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "municipalities.tsv"


@dataclass(frozen=True)
class LocalGovernment:
    """One entry of the registry: a municipality (市区町村) or a ward of a designated city (``ward_of`` set)."""

    code: str
    prefecture: str
    name: str
    kana: str
    ward_of: str | None = None

    @property
    def is_ward(self) -> bool:
        return self.ward_of is not None

    @property
    def full_name(self) -> str:
        """Prefecture and name, as addresses write it: 東京都府中市."""
        return self.prefecture + self.name


class Registry:
    """The entries, by code; the name index is built on the first lookup by name (``check`` needs only codes)."""

    def __init__(self, entries: tuple[LocalGovernment, ...]) -> None:
        self.entries = entries
        self.by_code = {e.code: e for e in entries}

    @functools.cached_property
    def by_name(self) -> dict[str, tuple[LocalGovernment, ...]]:
        index: dict[str, list[LocalGovernment]] = {}
        for e in self.entries:
            for key in self.keys(e):
                index.setdefault(key, []).append(e)
        return {k: tuple(v) for k, v in index.items()}

    def keys(self, entry: LocalGovernment) -> set[str]:
        """Every folded spelling that names ``entry``."""
        parent = self.by_code[entry.ward_of] if entry.ward_of else None
        return _keys(entry, parent)

    def names(self, entry: LocalGovernment, name: str) -> bool:
        """Whether ``name`` is one of ``entry``'s spellings (without building the whole index)."""
        return names(entry, name)

    @property
    def municipalities(self) -> tuple[LocalGovernment, ...]:
        return tuple(e for e in self.entries if not e.is_ward)

    @property
    def wards(self) -> tuple[LocalGovernment, ...]:
        return tuple(e for e in self.entries if e.is_ward)

    @property
    def designated_cities(self) -> tuple[LocalGovernment, ...]:
        parents = {e.ward_of for e in self.entries if e.ward_of}
        return tuple(e for e in self.entries if e.code in parents)

    def find(self, name: str) -> tuple[LocalGovernment, ...]:
        """Every entry ``name`` may mean: 鴨川市, 千葉県鴨川市, かもがわし, 札幌市中央区 or 中央区; width and spaces folded."""
        return self.by_name.get(fold(name), ())


_SPACES = re.compile(r"\s+")
_KATAKANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def fold(text: str) -> str:
    """Fold a municipality name for lookup: NFKC (full-width letters, digits, spaces), no spaces, ヶ = ケ, kana as hiragana."""
    folded = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    return folded.replace("ヶ", "ケ").replace("ゖ", "け").translate(_KATAKANA)


def _keys(entry: LocalGovernment, parent: LocalGovernment | None) -> set[str]:
    names = {entry.name, entry.full_name, entry.kana}
    if parent is not None:  # a ward also answers to its own name (中央区) and its prefecture's (北海道中央区)
        short = entry.name[len(parent.name) :]
        names |= {short, entry.prefecture + short}
    return {fold(n) for n in names if n}


def _entry(code: str, prefecture: str, name: str, kana: str, ward_of: str | None) -> LocalGovernment:
    """``LocalGovernment(...)`` made the fast way (as ``findings.located``): a frozen dataclass's ``__init__`` sets
    each field through ``object.__setattr__``, and ``check`` (DX020) reads all 1,916 entries on every run."""
    entry = object.__new__(LocalGovernment)
    entry.__dict__.update(code=code, prefecture=prefecture, name=name, kana=kana, ward_of=ward_of)
    return entry


@functools.lru_cache(maxsize=1)
def registry() -> Registry:
    # Read whole and split: a text file read line by line costs about three times as much (issue 14).
    text = DATA.read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.split("\n") if line and not line.startswith("#")]
    entries = tuple(
        _entry(code, prefecture, name, kana, ward_of or None)
        for code, prefecture, name, kana, ward_of in rows[1:]
    )
    return Registry(entries)


def by_code(code: str) -> LocalGovernment | None:
    code = unicodedata.normalize("NFKC", code).strip()
    if registry.cache_info().currsize or not (len(code) == 6 and code.isascii() and code.isdigit()):
        return registry().by_code.get(code)
    return _scan(code)


def _scan(code: str) -> LocalGovernment | None:
    """The entry of six-digit ``code`` found in the file's text, without making the 1,916 others: ``check`` (DX020)
    looks up one code, and building the registry was about 2 % of its run (issue 14). The same entry as
    ``registry().by_code[code]`` (tests/catalog/test_municipalities_scan.py holds every code to it)."""
    text = DATA.read_text(encoding="utf-8")
    start = text.find(f"\n{code}\t")
    if start < 0:
        return None
    end = text.find("\n", start + 1)
    row = text[start + 1 : end if end >= 0 else len(text)].split("\t")
    if len(row) != 5:
        return registry().by_code.get(code)
    return _entry(row[0], row[1], row[2], row[3], row[4] or None)


def names(entry: LocalGovernment, name: str) -> bool:
    """Whether ``name`` is one of ``entry``'s spellings (a ward's also by its own and its prefecture's names)."""
    parent = by_code(entry.ward_of) if entry.ward_of else None
    return fold(name) in _keys(entry, parent)


def find(name: str) -> tuple[LocalGovernment, ...]:
    return registry().find(name)


def similar(name: str, n: int = 5) -> list[LocalGovernment]:
    """Entries whose name is close to ``name`` (for "did you mean"), municipalities first."""
    import difflib

    reg = registry()
    names = {fold(e.name): e for e in reversed(reg.entries)}
    close = difflib.get_close_matches(fold(name), list(names), n=n, cutoff=0.6)
    return [names[c] for c in close]
