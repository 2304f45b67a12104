"""``compare``'s coordinator views: usage per standard row (latest counted year) and roll-ups by prefecture.

The usage grid appears only when some catalogue has counts; its cells are each municipality's latest fiscal year's
online usage rate for that row with that year (blank where not counted; 公表値 and a part year's end date where they
apply), and its last row the rate pooled over one fiscal year only — the latest year any municipality counted whole
(cases and online cases) — with the year and how many municipalities it adds up; other years, part years and
published rates keep their own cells and add nothing to the pool. Roll-ups (``--by prefecture``) state a rate as one figure only when
every applicable cell is known; otherwise as bounds with the coverage (known / applicable cells); the wards' catalogues
they set aside (commands/rollup.py) are said in every format: under the table, in json and csv, and on stderr.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from dxready.i18n import t
from dxready.render.safe import csv_cell, md_cell, md_text, oneline
from dxready.render.views import pct

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from dxready.commands.compare import Comparison, Row
    from dxready.commands.rollup import Rollup, UsageColumn
    from dxready.commands.usage import Usage


def _usage_cell(u: Usage | None, lang: str = "ja") -> str:
    """Blank where the row was not counted; else the rate with its fiscal year, and 公表値 / the date a part year
    runs to where they apply: '60.0%（令和5年度）', '23.2%（令和5年度 公表値、令和5年11月末現在）'. A counted row
    without a rate (online cases only) is "—" with its year."""
    if u is None:
        return ""
    year = _year(u, lang)
    details = _details(u, lang)
    if lang == "ja":
        return f"{pct(u.rate)}（{year}{' ' + '、'.join(details) if details else ''}）"
    return f"{pct(u.rate)} ({year}{': ' + '; '.join(details) if details else ''})"


def _year(u: Usage, lang: str) -> str:
    from dxready.catalog.fiscal import FiscalYear

    return FiscalYear(u.fiscal_year).label(lang)


def _details(u: Usage, lang: str) -> list[str]:
    """What makes a usage rate unlike a whole year's counts: 公表値, and the date a part year runs to."""
    from dxready.catalog.fiscal import rate_notes

    return rate_notes(u.published, u.period_end, lang)


def _pooled_cell(column: UsageColumn, lang: str) -> str:
    """The pooled rate of one fiscal year, with the year and how many municipalities it adds up: '11.7%（令和5年度、
    2 団体）'; '—' when no municipality counted both figures for a whole year."""
    from dxready.catalog.fiscal import FiscalYear

    if column.fiscal_year is None:
        return "—"
    year = FiscalYear(column.fiscal_year).label(lang)
    n = column.pooled
    if lang == "ja":
        return f"{pct(column.rate)}（{year}、{n} 団体）"
    return f"{pct(column.rate)} ({year}, {n} {'municipality' if n == 1 else 'municipalities'})"


def _counted_nos(comparison: Comparison) -> list[int]:
    from dxready.commands.compare import STANDARD_NOS

    return [
        no
        for i, no in enumerate(STANDARD_NOS)
        if any(row.usage and row.usage[i] is not None for row in comparison.rows)
    ]


def _title(lang: str) -> str:
    return t(
        lang,
        "オンライン利用率（各団体の最新年度）",
        "Online usage rate (each municipality's latest year)",
    )


def _pooled_label(lang: str) -> str:
    return t(lang, "全体（同じ年度の件数の合計）", "All (counts of one year pooled)")


def _usage_note(lang: str) -> str:
    return t(
        lang,
        "全体: 各手続で、年度全体の件数（総数とオンライン件数）を記録した団体のうち、最も新しい年度の分だけを合計した率"
        "です。別の年度、年度途中の件数、公表値だけの団体は合計に入れていません。",
        "All: for each procedure, the rate over the counts (cases and online cases) of whole fiscal years, added up "
        "over the municipalities that counted the latest such year only; other years, part years and published "
        "rates are not added in.",
    )


