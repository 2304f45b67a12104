"""The options of ``set system|roadmap ID`` and ``add system|roadmap ID``, checked into an :class:`EntityChange`.

Enum values are accepted in the words people type (基幹系, 移行, 本格運用, 実施中, 完了 …), fiscal years in every spelling
(令和8年度, FY2026, 2026), ``standard_business`` only as one of the 20 standardised businesses (with a did-you-mean).
An option of the wrong kind (``--tier`` on a roadmap item, ``--status`` on a system) is refused naming the right ones.
A bad option is a :class:`~dxready.errors.UsageError` naming it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from dxready.catalog.problems import SCHEMA_VIOLATION, LoadError
from dxready.errors import DxreadyError, Problem, UsageError
from dxready.findings import Location, Msg

KINDS = ("system", "roadmap")

# Japanese words people type for the enums (the enum values themselves are always accepted).
_WORDS: dict[str, dict[str, str]] = {
    "tier": {"基幹系": "backbone", "情報系": "intranet", "イントラ系": "intranet", "独立系": "standalone"},
    "phase": {
        "計画立案": "planning",
        "計画": "planning",
        "システム選定": "selection",
        "選定": "selection",
        "移行": "migrating",
        "移行中": "migrating",
        "本格運用": "operating",
        "運用": "operating",
        "運用中": "operating",
        "不要": "not_required",
        "対象外": "not_required",
    },
    "track": {"標準": "standard", "移行困難": "difficult", "特定移行支援": "tokutei"},
    "data_input": {"手入力": "manual", "手作業": "manual", "連携": "linked", "データ連携": "linked"},
    "state": {
        "未着手": "not_started",
        "実施中": "in_progress",
        "着手": "in_progress",
        "完了": "done",
        "済": "done",
    },
}


def _bad(shown: str, ja: str, en: str, code: str = SCHEMA_VIOLATION) -> DxreadyError:
    """An option's problem (``shown`` is ``--tier`` …) is a UsageError; anything else a catalogue problem."""
    if shown.startswith("--"):
        return UsageError(shown, Msg(ja, en))
    return LoadError([Problem(code, Location(shown), Msg(ja, en))])


@dataclass(frozen=True)
class Value:
    """One field to write: its key path in the entry, the YAML text, whether that text is a string to quote."""

    path: tuple[str, ...]
    text: str
    quote: bool = False
    fiscal: bool = (
        False  # a fiscal year: written in the style the file already uses (令和8年度, FY2026, 2026)
    )


@dataclass
class EntityChange:
    """What ``set system|roadmap`` asked for, already checked."""

    values: list[Value] = field(default_factory=list)
    lists: dict[str, list[str]] = field(default_factory=dict)  # key → ids to add (links, procedures, systems)
    serves: list[str] = field(default_factory=list)  # procedure ids that this system serves

    unset: list[str] = field(default_factory=list)  # optional fields to remove (``migration.FIELD`` inside)

    @property
    def empty(self) -> bool:
        return not self.values and not any(self.lists.values()) and not self.serves and not self.unset


# --------------------------------------------------------------------------------------------------- option values


def _enum(option: str, key: str, text: str) -> str:
    from dxready.catalog import models

    enum_of: type[enum.Enum] = {  # type: ignore[assignment]
        "tier": models.Tier,
        "phase": models.Phase,
        "track": models.Track,
        "data_input": models.DataInput,
        "state": models.RoadmapState,
    }[key]
    raw = unicodedata.normalize("NFKC", text).strip()
    value = _WORDS[key].get(raw, raw)
    allowed = [str(e.value) for e in enum_of]
    if value not in allowed:
        words = "、".join(_WORDS[key])
        raise _bad(
            option,
            f"{option} {text!r} は使えません。使える値: {', '.join(allowed)}（{words}）",
            f"{option} {text!r} is not allowed; use {', '.join(allowed)}",
        )
    return value


def _fiscal(option: str, text: str) -> str:
    from dxready.catalog.fiscal import FiscalYear, FiscalYearError

    try:
        return str(int(FiscalYear.parse(unicodedata.normalize("NFKC", text).strip())))
    except FiscalYearError as exc:
        raise _bad(option, f"{option} の年度を読めません: {exc.ja}", f"{option}: {exc.en}") from None


def _target(text: str) -> str:
    raw = unicodedata.normalize("NFKC", text).strip()
    words = {"期限なし": "none", "なし": "none", "適宜": "recurring", "随時": "recurring"}
    raw = words.get(raw, raw)
    return raw if raw in ("none", "recurring") else _fiscal("--target", raw)


