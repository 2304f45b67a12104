"""Pydantic models of procedures.yaml (the municipality header, facts, procedures and their sub-procedures), the
statuses and their marks, and the three files' models by name. The shared types are in ``models_base``, systems and
roadmap in ``models_systems``; every name is re-exported here, so ``from dxready.catalog.models import X`` works for
all of them."""

# Annotations are evaluated in the class body (no `from __future__ import annotations`): as strings, pydantic
# would compile each one (typing.ForwardRef) while it creates the class, on every command's start-up.

import enum
import unicodedata
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator

from dxready.catalog import labels
from dxready.catalog.factories import new_list
from dxready.catalog.models_base import FY as FY
from dxready.catalog.models_base import SLUG as SLUG
from dxready.catalog.models_base import Date as Date
from dxready.catalog.models_base import Id as Id
from dxready.catalog.models_base import Model as Model
from dxready.catalog.models_base import Text as Text
from dxready.catalog.models_base import circled as circled
from dxready.catalog.models_systems import Area as Area
from dxready.catalog.models_systems import Business as Business
from dxready.catalog.models_systems import DataInput as DataInput
from dxready.catalog.models_systems import DataInputIn as DataInputIn
from dxready.catalog.models_systems import Migration as Migration
from dxready.catalog.models_systems import Module as Module
from dxready.catalog.models_systems import Phase as Phase
from dxready.catalog.models_systems import PhaseIn as PhaseIn
from dxready.catalog.models_systems import RoadmapFile as RoadmapFile
from dxready.catalog.models_systems import RoadmapItem as RoadmapItem
from dxready.catalog.models_systems import RoadmapState as RoadmapState
from dxready.catalog.models_systems import RoadmapStateIn as RoadmapStateIn
from dxready.catalog.models_systems import System as System
from dxready.catalog.models_systems import SystemsFile as SystemsFile
from dxready.catalog.models_systems import Target as Target
from dxready.catalog.models_systems import Tier as Tier
from dxready.catalog.models_systems import TierIn as TierIn
from dxready.catalog.models_systems import Track as Track
from dxready.catalog.models_systems import TrackIn as TrackIn
from dxready.catalog.numbers import percent
from dxready.catalog.strict import STRICT, Count, DigitCode, Worded


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
            return _MARK_INPUT.get(labels.key(value), unicodedata.normalize("NFKC", value).strip())
        return value


_MARKS = {status: labels.STATUS_WORDS[status.value][0] for status in Status}
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
_MARK_INPUT = labels.status_table()
"""Every word that reads as a status, after ``labels.key`` (NFKC, case-folded: 全角 Ｏ is o): in procedures.yaml,
``set --status``, ``gaps --status`` and ``import``'s cells alike — one vocabulary for one fact (``labels.STATUS_WORDS``)."""
STATUS_INPUTS: tuple[str, ...] = tuple(
    dict.fromkeys(w for words in labels.STATUS_WORDS.values() for w in words)
    | dict.fromkeys(labels.STATUS_MARK_FORMS)
)

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


class ChannelKind(str, enum.Enum):
    mynaportal = "mynaportal"  # マイナポータル（ぴったりサービス）
    moving_onestop = "moving_onestop"  # 引越しワンストップサービス
    eltax = "eltax"
    e_bidding = "e_bidding"  # 電子入札・入札参加資格審査（ちば電子調達 etc.）
    e_application = "e_application"  # a general e-application system (name it)
    dedicated = "dedicated"  # the department's own web system


ChannelKindIn = Annotated[
    ChannelKind, BeforeValidator(labels.parser(ChannelKind)), WithJsonSchema(labels.schema(ChannelKind))
]


class Channel(Model):
    kind: ChannelKindIn
    name: Text | None = None
    since: Date | None = None
    inferred: bool = False
    note: Text | None = None


def _channel(value: object) -> object:
    return {"kind": value} if isinstance(value, str) else value


ChannelField = Annotated[Channel, BeforeValidator(_channel)]


def _strict_rate(value: object) -> object:
    """A published rate is a number as printed (23.2): not true/false, not a quoted string."""
    if isinstance(value, bool | str):
        raise Worded(
            "利用率は引用符のない数値で書いてください（例: 23.2）", "write the rate as a number (e.g. 23.2)"
        )
    return value


