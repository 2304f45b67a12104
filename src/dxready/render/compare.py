"""Renderers of ``dxready compare``: table (rich), markdown, json and csv (UTF-8 with BOM).

Rows are municipalities, columns the 21 standard procedures with the plan's marks (○ 一部 × —, ？ unknown, blank when
the catalogue has no such row: DX018, counted as ？ in every count and rate); then each municipality's online rate and
level distribution. A last row gives each procedure's rate across municipalities, and a summary line the totals. A rate
is stated as one figure only when every applicable row is known; otherwise as the bounds the truth lies in, with its
coverage (engine.rates). Rows are sorted, and coloured, by the lower bound; "recorded" (確認済) says how many rows are
known, and how many of them are inferred.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from dxready.render.safe import csv_cell, md_cell, md_text, oneline

if TYPE_CHECKING:
    from dxready.commands.compare import Column, Comparison, Row
    from dxready.engine.rates import Rate

_STATUSES = ("online", "partial", "offline", "not_applicable", "unknown")


_MARKS: dict[str | None, str] = {}


def _mark(status: str | None) -> str:
    mark = _MARKS.get(status)
    if mark is None:
        from dxready.catalog.models import Status

        mark = _MARKS[status] = "" if status is None else Status(status).mark
    return mark


def _rate(rate: Rate, lang: str, *, coverage: bool = True) -> str:
    from dxready.engine.rates import text

    return text(rate, lang, coverage=coverage)


def _csv_figures(rate: Rate) -> list[str]:
    """A rate as the csv's columns: the rate (only when no unknown could change it), its low and high bounds, and
    its coverage (recorded, of them inferred: gaps' 記録, never 確認 or "known"), and the applicable rows as bounds (as every view states 対象手続 while rows
    are ？: at least the known ones, at most the known and the unknown ones): each figure a number in a cell of its
    own, never a text such as '42.9-100.0' or '7/21' (which a spreadsheet reads as a date)."""
    bounds = rate.bounds
    low, high = ("", "") if bounds is None else (f"{bounds[0]:.1f}", f"{bounds[1]:.1f}")
    settled = "" if rate.rate is None else f"{rate.rate:.1f}"
    return [settled, low, high, str(rate.known), str(rate.inferred), str(rate.known), str(rate.total)]


def _csv_heads(lang: str) -> list[str]:
    """The names of :func:`_csv_figures`' columns."""
    if lang == "ja":
        return ["オンライン化率", "率下限", "率上限", "記録", "推定", "対象下限", "対象上限"]
    return [
        "Online rate",
        "Rate low",
        "Rate high",
        "Recorded",
        "Inferred",
        "Applicable low",
        "Applicable high",
    ]


def _style(rate: Rate) -> str:
    low = rate.low
    if low is None:
        return "dim"
    return "green" if low >= 80 else "yellow" if low >= 50 else "red"


_ORDER_NOTE = {
    "ja": "並び順と色はオンライン化率の下限（未確認の手続をすべて×とした値）によります。",
    "en": "Rows are sorted and coloured by the lower bound of the online rate (every unknown row counted as ×).",
}


def _levels(row: Row, lang: str) -> str:
    """'6/2/0/0/0（未確定9）': rows per settled level, and the recorded rows an unknown fact could still move."""
    dist = row.level_distribution
    return "/".join(str(dist[n]) for n in range(5)) + _unsettled(row.unsettled, lang)


def _unsettled(n: int, lang: str) -> str:
    return (f"（未確定{n}）" if lang == "ja" else f" ({n} unsettled)") if n else ""


def _labels(lang: str) -> dict[str, str]:
    if lang == "ja":
        return {
            "name": "団体",
            "code": "コード",
            "when": "状況の時点",
            "rate": "オンライン化率",
            "recorded": "確認済",
            "levels": "レベル0/1/2/3/4",
            "all": "手続別オンライン化率",
            "title": "標準事務のオンライン化の状況（団体別）",
        }
    return {
        "name": "Municipality",
        "code": "Code",
        "when": "Status as of",
        "rate": "Online rate",
        "recorded": "Recorded",
        "levels": "Levels 0/1/2/3/4",
        "all": "Online rate by procedure",
        "title": "Online status of the standard procedures, by municipality",
    }