def _business(text: str) -> str:
    from dxready.catalog.registry import STANDARD_BUSINESSES

    value = unicodedata.normalize("NFKC", text).strip()
    if value in STANDARD_BUSINESSES:
        return value
    close = difflib.get_close_matches(value, STANDARD_BUSINESSES, n=1, cutoff=0.4)
    hint_ja = f"（'{close[0]}' の誤りですか？）" if close else ""
    hint_en = f" (did you mean '{close[0]}'?)" if close else ""
    raise _bad(
        "--standard-business",
        f"--standard-business {text!r} は標準化対象の20業務にありません{hint_ja}",
        f"--standard-business {text!r} is not one of the 20 standardised businesses{hint_en}",
    )


def _text(option: str, text: str) -> str:
    if not text.strip() or len(text) > 2000:
        raise _bad(
            option, f"{option} は 1〜2000 文字で指定してください", f"{option} must be 1 to 2000 characters"
        )
    return text


def _number(option: str, value: int | str) -> int:
    """A number from 1 to 99 as typed (full-width digits too: ``１``)."""
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 99:
        raise _bad(option, f"{option} は 1〜99 の番号です", f"{option} must be a number from 1 to 99")
    return int(text)


def _ids(option: str, values: list[str]) -> list[str]:
    out = []
    for v in values:
        ident = unicodedata.normalize("NFKC", v).strip()
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", ident):
            raise _bad(option, f"{option} {v!r} は id ではありません", f"{option} {v!r} is not an id")
        out.append(ident)
    return list(dict.fromkeys(out))


def system_change(
    *,
    name: str | None = None,
    tier: str | None = None,
    phase: str | None = None,
    migration_target: str | None = None,
    track: str | None = None,
    gov_cloud: bool | None = None,
    standard_business: str | None = None,
    data_input: str | None = None,
    owner: str | None = None,
    vendor: str | None = None,
    note: str | None = None,
    links: list[str] | None = None,
    serves: list[str] | None = None,
    label: str | None = None,
) -> EntityChange:
    change = EntityChange()
    if name is not None:
        change.values.append(Value(("name",), _text("--name", name), quote=True))
    if label is not None:
        change.values.append(Value(("label",), _text("--label", label), quote=True))
    if tier is not None:
        change.values.append(Value(("tier",), _enum("--tier", "tier", tier)))
    if standard_business is not None:
        change.values.append(Value(("standard_business",), _business(standard_business), quote=True))
    if phase is not None:
        change.values.append(Value(("migration", "phase"), _enum("--phase", "phase", phase)))
    if migration_target is not None:
        change.values.append(
            Value(
                ("migration", "target_fiscal_year"),
                _fiscal("--migration-target", migration_target),
                fiscal=True,
            )
        )
    if track is not None:
        change.values.append(Value(("migration", "track"), _enum("--track", "track", track)))
    if gov_cloud is not None:
        change.values.append(Value(("migration", "gov_cloud"), "true" if gov_cloud else "false"))
    if data_input is not None:
        change.values.append(Value(("data_input",), _enum("--data-input", "data_input", data_input)))
    for key, value in (("owner", owner), ("vendor", vendor), ("note", note)):
        if value is not None:
            change.values.append(Value((key,), _text(f"--{key}", value), quote=True))
    change.lists["links"] = _ids("--link", links or [])
    change.serves = _ids("--serves", serves or [])
    return change


def roadmap_change(
    *,
    title: str | None = None,
    area: int | str | None = None,
    state: str | None = None,
    start: str | None = None,
    target: str | None = None,
    last_reviewed: dt.date | None = None,
    owner: str | None = None,
    note: str | None = None,
    procedures: list[str] | None = None,
    systems: list[str] | None = None,
    no: int | None = None,
) -> EntityChange:
    change = EntityChange()
    if area is not None:
        change.values.append(Value(("area",), str(_number("--area", area))))
    if no is not None:
        change.values.append(Value(("no",), str(_number("--no", no))))
    if title is not None:
        change.values.append(Value(("title",), _text("--title", title), quote=True))
    if state is not None:
        change.values.append(Value(("state",), _enum("--state", "state", state)))
    if start is not None:
        change.values.append(Value(("start_fiscal_year",), _fiscal("--start", start), fiscal=True))
    if target is not None:
        change.values.append(Value(("target",), _target(target), fiscal=True))
    if last_reviewed is not None:
        if last_reviewed > dt.date.today():
            raise _bad(
                "--last-reviewed",
                f"--last-reviewed {last_reviewed} は未来の日付です",
                f"--last-reviewed {last_reviewed} is in the future",
            )
        change.values.append(Value(("last_reviewed",), last_reviewed.isoformat()))
    for key, value in (("owner", owner), ("note", note)):
        if value is not None:
            change.values.append(Value((key,), _text(f"--{key}", value), quote=True))
    change.lists["procedures"] = _ids("--procedure", procedures or [])
    change.lists["systems"] = _ids("--system", systems or [])
    return change


