"""Rows → pending changes: what the rows ask of each procedure and sub-procedure, with contradictions refused."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dxready.commands.transfer.cells import (
    CellError,
    cell_channels,
    cell_date,
    cell_text,
    channel_label,
    parse_mark,
    same_text,
)
from dxready.commands.transfer.extras import Extras, Where
from dxready.commands.transfer.fields import PROCEDURE_FIELDS, SOURCES, SUB_FIELDS
from dxready.commands.transfer.match import Matcher
from dxready.commands.transfer.plan_fields import want_fields
from dxready.commands.transfer.read import Value
from dxready.commands.transfer.results import RowFate, Said, SheetNote
from dxready.findings import Msg

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog
    from dxready.catalog.models import Status, SubProcedure


@dataclass
class Pending:
    """What the rows ask of one existing entry; each field remembers the row that set it (for conflicts)."""

    status: tuple[Status, Msg] | None = None
    note: tuple[str, Msg] | None = None
    verified_on: tuple[dt.date, Msg] | None = None
    channels: dict[str, tuple[str | None, dt.date | None, bool, str | None, Msg]] = field(
        default_factory=dict
    )
    counts: dict[int, tuple[CountFields, Msg]] = field(default_factory=dict)
    recorded: bool = False
    """``status`` is a group's own recorded status (記録上の状況), written as it is."""


@dataclass
class NewProcedure:
    id: str
    name: str
    status: Status | None = None
    note: str | None = None
    counts: dict[int, tuple[CountFields, Msg]] = field(default_factory=dict)


class Conflict(CellError):
    pass


def _shown(value: Any) -> str:
    return str(getattr(value, "mark", value))


def _set_once(current: tuple[Any, Msg] | None, value: Any, where: Msg, key: str) -> tuple[Any, Msg]:
    if current is not None and current[0] != value:
        before, after = _shown(current[0]), _shown(value)
        raise Conflict(
            key,
            f"{current[1].ja} と矛盾します（{before} ≠ {after}）",
            f"contradicts {current[1].en} ({before} ≠ {after})",
        )
    return current if current is not None else (value, where)


