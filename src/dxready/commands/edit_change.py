"""What ``set`` is asked to change: the options (``--status``, ``--counts``, ``--channel`` …) checked into a
``Change`` before any file is touched; a bad value is a UsageError naming its option."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dxready.catalog.load import SCHEMA_VIOLATION, LoadError, Problem
from dxready.catalog.numbers import percent
from dxready.commands.edit_doc import scalar
from dxready.errors import DxreadyError, UsageError
from dxready.findings import Location, Msg

if TYPE_CHECKING:
    from dxready.catalog.models import Status
    from dxready.commands.edit_facts import Facts


@dataclass(frozen=True)
class CountsEntry:
    """One ``--counts`` value: ``FY:TOTAL:ONLINE``, ``FY::ONLINE`` or ``FY:RATE%``, with ``@DATE`` for a part year
    (and, for the municipality header, ``FY:TOTAL:ONLINE:PROCEDURES``)."""

    year: int
    total: int | None = None
    online: int | None = None
    rate: float | None = None
    period_end: dt.date | None = None
    procedures: int | None = None
    source: str | None = None

    def written(self) -> list[tuple[str, str]]:
        """The keys to write, in the catalogue's order (values as YAML text)."""
        out: list[tuple[str, object]] = [("total", self.total), ("online", self.online), ("rate", self.rate)]
        out += [("period_end", self.period_end), ("procedures", self.procedures)]
        text = [(k, v.isoformat() if isinstance(v, dt.date) else str(v)) for k, v in out if v is not None]
        return text + ([("source", scalar(self.source, flow=True))] if self.source is not None else [])

    def said(self) -> Msg:
        from dxready.catalog.fiscal import FiscalYear, period_text, rate_notes

        label = FiscalYear(self.year)
        # the day a part year runs to, in the words every view uses (令和5年11月末現在 / to 2023-11-30)
        end = self.period_end
        part_ja = f"、{period_text(end, 'ja')}" if end else ""
        part_en = f"; {period_text(end, 'en')}" if end else ""
        if self.total is not None and self.online is not None:
            rate = f"{percent(self.online, self.total):.1f}%" if self.total else "—"
            return Msg(
                f"件数 {label.ja()}: {self.online:,} / {self.total:,} 件（オンライン利用率 {rate}{part_ja}）",
                f"counts {label.en()}: {self.online:,} of {self.total:,} online ({rate}{part_en})",
            )
        if self.online is not None:
            return Msg(
                f"件数 {label.ja()}: オンライン {self.online:,} 件（総件数なし{part_ja}）",
                f"counts {label.en()}: {self.online:,} online (no total{part_en})",
            )
        return Msg(
            f"件数 {label.ja()}: {self.rate:.1f}%（{'、'.join(rate_notes(True, end, 'ja'))}）",
            f"counts {label.en()}: {self.rate:.1f}% ({'; '.join(rate_notes(True, end, 'en'))})",
        )


@dataclass(frozen=True)
class Change:
    """What the user asked for, checked: every value already valid for the schema."""

    status: Status | None
    status_text: str | None
    channels: tuple[tuple[str, str | None], ...]
    counts: tuple[CountsEntry, ...]
    note: str | None
    verified_on: dt.date | None
    unset: tuple[str, ...] = ()
    as_of: dt.date | None = None
    sources: tuple[str, ...] = ()
    inferred: bool | None = None
    """True: mark the status as the author's inference (``inferred: [status]``); False: unmark; None: leave."""
    cards: tuple[tuple[str, int, int, dt.date | None], ...] = ()
    facts: Facts | None = None
    """The digital-principle facts (``--identity``, ``--fee`` …), checked (``edit_facts``); None: none given."""

    @property
    def empty(self) -> bool:
        return (
            self.status is None
            and not self.channels
            and not self.counts
            and self.note is None
            and self.verified_on is None
            and not self.unset
            and self.as_of is None
            and not self.sources
            and self.inferred is None
            and not self.cards
            and self.facts is None
        )


def _bad(shown: str, ja: str, en: str, code: str = SCHEMA_VIOLATION) -> DxreadyError:
    """An option's problem (``shown`` is ``--status`` …) is a UsageError; anything else a catalogue problem."""
    if shown.startswith("--"):
        return UsageError(shown, Msg(ja, en))
    return LoadError([Problem(code, Location(shown), Msg(ja, en))])


