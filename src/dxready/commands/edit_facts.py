"""``set``'s digital-principle facts: ``--identity``, ``--fee/--no-fee``, ``--payment``, ``--result-delivery``,
``--back-office``, ``--attachments none`` and ``--life-event`` — the facts a procedure's readiness level
(``engine/levels.py``) depends on.

Values are the enum values or the Japanese words the tool prints for them (``catalog/labels.py``): one table, read
here through ``labels.lookup``. A word in gives the tool's printed word out (``印鑑証明`` → ``押印＋印鑑証明``), a value
gives the value, as ``--status`` writes a mark for a mark. ``--payment`` states the list: the options given replace
the recorded methods (so that one command fixes a wrong method, and the same command on several procedures leaves
them alike); ``--life-event`` adds, as ``--channel`` does. The splices reuse ``edit_doc``'s helpers, so comments and
formatting around them stay byte for byte.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dxready.commands.edit_doc import Splice, _Doc, _set_key, append_scalars, scalar
from dxready.errors import UsageError
from dxready.findings import Msg

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog
    from dxready.catalog.models import Procedure

FLAGS = {
    "identity": "--identity",
    "fee": "--fee/--no-fee",
    "payment": "--payment",
    "result_delivery": "--result-delivery",
    "back_office": "--back-office",
    "attachments": "--attachments",
    "life_events": "--life-event",
}
"""Each fact's field and the option that sets it."""

_NONE_WORDS = ("none", "なし", "不要")


@dataclass(frozen=True)
class Facts:
    """The facts asked for, checked: ``(value, text to write)`` pairs; None leaves a fact as it is."""

    identity: tuple[enum.Enum, str] | None = None
    fee: bool | None = None
    payment: tuple[tuple[enum.Enum, str], ...] | None = None
    result_delivery: tuple[enum.Enum, str] | None = None
    back_office: tuple[enum.Enum, str] | None = None
    no_attachments: bool = False
    life_events: tuple[str, ...] = ()
    no_life_events: bool = False
    """``--life-event none``: the procedure belongs to no life event (``life_events: []``)."""

    def fields(self) -> set[str]:
        """The catalogue fields this change writes."""
        given = {
            k
            for k in ("identity", "fee", "payment", "result_delivery", "back_office")
            if getattr(self, k) is not None
        }
        return (
            given
            | ({"attachments"} if self.no_attachments else set())
            | ({"life_events"} if self.life_events or self.no_life_events else set())
        )

    def options(self) -> list[str]:
        """The options given, as typed (for refusals)."""
        return [FLAGS[k] for k in FLAGS if k in self.fields()]


def given(raw: dict[str, Any] | None) -> bool:
    """Whether the command line gave any fact option (``--no-fee`` counts)."""
    return any(v not in (None, []) for v in (raw or {}).values())


def _bad(option: str, ja: str, en: str) -> UsageError:
    return UsageError(option, Msg(ja, en))


def _word(enum_cls: type[enum.Enum], option: str, text: str) -> tuple[enum.Enum, str]:
    """One value of ``option``: the enum member and the text to write (the tool's word for a word, else the value)."""
    from dxready.catalog import labels

    values = tuple(str(m.value) for m in enum_cls)
    found = labels.lookup(enum_cls.__name__, values).get(labels.key(text))
    if found is None:
        words = labels.LABELS.get(enum_cls.__name__, {})
        listing_ja = "、".join(f"{v}（{'・'.join(words[v])}）" if v in words else v for v in values)
        raise _bad(
            option,
            f"{option} {text!r} は使えません。使える値: {listing_ja}",
            f"{option} {text!r} is not allowed; use one of {', '.join(values)} (or the Japanese words: "
            f"{', '.join(w for v in values for w in words.get(v, ()))})",
        )
    member = enum_cls(found)
    written = found if labels.key(text) == labels.key(found) else labels.printed(member, "ja")
    return member, written


