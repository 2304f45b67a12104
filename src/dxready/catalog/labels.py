"""The Japanese words for every enum the catalogue uses, accepted on input as the tool itself prints them.

A catalogue owner who reads ``基幹系`` or ``計画立案`` in dxready's output may write exactly that in the YAML:
``tier: 基幹系`` is ``tier: backbone``. Input is NFKC-normalised (full-width letters, spaces) before lookup. The
JSON Schema lists the labels beside the English values so that an editor offers both.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Callable
from typing import Any

STATUS_WORDS: dict[str, tuple[str, ...]] = {
    # status value → every word that reads as it, the mark the tool prints first, then the value, the tool's own
    # words for it (its legends, in Japanese and English), the common typings and the words cities' sheets write
    # (import read them first). The one list: procedures.yaml, ``set --status``, ``gaps --status`` and import's
    # cells read these (``Status.parse``), and a refusal lists them (``status_words``).
    "online": (
        "○",
        "online",
        "オンライン化済",
        "オンライン",
        "オンライン化済み",
        "オンライン済",
        "済",
        "実施済",
        "実施済み",
    ),
    "partial": ("一部", "partial", "一部オンライン", "partly online", "一部実施済", "一部実施済み"),
    "offline": ("×", "offline", "未オンライン", "not online", "未", "未実施"),
    "not_applicable": ("—", "not_applicable", "該当なし", "not applicable", "対象外", "適用除外"),
    "unknown": ("？", "unknown", "未確認", "不明"),
}

STATUS_MARK_FORMS: dict[str, str] = {
    # Other glyphs typed for a mark, read as that mark (after NFKC: ｏ is o, － is -, ｰ is ー) and only as a whole
    # value, so that ー (the long-vowel mark an IME gives for a dash) is a dash alone but a letter in オンライン.
    "〇": "○",
    "◯": "○",
    "o": "○",
    "O": "○",
    "✕": "×",
    "✖": "×",
    "✗": "×",
    "x": "×",
    "X": "×",
    "―": "—",
    "-": "—",
    "‐": "—",
    "–": "—",
    "ー": "—",
    "－": "—",  # read through NFKC as "-" anyway; listed so that the JSON Schema's list (editors) holds it too
    "?": "？",
}


def status_table() -> dict[str, str]:
    """Every spelling of a status as looked up (``key``: NFKC, stripped, case-folded) → its value."""
    table: dict[str, str] = {}
    for value, words in STATUS_WORDS.items():
        for word in words:
            table.setdefault(key(word), value)
    marks = {words[0]: value for value, words in STATUS_WORDS.items()}
    for form, mark in STATUS_MARK_FORMS.items():
        table.setdefault(key(form), marks[mark])
    return table


# enum class name → value → Japanese spellings (the first is what the tool prints).
LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "Tier": {
        "backbone": ("基幹系",),
        "intranet": ("情報系", "イントラ系", "情報系（イントラ系）"),
        "standalone": ("独立系",),
    },
    "Phase": {
        "planning": ("計画立案",),
        "selection": ("システム選定",),
        "migrating": ("移行", "移行中"),
        "operating": ("本格運用", "運用"),
        "not_required": ("対象外",),
    },
    "Track": {
        "standard": ("標準", "2025年度末"),
        "difficult": ("移行困難", "移行困難システム"),
        "tokutei": ("特定移行支援", "特定移行支援システム"),
    },
    "DataInput": {"manual": ("手入力", "手作業"), "linked": ("連携",)},
    "RoadmapState": {"not_started": ("未着手",), "in_progress": ("実施中",), "done": ("完了",)},
    "ChannelKind": {
        "mynaportal": ("マイナポータル", "ぴったりサービス", "マイナポータル（ぴったりサービス）"),
        "moving_onestop": ("引越しワンストップ", "引越しワンストップサービス"),
        "eltax": ("エルタックス",),
        "e_bidding": ("電子入札", "ちば電子調達"),
        "e_application": ("電子申請", "電子申請システム"),
        "dedicated": ("専用システム", "独自システム"),
    },
    "Identity": {
        "mynumber_card": ("マイナンバーカード",),
        "account": ("アカウント",),
        "seal": ("押印",),
        "seal_certificate": ("押印＋印鑑証明", "印鑑証明"),
        "signature": ("署名",),
        "id_document": ("本人確認書類",),
        "none": ("不要",),
    },
    "Payment": {
        "counter": ("窓口",),
        "convenience_store": ("コンビニ",),
        "pay_easy": ("ペイジー",),
        "credit_card": ("クレジットカード",),
        "qr_code": ("二次元コード決済", "QRコード決済"),
        "eltax": ("エルタックス",),
        "e_money": ("電子マネー",),
        "other_online": ("その他オンライン",),
    },
    "ResultDelivery": {"electronic": ("電子",), "paper": ("紙",), "none": ("なし",)},
    "BackOffice": {"integrated": ("連携済", "システム連携"), "rpa": ("RPA",), "rekeying": ("再入力", "転記")},
    "Severity": {"error": ("エラー",), "warning": ("警告",), "info": ("情報",)},
}


def key(text: str) -> str:
    """A spelling as looked up: NFKC, stripped, case-folded."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def lookup(enum_name: str, values: tuple[str, ...]) -> dict[str, str]:
    """Every accepted spelling (NFKC, case-folded) → the enum value."""
    table = {key(v): v for v in values}
    for value, words in LABELS.get(enum_name, {}).items():
        for word in words:
            table.setdefault(key(word), value)
    return table