class Counts(Model):
    """One fiscal year's usage as a city publishes it: total and online cases, or online only, or a printed rate.

    ``rate`` is the published percentage (one decimal, as printed) where the city gives one; ``period_end`` marks
    a part year (「11月末現在」); ``source`` says where the figures come from.
    """

    fiscal_year: FY
    total: Count | None = None
    online: Count | None = None
    rate: Annotated[float, BeforeValidator(_strict_rate), Field(ge=0, le=100)] | None = None
    period_end: Date | None = None
    source: Text | None = None

    @model_validator(mode="after")
    def _online_or_rate(self) -> "Counts":
        if self.online is None and self.rate is None:
            from dxready.errors import ValueProblem

            raise ValueProblem(
                "online（うちオンライン件数）か rate（公表された利用率 %）のどちらかが必要です",
                "counts need online (online cases) or rate (the published usage rate, %)",
            )
        return self

    @property
    def computed_rate(self) -> float | None:
        """online ÷ total in percent, one decimal; None without both or with no cases."""
        if self.total is None or self.online is None or self.total == 0:
            return None
        return percent(self.online, self.total)

    @property
    def usage_rate(self) -> float | None:
        """The usage rate to show: computed from the counts where they allow it, else the published rate."""
        computed = self.computed_rate
        return computed if computed is not None else self.rate

    @property
    def rate_source(self) -> Literal["counts", "published"] | None:
        if self.computed_rate is not None:
            return "counts"
        return "published" if self.rate is not None else None


class SubProcedure(Model):
    id: Id
    name: Text
    name_en: Text | None = None
    status: StatusField
    channels: list[ChannelField] = Field(default_factory=new_list)
    name_verified: bool = True
    note: Text | None = None
    counts: list[Counts] = Field(default_factory=new_list)
    inferred: list[str] = Field(default_factory=new_list)

    def latest_counts(self) -> Counts | None:
        return max(self.counts, key=lambda c: int(c.fiscal_year)) if self.counts else None


class Identity(str, enum.Enum):
    mynumber_card = "mynumber_card"
    account = "account"
    seal = "seal"  # 押印
    seal_certificate = "seal_certificate"  # 押印＋印鑑証明
    signature = "signature"
    id_document = "id_document"
    none = "none"


IdentityIn = Annotated[
    Identity, BeforeValidator(labels.parser(Identity)), WithJsonSchema(labels.schema(Identity))
]


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


PaymentIn = Annotated[
    Payment, BeforeValidator(labels.parser(Payment)), WithJsonSchema(labels.schema(Payment))
]


class Attachment(Model):
    name: Text
    held_by_city: bool = False
    abolished: bool = False


class ResultDelivery(str, enum.Enum):
    electronic = "electronic"
    paper = "paper"
    none = "none"


ResultDeliveryIn = Annotated[
    ResultDelivery,
    BeforeValidator(labels.parser(ResultDelivery)),
    WithJsonSchema(labels.schema(ResultDelivery)),
]


class BackOffice(str, enum.Enum):
    integrated = "integrated"
    rpa = "rpa"
    rekeying = "rekeying"


BackOfficeIn = Annotated[
    BackOffice, BeforeValidator(labels.parser(BackOffice)), WithJsonSchema(labels.schema(BackOffice))
]


class Procedure(Model):
    id: Id
    standard_no: Annotated[int, STRICT, Field(ge=1, le=21)] | None = None
    name: Text
    name_en: Text | None = None
    status: StatusField
    channels: list[ChannelField] = Field(default_factory=new_list)
    sub_procedures: list[SubProcedure] = Field(default_factory=new_list)
    systems: list[Id] = Field(default_factory=new_list)
    identity: IdentityIn | None = None
    fee: bool | None = None
    payment: list[PaymentIn] | None = None
    attachments: list[Attachment] | None = None
    result_delivery: ResultDeliveryIn | None = None
    back_office: BackOfficeIn | None = None
    life_events: list[Text] | None = None
    counts: list[Counts] = Field(default_factory=new_list)
    target_fiscal_year: FY | None = None
    owner: Text | None = None
    note: Text | None = None
    as_of: Date | None = None
    verified_on: Date | None = None
    sources: list[Text] = Field(default_factory=new_list)
    inferred: list[str] = Field(default_factory=new_list)

    @property
    def applicable(self) -> bool:
        return self.status is not Status.not_applicable

    @property
    def standard(self) -> bool:
        """One of the 21 national standard rows (rates are over these; a city's own procedures count apart)."""
        return self.standard_no is not None

    @property
    def effective_status(self) -> Status:
        """The status every output uses: the recorded one, or for a group recorded as unknown, its sub-procedures'
        status when that is settled whatever the unknown ones turn out to be (see :func:`settled_status`).

        A group whose recorded status its sub-procedures contradict (DX008: ○ with a × sub-procedure) has no known
        status: either mark may be the wrong one, so it counts as unknown in every rate, level and table."""
        if self.sub_procedures:
            if self.status is Status.unknown:
                derived = settled_status([s.status for s in self.sub_procedures])
                return derived if derived is not None else Status.unknown
            if self.status_contradicted:
                return Status.unknown
        return self.status

    @property
    def status_contradicted(self) -> bool:
        """A group recorded ○, 一部 or × that no completion of its sub-procedures allows (what DX008 reports)."""
        if not self.sub_procedures or self.status in (Status.unknown, Status.not_applicable):
            return False
        return self.status not in possible_statuses([s.status for s in self.sub_procedures])

    @property
    def status_inferred(self) -> bool:
        return "status" in self.inferred

    def latest_counts(self) -> Counts | None:
        return max(self.counts, key=lambda c: int(c.fiscal_year)) if self.counts else None

    def group_counts(self, fiscal_year: int) -> tuple[int, int, int] | None:
        """(total, online, rows) summed over the sub-procedures that have total and online counts for the year; None
        when none has, or when one has only online cases or a published rate for it: its cases are recorded but
        cannot be added, so a sum without them would understate the group's (README: the row then shows no usage)."""
        total = online = rows = 0
        for sub in self.sub_procedures:
            c = next((c for c in sub.counts if int(c.fiscal_year) == fiscal_year), None)
            if c is None:
                continue
            if c.total is None or c.online is None:
                return None
            total, online, rows = total + c.total, online + c.online, rows + 1
        return (total, online, rows) if rows else None

    def group_rate(self, fiscal_year: int) -> float | None:
        """The group's usage rate from its sub-procedures' counts, only when every applicable one is counted.

        With some sub-procedures uncounted the rate could be anything (their cases are unknown), so none is stated:
        the summed counts are shown with how many rows they rest on (``group_counts``), never as the group's rate."""
        summed = self.group_counts(fiscal_year)
        if summed is None or not summed[0]:
            return None
        return percent(summed[1], summed[0]) if summed[2] >= self.applicable_subs else None

    @property
    def applicable_subs(self) -> int:
        """Sub-procedures that are not — (a not-applicable one has no cases to count)."""
        return sum(s.status is not Status.not_applicable for s in self.sub_procedures)


