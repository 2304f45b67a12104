"""Count rows → pending changes: one count entry as cities publish it (total and online, online only, a printed rate,
or all three), for a procedure, a sub-procedure or a city's own new procedure."""

from __future__ import annotations

from typing import Any

from dxready.catalog.numbers import agrees, percent
from dxready.commands.transfer.cells import CellError, cell_date, cell_int, cell_rate, cell_text
from dxready.commands.transfer.plan import Conflict, CountFields, Pending, Planner
from dxready.commands.transfer.read import Value
from dxready.commands.transfer.results import RowFate, Said
from dxready.findings import Msg


def counts_row(planner: Planner, sheet: str, n: int, row: dict[str, Value]) -> RowFate:
    """One count entry as cities publish it: total and online, online only, a printed rate, or all three."""
    from dxready.catalog.fiscal import FiscalYear, FiscalYearError
    from dxready.catalog.registry import fold_name

    where = Msg(f"{sheet} {n}行", f"{sheet} row {n}")
    year_text = cell_text(row.get("fiscal_year"))
    if year_text is None:
        raise CellError("fiscal_year", "年度がありません", "no fiscal year")
    try:
        year = FiscalYear.parse(year_text)
    except FiscalYearError as exc:
        raise CellError("fiscal_year", exc.ja, exc.en) from None
    total, online, rate = (
        cell_int(row.get("total"), "total"),
        cell_int(row.get("online"), "online"),
        cell_rate(row.get("rate")),
    )
    period_end, source = cell_date(row.get("period_end"), "period_end"), cell_text(row.get("source"))
    if online is None and rate is None:
        raise CellError(
            "online", "オンライン件数か割合のどちらかが必要です", "an online count or a rate is needed"
        )
    if total is not None and online is not None and online > total:
        raise CellError(
            "online",
            f"オンライン件数 {online:,} が総件数 {total:,} を超えています",
            f"online {online:,} exceeds the total {total:,}",
        )
    computed = percent(online, total) if total and online is not None else None
    if rate is not None and computed is not None and not agrees(rate, online or 0, total or 1):
        raise CellError(
            "rate",
            f"割合 {rate}% が {online:,}/{total:,} = {computed:.1f}% と合いません",
            f"rate {rate}% does not agree with {online:,}/{total:,} = {computed:.1f}%",
        )
    fields = (total, online, None if rate is None else round(rate, 1), period_end, source)
    said = (Said("counts", (int(year), fields)),)
    sub_id = cell_text(row.get("sub_id"))
    index, how, name = (None, None, cell_text(row.get("name")) or "")
    sub: tuple[int, int, Said | None] | None = None
    if sub_id:
        index, how, name = planner.locate({**row, "name": None}, where)
        p = planner.matcher.procedures[index] if index is not None else None
        at = next((j for j, x in enumerate(p.sub_procedures) if x.id == sub_id), None) if p else None
        if at is None or index is None:
            raise CellError("sub_id", "この個別手続はありません", "no such sub-procedure")
        sub = (index, at, how)
    else:
        folded = fold_name(name)
        if name and folded not in planner.matcher.by_name and folded not in planner.matcher.standard:
            found = planner.matcher.find_sub(name, exact=True)
            sub = found if found is None else (found[0], found[1], found[2])
        if sub is None:
            index, how, name = planner.locate(row, where)
            if index is None:
                found = planner.matcher.find_sub(name)
                sub = None if found is None else (found[0], found[1], found[2])
    if sub is not None:
        i, j, how = sub
        entry = planner.matcher.procedures[i].sub_procedures[j]
        key: tuple[int, int] = (i, j)
        ident = f"{planner.matcher.procedures[i].id}/{entry.id}"
        return _count_change(
            sheet, n, planner.subs, key, entry.counts, int(year), fields, where, ident, entry.name, how, said
        )
    if index is None:
        fate = planner.add_unmatched(sheet, n, name, row, status=None, note=None)
        new = planner.new_by_name[planner.matcher.fold(name)]
        before = new.counts.get(int(year))
        if before is not None and before[0] != fields:
            raise Conflict(
                "total", f"{before[1].ja} の件数と矛盾します", f"contradicts the counts of {before[1].en}"
            )
        new.counts[int(year)] = (fields, where)
        return RowFate(sheet, n, "added", new.id, name, fate.how, said)
    p = planner.matcher.procedures[index]
    return _count_change(
        sheet, n, planner.procs, index, p.counts, int(year), fields, where, p.id, name, how, said
    )


def _count_change(
    sheet: str,
    n: int,
    pendings: dict[Any, Pending],
    key: Any,
    counts: list[Any],
    year: int,
    fields: CountFields,
    where: Msg,
    ident: str,
    name: str,
    how: Said | None,
    said: tuple[Said, ...],
) -> RowFate:
    current = next((c for c in counts if int(c.fiscal_year) == year), None)
    if current is not None:
        have = (current.total, current.online, current.rate, current.period_end, current.source)
        if all(new is None or new == old for new, old in zip(fields, have, strict=True)):
            return RowFate(sheet, n, "unchanged", ident, name, how)
    earlier = pendings[key].counts.get(year) if key in pendings else None
    if earlier is not None and earlier[0] != fields:
        raise Conflict(
            "total", f"{earlier[1].ja} の件数と矛盾します", f"contradicts the counts of {earlier[1].en}"
        )
    pendings.setdefault(key, Pending()).counts[year] = (fields, where)
    return RowFate(sheet, n, "matched", ident, name, how, said)