def _number(text: str) -> int:
    from dxready.catalog.limits import MAX_COUNT

    digits = text.replace(",", "").replace("_", "")
    if len(digits.lstrip("0")) > len(str(MAX_COUNT)) or int(digits) > MAX_COUNT:
        raise _bad(
            "--counts",
            f"--counts: 件数は {MAX_COUNT:,} 以下にしてください（{len(digits):,} 桁の数が指定されました）",
            f"--counts: a count is at most {MAX_COUNT:,} (got a number of {len(digits):,} digits)",
        )
    return int(digits)


def _status(text: str) -> tuple[Status, str]:
    """The status asked for and how to write it: a mark in gives the plan's mark out (〇 → ○), a name gives the name."""
    from dxready.catalog.models import Status

    raw = text.strip()
    try:
        value = Status(Status.parse(raw))
    except ValueError:
        from dxready.catalog.labels import status_words

        raise _bad(
            "--status",
            f"--status {text!r} は使えません。使える値: {status_words('ja')}",
            f"--status {text!r} is not allowed; use {status_words('en')}",
        ) from None
    return value, status_written(raw, value)


def status_written(raw: str, value: Status) -> str:
    """How ``set`` writes a status asked for as ``raw`` (import too): a mark gives the plan's mark, a name the name."""
    from dxready.catalog.labels import key
    from dxready.catalog.models import Status

    if key(raw) != value.value and value is not Status.unknown:
        return value.mark
    return value.value


def _channel(text: str) -> tuple[str, str | None]:
    from dxready.catalog import labels
    from dxready.catalog.models import ChannelKind

    kind, _, name = text.partition(":")
    allowed = [c.value for c in ChannelKind]
    # The words the tool prints are accepted as typed: マイナポータル, ｍｙｎａｐｏｒｔａｌ, 電子申請 …
    kind = labels.lookup("ChannelKind", tuple(allowed)).get(labels.key(kind), kind.strip())
    if kind not in allowed:
        close = difflib.get_close_matches(kind, allowed, n=1, cutoff=0.5)
        hint_ja = f"（'{close[0]}' の誤りですか？）" if close else ""
        hint_en = f" (did you mean '{close[0]}'?)" if close else ""
        listing = ", ".join(allowed)
        words = labels.LABELS["ChannelKind"]
        listing_ja = "、".join(f"{v}（{words[v][0]}）" if v in words else v for v in allowed)
        raise _bad(
            "--channel",
            f"--channel {kind!r} は使えません{hint_ja}。使える値: {listing_ja}（名前は KIND:名前）",
            f"--channel {kind!r} is not a channel{hint_en}; use one of {listing} (name it with KIND:NAME)",
        )
    name = name.strip()
    return kind, (name or None)


_COUNTS_FORM = re.compile(
    r"""^\s*(?P<fy>[^:@]+?)\s*:\s*
    (?:(?P<rate>[0-9]+(?:\.[0-9]+)?)\s*%
      |(?P<total>[0-9][0-9_,]*)?\s*:\s*(?P<online>[0-9][0-9_,]*)(?:\s*:\s*(?P<procs>[0-9][0-9_,]*))?)
    \s*(?:@\s*(?P<end>[^@]+?))?\s*$""",
    re.VERBOSE,
)