def parse_facts(
    *,
    identity: str | None = None,
    fee: bool | None = None,
    payment: list[str] | None = None,
    result_delivery: str | None = None,
    back_office: str | None = None,
    attachments: str | None = None,
    life_events: list[str] | None = None,
) -> Facts:
    """Check the fact options before any file is touched; a UsageError names the first wrong option."""
    from dxready.catalog.models import BackOffice, Identity, Payment, ResultDelivery

    pays = None
    if payment:
        checked = [_word(Payment, "--payment", text) for text in payment]
        pays = tuple({m: (m, w) for m, w in checked}.values())
    if attachments is not None and attachments.strip().casefold() not in _NONE_WORDS:
        raise _bad(
            "--attachments",
            f"--attachments {attachments!r} は使えません。添付書類が要らないときの none（なし）だけを指定できます"
            "（書類ごとの記録は procedures.yaml の attachments に書いてください）",
            f"--attachments {attachments!r} is not allowed; only none (no attachment needed) — record each "
            "document under attachments in procedures.yaml",
        )
    events: list[str] = []
    no_events = any(text.strip().casefold() in _NONE_WORDS for text in life_events or [])
    if no_events and len(life_events or []) > 1:
        raise _bad(
            "--life-event",
            "--life-event none（なし）はほかのライフイベントと一緒には指定できません",
            "--life-event none cannot be given with other life events",
        )
    for text in [] if no_events else life_events or []:
        if not text.strip() or len(text) > 2000:
            raise _bad(
                "--life-event",
                "--life-event は 1〜2000 文字で指定してください",
                "--life-event must be 1 to 2000 characters",
            )
        events.append(text.strip())
    return Facts(
        identity=_word(Identity, "--identity", identity) if identity is not None else None,
        fee=fee,
        payment=pays,
        result_delivery=(
            _word(ResultDelivery, "--result-delivery", result_delivery)
            if result_delivery is not None
            else None
        ),
        back_office=_word(BackOffice, "--back-office", back_office) if back_office is not None else None,
        no_attachments=attachments is not None,
        life_events=tuple(dict.fromkeys(events)),
        no_life_events=no_events,
    )


def refuse_elsewhere(where: str, facts: Facts | dict[str, Any]) -> None:
    """Facts on something that is not a procedure (a sub-procedure, ``municipality``, a system, a roadmap item):
    a UsageError naming the option and saying where it belongs."""
    options = (
        facts.options()
        if isinstance(facts, Facts)
        else [FLAGS[k] for k, v in facts.items() if v not in (None, [])]
    )
    flags = ", ".join(options)
    raise _bad(
        options[0],
        f"{flags} は手続の項目です（{where} には記録できません）。dxready set REF {options[0]} … と手続の id か"
        "標準番号に指定してください（個別手続の事実はまとまりの手続に記録します）",
        f"{flags} is a procedure's fact and cannot be recorded on {where}; use dxready set REF {options[0]} … with a"
        " procedure's id or standard number (a sub-procedure's facts go on its group)",
    )


def _shown(value: object, lang: str) -> str:
    from dxready.catalog import labels

    if value is None:
        return "—"
    if isinstance(value, bool):  # the words diff and import use for every yes/no field
        return labels.yes_no(value, lang)
    if isinstance(value, enum.Enum):
        return labels.printed(value, lang)
    if isinstance(value, list | tuple):
        if not value:
            return "なし" if lang == "ja" else "none"
        if all(isinstance(v, enum.Enum) for v in value):
            return ("、" if lang == "ja" else ", ").join(_shown(v, lang) for v in value)
        return f"{len(value)} 件" if lang == "ja" else f"{len(value)} item{'s' if len(value) != 1 else ''}"
    return str(value)


def _said(field: str, old: object, new: object) -> Msg:
    from dxready.commands.echo import field_word

    ja = field_word(field)
    if old == new:
        return Msg(
            f"{ja}: {_shown(new, 'ja')}（既にその値です）", f"{field}: {_shown(new, 'en')} (already so)"
        )
    return Msg(
        f"{ja}: {_shown(old, 'ja')} → {_shown(new, 'ja')}",
        f"{field}: {_shown(old, 'en')} → {_shown(new, 'en')}",
    )