_ONLINE_SOME = frozenset({Status.online, Status.partial})
_NOT_FULL = frozenset({Status.partial, Status.offline})


def settled_status(statuses: list[Status]) -> Status | None:
    """A group's status from its sub-procedures' statuses, or None when unknown ones could still change it.

    All online → ○; all offline → ×; at least one (partly) online and at least one not fully online → 一部, which
    no unknown can change. Not-applicable sub-procedures are left out; with none applicable, None.
    """
    applicable = [s for s in statuses if s is not Status.not_applicable]
    if not applicable:
        return None
    if any(s in _ONLINE_SOME for s in applicable) and any(s in _NOT_FULL for s in applicable):
        return Status.partial
    if Status.unknown in applicable:
        return None
    return applicable[0]  # all online, or all offline


def possible_statuses(statuses: list[Status]) -> frozenset[Status]:
    """Every status the group could have, over every completion of its unknown sub-procedures."""
    applicable = [s for s in statuses if s is not Status.not_applicable]
    if not applicable:
        return frozenset(Status)
    known = {s for s in applicable if s is not Status.unknown}
    open_ = Status.unknown in applicable
    out: set[Status] = set()
    if known <= {Status.online}:
        out.add(Status.online)
    if known <= {Status.offline}:
        out.add(Status.offline)
    if Status.partial in known or {Status.online, Status.offline} <= known or open_:
        out.add(Status.partial)
    return frozenset(out)


def tally(statuses: list[Status]) -> str:
    """「○ 2 / ？ 13 / 15」: how many sub-procedures have each status, of how many."""
    parts = [f"{s.mark} {n}" for s in Status if (n := sum(x is s for x in statuses))]
    return " / ".join([*parts, str(len(statuses))])


class CardRate(Model):
    scope: Text
    cards: Count
    population: Annotated[int, STRICT, Field(gt=0, le=10**12)]

    @property
    def rate(self) -> float:
        return percent(self.cards, self.population)


class MynumberCard(Model):
    as_of: Date
    population_as_of: Date | None = None
    rates: list[CardRate]


class CityCounts(Counts):
    """The municipality-wide totals a 条例 publication gives: how many procedures, how many cases, how many online."""

    procedures: Count | None = None


class Municipality(Model):
    name: Text
    name_en: Text | None = None
    code: DigitCode
    prefecture: Text | None = None
    plan: Text | None = None
    mynumber_card: MynumberCard | None = None
    counts: list[CityCounts] = Field(default_factory=new_list)
    sources: list[Text] = Field(default_factory=new_list)


class Fact(Model):
    id: Id
    text: Text
    text_en: Text | None = None
    since: Date | None = None
    since_fiscal_year: FY | None = None
    procedures: list[Id] = Field(default_factory=new_list)
    roadmap: list[Id] = Field(default_factory=new_list)


class ProceduresFile(Model):
    schema_version: Literal[1] = 1
    municipality: Municipality
    as_of: Date | None = None
    facts: list[Fact] = Field(default_factory=new_list)
    procedures: list[Procedure] = Field(default_factory=new_list)


FILE_MODELS: dict[str, type[Model]] = {
    "procedures": ProceduresFile,
    "systems": SystemsFile,
    "roadmap": RoadmapFile,
}