def parse_counts(text: str, *, header: bool = False) -> CountsEntry:
    """One ``--counts`` value, checked; LoadError naming the option when it cannot be used."""
    from dxready.catalog.fiscal import FiscalYear, FiscalYearError

    match = _COUNTS_FORM.match(text)
    if not match or (match.group("procs") and not header):
        raise _bad(
            "--counts",
            f"--counts {text!r} は 年度:総件数:オンライン件数、年度::オンライン件数、年度:利用率% のいずれかで指定してください"
            "（一部期間なら @日付。例: 2022:196759:152983、令和3年度:23.2%@令和3年11月末）",
            f"--counts {text!r}: write FY:TOTAL:ONLINE, FY::ONLINE or FY:RATE% (@DATE for a part year; "
            "e.g. 2022:196759:152983, R3:23.2%@2021-11-30)",
        )
    try:
        year = int(FiscalYear.parse(match.group("fy")))
    except FiscalYearError as exc:
        raise _bad("--counts", f"--counts の年度を読めません: {exc.ja}", f"--counts: {exc.en}") from None
    end: dt.date | None = None
    if match.group("end"):
        from dxready.catalog.dates import DateError, parse_date

        try:
            end = parse_date(match.group("end"))
        except DateError as exc:
            raise _bad("--counts", f"--counts {text!r}: {exc.ja}", f"--counts {text!r}: {exc.en}") from None
    if match.group("rate") is not None:
        rate = float(match.group("rate"))
        if rate > 100 or round(rate, 1) != rate:
            raise _bad(
                "--counts",
                f"--counts {text!r}: 利用率は 0〜100 の小数第一位までで指定してください",
                f"--counts {text!r}: a rate is 0 to 100 with at most one decimal",
            )
        return CountsEntry(year, rate=rate, period_end=end)
    total = _number(match.group("total")) if match.group("total") else None
    online = _number(match.group("online"))
    procs = _number(match.group("procs")) if match.group("procs") else None
    if total is not None and online > total:
        raise _bad(
            "--counts",
            f"--counts {text!r}: オンライン件数 {online:,} が総件数 {total:,} を超えています",
            f"--counts {text!r}: online {online:,} exceeds the total {total:,}",
        )
    return CountsEntry(year, total=total, online=online, period_end=end, procedures=procs)


def _counts(text: str) -> tuple[int, int, int]:
    """``FY:TOTAL:ONLINE`` only (kept for callers of the first form)."""
    entry = parse_counts(text)
    if entry.total is None or entry.online is None:
        raise _bad(
            "--counts",
            f"--counts {text!r} は 年度:総件数:オンライン件数 で指定してください（例: 2022:196759:152983）",
            f"--counts {text!r}: write FY:TOTAL:ONLINE (e.g. 2022:196759:152983)",
        )
    return entry.year, entry.total, entry.online


def _cards(text: str, default_day: dt.date | None) -> tuple[str, int, int, dt.date | None]:
    match = re.match(r"^\s*([^:]+?)\s*:\s*([0-9][0-9_,]*)\s*:\s*([0-9][0-9_,]*)\s*$", text)
    if not match or _number(match.group(3)) == 0:
        raise _bad(
            "--cards",
            f"--cards {text!r} は 範囲:交付枚数:人口 で指定してください（例: 鴨川市:25000:31000）",
            f"--cards {text!r}: write SCOPE:CARDS:POPULATION (e.g. Kamogawa:25000:31000)",
        )
    scope, cards, population = match.group(1), _number(match.group(2)), _number(match.group(3))
    if _date_or_number(scope):
        raise _bad(
            "--cards",
            f"--cards {text!r}: 範囲 {scope!r} は日付・年度・数ではなく、数えた区域の名前です（例: 市全体、○○地区）。"
            "日付は --cards-as-of で指定してください",
            f"--cards {text!r}: SCOPE {scope!r} names the area counted (e.g. the whole city, a district), not a"
            " date, a fiscal year or a number; give the date with --cards-as-of",
        )
    if cards > population:
        raise _bad(
            "--cards",
            f"--cards {text!r}: 枚数 {cards:,} が人口 {population:,} を超えています（範囲:枚数:人口 の順です）",
            f"--cards {text!r}: {cards:,} cards exceed the population {population:,} (the order is"
            " SCOPE:CARDS:POPULATION)",
        )
    return scope, cards, population, default_day


def _date_or_number(scope: str) -> bool:
    """A scope that reads as a date or a number is a misplaced value, not the name of an area."""
    from dxready.catalog.dates import DateError, parse_date
    from dxready.catalog.fiscal import FiscalYear, FiscalYearError

    if re.fullmatch(r"[0-9０-９.,_%％\s-]+", scope):
        return True
    for parse, error in ((parse_date, DateError), (FiscalYear.parse, FiscalYearError)):
        try:
            parse(scope)
        except error:
            continue
        return True
    return False


