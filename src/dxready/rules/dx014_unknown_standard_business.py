"""A standard_business is not one of the 20 standardised businesses.

A system (or one of its modules) may name the standardised business it serves; the name must be one of the 20 of
令和4年政令第1号 as the national list writes them (住民基本台帳, 選挙人名簿管理, 固定資産税, … 戸籍の附票), so that DX301 and
DX302 can tell which businesses are covered. The message offers the nearest names: the usual local words first
(住民記録 → 住民基本台帳, 国保 → 国民健康保険, 子育て → 子ども・子育て支援 …), then the closest spellings.

Why it matters:
    A business under another name counts as not covered: DX302 reports a gap that is not one, and the system's
    migration deadline is never checked.

Fails:
    systems:
      - id: juki
        name: 住民記録システム
        tier: backbone
        standard_business: 住民記録

Passes:
    systems:
      - id: juki
        name: 住民記録システム
        tier: backbone
        standard_business: 住民基本台帳
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.registry import STANDARD_BUSINESSES
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context

CODE = "DX014"
NAME = "unknown-standard-business"
SEVERITY = Severity.error
SUMMARY = Msg(
    "standard_business が標準化対象の20業務のどれでもない",
    "A standard_business is not one of the 20 standardised businesses",
)
DESCRIPTION_JA = (
    "システム（またはそのモジュール）は担う標準化対象業務を名指すことができます。"
    "名前は令和4年政令第1号の 20 業務のいずれかを国の一覧の表記どおりに書かなければなりません（住民基本台帳、選挙人名簿管理、固定資産税、… 戸籍の附票）。"
    "DX301 と DX302 がどの業務が担われているかを判断するためです。"
    "メッセージは近い名前を示します：まずよく使われる地元の言葉（住民記録 → 住民基本台帳、国保 → 国民健康保険、子育て → 子ども・子育て支援 …）、次に表記の近いものです。"
)
WHY_JA = (
    "別名で書かれた業務は「対象システムなし」と数えられ、DX302 が誤って報告し、移行期限も確かめられません。"
)
NEXT_STEP = Msg(
    "20業務の名前（令和4年政令第1号の表記）で書いてください",
    "Write one of the 20 businesses as the national list names them",
)

# Local words for a business → its name in the national list (common in city systems' names).
ALIASES: dict[str, tuple[str, ...]] = {
    "住民記録": ("住民基本台帳",),
    "住基": ("住民基本台帳",),
    "住民票": ("住民基本台帳",),
    "選挙": ("選挙人名簿管理",),
    "固定資産": ("固定資産税",),
    "住民税": ("個人住民税", "法人住民税"),
    "市民税": ("個人住民税",),
    "法人市民税": ("法人住民税",),
    "軽自": ("軽自動車税",),
    "国保": ("国民健康保険",),
    "国年": ("国民年金",),
    "障害福祉": ("障害者福祉",),
    "後期高齢": ("後期高齢者医療",),
    "介護": ("介護保険",),
    "児手": ("児童手当",),
    "健康": ("健康管理",),
    "学齢簿": ("就学",),
    "就学援助": ("就学",),
    "児扶": ("児童扶養手当",),
    "生保": ("生活保護",),
    "子育て": ("子ども・子育て支援",),
    "子ども子育て": ("子ども・子育て支援",),
    "印鑑": ("印鑑登録",),
    "附票": ("戸籍の附票",),
}


def nearest(name: str) -> list[str]:
    """The standardised businesses ``name`` most likely means (at most three)."""
    found = list(ALIASES.get(name, ()))
    close = difflib.get_close_matches(name, STANDARD_BUSINESSES, n=3, cutoff=0.4)
    found += [b for b in close if b not in found]
    found += [b for b in STANDARD_BUSINESSES if (name in b or b in name) and b not in found]
    return found[:3]


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    known = set(STANDARD_BUSINESSES)
    for i, s in enumerate(catalog.systems):
        places: list[tuple[str, tuple[str | int, ...]]] = []
        if s.standard_business is not None:
            places.append((s.standard_business, ("systems", i, "standard_business")))
        places += [
            (m.standard_business, ("systems", i, "modules", j, "standard_business"))
            for j, m in enumerate(s.modules)
            if m.standard_business is not None
        ]
        for name, path in places:
            if name in known:
                continue
            close = nearest(name)
            hint_ja = f"（{'、'.join(close)} の誤りですか？）" if close else ""
            hint_en = f" (did you mean {', '.join(close)}?)" if close else ""
            yield Finding(
                CODE,
                Subject("system", s.id),
                Msg(
                    f"standard_business「{name}」は標準化対象の20業務にありません{hint_ja}",
                    f"standard_business '{name}' is not one of the 20 standardised businesses{hint_en}",
                ),
                "systems",
                path,
                data={"standard_business": name, "nearest": close},
            )
