"""The built-in national registry: the 21 standard procedure rows and the 20 standardised businesses.

Names whose source is uncertain carry
``verified=False`` (ARCHITECTURE.md, "Sources of national facts") so that nothing uncertain is presented as fact.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SubProcedureEntry:
    name: str
    verified: bool = True


@dataclass(frozen=True)
class StandardProcedure:
    no: int
    name: str
    name_en: str
    # Rough national frequency tier used for reach when a catalogue has no counts: 3 high, 2 medium, 1 low.
    frequency: int
    # 特に国民の利便性の向上に資する手続 (31) or 引越し: national priority.
    priority: bool = False
    # A shared national or prefecture-wide channel exists (lower effort).
    shared_channel: str | None = None
    sub_procedures: tuple[SubProcedureEntry, ...] = field(default=())
    life_events: tuple[str, ...] = field(default=())


def _subs(*names: str, unverified: tuple[int, ...] = ()) -> tuple[SubProcedureEntry, ...]:
    return tuple(SubProcedureEntry(n, verified=(i + 1) not in unverified) for i, n in enumerate(names))


STANDARD_PROCEDURES: tuple[StandardProcedure, ...] = (
    StandardProcedure(1, "図書館の図書貸出予約等", "Library book reservations", 3),
    StandardProcedure(2, "文化・スポーツ施設等の利用予約等", "Culture and sports facility reservations", 3),
    StandardProcedure(3, "研修・講習・各種イベント等の申込", "Applications for courses and events", 2),
    StandardProcedure(4, "地方税申告手続（eLTAX）", "Local tax filing (eLTAX)", 3, shared_channel="eltax"),
    StandardProcedure(5, "水道使用開始届等", "Water service start notices", 2),
    StandardProcedure(6, "港湾関係手続", "Port procedures", 1),
    StandardProcedure(7, "道路占用許可申請等", "Road occupancy permits", 1),
    StandardProcedure(8, "建築確認", "Building confirmation", 1),
    StandardProcedure(9, "粗大ごみ収集の申込", "Bulky waste collection requests", 2),
    StandardProcedure(10, "産業廃棄物の処理、運搬の実績報告", "Industrial waste reports", 1),
    StandardProcedure(11, "犬の登録申請、死亡届", "Dog registration and death notices", 1),
    StandardProcedure(12, "感染症調査報告", "Infectious disease survey reports", 1),
    StandardProcedure(13, "職員採用試験申込", "Staff recruitment applications", 1),
    StandardProcedure(
        14, "入札参加資格審査申請等", "Bidding qualification applications", 1, shared_channel="e_bidding"
    ),
    StandardProcedure(15, "入札", "Bidding", 1, shared_channel="e_bidding"),
    StandardProcedure(
        16, "衆議院・参議院選挙の不在者投票用紙等の請求", "Absentee ballot requests (national elections)", 1
    ),
    StandardProcedure(17, "公文書開示請求", "Public records disclosure requests", 1),
    StandardProcedure(
        18,
        "子育て関係（児童手当、保育施設利用等）",
        "Child-rearing (child allowance, nursery use, etc.)",
        3,
        priority=True,
        shared_channel="mynaportal",
        sub_procedures=_subs(
            "児童手当等の受給資格及び児童手当の額についての認定請求",
            "児童手当等の額の改定の請求及び届出",
            "氏名変更/住所変更等の届出",
            "受給事由消滅の届出",
            "未支払の児童手当等の請求",
            "児童手当等に係る寄附の申出",
            "児童手当等に係る寄附変更等の申出",
            "受給資格者の申出による学校給食費等の徴収等の申出",
            "受給資格者の申出による学校給食費等の徴収等の変更等の申出",
            "児童手当等の現況届",
            "支給認定の申請",
            "保育施設等の利用申込",
            "保育施設等の現況届",
            "児童扶養手当の現況届の事前送信",
            "妊娠の届出",
            unverified=(11, 13, 14),
        ),
        life_events=("妊娠", "出生・こども"),
    ),
    StandardProcedure(
        19,
        "介護関係（介護認定申請等）",
        "Long-term care (care-need certification, etc.)",
        3,
        priority=True,
        shared_channel="mynaportal",
        sub_procedures=_subs(
            "要介護・要支援認定の申請",
            "要介護・要支援更新認定の申請",
            "要介護・要支援状態区分変更認定の申請",
            "居宅（介護予防）サービス計画作成（変更）依頼の届出",
            "介護保険負担割合証の再交付申請",
            "被保険者証の再交付申請",
            "高額介護（予防）サービス費の支給申請",
            "介護保険負担限度額認定申請",
            "住所移転後の要介護・要支援認定申請",
            "介護保険資格取得・異動・喪失届",
            "介護保険住所地特例適用・変更・終了届",
            unverified=(5, 6, 10, 11),
        ),
        life_events=("介護",),
    ),
    StandardProcedure(
        20,
        "被災者支援関係（罹災証明書発行申請）",
        "Disaster victim support (disaster certificate)",
        1,
        priority=True,
        shared_channel="mynaportal",
        sub_procedures=_subs("罹災証明書の発行申請"),
    ),
    StandardProcedure(
        21,
        "転出・転入手続関係",
        "Moving out / moving in",
        3,
        priority=True,
        shared_channel="moving_onestop",
        sub_procedures=_subs("転出届・転入予約"),
        life_events=("引越し",),
    ),
)

STANDARD_BY_NO: dict[int, StandardProcedure] = {p.no: p for p in STANDARD_PROCEDURES}

# 令和4年政令第1号: the 20 businesses whose systems must move to standard-compliant systems.
STANDARD_BUSINESSES: tuple[str, ...] = (
    "住民基本台帳",
    "選挙人名簿管理",
    "固定資産税",
    "個人住民税",
    "法人住民税",
    "軽自動車税",
    "国民健康保険",
    "国民年金",
    "障害者福祉",
    "後期高齢者医療",
    "介護保険",
    "児童手当",
    "健康管理",
    "就学",
    "児童扶養手当",
    "生活保護",
    "子ども・子育て支援",
    "印鑑登録",
    "戸籍",
    "戸籍の附票",
)

_BRACKETS = str.maketrans({"〇": "○", "✕": "×", "、": ","})
_NOISE = re.compile(r"[\s()（）「」『』]|等")


def fold_name(name: str) -> str:
    """Fold a procedure name for comparison: width, case, brackets, marks and 等 variants."""
    text = unicodedata.normalize("NFKC", name).translate(_BRACKETS).casefold()
    return _NOISE.sub("", text)


def name_matches(no: int, name: str) -> bool:
    """Whether ``name`` is an accepted spelling of standard procedure ``no``."""
    entry = STANDARD_BY_NO.get(no)
    if entry is None:
        return False
    return fold_name(name) == fold_name(entry.name)
