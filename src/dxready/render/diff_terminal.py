"""``dxready diff``'s terminal view: headline, regressions, the changed entries as tables (or one record per entry
below RECORDS_BELOW columns, or where a table would break a word), the findings new and resolved. A long view (more
than ``grid.BIG`` lines of changes and findings) is written as plain lines and a plain grid, the same text without
rich's layout engine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dxready.i18n import t as _t
from dxready.render.diff import (
    _CHANGE,
    _KIND,
    _cells,
    _change_mark,
    _finding_where,
    _header_fields,
    _headline,
    _other_city,
    _regressions_heading,
    _side,
    _system_cells,
)
from dxready.render.safe import oneline

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

    from dxready.commands.diff import CatalogDiff, EntryDiff


def _cell(value: str) -> Text:
    from dxready.render.celltext import cell

    # One line per change inside a cell; each line inert and wrapped with Japanese line-breaking rules.
    return cell("\n".join(oneline(line) for line in value.split("\n")))


RECORDS_BELOW = 100
"""Below this many columns the tables of changes become one record per entry (seven columns do not fit 80)."""


def _records(put: _Put, d: CatalogDiff, lang: str) -> None:
    """Each changed entry as a heading line and one indented line per change, wrapped with Japanese rules."""
    labels = [_t(lang, "状況", "Status"), _t(lang, "レベル", "Level"), _t(lang, "チャネル", "Channels")]
    for title, entries in (
        (_t(lang, "手続", "Procedures"), d.procedures),
        (_t(lang, "システム", "Systems"), d.systems),
        (_t(lang, "工程表", "Roadmap"), d.roadmap),
    ):
        if not entries:
            continue
        put(f"{title} ({len(entries)}):")
        for e in entries:
            change = _change_mark(e, lang)
            ident = _t(lang, f"（{e.id}）", f" ({e.id})") if e.id and e.id != e.name else ""
            put(f"  {change}: {e.name}{ident}", "      ")
            if entries is d.procedures:
                *named, others = _cells(e, lang, "\n")
                lines = [f"{label}: {value}" for label, value in zip(labels, named, strict=True) if value]
                lines += others.split("\n") if others else []
            else:
                lines = _system_cells(e, lang, "\n").split("\n")
            for line in lines:
                if line:
                    put(f"    {line}", "      ")


class _Put:
    """Prints a paragraph wrapped at the console's width with Japanese rules (later lines start with ``rest``):
    through rich, or, for a long view, written as plain lines (the same text: no style, never re-wrapped)."""

    def __init__(self, console: Any, plain: bool) -> None:
        self.console, self.plain, self.width = console, plain, console.width

    def __call__(self, text: str, rest: str = "") -> None:
        from dxready.render.celltext import paragraph, paragraph_text

        if self.plain:
            self.console.file.write(paragraph_text(text, self.width, rest=rest) + "\n")
        else:
            self.console.print(paragraph(text, self.width, rest=rest))


def _size(d: CatalogDiff, regressions: list[Any]) -> int:
    """The lines of changes and findings the view prints, about (what makes it a long view)."""
    entries = (*d.procedures, *d.systems, *d.roadmap)
    return (
        len(entries)
        + sum(len(e.changes) for e in entries)
        + len(d.new_findings)
        + len(d.resolved_findings)
        + len(regressions)
    )


def table(d: CatalogDiff, lang: str) -> str:
    """The terminal view: headline, regressions, the changed entries (tables, or records below RECORDS_BELOW
    columns), the header's changed fields, the findings new and resolved. Above ``grid.BIG`` lines (changes,
    findings) it is written as plain lines and tables as a plain grid, as the other long views are: the same text
    without rich's layout engine (1,900 changed rows: seconds)."""
    from rich.text import Text

    from dxready.render import grid
    from dxready.render.console import console as make_console

    console, buf = make_console()
    width = console.width
    regressions = d.regressions()
    long_view = _size(d, regressions) > grid.BIG
    put = _Put(console, long_view)
    put(f"dxready diff: {oneline(_side(d.base, lang))} → {oneline(_side(d.head, lang))}", "  ")
    put(_headline(d, lang), "  ")
    if d.other_municipality:
        put(_other_city(d, lang), "  ")
    if d.empty:
        console.print(Text(_t(lang, "カタログに変更はありません。", "No changes to the catalogue.")))
        return buf.getvalue()
    if regressions:
        console.print(Text(_regressions_heading(regressions, lang) + ":"))
        for r in regressions:
            kind = _t(lang, *_KIND.get(r.kind, (r.kind, r.kind)))
            name = f" {r.name}" if r.name else ""
            ident = _t(lang, f"（{r.id}）", f" ({r.id})") if r.id else ""
            mark = _t(lang, "⚠？", "⚠?") if r.possible else "⚠"
            put(f"  {mark} {kind}{name}{ident}: {r.what.get(lang)}", "      ")
    tables = []
    if width >= RECORDS_BELOW:  # below it, records whatever the tables would be: none is built
        tables += [_procedure_table(d, lang)] if d.procedures else []
        for title, entries in (
            (_t(lang, "システム", "Systems"), d.systems),
            (_t(lang, "工程表", "Roadmap"), d.roadmap),
        ):
            tables += [_entry_table(title, entries, lang)] if entries else []
    from dxready.render.fit import fit

    # Tables where they fit without breaking an id or a word (fit fixes their widths; a table of more than BIG rows
    # only where it fits whole, as it is drawn plainly); else one record per entry.
    if width < RECORDS_BELOW or not all(
        [
            grid.natural_width(console, t) <= width if t.row_count > grid.BIG else fit(console, t, width)
            for t in tables
        ]
    ):
        _records(put, d, lang)
    else:
        for t in tables:
            grid.print_renderable(console, t)
    if d.municipality:
        fields = _header_fields(d, lang)
        console.print(Text(f"{_t(lang, '団体情報の変更', 'Municipality header changed')}: {fields}"))
    for title, findings, sign in (
        (_t(lang, "新しい指摘", "New findings"), d.new_findings, "+"),
        (_t(lang, "解消した指摘", "Resolved findings"), d.resolved_findings, "-"),
    ):
        if not findings:
            continue
        console.print(Text(f"{title} ({len(findings)}):"))
        for f in findings:
            put(
                f"  {sign} {_finding_where(f)}: {f.code} [{f.severity.label(lang)}] {f.message.get(lang)}",
                "      ",
            )
    return buf.getvalue()