def inert_text(option: str, text: str, *, multiline: bool = False) -> None:
    """A text an option writes into the catalogue holds nothing ``check`` refuses (DX010: a control, an invisible
    format or a look-alike character): else a UsageError naming the option — not DX010 at a line of the text the
    edit would have written, which is in no file."""
    from dxready.rules.dx010_suspicious_text import problem

    found = problem(text, multiline=multiline)
    if found is not None:
        at, ja, en = found
        raise _bad(option, f"{option}: {ja}（{at + 1} 文字目）", f"{option}: {en} (character {at + 1})")


def parse_change(
    *,
    status: str | None,
    channels: list[str],
    counts: list[str],
    note: str | None,
    verified_on: dt.date | None,
    unset: list[str] | None = None,
    as_of: dt.date | None = None,
    sources: list[str] | None = None,
    inferred: bool | None = None,
    cards: list[str] | None = None,
    header: bool = False,
    counts_source: str | None = None,
    facts: dict[str, Any] | None = None,
    cards_as_of: dt.date | None = None,
) -> Change:
    """Check the options before touching any file; a UsageError names the option that is wrong (checked in this
    order: the first wrong one is named)."""
    value, written = _status(status) if status is not None else (None, None)
    if note is not None and (not note.strip() or len(note) > 2000):
        raise _bad(
            "--note",
            "--note は 1〜2000 文字で指定してください（消すには --unset note）",
            "--note must be 1 to 2000 characters (to remove it, --unset note)",
        )
    if note is not None:
        inert_text("--note", note, multiline=True)
    checked_counts = _checked_counts(counts, header, counts_source)
    if cards_as_of is not None and not cards:
        raise _bad(
            "--cards-as-of",
            "--cards-as-of は --cards の枚数の時点です。--cards と一緒に指定してください",
            "--cards-as-of dates the counts of --cards: give it with --cards",
        )
    for day, option in ((verified_on, "--verified-on"), (as_of, "--as-of"), (cards_as_of, "--cards-as-of")):
        if day is not None and day > dt.date.today():
            raise _bad(
                option,
                f"{option} {day} は未来の日付です（確認した日を書いてください）",
                f"{option} {day} is in the future (give the day the status was confirmed)",
            )
    kinds = dict(_channel(text) for text in channels)
    checked_sources = _checked_sources(sources or [])
    checked_unset = _checked_unset(unset or [])
    from dxready.commands import edit_facts

    checked_facts = edit_facts.parse_facts(**facts) if facts and edit_facts.given(facts) else None
    return Change(
        status=value,
        status_text=written,
        channels=tuple(kinds.items()),
        counts=checked_counts,
        note=note,
        verified_on=verified_on,
        unset=checked_unset,
        as_of=as_of,
        sources=checked_sources,
        inferred=inferred,
        cards=tuple(_cards(text, cards_as_of) for text in cards or []),
        facts=checked_facts,
    )


def _checked_counts(counts: list[str], header: bool, counts_source: str | None) -> tuple[CountsEntry, ...]:
    """``--counts`` values (the last one given for a year wins), each with ``--counts-source`` when given."""
    if counts_source is not None and (not counts or not counts_source.strip() or len(counts_source) > 2000):
        raise _bad(
            "--counts-source",
            "--counts-source は --counts と一緒に 1〜2000 文字で指定してください",
            "--counts-source goes with --counts and must be 1 to 2000 characters",
        )
    checked: dict[int, CountsEntry] = {}
    for text in counts:
        entry = parse_counts(text, header=header)
        if counts_source is not None:
            entry = dataclasses.replace(entry, source=counts_source.strip())
        checked[entry.year] = entry
    return tuple(checked.values())


def _checked_sources(sources: list[str]) -> tuple[str, ...]:
    checked = []
    for text in sources:
        if not text.strip() or len(text) > 2000:
            raise _bad(
                "--source",
                "--source は 1〜2000 文字で指定してください",
                "--source must be 1 to 2000 characters",
            )
        checked.append(text.strip())
    return tuple(dict.fromkeys(checked))


def _checked_unset(unset: list[str]) -> tuple[str, ...]:
    fields = []
    for name in unset:
        name = name.strip()
        if not re.fullmatch(r"[a-z_]+", name):
            raise _bad(
                "--unset",
                f"--unset {name!r}: 項目名を指定してください",
                f"--unset {name!r}: give a field name",
            )
        fields.append(name)
    return tuple(dict.fromkeys(fields))