def _replace_list(doc: _Doc, mapping: Any, key: str, written: list[str], splices: list[Splice]) -> None:
    """The list under ``key`` becomes ``written`` (created when missing; a block list stays a block list)."""
    entries = doc.items(mapping)
    flow_text = "[" + ", ".join(scalar(w, flow=True) for w in written) + "]"
    if key not in entries:
        if written:
            append_scalars(doc, mapping, key, written, splices)
        else:
            _set_key(doc, mapping, key, "[]", splices, quote=False)
        return
    key_node, value_node = entries[key]
    if not written and not doc.is_null(value_node):  # the whole value (a block list's lines too) becomes []
        end = doc.content_end(value_node)
        splices.append(Splice(int(key_node.end_mark.index), end, ": " + flow_text))
        return
    if doc.is_seq(value_node) and not value_node.flow_style and value_node.value:
        column = int(value_node.start_mark.column)
        first = value_node.value[0]
        pad = " " * (int(first.start_mark.column) - column - 1)
        text = scalar(written[0]) + "".join(
            doc.nl + " " * column + "-" + pad + scalar(w) for w in written[1:]
        )
        splices.append(Splice(int(first.start_mark.index), doc.content_end(value_node), text))
        return
    if doc.is_seq(value_node):
        splices.append(Splice(int(value_node.start_mark.index), int(value_node.end_mark.index), flow_text))
        return
    splices.append(
        doc.replace_scalar(value_node, key_node, flow_text, quote=False, flow=bool(mapping.flow_style))
    )


def plan_facts(
    doc: _Doc, node: Any, entry: Procedure, facts: Facts, splices: list[Splice], said: list[Msg]
) -> None:
    """The splices that record ``facts`` on one procedure's mapping, and a line per fact for the user."""
    for field in ("identity", "fee", "payment", "result_delivery", "back_office"):
        asked = getattr(facts, field)
        if asked is None:
            continue
        old = getattr(entry, field)
        if field == "fee":
            new, text = asked, "true" if asked else "false"
        elif field == "payment":
            new, text = [m for m, _ in asked], ""
        else:
            new, text = asked
        said.append(_said(field, old, new))
        if old == new:
            continue
        if field == "payment":
            _replace_list(doc, node, "payment", [w for _, w in asked], splices)
        else:
            _set_key(doc, node, field, text, splices, quote=field != "fee")
    if facts.no_attachments:
        said.append(_said("attachments", entry.attachments, []))
        if entry.attachments != []:
            _replace_list(doc, node, "attachments", [], splices)
    if facts.no_life_events:
        said.append(_said("life_events", entry.life_events, []))
        if entry.life_events != []:
            _replace_list(doc, node, "life_events", [], splices)
    if facts.life_events:
        have = set(entry.life_events or [])
        new_events = [e for e in facts.life_events if e not in have]
        append_scalars(doc, node, "life_events", new_events, splices)
        from dxready.commands.echo import field_word

        events = field_word("life_events")
        said += [Msg(f"{events}: {e} を追加", f"life_events: added {e}") for e in new_events]
        said += [
            Msg(f"{events}: {e} は既にあります", f"life_events: {e} is already there")
            for e in facts.life_events
            if e in have
        ]


def touches_facts(change: Any) -> bool:
    """Whether a ``Change`` records or removes a fact (the echo then says the level before → after; a status-only
    edit keeps its echo as it was)."""
    return change.facts is not None or any(name in FLAGS for name in change.unset)


def level_note(before: Catalog, after: Catalog, ident: str) -> list[Msg]:
    """The procedure's readiness level before → after the edit, when it changed (a span while unsettled)."""
    return level_notes(before, after, [ident])[ident]