def _when(row: Row, lang: str) -> str:
    """A municipality's own status date, or 記載なし: its figures are as of that date, not the run's."""
    return row.status_as_of or ("記載なし" if lang == "ja" else "not stated")


def dates(comparison: Comparison, lang: str) -> str:
    """The status dates the figures stand for: one date when every catalogue states the same one; otherwise the
    range and how many state none (never the day compare ran), then the evaluation date."""
    first, last, missing = comparison.status_dates()
    run = comparison.as_of.isoformat()
    if lang == "ja":
        if first is None:
            when = "状況の時点の記載なし"
        elif first == last and not missing:
            when = f"状況の時点 {first}"
        else:
            span = first if first == last else f"{first}〜{last}"
            when = f"状況の時点は団体ごと（{span}" + (f"、記載なし {missing} 団体" if missing else "") + "）"
        return f"{when}、基準日 {run}"
    if first is None:
        when = "no status date stated"
    elif first == last and not missing:
        when = f"status as of {first}"
    else:
        span = first if first == last else f"{first} to {last}"
        when = (
            f"status dates differ by municipality ({span}"
            + (f"; {missing} not stated" if missing else "")
            + ")"
        )
    return f"{when}; evaluated on {run}"


def _summary(comparison: Comparison, lang: str) -> str:
    t = comparison.totals()
    lv = "/".join(str(t["levels"][n]) for n in range(5))
    lv += _unsettled(t["levels_unsettled"], lang)
    on, some = comparison.rates()
    if lang == "ja":
        text = (
            f"{t['municipalities']} 団体、オンライン化率 {_rate(on, lang)}"
            f"（一部を含め {_rate(some, lang)}）、レベル0/1/2/3/4: {lv}"
        )
        if t["broken"]:
            text += f"、読めないカタログ {t['broken']} 件（標準エラー出力を参照）"
        return text + f"（{dates(comparison, lang)}）"
    n = t["municipalities"]
    text = (
        f"{n} {'municipality' if n == 1 else 'municipalities'}, online rate {_rate(on, lang)}"
        f" ({_rate(some, lang)} including partial), levels 0/1/2/3/4: {lv}"
    )
    if t["broken"]:
        from dxready.render.text import count

        text += f"; {count(t['broken'], 'catalogue')} could not be read (see stderr)"
    return text + f" ({dates(comparison, lang)})"


def _wards_note(comparison: Comparison, lang: str) -> list[str]:
    """The roll-up's note when a designated city's ward is among the rows: its row is shown, but no total counts it
    (Comparison.counted). Nothing otherwise."""
    from dxready.render.compare_extra import wards_said

    note = wards_said(comparison, lang)
    return [note] if note else []


def _legend(columns: list[Column], lang: str) -> list[str]:
    head = "手続番号:" if lang == "ja" else "Procedure numbers:"
    return [head, *(f"{c.no}. {c.label(lang)}" for c in columns)]


def _records(
    comparison: Comparison, columns: list[Column], labels: dict[str, str], width: int, lang: str
) -> list[str]:
    from dxready.render.wrap import join_fit

    lines: list[str] = []
    for row in comparison.rows:
        head = [
            oneline(f"{row.name}（{row.code}）" if lang == "ja" else f"{row.name} ({row.code})"),
            f"{labels['when']} {_when(row, lang)}",
            f"{labels['rate']} {_rate(row.online, lang, coverage=False)}",  # bounds while rows are unknown
            f"{labels['recorded']} {row.recorded}",
            f"{labels['levels']} {_levels(row, lang)}",
        ]
        lines += join_fit(head, " · ", width, indent="  ")
        marks = [f"{c.no} {_mark(row.statuses.get(c.no))}" for c in columns]
        lines += join_fit(marks, "  ", width, first="  ", indent="  ")
    return lines


