"""Which municipality ``init --name/--code`` means, settled against the national registry.

A name alone finds its code, a code alone its name; a pair that the registry does not hold together is refused naming
the registry's own pair; a name several municipalities share (府中市, 伊達市 …) is refused listing each with its
prefecture, so that ``--name 東京都府中市`` or the code settles it. Full-width input is folded (NFKC).
"""

from __future__ import annotations

from dataclasses import dataclass

from dxready.catalog.municipalities import LocalGovernment, by_code, find, registry, similar
from dxready.errors import UsageError
from dxready.findings import Msg


@dataclass(frozen=True)
class Identity:
    name: str
    code: str
    prefecture: str | None
    # The registry's entry, or None for a pair the registry does not know (accepted when neither half is in it).
    entry: LocalGovernment | None


def _refuse(option: str, ja: str, en: str) -> UsageError:
    """An option the registry contradicts: a UsageError naming the option (the catalogue is not at fault)."""
    return UsageError(option, Msg(ja, en))


def describe(entry: LocalGovernment, lang: str = "ja") -> str:
    """``千葉県館山市 122050`` (with the designated city of a ward)."""
    text = f"{entry.full_name} {entry.code}"
    if entry.ward_of:
        city = registry().by_code[entry.ward_of]
        text += f"（{city.name}の区）" if lang == "ja" else f" (a ward of {city.name})"
    return text


def _listing(entries: tuple[LocalGovernment, ...] | list[LocalGovernment], lang: str) -> str:
    sep = "、" if lang == "ja" else ", "
    return sep.join(describe(e, lang) for e in entries)


def identify(name: str | None, code: str | None) -> Identity:
    """The municipality meant by ``--name`` and/or ``--code`` (``code`` already checked for its check digit)."""
    clean = name.strip() if name is not None else None
    if code is None and not clean:
        raise _refuse(
            "--name",
            "--name（団体名）か --code（団体コード）を指定してください（例: --name 館山市）",
            "give --name or --code (e.g. --name 館山市)",
        )
    entry = by_code(code) if code is not None else None
    if not clean:
        if entry is None:
            raise _refuse(
                "--code",
                f"団体コード {code} は国の団体一覧にありません。--name も指定してください",
                f"code {code} is not in the national registry; give --name as well",
            )
        return Identity(entry.name, entry.code, entry.prefecture, entry)
    candidates = find(clean)
    given = clean  # the name as typed, whole, is what gets written; messages show at most 60 characters of it
    clean = clean if len(clean) <= 60 else clean[:59] + "…"
    if code is not None:
        if entry is not None:
            if entry in candidates:
                return Identity(entry.name, entry.code, entry.prefecture, entry)
            named = f"（--name {clean} は {_listing(candidates, 'ja')}）" if candidates else ""
            named_en = f" (--name {clean} is {_listing(candidates, 'en')})" if candidates else ""
            raise _refuse(
                "--code",
                f"団体コード {code} は {describe(entry)} です。--name {clean} と合いません{named}",
                f"code {code} is {describe(entry, 'en')}, not {clean}{named_en}",
            )
        if candidates:
            raise _refuse(
                "--code",
                f"--name {clean} は {_listing(candidates, 'ja')} です。団体コード {code} と合いません",
                f"--name {clean} is {_listing(candidates, 'en')}, not code {code}",
            )
        # Neither half is in the registry: a municipality it does not know (yet); taken as given.
        return Identity(given, code, None, None)
    if len(candidates) == 1:
        (only,) = candidates
        return Identity(only.name, only.code, only.prefecture, only)
    if candidates:
        raise _refuse(
            "--name",
            f"{clean} は {len(candidates)} 団体あります: {_listing(candidates, 'ja')}。"
            f"都道府県を付けた名前（例: --name {candidates[0].full_name}）か --code で指定してください",
            f"{len(candidates)} municipalities are called {clean}: {_listing(candidates, 'en')}; "
            f"add the prefecture (e.g. --name {candidates[0].full_name}) or give --code",
        )
    close = similar(given)
    hint_ja = f"（{_listing(close, 'ja')} ではありませんか）" if close else ""
    hint_en = f" (did you mean {_listing(close, 'en')}?)" if close else ""
    raise _refuse(
        "--name",
        f"{clean} は国の団体一覧にありません{hint_ja}。名前を確かめるか、--code も指定してください",
        f"{clean} is not in the national registry{hint_en}; check the name, or give --code as well",
    )
