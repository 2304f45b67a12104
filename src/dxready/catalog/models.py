"""Pydantic models of the three catalogue files (procedures, systems, roadmap) and the loaded catalogue."""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema

from dxready.catalog.fiscal import FiscalYear
from dxready.catalog.strict import STRICT, Count, DigitCode

SLUG = r"^[a-z0-9][a-z0-9-]*$"
Id = Annotated[str, StringConstraints(pattern=SLUG, max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False, defer_build=True)


class Status(str, enum.Enum):
    online = "online"
    partial = "partial"
    offline = "offline"
    not_applicable = "not_applicable"
    unknown = "unknown"

    @property
    def mark(self) -> str:
        return _MARKS[self]

    def label(self, lang: str) -> str:
        return (_LABELS_JA if lang == "ja" else _LABELS_EN)[self]

    @classmethod
    def parse(cls, value: object) -> object:
        if isinstance(value, str):
            text = unicodedata.normalize("NFC", value.strip())
            return _MARK_INPUT.get(text, text)
        return value


_MARKS = {
    Status.online: "○",
    Status.partial: "一部",
    Status.offline: "×",
    Status.not_applicable: "—",
    Status.unknown: "？",
}
_LABELS_JA = {
    Status.online: "オンライン化済",
    Status.partial: "一部オンライン",
    Status.offline: "未オンライン",
    Status.not_applicable: "該当なし",
    Status.unknown: "未確認",
}
_LABELS_EN = {
    Status.online: "online",
    Status.partial: "partial",
    Status.offline: "offline",
    Status.not_applicable: "not applicable",
    Status.unknown: "unknown",
}
_MARK_INPUT = {
    "○": "online",
    "〇": "online",
    "◯": "online",
    "一部": "partial",
    "×": "offline",
    "✕": "offline",
    "✖": "offline",
    "—": "not_applicable",
    "－": "not_applicable",
    "―": "not_applicable",
    "-": "not_applicable",
    "?": "unknown",
    "？": "unknown",
}
STATUS_INPUTS: tuple[str, ...] = tuple(s.value for s in Status) + tuple(_MARK_INPUT)

StatusField = Annotated[
    Status,
    BeforeValidator(Status.parse),
    WithJsonSchema(
        {
            "enum": list(STATUS_INPUTS),
            "description": "online ○ | partial 一部 | offline × | not_applicable — | unknown",
        }
    ),
]


def _fiscal(value: object) -> object:
    return FiscalYear.parse(value)


FY = Annotated[FiscalYear, BeforeValidator(_fiscal)]


class ChannelKind(str, enum.Enum):
    mynaportal = "mynaportal"  # マイナポータル（ぴったりサービス）
    moving_onestop = "moving_onestop"  # 引越しワンストップサービス
    eltax = "eltax"
    e_bidding = "e_bidding"  # 電子入札・入札参加資格審査（ちば電子調達 etc.）
    e_application = "e_application"  # a general e-application system (name it)
    dedicated = "dedicated"  # the department's own web system


class Channel(Model):
    kind: ChannelKind
    name: Text | None = None
    since: dt.date | None = None
    inferred: bool = False
    note: Text | None = None


def _channel(value: object) -> object:
    return {"kind": value} if isinstance(value, str) else value


ChannelField = Annotated[Channel, BeforeValidator(_channel)]


class SubProcedure(Model):
    id: Id
    name: Text
    name_en: Text | None = None
    status: StatusField
    channels: list[ChannelField] = Field(default_factory=list)
    name_verified: bool = True
    note: Text | None = None


class Identity(str, enum.Enum):
    mynumber_card = "mynumber_card"
    account = "account"
    seal = "seal"  # 押印
    seal_certificate = "seal_certificate"  # 押印＋印鑑証明
    signature = "signature"
    id_document = "id_document"
    none = "none"


class Payment(str, enum.Enum):
    counter = "counter"
    convenience_store = "convenience_store"
    pay_easy = "pay_easy"
    credit_card = "credit_card"
    qr_code = "qr_code"  # 二次元コード決済 / eL-QR
    eltax = "eltax"
    e_money = "e_money"
    other_online = "other_online"

    @property
    def online(self) -> bool:
        return self not in (Payment.counter, Payment.convenience_store)


class Attachment(Model):
    name: Text
    held_by_city: bool = False
    abolished: bool = False


class ResultDelivery(str, enum.Enum):
    electronic = "electronic"
    paper = "paper"
    none = "none"


class BackOffice(str, enum.Enum):
    integrated = "integrated"
    rpa = "rpa"
    rekeying = "rekeying"


class Counts(Model):
    fiscal_year: FY
    total: Count
    online: Count

    @property
    def rate(self) -> float | None:
        return None if self.total == 0 else round(100.0 * self.online / self.total, 1)


class Procedure(Model):
    id: Id
    standard_no: Annotated[int, STRICT, Field(ge=1, le=21)] | None = None
    name: Text
    name_en: Text | None = None
    status: StatusField
    channels: list[ChannelField] = Field(default_factory=list)
    sub_procedures: list[SubProcedure] = Field(default_factory=list)
    systems: list[Id] = Field(default_factory=list)
    identity: Identity | None = None
    fee: bool | None = None
    payment: list[Payment] | None = None
    attachments: list[Attachment] | None = None
    result_delivery: ResultDelivery | None = None
    back_office: BackOffice | None = None
    life_events: list[Text] | None = None
    counts: list[Counts] = Field(default_factory=list)
    target_fiscal_year: FY | None = None
    owner: Text | None = None
    note: Text | None = None
    as_of: dt.date | None = None
    verified_on: dt.date | None = None
    inferred: list[str] = Field(default_factory=list)

    @property
    def applicable(self) -> bool:
        return self.status is not Status.not_applicable

    def latest_counts(self) -> Counts | None:
        return max(self.counts, key=lambda c: int(c.fiscal_year)) if self.counts else None


class CardRate(Model):
    scope: Text
    cards: Count
    population: Annotated[int, STRICT, Field(gt=0, le=10**12)]

    @property
    def rate(self) -> float:
        return round(100.0 * self.cards / self.population, 1)


class MynumberCard(Model):
    as_of: dt.date
    population_as_of: dt.date | None = None
    rates: list[CardRate]


class Municipality(Model):
    name: Text
    name_en: Text | None = None
    code: DigitCode
    prefecture: Text | None = None
    plan: Text | None = None
    mynumber_card: MynumberCard | None = None


class Fact(Model):
    id: Id
    text: Text
    text_en: Text | None = None
    since: dt.date | None = None
    since_fiscal_year: FY | None = None
    procedures: list[Id] = Field(default_factory=list)
    roadmap: list[Id] = Field(default_factory=list)


class ProceduresFile(Model):
    schema_version: Literal[1] = 1
    municipality: Municipality
    as_of: dt.date | None = None
    facts: list[Fact] = Field(default_factory=list)
    procedures: list[Procedure] = Field(default_factory=list)


class Tier(str, enum.Enum):
    backbone = "backbone"  # 基幹系
    intranet = "intranet"  # 情報系（イントラ系）
    standalone = "standalone"  # 独立系

    def label(self, lang: str) -> str:
        return (
            {"backbone": "基幹系", "intranet": "情報系", "standalone": "独立系"}[self.value]
            if lang == "ja"
            else {
                "backbone": "Backbone",
                "intranet": "Intranet",
                "standalone": "Standalone",
            }[self.value]
        )


def _business(value: object) -> object:
    if isinstance(value, str):
        return unicodedata.normalize("NFKC", value).strip()
    return value


Business = Annotated[str, BeforeValidator(_business)]


class Module(Model):
    name: Text
    name_en: Text | None = None
    standard_business: Business | None = None
    inferred: bool = False


class Phase(str, enum.Enum):
    planning = "planning"  # 計画立案
    selection = "selection"  # システム選定
    migrating = "migrating"  # 移行
    operating = "operating"  # 本格運用
    not_required = "not_required"


class Track(str, enum.Enum):
    standard = "standard"  # 2025年度末
    difficult = "difficult"  # 移行困難システム
    tokutei = "tokutei"  # 特定移行支援システム


class Migration(Model):
    phase: Phase
    target_fiscal_year: FY | None = None
    track: Track = Track.standard
    gov_cloud: bool | None = None
    inferred: bool = False


class DataInput(str, enum.Enum):
    manual = "manual"
    linked = "linked"


class System(Model):
    id: Id
    name: Text
    name_en: Text | None = None
    label: Text | None = None
    tier: Tier
    suite: Text | None = None
    modules: list[Module] = Field(default_factory=list)
    standard_business: Business | None = None
    migration: Migration | None = None
    data_input: DataInput | None = None
    links: list[Id] = Field(default_factory=list)
    owner: Text | None = None
    vendor: Text | None = None
    note: Text | None = None
    inferred: list[str] = Field(default_factory=list)

    def businesses(self) -> list[str]:
        found = [self.standard_business] if self.standard_business else []
        found += [m.standard_business for m in self.modules if m.standard_business]
        return list(dict.fromkeys(found))


class SystemsFile(Model):
    schema_version: Literal[1] = 1
    systems: list[System] = Field(default_factory=list)


class Area(Model):
    no: Annotated[int, STRICT, Field(ge=1, le=99)]
    title: Text
    title_en: Text | None = None


class RoadmapState(str, enum.Enum):
    not_started = "not_started"
    in_progress = "in_progress"
    done = "done"


_TARGET_WORDS = {"期限なし": "none", "なし": "none", "適宜": "recurring", "随時": "recurring"}


def _target(value: object) -> object:
    if isinstance(value, str):
        text = value.strip()
        text = _TARGET_WORDS.get(text, text)
        if text in ("none", "recurring"):
            return text
        return FiscalYear.parse(text)
    if isinstance(value, int) and not isinstance(value, bool):
        return FiscalYear.parse(value)
    return value


Target = Annotated[FiscalYear | Literal["none", "recurring"], BeforeValidator(_target)]


class RoadmapItem(Model):
    id: Id
    area: Annotated[int, STRICT, Field(ge=1, le=99)]
    no: Annotated[int, STRICT, Field(ge=1, le=99)] | None = None
    title: Text
    title_en: Text | None = None
    start_fiscal_year: FY | None = None
    target: Target = "none"
    review_fiscal_year: FY | None = None
    review_cycle_years: Annotated[int, STRICT, Field(ge=1, le=10)] | None = None
    last_reviewed: dt.date | None = None
    state: RoadmapState | None = None
    procedures: list[Id] = Field(default_factory=list)
    systems: list[Id] = Field(default_factory=list)
    owner: Text | None = None
    note: Text | None = None
    inferred: list[str] = Field(default_factory=list)

    @property
    def target_year(self) -> FiscalYear | None:
        return self.target if isinstance(self.target, FiscalYear) else None


class RoadmapFile(Model):
    schema_version: Literal[1] = 1
    areas: list[Area] = Field(default_factory=list)
    roadmap: list[RoadmapItem] = Field(default_factory=list)


FILE_MODELS: dict[str, type[Model]] = {
    "procedures": ProceduresFile,
    "systems": SystemsFile,
    "roadmap": RoadmapFile,
}


def circled(n: int | None) -> str:
    """① for 1 … ⑳ for 20, as the plan numbers its items."""
    if n is None:
        return ""
    return chr(0x2460 + n - 1) if 1 <= n <= 20 else f"({n})"