def table(comparison: Comparison, lang: str) -> str:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    labels = _labels(lang)
    columns = comparison.columns()
    grid = Table(title=Text(labels["title"]), box=box.SIMPLE_HEAD, pad_edge=False)
    grid.add_column(Text(labels["name"]), no_wrap=True)
    grid.add_column(Text(labels["code"]), no_wrap=True)
    grid.add_column(Text(labels["when"]), no_wrap=True)
    for c in columns:
        grid.add_column(Text(str(c.no)), justify="center", no_wrap=True)
    grid.add_column(Text(labels["rate"]), justify="right", no_wrap=True)
    grid.add_column(Text(labels["recorded"]), justify="right", no_wrap=True)
    grid.add_column(Text(labels["levels"]), justify="right", no_wrap=True)
    from dxready.render.grid import BIG

    big = len(comparison.rows) > BIG  # drawn as a plain grid, or as records: plain strings are cells enough
    for row in comparison.rows:
        marks = [_mark(row.statuses.get(c.no)) for c in columns]
        rate = _rate(row.online, lang, coverage=False)
        if big:
            grid.add_row(
                oneline(row.name),
                oneline(row.code),
                _when(row, lang),
                *marks,
                rate,
                row.recorded,
                _levels(row, lang),
            )
            continue
        grid.add_row(
            Text(oneline(row.name)),
            Text(oneline(row.code)),
            Text(_when(row, lang)),
            *(Text(m) for m in marks),
            Text(rate, style=_style(row.online)),
            Text(row.recorded),
            Text(_levels(row, lang)),
        )
    from dxready.render.celltext import cell

    per = Table(title=Text(labels["all"]), box=box.SIMPLE_HEAD, pad_edge=False)
    per.add_column(Text("No."), justify="right")
    per.add_column(Text("手続の種類" if lang == "ja" else "Procedure"), overflow="fold")
    for status in _STATUSES:
        per.add_column(Text(_mark(status)), justify="right")
    per.add_column(Text(labels["rate"]), justify="right")
    per.add_column(Text("一部を含む" if lang == "ja" else "incl. partial"), justify="right")
    for c in columns:
        per.add_row(
            Text(str(c.no)),
            cell(c.label(lang)),  # Japanese line breaking: no line of a name starts with 、 or ）
            *(Text(str(c.shown(s))) for s in _STATUSES),  # ？ counts a missing row too
            # Bounds without the coverage words: the ？ column beside them counts the unknown rows.
            Text(_rate(c.online, lang, coverage=False), no_wrap=True),
            Text(_rate(c.with_partial, lang, coverage=False), no_wrap=True),
        )
    from dxready.render.console import console
    from dxready.render.grid import natural_width, print_renderable  # 1,741 rows: a plain grid
    from dxready.render.wrap import terminal_width

    width = terminal_width()
    made, buffer = console(width)
    if natural_width(made, grid) <= width:
        print_renderable(made, grid)
    else:
        # Too narrow for the matrix: one record per municipality, its marks wrapped under it.
        made.print(Text(labels["title"]))
        lines = _records(comparison, columns, labels, width, lang)
        if len(comparison.rows) > BIG:  # plain lines, as rich prints them (no style, never wrapped)
            made.file.write("".join(line + "\n" for line in lines))
        else:
            for line in lines:
                made.print(Text(line, no_wrap=True, overflow="ignore"), soft_wrap=True)
        made.print()
    print_renderable(made, per)
    from dxready.render.compare_extra import print_usage

    print_usage(made, comparison, lang, width)
    from dxready.render.wrap import wrap

    # Wrapped the house's way (a count and its unit, a date, a rate range stay whole), not by rich.
    said = [
        _summary(comparison, lang),
        *_wards_note(comparison, lang),
        _ORDER_NOTE["ja" if lang == "ja" else "en"],
    ]
    for line in [part for text in said for part in wrap(text, width)]:
        made.print(Text(line, no_wrap=True, overflow="ignore"), soft_wrap=True)
    return buffer.getvalue()