def _procedure_table(d: CatalogDiff, lang: str) -> Table:
    from rich.table import Table
    from rich.text import Text

    t = Table(title=Text(_t(lang, "手続", "Procedures")), title_justify="left")
    t_change, t_status = _t(lang, "変更", "Change"), _t(lang, "状況", "Status")  # never broken, as the id
    for col in (
        _t(lang, "手続", "Procedure"),
        "id",
        _t(lang, "変更", "Change"),
        _t(lang, "状況", "Status"),
        _t(lang, "レベル", "Level"),
        _t(lang, "チャネル", "Channels"),
        _t(lang, "その他", "Other"),
    ):
        t.add_column(col, overflow="fold", no_wrap=col in ("id", t_change, t_status))
    for e in d.procedures:
        status, level, channels, others = _cells(e, lang, "\n")  # one change a line
        change = _change_mark(e, lang)
        t.add_row(*(_cell(c) for c in (e.name, e.id, change, status, level, channels, others)))
    return t


def _entry_table(title: str, entries: tuple[EntryDiff, ...], lang: str) -> Table:
    """Systems or roadmap items: name, id, change, and the changed fields one a line."""
    from rich.table import Table
    from rich.text import Text

    t = Table(title=Text(title), title_justify="left")
    for col in (_t(lang, "名称", "Name"), "id", _t(lang, "変更", "Change"), _t(lang, "項目", "Fields")):
        t.add_column(col, overflow="fold", no_wrap=col in ("id", _t(lang, "変更", "Change")))
    for e in entries:
        t.add_row(
            *(_cell(c) for c in (e.name, e.id, _t(lang, *_CHANGE[e.change]), _system_cells(e, lang, "\n")))
        )
    return t
