"""Readiness levels 0–4 per applicable procedure: the weakest criterion decides (ARCHITECTURE.md, "Readiness levels")."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from dxready.catalog.models import BackOffice, Identity, Procedure, ResultDelivery, Status
from dxready.findings import Msg

LEVEL_NAMES: dict[int, Msg] = {
    0: Msg("未オンライン", "Not online"),
    1: Msg("一部オンライン", "Partly online"),
    2: Msg("オンライン申請", "Online application"),
    3: Msg("デジタル完結", "Digital first"),
    4: Msg("ワンスオンリー・ワンストップ", "Once-only, one-stop"),
}


def level_words(low: int, high: int) -> Msg:
    """A level as every view words it: ``3`` when settled, ``2–4（未確定）`` / ``2–4 (unsettled)`` while unknown facts
    could still move it between ``low`` and ``high``."""
    if low == high:
        return Msg(str(low), str(low))
    return Msg(f"{low}–{high}（未確定）", f"{low}–{high} (unsettled)")


class State(str, enum.Enum):
    met = "met"
    not_met = "not_met"
    unknown = "unknown"


class Criterion(NamedTuple):
    key: str
    level: int
    text: Msg
    state: State


@dataclass(frozen=True)
class Readiness:
    """A procedure's level, its criteria, and what blocks the next level.

    ``level`` is what the recorded facts establish (an unknown criterion counts as not met); ``ceiling`` is where
    the level would stand if every unknown criterion turned out met. The level is *settled* only when the two agree:
    a ○ row whose identity, fee and result are unrecorded is at least 2 and at most 4, and no view may print it as 2.
    """

    level: int
    criteria: tuple[Criterion, ...]
    ceiling: int = -1

    def __post_init__(self) -> None:
        if self.ceiling < 0:  # built without a ceiling: the level is taken as settled
            object.__setattr__(self, "ceiling", self.level)

    @property
    def settled(self) -> bool:
        return self.level == self.ceiling

    @property
    def bounds(self) -> tuple[int, int]:
        return self.level, self.ceiling

    @property
    def blockers(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.level == self.level + 1 and c.state is not State.met)


_ONLINE_IDENTITY = {Identity.mynumber_card, Identity.account, Identity.none}


def _state(value: bool | None) -> State:
    return _STATES[value]


_STATES = {None: State.unknown, True: State.met, False: State.not_met}
"""A fact's state by its value: what is not recorded, met, not met. :func:`_states` reads it directly (a dict
lookup, not a call: eight per procedure, 80,000 on a large catalogue)."""


CRITERIA: dict[str, tuple[int, Msg]] = {
    "some_online": (1, Msg("一部でもオンラインで申請できる", "can be applied for online, at least in part")),
    "fully_online": (2, Msg("すべてオンラインで申請できる", "can be applied for online in full")),
    "online_identity": (
        3,
        Msg(
            "本人確認がオンライン（マイナンバーカード等）か不要",
            "identity online (My Number Card) or not needed",
        ),
    ),
    "online_payment": (3, Msg("手数料があればオンラインで納付できる", "a fee, if any, can be paid online")),
    "electronic_result": (3, Msg("結果を電子で受け取れる", "the result is delivered electronically")),
    "no_held_attachments": (
        4,
        Msg("市が保有する情報の添付を求めない", "no attachment the city already holds"),
    ),
    "integrated_back_office": (4, Msg("受付後の処理が基幹系と連携している", "the back office is integrated")),
    "life_event_bundle": (
        4,
        Msg("同じライフイベントの手続がすべてオンライン", "the whole life-event bundle is online"),
    ),
}


def criteria(p: Procedure, bundles: dict[str, bool | None]) -> tuple[Criterion, ...]:
    """Every criterion of levels 1–4 for one procedure. ``bundles``: life event → all its procedures online."""
    return _readiness(_states(p, bundles)).criteria


def _states(p: Procedure, bundles: dict[str, bool | None]) -> tuple[State, ...]:
    """The state of each criterion, in the order of :data:`CRITERIA`."""
    s = p.effective_status  # a group recorded as unknown: its sub-procedures' status, when settled
    known = s is not Status.unknown
    identity, result, attachments, back_office = p.identity, p.result_delivery, p.attachments, p.back_office
    state = _STATES
    return (
        state[s in (Status.online, Status.partial) if known else None],  # some_online
        state[s is Status.online if known else None],  # fully_online
        state[None if identity is None else identity in _ONLINE_IDENTITY],  # online_identity
        _payment_state(p),  # online_payment
        state[None if result is None else result is not ResultDelivery.paper],  # electronic_result
        state[  # no_held_attachments
            None if attachments is None else not any(a.held_by_city and not a.abolished for a in attachments)
        ],
        state[None if back_office is None else back_office is BackOffice.integrated],
        _bundle_state(p, bundles),  # life_event_bundle
    )


_SHARED: dict[str, dict[State, Criterion]] = {
    key: {state: Criterion(key, level, text, state) for state in State}
    for key, (level, text) in CRITERIA.items()
}
"""Every (criterion, state) once: a tuple is immutable, so 10,000 procedures share these 24 instead of making 80,000."""

_BY_STATES: dict[tuple[State, ...], Readiness] = {}
"""The readiness of each combination of states (at most 3⁸, most catalogues a few dozen): a Readiness is frozen,
so procedures whose criteria stand alike share one, made once."""


def _readiness(states: tuple[State, ...]) -> Readiness:
    known = _BY_STATES.get(states)
    if known is not None:
        return known
    crit = tuple(_SHARED[key][state] for key, state in zip(CRITERIA, states, strict=True))
    # In level order: the first criterion not met decides.
    first_unmet = next((c.level for c in crit if c.state is not State.met), 5)
    first_failed = next((c.level for c in crit if c.state is State.not_met), 5)
    made = _BY_STATES[states] = Readiness(first_unmet - 1, crit, first_failed - 1)
    return made


def _payment_state(p: Procedure) -> State:
    if p.fee is None:
        return State.unknown
    if not p.fee:
        return State.met
    if p.payment is None:
        return State.unknown
    return _state(any(m.online for m in p.payment))


def _bundle_state(p: Procedure, bundles: dict[str, bool | None]) -> State:
    if p.life_events is None:
        return State.unknown
    states = [bundles.get(e, True) for e in p.life_events]
    if False in states:
        return State.not_met
    return State.unknown if None in states else State.met


def life_event_bundles(procedures: Iterable[Procedure]) -> dict[str, bool | None]:
    """Life event → whether every applicable procedure in it is fully online: True, False, or None while a member's
    status is unknown and none is known to be short of ○ (the unknown one decides).

    Membership is a fact too: an applicable procedure whose ``life_events`` are unrecorded and which is not known to
    be ○ may belong to any life event and hold it back, so while one exists no bundle is taken as wholly online
    (True becomes None; a bundle already known short of ○ stays False). ``life_events: []`` records "none"."""
    result: dict[str, bool | None] = {}
    open_membership = False
    for p in procedures:
        if not p.applicable:
            continue
        s = p.effective_status
        if p.life_events is None:
            open_membership = open_membership or s is not Status.online
            continue
        if not p.life_events:
            continue
        mine = None if s is Status.unknown else s is Status.online
        for event in p.life_events:
            before = result.get(event, True)
            result[event] = False if False in (before, mine) else (None if None in (before, mine) else True)
    if open_membership:
        result = {event: None if whole is True else whole for event, whole in result.items()}
    return result


def readiness(p: Procedure, bundles: dict[str, bool | None]) -> Readiness | None:
    """None for a not-applicable procedure; else the highest level whose criteria (and all below) are met, and the
    highest it could be were every unknown criterion met."""
    if not p.applicable:
        return None
    return _readiness(_states(p, bundles))