def markdown(comparison: Comparison, lang: str) -> str:
    labels = _labels(lang)
    columns = comparison.columns()
    head = [labels["name"], labels["code"], labels["when"], *(str(c.no) for c in columns)]
    head += [labels["rate"], labels["recorded"]]
    head.append(labels["levels"])
    lines = [f"### {md_text(labels['title'])}", "", "| " + " | ".join(head) + " |"]
    lines.append(
        "|"
        + "|".join([" --- ", " --- ", " --- ", *([" :-: "] * len(columns)), " --: ", " --: ", " --: "])
        + "|"
    )
    for row in comparison.rows:
        cells = [
            md_cell(row.name),
            md_cell(row.code),
            _when(row, lang),
            *(_mark(row.statuses.get(c.no)) for c in columns),
        ]
        lines.append(
            "| "
            + " | ".join([*cells, _rate(row.online, lang, coverage=False), row.recorded, _levels(row, lang)])
            + " |"
        )
    rates = [_rate(c.online, lang) for c in columns]
    lines.append("| " + " | ".join([f"**{labels['all']}**", "", "", *rates, "", "", ""]) + " |")
    from dxready.render.compare_extra import usage_markdown

    extra = usage_markdown(comparison, lang)
    lines += ["", *extra] if extra else []
    lines += [
        "",
        md_text(_summary(comparison, lang)),
        "",
        *(x for note in _wards_note(comparison, lang) for x in (md_text(note), "")),
        md_text(_ORDER_NOTE["ja" if lang == "ja" else "en"]),
        "",
    ]
    legend = _legend(columns, lang)
    lines += [md_text(legend[0]), "", *(f"{c.no}. {md_text(c.label(lang))}" for c in columns), ""]
    return "\n".join(lines)


def to_json(comparison: Comparison, lang: str) -> str:
    columns = comparison.columns()
    totals = comparison.totals()
    from dxready.engine.rates import fields
    from dxready.render.compare_extra import usage_json

    data: dict[str, Any] = {
        "schema_version": 1,
        "as_of": comparison.as_of.isoformat(),
        "status_as_of": _status_range(comparison),
        "order": "rate_bounds[0] descending, then code",
        "procedures": [
            {
                "standard_no": c.no,
                "name": c.name,
                "name_en": c.name_en,
                "counts": {s: c.counts.get(s, 0) for s in (*_STATUSES, "missing")},
                **fields(c.online, c.with_partial),
                "online_rate": c.online_rate,
                "online_or_partial_rate": c.online_or_partial_rate,
            }
            for c in columns
        ],
        "usage": usage_json(comparison),
        "municipalities": _PLACEHOLDER,
        "totals": {**totals, "levels": {str(k): v for k, v in totals["levels"].items()}},
        "errors": [
            {
                "catalog": b.catalog,
                "code": p.code,
                "message": p.message.get(lang),
                "location": {"file": p.location.file, "line": p.location.line, "column": p.location.column},
            }
            for b in comparison.broken
            for p in b.problems
        ],
    }
    # One line per municipality: readable and diffable; each row encodes its own object once (and a cached row
    # brings it along), where an indented dump of 1,741 rows would run json's pure-Python encoder.
    rows = [row.json_object() for row in comparison.rows]
    text = json.dumps(data, ensure_ascii=False, indent=2)
    listing = "[\n    " + ",\n    ".join(rows) + "\n  ]" if rows else "[]"
    from dxready.render.safe import json_inert

    return json_inert(text.replace(f'"{_PLACEHOLDER}"', listing, 1)) + "\n"


def _status_range(comparison: Comparison) -> dict[str, Any]:
    """The municipalities' own status dates (each row has its ``status_as_of``): earliest, latest, none stated."""
    first, last, missing = comparison.status_dates()
    return {"earliest": first, "latest": last, "not_stated": missing}