def usage_table(comparison: Comparison, lang: str) -> Table | None:
    """The usage grid for the terminal, or None when no catalogue has counts."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from dxready.commands.rollup import any_usage, usage_columns

    if not any_usage(comparison):
        return None
    nos = _counted_nos(comparison)
    grid = Table(
        box=box.SIMPLE_HEAD, pad_edge=False
    )  # the title is printed above it, wrapped the house's way
    grid.add_column(Text(t(lang, "団体", "Municipality")), no_wrap=True)
    grid.add_column(Text(t(lang, "コード", "Code")), no_wrap=True)
    for no in nos:
        grid.add_column(Text(str(no)), justify="right", no_wrap=True)
    from dxready.render.grid import BIG

    big = (
        sum(1 for row in comparison.rows if row.usage) > BIG
    )  # drawn as a plain grid: plain strings are cells enough
    for row in comparison.rows:
        if not row.usage:
            continue
        cells = (oneline(row.name), oneline(row.code), *(_usage_cell(row.usage[no - 1], lang) for no in nos))
        grid.add_row(*(cells if big else (Text(c) for c in cells)))
    columns = {c.no: c for c in usage_columns(comparison)}
    grid.add_row(
        Text(_pooled_label(lang)),
        Text(""),
        *(Text(_pooled_cell(columns[no], lang)) for no in nos),
    )
    return grid


def print_usage(made: Console, comparison: Comparison, lang: str, width: int) -> None:
    """The usage grid when it fits ``width`` cells, else one record per counted municipality (nothing without
    counts)."""
    from rich.text import Text

    # 1,741 rows: measured and drawn plainly
    from dxready.render.grid import BIG, natural_width, print_renderable
    from dxready.render.wrap import join_fit, wrap

    grid = usage_table(comparison, lang)
    if grid is None:
        return
    for line in wrap(_title(lang), width):
        made.print(Text(line, no_wrap=True, overflow="ignore"), soft_wrap=True)
    note = wrap(_usage_note(lang), width)
    if natural_width(made, grid) <= width:
        print_renderable(made, grid)
        for line in note:
            made.print(Text(line, no_wrap=True, overflow="ignore"), soft_wrap=True)
        made.print()
        return
    from dxready.commands.rollup import usage_columns

    nos = _counted_nos(comparison)
    lines: list[str] = []
    for row in comparison.rows:
        if row.usage:
            lines.append(oneline(f"{row.name}（{row.code}）" if lang == "ja" else f"{row.name} ({row.code})"))
            cells = [
                f"{no} {_usage_cell(row.usage[no - 1], lang)}" for no in nos if row.usage[no - 1] is not None
            ]
            lines += join_fit(cells, "  ", width, first="  ", indent="  ")
    columns = {c.no: c for c in usage_columns(comparison)}
    lines.append(_pooled_label(lang))
    pooled = [f"{no} {_pooled_cell(columns[no], lang)}" for no in nos]
    lines += join_fit(pooled, "  ", width, first="  ", indent="  ")
    lines += note
    if grid.row_count > BIG:  # plain lines, as rich prints them (no style, never wrapped)
        made.file.write("".join(line + "\n" for line in lines))
    else:
        for line in lines:
            made.print(Text(line, no_wrap=True, overflow="ignore"), soft_wrap=True)
    made.print()


def usage_markdown(comparison: Comparison, lang: str) -> list[str]:
    from dxready.commands.rollup import any_usage, usage_columns

    if not any_usage(comparison):
        return []
    nos = _counted_nos(comparison)
    head = [t(lang, "団体", "Municipality"), t(lang, "コード", "Code"), *(str(no) for no in nos)]
    lines = [f"### {md_text(_title(lang))}", "", "| " + " | ".join(head) + " |"]
    lines.append("|" + "|".join([" --- ", " --- ", *([" --: "] * len(nos))]) + "|")
    for row in comparison.rows:
        if row.usage:
            cells = [
                md_cell(row.name),
                md_cell(row.code),
                *(_usage_cell(row.usage[no - 1], lang) for no in nos),
            ]
            lines.append("| " + " | ".join(cells) + " |")
    columns = {c.no: c for c in usage_columns(comparison)}
    pooled = [_pooled_cell(columns[no], lang) for no in nos]
    lines.append("| " + " | ".join([f"**{md_text(_pooled_label(lang))}**", "", *pooled]) + " |")
    return [*lines, "", md_text(_usage_note(lang))]


def usage_json(comparison: Comparison) -> list[dict[str, Any]]:
    from dxready.commands.rollup import usage_columns

    return [
        {
            "standard_no": c.no,
            "counted": c.counted,
            "pooled": c.pooled,
            "pooled_fiscal_year": c.fiscal_year,
            "total": c.total,
            "online": c.online,
            "rate": c.rate,
        }
        for c in usage_columns(comparison)
        if c.counted
    ]


def usage_csv_heads(comparison: Comparison, lang: str) -> list[str]:
    """Three columns per standard row: the rate (a number), its fiscal year and its note (公表値, 「…現在」)."""
    from dxready.commands.rollup import any_usage

    if not any_usage(comparison):
        return []
    return [
        head
        for no in range(1, 22)
        for head in (
            t(lang, f"利用率{no}", f"usage{no}"),
            t(lang, f"利用率{no}年度", f"usage{no} fiscal year"),
            t(lang, f"利用率{no}注記", f"usage{no} note"),
        )
    ]


def usage_csv_cells(comparison: Comparison, row: Row, lang: str) -> list[str]:
    """The rate as a number (blank when not counted, or counted without a rate), the fiscal year as the terminal
    writes it (令和5年度, FY2023) and the note as the terminal writes it (公表値、令和5年11月末現在; blank for a
    whole year's counts): a cell of one year or kind never reads as comparable to another's."""
    from dxready.commands.rollup import any_usage

    if not any_usage(comparison):
        return []
    if not row.usage:
        return [""] * 63
    cells: list[str] = []
    for u in row.usage:
        if u is None:
            cells += ["", "", ""]
            continue
        note = ("、" if lang == "ja" else "; ").join(_details(u, lang))
        cells += ["" if u.rate is None else f"{u.rate:.1f}", _year(u, lang), note]
    return cells


# --------------------------------------------------------------------------------------------------- roll-ups


def _rate_text(group: Rollup, lang: str) -> str:
    bounds = group.rate_bounds
    if bounds is None:
        return "—"
    if group.rate is not None:
        return f"{group.rate:.1f}%"
    return f"{bounds[0]:.1f}–{bounds[1]:.1f}%"  # one dash in both languages, as every terminal view writes a span


def _name(group: Rollup, lang: str) -> str:
    from dxready.commands.rollup import UNKNOWN_PREFECTURE

    return t(lang, "不明", "unknown") if group.key == UNKNOWN_PREFECTURE else group.key


def _share(group: Rollup) -> str:
    return (
        f"{len(group.municipalities)}/{group.in_registry}"
        if group.in_registry
        else str(len(group.municipalities))
    )


def _heads(lang: str) -> list[str]:
    return [
        t(lang, "都道府県", "Prefecture"),
        t(lang, "団体数/全国", "Here/registry"),
        "○",
        "一部",
        "×",
        "—",
        "？",
        t(lang, "オンライン化率", "Online rate"),
        t(lang, "確認済", "Known"),
    ]


def _cells(group: Rollup, lang: str) -> list[str]:
    c = group.cells
    counts = [str(c[s]) for s in ("online", "partial", "offline", "not_applicable", "unknown")]
    return [
        _name(group, lang),
        _share(group),
        *counts,
        _rate_text(group, lang),
        f"{group.known}/{group.applicable}",
    ]


def _rollup_note(lang: str, comparison: Comparison | None = None) -> str:
    text = t(
        lang,
        "団体数/全国: 比較した団体数／国の団体一覧にある団体数。確認済: 状況が分かっているセル／対象のセル。"
        "未確認（？）のセルがある都道府県は、率を下限–上限（？をすべて×とした値から、すべて○とした値まで）で示します。",
        "Here/registry: municipalities compared / municipalities in the national registry. Known: cells whose "
        "status is known / applicable cells. Where cells are unknown (？), the rate is given as bounds: every "
        "unknown cell × to every unknown cell ○.",
    )
    wards = wards_said(comparison, lang) if comparison is not None else ""
    return text + (" " if lang != "ja" and wards else "") + wards


def city_name(code: str) -> str:
    """A designated city's registry name (千葉市), or its code when the registry has none."""
    from dxready.catalog.municipalities import by_code

    entry = by_code(code)
    return entry.name if entry is not None else code


def wards_said(comparison: Comparison, lang: str) -> str:
    """'区のカタログは数えていません（区は市町村ではありません）: 千葉市の区 2 件（千葉市のカタログはなく、千葉市も数えて
    いません）。' — or '' when no ward's catalogue is in the set."""
    from dxready.commands.rollup import wards_set_aside

    parts = []
    for city, wards, own in wards_set_aside(comparison):
        name = city_name(city)
        n = len(wards)
        if lang == "ja":
            parts.append(
                f"{name}の区 {n} 件"
                + ("" if own is not None else f"（{name}のカタログはなく、{name}も数えていません）")
            )
        else:
            parts.append(
                f"{n} {'ward' if n == 1 else 'wards'} of {name}"
                + ("" if own is not None else f" (no catalogue of {name} itself: {name} is not counted)")
            )
    if not parts:
        return ""
    if lang == "ja":
        return "区のカタログは数えていません（区は市町村ではありません）: " + "、".join(parts) + "。"
    return "Ward catalogues are not counted (a ward is not a municipality): " + "; ".join(parts) + "."


def rollup_table(comparison: Comparison, lang: str) -> str:
    from rich import box
    from rich.measure import Measurement
    from rich.table import Table
    from rich.text import Text

    from dxready.commands.rollup import rollups
    from dxready.render.console import console
    from dxready.render.wrap import join_fit, terminal_width, wrap

    grid = Table(
        title=Text(t(lang, "都道府県別のオンライン化の状況", "Online status by prefecture")),
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    for i, head in enumerate(_heads(lang)):
        grid.add_column(Text(head), justify="left" if i == 0 else "right", no_wrap=True)
    groups = rollups(comparison)
    for group in groups:
        grid.add_row(*(Text(oneline(cell)) for cell in _cells(group, lang)))
    width = terminal_width()
    made, buffer = console(width)
    if Measurement.get(made, made.options.update_width(100_000), grid).maximum <= width:
        made.print(grid)
    else:  # too narrow: one record per prefecture, its figures labelled
        heads = _heads(lang)
        made.print(Text(t(lang, "都道府県別のオンライン化の状況", "Online status by prefecture")))
        for group in groups:
            cells = _cells(group, lang)
            items = [f"{head} {cell}" for head, cell in zip(heads[1:], cells[1:], strict=True)]
            for line in [oneline(cells[0]), *join_fit(items, " · ", width, first="  ", indent="  ")]:
                made.print(Text(line, no_wrap=True, overflow="ignore"), soft_wrap=True)
    for line in wrap(_rollup_note(lang, comparison), width):
        made.print(Text(line, no_wrap=True, overflow="ignore"), soft_wrap=True)
    return buffer.getvalue()


def rollup_markdown(comparison: Comparison, lang: str) -> str:
    from dxready.commands.rollup import rollups

    heads = _heads(lang)
    lines = [
        f"### {md_text(t(lang, '都道府県別のオンライン化の状況', 'Online status by prefecture'))}",
        "",
        "| " + " | ".join(heads) + " |",
        "|" + "|".join([" --- ", *([" --: "] * (len(heads) - 1))]) + "|",
    ]
    for group in rollups(comparison):
        lines.append("| " + " | ".join(md_cell(cell) for cell in _cells(group, lang)) + " |")
    return "\n".join([*lines, "", md_text(_rollup_note(lang, comparison)), ""])


def rollup_json(comparison: Comparison, lang: str) -> str:
    from dxready.commands.rollup import rollups

    data = {
        "schema_version": 1,
        "as_of": comparison.as_of.isoformat(),
        "status_as_of": dict(
            zip(("earliest", "latest", "not_stated"), comparison.status_dates(), strict=True)
        ),
        "by": "prefecture",
        "rollups": [{**g.json(), "codes": g.municipalities} for g in rollups(comparison)],
    }
    from dxready.render.safe import json_inert

    return json_inert(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"  # catalogue text stays inert


def rollup_csv(comparison: Comparison, lang: str) -> str:
    """Numbers in their own columns (a cell such as 3/4 would become a date in a spreadsheet), named as the matrix's
    csv names the same figures: the rate and its bounds, 記録 and 推定, and the applicable cells as bounds."""
    from dxready.commands.rollup import rollups

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            t(lang, "都道府県", "Prefecture"),
            t(lang, "団体数", "Municipalities"),
            t(lang, "全国一覧の団体数", "In registry"),
            "○",
            "一部",
            "×",
            "—",
            "？",
            t(lang, "オンライン化率", "Online rate"),
            t(lang, "率下限", "Rate low"),
            t(lang, "率上限", "Rate high"),
            t(lang, "記録", "Recorded"),
            t(lang, "推定", "Inferred"),
            t(lang, "対象下限", "Applicable low"),
            t(lang, "対象上限", "Applicable high"),
            t(lang, "除外した区", "Wards left out"),
        ]
    )
    for group in rollups(comparison):
        c = group.cells
        bounds = group.rate_bounds
        low, high = ("", "") if bounds is None else (f"{bounds[0]:.1f}", f"{bounds[1]:.1f}")
        writer.writerow(
            [
                csv_cell(_name(group, lang)),
                len(group.municipalities),
                "" if group.in_registry is None else group.in_registry,
                *(c[s] for s in ("online", "partial", "offline", "not_applicable", "unknown")),
                "" if group.rate is None else f"{group.rate:.1f}",
                low,
                high,
                group.known,
                group.inferred,
                group.known,
                group.applicable,
                len(group.wards),
            ]
        )
    return "\ufeff" + buffer.getvalue()