def level_notes(before: Catalog, after: Catalog, idents: list[str]) -> dict[str, list[Msg]]:
    """:func:`level_note` of each of ``idents``, each catalogue read through once (bulk ``set``)."""
    from dxready.engine.levels import life_event_bundles, readiness

    wanted = set(idents)

    def levels(catalog: Catalog) -> dict[str, tuple[int, int] | None]:
        procedures = catalog.procedures
        bundles = life_event_bundles(procedures)
        out: dict[str, tuple[int, int] | None] = {}
        for p in procedures:
            if p.id in wanted and p.id not in out:  # the first of an id, as catalog lookups take it
                r = readiness(p, bundles)
                out[p.id] = None if r is None else r.bounds
        return out

    old, new = levels(before), levels(after)

    return {ident: _level_change(old.get(ident), new.get(ident), _level_shown) for ident in idents}


def _level_shown(bounds: tuple[int, int] | None, lang: str) -> str:
    """A level as the echo says it: a span while unsettled, — for a row that does not apply."""
    from dxready.engine.levels import level_words

    if bounds is None:
        return "—（対象外）" if lang == "ja" else "— (not applicable)"
    return level_words(*bounds).get(lang)


def bundle_level_notes(before: Catalog, after: Catalog, ident: str) -> list[Msg]:
    """The levels of *other* procedures that the edit moved: those in a life event whose bundle the edit changed
    (level 4 asks that a life event's procedures are all online, so a status or a life event recorded on one
    procedure can settle or unsettle another's, and recording the life events of a procedure short of ○ settles
    or unsettles every bundle it might have belonged to). Only those are read: a handful, whatever the catalogue's
    size."""
    from dxready.engine.levels import life_event_bundles, readiness

    was_bundles, now_bundles = life_event_bundles(before.procedures), life_event_bundles(after.procedures)
    moved = {
        e
        for e in was_bundles.keys() | now_bundles.keys()
        if was_bundles.get(e, True) != now_bundles.get(e, True)
    }
    if not moved:
        return []
    # The edited row's own life events: a partner outside them moved because the row's membership was unknown.
    mine = {
        e
        for catalog in (before, after)
        for p in catalog.procedures
        if p.id == ident
        for e in p.life_events or ()
    }

    def levels(
        catalog: Catalog, bundles: dict[str, bool | None]
    ) -> dict[str, tuple[tuple[int, int] | None, Any]]:
        out: dict[str, tuple[tuple[int, int] | None, Any]] = {}
        for p in catalog.procedures:
            if p.id != ident and p.id not in out and moved.intersection(p.life_events or ()):
                r = readiness(p, bundles)
                out[p.id] = (None if r is None else r.bounds, p)
        return out

    old, new = levels(before, was_bundles), levels(after, now_bundles)

    notes: list[Msg] = []
    for other in sorted(
        old.keys() | new.keys(), key=lambda i: (new.get(i) or old[i])[1].standard_no or 10**9
    ):
        was, now = old.get(other, (None, None))[0], new.get(other, (None, None))[0]
        p = (new.get(other) or old[other])[1]
        if was == now or p is None:
            continue
        ref = f"No.{p.standard_no}（{p.id}）" if p.standard_no else p.id
        ref_en = f"No.{p.standard_no} ({p.id})" if p.standard_no else p.id
        same = bool(mine.intersection(p.life_events or ()))
        notes.append(
            Msg(
                f"{'同じ' if same else '別の'}ライフイベントの {ref}: "
                f"レベル {_level_shown(was, 'ja')} → {_level_shown(now, 'ja')}",
                f"{ref_en}, {'same' if same else 'another'} life event: "
                f"level {_level_shown(was, 'en')} → {_level_shown(now, 'en')}",
            )
        )
    return notes


def _level_change(old: tuple[int, int] | None, new: tuple[int, int] | None, shown: Any) -> list[Msg]:
    if old == new:
        return []
    return [
        Msg(
            f"レベル {shown(old, 'ja')} → {shown(new, 'ja')}",
            f"level {shown(old, 'en')} → {shown(new, 'en')}",
        )
    ]