def inputs(enum_name: str, values: tuple[str, ...]) -> list[str]:
    """The values and their Japanese spellings, for the JSON Schema (each once, values first)."""
    out = list(values)
    for value in values:
        out += [w for w in LABELS.get(enum_name, {}).get(value, ()) if w not in out]
    return out


def parser(enum_cls: type[enum.Enum]) -> Callable[[object], object]:
    values = tuple(str(m.value) for m in enum_cls)
    table = lookup(enum_cls.__name__, values)

    def parse(value: object) -> object:
        if isinstance(value, str):
            return table.get(key(value), value)
        return value

    return parse


def schema(enum_cls: type[enum.Enum]) -> dict[str, Any]:
    """JSON Schema of ``enum_cls`` as input: its values and their Japanese labels."""
    return {"enum": inputs(enum_cls.__name__, tuple(str(m.value) for m in enum_cls))}


def printed(value: enum.Enum, lang: str) -> str:
    """The word the tool prints for an enum value: its first Japanese spelling in Japanese, the value in English.

    Export writes it, so that a Japanese sheet reads 計画立案 and 実施中 (and import, like set, reads it back)."""
    if lang == "ja":
        words = LABELS.get(type(value).__name__, {}).get(str(value.value))
        if words:
            return words[0]
    return str(value.value)


def yes_no(value: bool, lang: str) -> str:
    """A yes/no fact (``fee``, a system's ``gov_cloud``) as every view prints it: はい／いいえ, yes/no.

    The words import reads back from a sheet's cell (``transfer/fieldcells.py``), and one pair for every such
    field, where あり／なし would read oddly for 名称確認済 or ガバメントクラウド."""
    if lang == "ja":
        return "はい" if value else "いいえ"
    return "yes" if value else "no"


def status_words(lang: str) -> str:
    """Every way a status may be written, as refusals list them: each mark with its words, from ``STATUS_WORDS`` (one
    list for procedures.yaml, ``set --status``, ``gaps --status`` and import's cells, which all read them); the other
    glyphs of a mark (〇, ✕, ―, ー …) go without saying beside the mark."""
    if lang == "ja":
        return "、".join(f"{w[0]}（{', '.join(w[1:])}）" for w in STATUS_WORDS.values())
    return "; ".join(f"{w[0]} ({', '.join(w[1:])})" for w in STATUS_WORDS.values())