_PLACEHOLDER = (
    "@@dxready:municipalities@@"  # the first occurrence in the dump is ours: it precedes all catalogue text
)


def to_csv(comparison: Comparison, lang: str) -> str:
    """Each figure in a column of its own, each one as the other formats state it: the marks, then the online rate
    (a figure only when settled), its bounds and coverage, the rows per settled level and the unsettled ones, and
    where catalogues have counts each procedure's usage rate with its fiscal year and its kind (公表値, a part
    year's end). The last rows give each procedure's rate figures across municipalities under its mark column."""
    from dxready.render.compare_extra import usage_csv_cells, usage_csv_heads

    labels = _labels(lang)
    columns = comparison.columns()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    usage_heads = usage_csv_heads(comparison, lang)
    figure_heads = _csv_heads(lang)
    level_heads = [*(f"L{n}" for n in range(5)), "未確定" if lang == "ja" else "Unsettled"]
    writer.writerow(
        [
            labels["name"],
            labels["code"],
            labels["when"],
            *(str(c.no) for c in columns),
            *figure_heads,
            *level_heads,
            *usage_heads,
        ]
    )
    for row in comparison.rows:
        dist = row.level_distribution
        writer.writerow(
            [
                csv_cell(row.name),
                csv_cell(row.code),
                row.status_as_of or "",
                *(_mark(row.statuses.get(c.no)) for c in columns),
                *_csv_figures(row.online),
                *(dist[n] for n in range(5)),
                row.unsettled,
                *usage_csv_cells(comparison, row, lang),
            ]
        )
    # One row per figure (a rate, its bounds, its coverage), each procedure's under its number.
    per = [_csv_figures(c.online) for c in columns]
    blank = [""] * (len(figure_heads) + len(level_heads) + len(usage_heads))
    for i, head in enumerate(figure_heads):
        label = f"手続別: {head}" if lang == "ja" else f"By procedure: {head.lower()}"
        writer.writerow([label, "", "", *(figures[i] for figures in per), *blank])
    return "\ufeff" + buffer.getvalue()


def notes(comparison: Comparison, lang: str, width: int | None = None) -> str:
    """For stderr: codes that several catalogues share, and the catalogues left out with their problems.

    The notes are fitted to ``width`` (default: the terminal's) as the tool's other messages are; a problem stays
    one line, as every error does."""
    from dxready.render.compare_notes import stderr_width
    from dxready.render.wrap import fit_message

    width = width or stderr_width()

    def fit(line: str) -> str:
        return fit_message(oneline(line), width) if width else oneline(line)

    said = [
        fit(
            f"注意: 団体コード {code} のカタログが {len(where)} つあります。{where[0]} だけを数え、"
            f"{'、'.join(where[1:])} は比較にも合計にも入れていません。"
            if lang == "ja"
            else f"note: {len(where)} catalogues share the code {code}: only {where[0]} is counted; "
            f"{', '.join(where[1:])} {'is' if len(where) == 2 else 'are'} left out of the comparison and the totals"
        )
        for code, where in comparison.shared_codes().items()
    ]
    lines: list[str] = []
    if comparison.broken:
        from dxready.commands.rollup import registry_name

        for b in comparison.broken:
            named = registry_name(b.catalog)  # a directory named by a code: the registry's name for it
            suffix = f" ({named})" if named else ""
            lines += [f"{p.location}: {p.code} {p.message.get(lang)}{suffix}" for p in b.problems]
            if b.more:
                lines.append(
                    f"{b.catalog}: …ほか {b.more:,} 件"
                    if lang == "ja"
                    else f"{b.catalog}: … and {b.more:,} more"
                )
        n = len(comparison.broken)
        left_out = fit(
            f"読めないカタログが {n} 件あり、比較から除きました。"
            if lang == "ja"
            else f"{n} catalogue{'s' if n != 1 else ''} could not be read and were left out."
        )
        return "".join(line + "\n" for line in [*said, *(oneline(x) for x in lines), left_out])
    return "".join(line + "\n" for line in said)