SYSTEM_OPTIONS = (
    "name",
    "tier",
    "label",
    "phase",
    "migration_target",
    "track",
    "gov_cloud",
    "standard_business",
    "data_input",
    "owner",
    "vendor",
    "note",
    "links",
    "serves",
)
ROADMAP_OPTIONS = (
    "title",
    "area",
    "state",
    "start",
    "target",
    "last_reviewed",
    "owner",
    "note",
    "procedures",
    "systems",
)
PROCEDURE_OPTIONS = ("status", "channels", "counts", "verified_on")


def _flag(key: str) -> str:
    return {
        "links": "--link",
        "serves": "--serves",
        "procedures": "--procedure",
        "systems": "--system",
        "channels": "--channel",
        "sources": "--source",
    }.get(key, "--" + key.replace("_", "-"))


def change_for(kind: str, options: dict[str, Any]) -> EntityChange:
    """Split the command line's options by ``kind``; an option that belongs to another kind is refused."""
    allowed = SYSTEM_OPTIONS if kind == "system" else ROADMAP_OPTIONS
    usable = (*allowed, "unset")
    stray = [k for k, v in options.items() if v not in (None, [], False) and k not in usable]
    if stray:
        flags = ", ".join(_flag(k) for k in stray)
        ok = ", ".join(_flag(k) for k in usable)
        raise _bad(
            flags,
            f"{kind} には {flags} を指定できません（使える項目: {ok}）",
            f"{flags} does not apply to a {kind} (use {ok})",
        )
    picked = {k: options.get(k) for k in allowed}
    change = system_change(**picked) if kind == "system" else roadmap_change(**picked)
    change.unset = unset_fields(kind, options.get("unset") or [], change)
    return change


def unset_fields(kind: str, names: list[str], change: EntityChange) -> list[str]:
    """``--unset FIELD`` on a system or a roadmap item: its optional fields (a system's ``migration.FIELD`` too),
    none of them also being set; a UsageError naming ``--unset`` otherwise, before any file is read."""
    from dxready.catalog.models_systems import Migration, RoadmapItem, System

    model = System if kind == "system" else RoadmapItem
    optional = [n for n, f in model.model_fields.items() if not f.is_required()]
    if kind == "system":
        optional += [f"migration.{n}" for n, f in Migration.model_fields.items() if not f.is_required()]
    out: list[str] = []
    for raw in names:
        name = unicodedata.normalize("NFKC", raw).strip().replace("-", "_")
        if name not in optional:
            raise _bad(
                "--unset",
                f"{kind} の --unset {raw!r} は使えません。消せる項目: {', '.join(optional)}",
                f"--unset {raw!r} is not an optional field of a {kind}; optional fields: {', '.join(optional)}",
            )
        out.append(name)
    setting = {v.path[0] for v in change.values} | {".".join(v.path) for v in change.values}
    setting |= {key for key, ids in change.lists.items() if ids}
    both = [n for n in out if n in setting or any(s.startswith(n + ".") for s in setting)]
    if both:
        raise _bad(
            "--unset",
            f"--unset {both[0]} と同じ項目を同時に設定しています",
            f"--unset {both[0]} conflicts with setting the same field",
        )
    return list(dict.fromkeys(out))


def procedure_stray(options: dict[str, Any]) -> None:
    """A system or roadmap option given to ``set`` on a procedure: refused, naming the right form."""
    stray = [_flag(k) for k, v in options.items() if v not in (None, [], False)]
    flags = ", ".join(stray)
    raise _bad(
        flags,
        f"{flags} はシステムか工程表の項目に使います（dxready set system ID … / dxready set roadmap ID …）",
        f"{flags} applies to systems and roadmap items (dxready set system ID … / dxready set roadmap ID …)",
    )
