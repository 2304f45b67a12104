"""Planning ``set municipality`` (pure: no file is touched): the splices that make a ``Change`` on the catalogue's
header — the city-wide counts, sources and My Number Card counts — and on the catalogue's ``as_of``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from dxready.catalog.numbers import percent
from dxready.commands.edit_change import Change, _bad
from dxready.commands.edit_doc import Splice, _append, _Doc, _merge_inserts, _set_key, append_scalars, scalar
from dxready.commands.edit_plan import _plan_unset, plan_counts
from dxready.findings import Msg

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog


def header_splices(doc: _Doc, catalog: Catalog, change: Change) -> tuple[list[Splice], list[Msg]]:
    """The splices of a ``set municipality`` change (pure)."""
    splices: list[Splice] = []
    said: list[Msg] = []
    top = doc.root
    header = doc.items(top)["municipality"][1]
    model = catalog.procedures_file.municipality
    if change.as_of is not None:
        _plan_as_of(doc, change.as_of, splices)
        said.append(
            Msg(
                f"状況の時点（カタログ全体）: {change.as_of}",
                f"as_of (the catalogue's status date): {change.as_of}",
            )
        )
    if change.sources:
        new = [src for src in change.sources if src not in model.sources]
        append_scalars(doc, header, "sources", new, splices)
        said += [Msg(f"出典: {src} を追加", f"sources: added {src}") for src in new]
    if change.counts:
        plan_counts(doc, header, change.counts, splices, said)
    if change.cards:
        day = _cards_day(change.cards)
        if model.mynumber_card is None:
            _first_cards(doc, header, change.cards, day, splices)
        else:
            _more_cards(doc, header, change.cards, day, splices)
        said.append(Msg(f"マイナンバーカードの時点: {day}", f"My Number Card counts as of: {day}"))
        for sc, c, pop, _ in change.cards:
            said.append(
                Msg(
                    f"マイナンバーカード {sc}: {c:,} / {pop:,}（{percent(c, pop):.1f}%）",
                    f"My Number Card {sc}: {c:,} of {pop:,} ({percent(c, pop):.1f}%)",
                )
            )
    for name in change.unset:
        _plan_unset(doc, top if name == "as_of" else header, name, splices, said)
    return _merge_inserts(splices), said


def _plan_as_of(doc: _Doc, as_of: dt.date, splices: list[Splice]) -> None:
    """The catalogue's ``as_of``: replaced where it is; a new one above the procedures it dates (after the header
    and its comments), not after the last one."""
    top = doc.root
    entries = doc.items(top)
    anchor = entries.get("procedures", entries.get("facts", (None, None)))[0]
    if "as_of" in entries or top.flow_style or anchor is None:
        _set_key(doc, top, "as_of", as_of.isoformat(), splices, quote=False)
        return
    point = doc.text.rfind("\n", 0, int(anchor.start_mark.index)) + 1
    splices.append(Splice(point, point, f"as_of: {as_of.isoformat()}" + doc.nl))


Cards = tuple[tuple[str, int, int, dt.date | None], ...]


def _rate_row(scope: str, cards: int, population: int) -> list[tuple[str, str]]:
    return [("scope", scalar(scope, flow=True)), ("cards", str(cards)), ("population", str(population))]


def _cards_day(cards: Cards) -> dt.date:
    """The date card counts describe is part of the figures (``--cards-as-of``): never the catalogue's status date,
    never silently the date older counts had."""
    day = cards[0][3]
    if day is None:
        raise _bad(
            "--cards",
            "--cards の枚数の時点を --cards-as-of で指定してください（--as-of はカタログの状況の時点です）",
            "give the date of the --cards counts with --cards-as-of (--as-of is the catalogue's status date)",
        )
    return day


def _first_cards(doc: _Doc, header: Any, cards: Cards, day: dt.date, splices: list[Splice]) -> None:
    """A new ``mynumber_card`` block dated ``--cards-as-of``."""
    lines = ["mynumber_card:", f"  as_of: {day.isoformat()}", "  rates:"]
    for sc, c, pop, _ in cards:
        lines.append("    - {" + ", ".join(f"{k}: {v}" for k, v in _rate_row(sc, c, pop)) + "}")
    splices.append(doc.add_lines(header, lines))


def _more_cards(doc: _Doc, header: Any, cards: Cards, day: dt.date, splices: list[Splice]) -> None:
    """Card counts into the existing block: a scope already there updated, a new scope appended, the block's date
    set to ``--cards-as-of`` — refused when a scope left out would take a date its counts are not of."""
    node = doc.items(header)["mynumber_card"][1]
    rates_node = doc.items(node)["rates"][1]
    by_scope = {}
    for item in rates_node.value:
        if doc.is_map(item) and "scope" in doc.items(item):
            by_scope[str(doc.items(item)["scope"][1].value)] = item
    old_day = str(doc.items(node)["as_of"][1].value) if "as_of" in doc.items(node) else None
    left = [sc for sc in by_scope if sc not in {c[0] for c in cards}]
    if old_day != day.isoformat() and left:
        names = "、".join(left)
        raise _bad(
            "--cards-as-of",
            f"マイナンバーカードの時点 {old_day} を {day} にすると、{names} の枚数もその時点になります。"
            f"{names} も --cards で指定してください",
            f"moving the card counts' date from {old_day} to {day} would date {', '.join(left)} too:"
            " give them with --cards as well",
        )
    _set_key(doc, node, "as_of", day.isoformat(), splices, quote=False)
    fresh = []
    for sc, c, pop, _ in cards:
        if sc in by_scope:
            _set_key(doc, by_scope[sc], "cards", str(c), splices, quote=False)
            _set_key(doc, by_scope[sc], "population", str(pop), splices, quote=False)
        else:
            fresh.append(_rate_row(sc, c, pop))
    _append(doc, node, "rates", fresh, splices)
