"""Pydantic models of systems.yaml (systems, their modules and migration) and roadmap.yaml (areas and items)."""

# Annotations are evaluated in the class body (no `from __future__ import annotations`): as strings, pydantic
# would compile each one (typing.ForwardRef) while it creates the class, on every command's start-up.

import enum
import unicodedata
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from dxready.catalog import labels
from dxready.catalog.factories import new_list
from dxready.catalog.fiscal import FiscalYear
from dxready.catalog.models_base import FY, Date, Id, Model, Text
from dxready.catalog.strict import STRICT


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


TierIn = Annotated[Tier, BeforeValidator(labels.parser(Tier)), WithJsonSchema(labels.schema(Tier))]


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


PhaseIn = Annotated[Phase, BeforeValidator(labels.parser(Phase)), WithJsonSchema(labels.schema(Phase))]


class Track(str, enum.Enum):
    standard = "standard"  # 2025年度末
    difficult = "difficult"  # 移行困難システム
    tokutei = "tokutei"  # 特定移行支援システム


TrackIn = Annotated[Track, BeforeValidator(labels.parser(Track)), WithJsonSchema(labels.schema(Track))]


class Migration(Model):
    phase: PhaseIn
    target_fiscal_year: FY | None = None
    track: TrackIn = Track.standard
    gov_cloud: bool | None = None
    inferred: bool = False


class DataInput(str, enum.Enum):
    manual = "manual"
    linked = "linked"


DataInputIn = Annotated[
    DataInput, BeforeValidator(labels.parser(DataInput)), WithJsonSchema(labels.schema(DataInput))
]


class System(Model):
    id: Id
    name: Text
    name_en: Text | None = None
    label: Text | None = None
    tier: TierIn
    suite: Text | None = None
    modules: list[Module] = Field(default_factory=new_list)
    standard_business: Business | None = None
    migration: Migration | None = None
    data_input: DataInputIn | None = None
    links: list[Id] = Field(default_factory=new_list)
    owner: Text | None = None
    vendor: Text | None = None
    note: Text | None = None
    inferred: list[str] = Field(default_factory=new_list)

    def businesses(self) -> list[str]:
        found = [self.standard_business] if self.standard_business else []
        found += [m.standard_business for m in self.modules if m.standard_business]
        return list(dict.fromkeys(found))


class SystemsFile(Model):
    schema_version: Literal[1] = 1
    systems: list[System] = Field(default_factory=new_list)


class Area(Model):
    no: Annotated[int, STRICT, Field(ge=1, le=99)]
    title: Text
    title_en: Text | None = None


class RoadmapState(str, enum.Enum):
    not_started = "not_started"
    in_progress = "in_progress"
    done = "done"


RoadmapStateIn = Annotated[
    RoadmapState, BeforeValidator(labels.parser(RoadmapState)), WithJsonSchema(labels.schema(RoadmapState))
]

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
    last_reviewed: Date | None = None
    state: RoadmapStateIn | None = None
    procedures: list[Id] = Field(default_factory=new_list)
    systems: list[Id] = Field(default_factory=new_list)
    owner: Text | None = None
    note: Text | None = None
    inferred: list[str] = Field(default_factory=new_list)

    @property
    def target_year(self) -> FiscalYear | None:
        return self.target if isinstance(self.target, FiscalYear) else None


class RoadmapFile(Model):
    schema_version: Literal[1] = 1
    areas: list[Area] = Field(default_factory=new_list)
    roadmap: list[RoadmapItem] = Field(default_factory=new_list)