class Planner:
    def __init__(self, catalog: Catalog, unmatched: str) -> None:
        self.catalog = catalog
        self.unmatched = unmatched
        self.matcher = Matcher(catalog)
        self.procs: dict[int, Pending] = {}
        self.subs: dict[tuple[int, int], Pending] = {}
        self.new: list[NewProcedure] = []
        self.new_by_name: dict[str, NewProcedure] = {}
        self.ids = set(self.matcher.by_id)
        self.fates: list[RowFate] = []
        self.notes: list[SheetNote] = []
        self.extras = Extras()
        self.group_marks: dict[int, tuple[Status | None, int]] = {}
        """A group row's changed オンライン化 mark (None: only its 記録上の状況 changed) and its fate, checked once
        its sub-procedures are known."""
        self.mark_cells: dict[str, dict[str, tuple[str, str]]] = {}
        """Each sheet's オンライン化 and 記録上の状況 columns by key: (letter, header), to name a group's cell refused
        after all rows."""
        self.files: dict[str, str] = {}
        """A CSV sheet's file name, to name its cells by the file (a CSV has no sheet)."""

    def settle_groups(self) -> None:
        """A group recorded as unknown follows its sub-procedures by itself: a mark asked for it that its (imported)
        sub-procedures already settle is not written, so the group keeps following them (as ``set`` leaves it)."""
        self._check_group_marks()
        for index, pending in list(self.procs.items()):
            p = self.matcher.procedures[index]
            if (
                pending.status is None
                or pending.recorded
                or p.status.value != "unknown"
                or not p.sub_procedures
            ):
                continue
            if self._after(index, p.status).effective_status is pending.status[0]:
                pending.status = None
                if pending == Pending():
                    del self.procs[index]

    def _after(self, index: int, status: Status) -> Any:
        """The group as the import leaves it: ``status`` recorded, its sub-procedures' imported statuses."""
        p = self.matcher.procedures[index]
        subs = list(p.sub_procedures)
        for (i, j), sub_pending in self.subs.items():
            if i == index and sub_pending.status is not None:
                subs[j] = subs[j].model_copy(update={"status": sub_pending.status[0]})
        return p.model_copy(update={"sub_procedures": subs, "status": status})

    def _check_group_marks(self) -> None:
        """A group's changed オンライン化 mark must be what the group shows after the import: with its 記録上の状況
        (changed beside it, or else the mark itself, recorded as set records it) and its imported sub-procedures.
        A ○ that no sub-procedure contradicts is recorded (an unknown one may still be ○); one they contradict, or a
        ？ they settle, is refused with the way out. A changed 記録上の状況 they contradict is refused likewise."""
        from dxready.catalog.models import tally
        from dxready.commands.transfer.group_marks import refusal

        for index, (mark, at) in self.group_marks.items():
            pending = self.procs.get(index)
            p = self.matcher.procedures[index]
            recorded = pending.status[0] if pending and pending.status else p.status
            after = self._after(index, recorded)
            effective = after.effective_status
            changed = pending is not None and pending.recorded
            contradicted = changed and after.status_contradicted
            if not contradicted and (mark is None or effective is mark):
                continue
            fate = self.fates[at]
            if fate.fate == "refused":
                continue
            subs = tally([s.status for s in after.sub_procedures])
            key = "recorded" if contradicted else "mark"
            column, header = self.mark_cells.get(fate.sheet, {}).get(key, ("C", "オンライン化"))
            cell = self.cell_names(fate.sheet, fate.row, key)
            reason = refusal(
                cell, recorded, mark, effective, subs, contradicted=contradicted, changed=changed
            )
            self.fates[at] = dataclasses.replace(
                fate, fate="refused", changes=(), column=column, header=header, reason=reason
            )
            self.procs.pop(index, None)
            self.extras.wanted.pop(("procedures", p.id), None)

    def cell_names(self, sheet: str, n: int, *keys: str) -> Msg:
        """Cells of row ``n`` by key, as the table has them: 「手続シートの C19」 / "cell C19 of sheet 手続", or for
        a CSV the file's: 「city.csv の C2」 / "cell C2 of city.csv"."""
        letters = [self.mark_cells.get(sheet, {}).get(key, ("C", ""))[0] + str(n) for key in keys]
        ja, en = " と ".join(letters), f"{'cells' if len(letters) > 1 else 'cell'} {' and '.join(letters)}"
        if sheet in self.files:
            return Msg(f"{self.files[sheet]} の {ja}", f"{en} of {self.files[sheet]}")
        return Msg(f"{sheet}シートの {ja}", f"{en} of sheet {sheet}")

    # -- helpers
    def _fresh_id(self, wanted: str | None) -> str:
        from dxready.catalog.models import SLUG

        if wanted and re.match(SLUG, wanted) and len(wanted) <= 80 and wanted not in self.ids:
            self.ids.add(wanted)
            return wanted
        n = 1
        while f"own-{n:03d}" in self.ids:
            n += 1
        self.ids.add(f"own-{n:03d}")
        return f"own-{n:03d}"

    def _new(self, name: str, wanted_id: str | None) -> NewProcedure:
        folded = self.matcher.fold(name)
        if folded in self.new_by_name:
            return self.new_by_name[folded]
        entry = NewProcedure(self._fresh_id(wanted_id), name)
        self.new.append(entry)
        self.new_by_name[folded] = entry
        return entry

    def locate(self, row: dict[str, Value], where: Msg) -> tuple[int | None, Said | None, str]:
        """(catalogue index or None for unmatched, how it matched, name as written)."""
        name = cell_text(row.get("name")) or ""
        ident = cell_text(row.get("id")) or cell_text(row.get("procedure_id"))
        if ident is not None and ident in self.matcher.by_id:
            index = self.matcher.by_id[ident]
            p = self.matcher.procedures[index]
            return index, None, name or p.name  # a different name is a rename (procedure_row)
        if not name:
            raise CellError("name", "手続の名前がありません", "no procedure name")
        no = self._no(row.get("no"))
        match = self.matcher.find(name, no)
        if match is None:
            return None, None, name
        return match.index, match.how, name

    @staticmethod
    def _no(value: Value) -> int | None:
        if value is None:
            return None
        text = unicodedata.normalize("NFKC", str(value)).strip().rstrip(".")
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        if not text:
            return None
        if not text.isdigit() or not 1 <= int(text) <= 21:
            raise CellError("no", f"No. {value!r} は 1〜21 ではありません", f"No. {value!r} is not 1–21")
        return int(text)

    # -- procedures table
    def procedure_row(self, sheet: str, n: int, row: dict[str, Value]) -> RowFate:
        where = Msg(f"{sheet} {n}行", f"{sheet} row {n}")
        status = parse_mark(row.get("mark"))
        note = cell_text(row.get("note"))
        if note is not None and len(note) > 2000:
            raise CellError("note", "備考は 2000 文字までです", "a note has at most 2000 characters")
        verified = cell_date(row.get("verified_on"), "verified_on")
        channels = cell_channels(row.get("channels"))
        name = cell_text(row.get("name")) or ""
        folded = self.matcher.fold(name)
        if (
            name
            and (cell_text(row.get("id")) or "") not in self.matcher.by_id
            and folded not in self.matcher.by_name
            and folded not in self.matcher.standard
        ):
            sub = self.matcher.find_sub(name, exact=True)
            if sub is not None and verified is None:
                return self._sub_change(sheet, n, sub[0], sub[1], sub[2], status, note, channels)
        index, how, name = self.locate(row, where)
        if index is None:
            # A city's table of the 26 子育て・介護 procedures lists sub-procedures by name, one per row.
            sub = self.matcher.find_sub(name)
            if sub is not None:
                if verified is not None:
                    raise CellError(
                        "verified_on",
                        "個別手続には確認日を記録できません（まとまりの手続に記録してください）",
                        "a sub-procedure takes no verified date (record it on the group)",
                    )
                return self._sub_change(sheet, n, sub[0], sub[1], sub[2], status, note, channels)
            return self.add_unmatched(sheet, n, name, row, status=status, note=note)
        p = self.matcher.procedures[index]
        pending = self.procs.get(index) or Pending()
        said: list[Said] = []
        ident = cell_text(row.get("id"))
        if ident == p.id and name != p.name:  # export's own sheet: the ID names the row, the name may change
            said += self._rename(("procedures", p.id), name, where)
        try:
            recorded = parse_mark(row.get("recorded")) if p.sub_procedures else None
        except CellError as exc:
            raise CellError("recorded", exc.msg.ja, exc.msg.en) from None
        if p.sub_procedures:
            from dxready.commands.transfer.group_marks import read_pair

            heads = {key: head for key, (_, head) in self.mark_cells.get(sheet, {}).items()}
            cells = self.cell_names(sheet, n, "mark", "recorded")
            status, recorded = read_pair(p, status, recorded, cells, heads)
        # A group's オンライン化 cell as export wrote it (the effective status) changes nothing, and an unchanged
        # 記録上の状況 is as a blank one. A changed mark is checked against the sub-procedures once they are all
        # read (_check_group_marks); beside an unchanged 記録上の状況 it is recorded as set records it.
        if p.sub_procedures and status is not None:
            if status is p.effective_status:
                status = None
            else:
                self.group_marks[index] = (status, len(self.fates))
        if recorded is not None and recorded is not p.status:
            self.group_marks.setdefault(index, (None, len(self.fates)))
            status = None
            pending.status = _set_once(pending.status, recorded, where, "recorded")
            pending.recorded = True
            said.append(Said("status", (p.status.mark, recorded.mark)))
        if status is not None and status is not p.effective_status:
            pending.status = _set_once(pending.status, status, where, "mark")
            shown = p.effective_status.mark
            said.append(Said("status", (shown, status.mark)))
        if note is not None and not same_text(note, p.note):
            pending.note = _set_once(pending.note, note, where, "note")
            said.append(Said("note"))
        if verified is not None and verified != p.verified_on:
            pending.verified_on = _set_once(pending.verified_on, verified, where, "verified_on")
            said.append(Said("verified_on", (verified,)))
        said += self._channel_changes(pending, p.channels, channels, where, ("procedures", p.id))
        said += self._fields(("procedures", p.id), p, row, where)
        if pending != Pending():
            self.procs[index] = pending
        return RowFate(sheet, n, "matched" if said else "unchanged", p.id, name, how, tuple(said))

    def _fields(self, at: Where, p: Any, row: dict[str, Value], where: Msg) -> list[Said]:
        """The remaining fields of a procedure (``p`` None: a new one), and its 出典 from export's own sheet."""
        from dxready.catalog.models import Procedure

        cells: dict[str, Any] = dict(row)
        if "id" in row:
            cells["sources"] = row.get("source")
        return want_fields(self.extras, at, (*PROCEDURE_FIELDS, SOURCES), Procedure, p, cells, where)

    def _rename(self, where: Where, name: str, said_where: Msg) -> list[Said]:
        if len(name) > 2000:
            raise CellError("name", "名前は 2000 文字までです", "a name has at most 2000 characters")
        earlier = self.extras.want(where, "name", name, said_where)
        if earlier is not None:
            raise Conflict("name", f"{earlier.ja} と矛盾します", f"contradicts {earlier.en}")
        return [Said("field", ("名前", "name"))]

    def _channel_changes(
        self,
        pending: Pending,
        current: list[Any],
        wanted: list[tuple[str, str | None, dt.date | None, bool, str | None]],
        where: Msg,
        entry: Where,
    ) -> list[Said]:
        """A non-blank channel cell states the entry's channels. When it keeps the recorded ones as they are and adds
        some, those are appended (the list's comments kept); otherwise the whole list is written as the cell says
        (a channel changed, marked or unmarked as inferred, or removed)."""
        if not wanted:
            return []
        from pydantic import ValidationError

        from dxready.catalog.models import Channel
        from dxready.commands.transfer.fieldcells import error_words

        kinds = [w[0] for w in wanted]
        twice = next((k for k in kinds if kinds.count(k) > 1), None)
        if twice is not None:
            raise CellError(
                "channels",
                f"チャネル {channel_label(twice)} が 2 回あります",
                f"channel {twice} is given twice",
            )
        try:
            stated = [Channel(kind=k, name=n, since=s, inferred=i, note=no) for k, n, s, i, no in wanted]
        except ValidationError as exc:
            ja, en = error_words(exc.errors()[0])
            raise CellError(
                "channels", f"チャネルが正しくありません（{ja}）", f"invalid channel ({en})"
            ) from None
        whole = self.extras.wanted.get(entry, {}).get("channels")
        if stated[: len(current)] != list(current):
            earlier = next(iter(pending.channels.values()))[4] if pending.channels else None
            earlier = earlier or self.extras.want(entry, "channels", stated, where)
            if earlier is not None:
                raise Conflict(
                    "channels",
                    f"{earlier.ja} のチャネルと矛盾します",
                    f"contradicts the channels of {earlier.en}",
                )
            return [Said("field", ("チャネル", "channels"))]
        if whole is not None:  # another row stated the whole list
            raise Conflict(
                "channels",
                f"{whole[1].ja} のチャネルと矛盾します",
                f"contradicts the channels of {whole[1].en}",
            )
        said = []
        for kind, name, since, inferred, note in wanted[len(current) :]:
            if kind in pending.channels and pending.channels[kind][:4] != (name, since, inferred, note):
                raise Conflict(
                    "channels",
                    f"{pending.channels[kind][4].ja} のチャネル {channel_label(kind)} と矛盾します",
                    f"contradicts channel {kind} of {pending.channels[kind][4].en}",
                )
            pending.channels[kind] = (name, since, inferred, note, where)
            said.append(Said("channel_added", (kind,)))
        return said

    def add_unmatched(
        self, sheet: str, n: int, name: str, row: dict[str, Value], *, status: Status | None, note: str | None
    ) -> RowFate:
        if self.unmatched != "add":
            raise CellError(
                "name",
                "どの手続とも一致しません（自団体の手続として追加するには --unmatched add）",
                "matches no procedure (add it as the city's own with --unmatched add)",
            )
        from dxready.catalog.models import Status

        entry = self._new(name, cell_text(row.get("id")))
        if status is not None:
            if entry.status is not None and entry.status is not status:
                raise Conflict(
                    "mark",
                    "同じ名前の行と状況が矛盾します",
                    "contradicts the status of a row with the same name",
                )
            entry.status = status
        if note is not None:
            entry.note = note
        mark = (entry.status or Status.unknown).mark
        said = [Said("new_status", (mark,))]
        where = Msg(f"{sheet} {n}行", f"{sheet} row {n}")
        said += self._fields(("procedures", entry.id), None, row, where)
        verified = cell_date(row.get("verified_on"), "verified_on")
        if verified is not None:
            self.extras.want(("procedures", entry.id), "verified_on", verified, where)
        channels = cell_channels(row.get("channels"))
        if channels:
            from dxready.catalog.models import Channel

            whole = [
                Channel(kind=k, name=nm, since=si, inferred=inf, note=no) for k, nm, si, inf, no in channels
            ]
            self.extras.want(("procedures", entry.id), "channels", whole, where)
        return RowFate(
            sheet,
            n,
            "added",
            entry.id,
            name,
            Said("added"),
            tuple(said),
        )

    # -- sub-procedures
    def sub_row(self, sheet: str, n: int, row: dict[str, Value]) -> RowFate:
        from dxready.catalog.registry import fold_name

        where = Msg(f"{sheet} {n}行", f"{sheet} row {n}")
        status = parse_mark(row.get("mark"))
        note = cell_text(row.get("note"))
        channels = cell_channels(row.get("channels"))
        index, how, _ = self.locate(row, where)
        if index is None:
            raise CellError("name", "どの手続とも一致しません", "matches no procedure")
        p = self.matcher.procedures[index]
        sub_id = cell_text(row.get("sub_id"))
        sub_name = cell_text(row.get("sub_name")) or ""
        at = next((j for j, s in enumerate(p.sub_procedures) if s.id == sub_id), None) if sub_id else None
        if at is None and sub_name:
            folded = fold_name(sub_name)
            at = next((j for j, s in enumerate(p.sub_procedures) if fold_name(s.name) == folded), None)
        if at is None:
            raise CellError(
                "sub_id" if sub_id else "sub_name",
                f"{p.id} にこの個別手続はありません（個別手続の追加は読み込みません）",
                f"{p.id} has no such sub-procedure (adding sub-procedures is not imported)",
            )
        sub: SubProcedure = p.sub_procedures[at]
        if sub_name and fold_name(sub_name) != fold_name(sub.name):
            raise CellError(
                "sub_name",
                f"{sub.id} の名前は {sub.name} です（名前の変更は読み込みません）",
                f"{sub.id} is named {sub.name} (renaming is not imported)",
            )
        fate = self._sub_change(sheet, n, index, at, how, status, note, channels)
        where = Msg(f"{sheet} {n}行", f"{sheet} row {n}")
        more = want_fields(self.extras, ("procedures", p.id, sub.id), SUB_FIELDS, type(sub), sub, row, where)
        if more:
            fate = dataclasses.replace(fate, fate="matched", changes=(*fate.changes, *more))
        return fate

    def _sub_change(
        self,
        sheet: str,
        n: int,
        index: int,
        at: int,
        how: Said | None,
        status: Status | None,
        note: str | None,
        channels: list[tuple[str, str | None, dt.date | None, bool, str | None]],
    ) -> RowFate:
        where = Msg(f"{sheet} {n}行", f"{sheet} row {n}")
        p = self.matcher.procedures[index]
        sub = p.sub_procedures[at]
        pending = self.subs.get((index, at)) or Pending()
        said: list[Said] = []
        if status is not None and status is not sub.status:
            pending.status = _set_once(pending.status, status, where, "mark")
            said.append(Said("status", (sub.status.mark, status.mark)))
        if note is not None and not same_text(note, sub.note):
            pending.note = _set_once(pending.note, note, where, "note")
            said.append(Said("note"))
        said += self._channel_changes(pending, sub.channels, channels, where, ("procedures", p.id, sub.id))
        if pending != Pending():
            self.subs[(index, at)] = pending
        return RowFate(
            sheet, n, "matched" if said else "unchanged", f"{p.id}/{sub.id}", sub.name, how, tuple(said)
        )


CountFields = tuple[int | None, int | None, float | None, dt.date | None, str | None]
"""total, online, published rate, period end, source of one count entry."""
