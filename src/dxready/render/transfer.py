"""Reports of ``dxready export`` and ``dxready import``: what was written, and every imported row's fate.

Import returns facts (``Said``: a kind and its values); ``WORDS`` says each in Japanese and English.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from dxready.catalog.numbers import percent
from dxready.findings import Msg
from dxready.i18n import t as _t
from dxready.render.safe import oneline
from dxready.render.text import count

if TYPE_CHECKING:
    from dxready.commands.export import ExportResult
    from dxready.commands.import_ import ImportResult, RowFate
    from dxready.commands.transfer.results import Said

FATES = {
    "matched": ("一致", "matched"),
    "added": ("追加", "added"),
    "unchanged": ("変更なし", "unchanged"),
    "refused": ("拒否", "refused"),
    "skipped": ("読み飛ばし", "skipped"),
}


def _counts(year: int, fields: tuple[Any, ...]) -> tuple[str, str]:
    """One imported count entry: 「件数 令和5年度 774/1,000（77.4%）（2024-03-31 現在）」."""
    from dxready.catalog.fiscal import FiscalYear

    total, online, rate, period_end, _ = fields
    fy = FiscalYear(year)
    if total is not None and online is not None:
        pct = f"（{percent(online, total):.1f}%）" if total else ""
        pct_en = f" ({percent(online, total):.1f}%)" if total else ""
        ja, en = f"{online:,}/{total:,}{pct}", f"{online:,} of {total:,}{pct_en}"
    elif online is not None:
        ja, en = f"オンライン {online:,} 件", f"{online:,} online"
    else:
        ja, en = f"公表率 {rate}%", f"published rate {rate}%"
    part_ja = f"（{period_end} 現在）" if period_end else ""
    part_en = f" (to {period_end})" if period_end else ""
    return f"件数 {fy.ja()} {ja}{part_ja}", f"counts {fy.en()} {en}{part_en}"


def _field(key: str, kind: str) -> str:
    from dxready.commands.echo import field_word

    return field_word(key, kind)


def _entity_value(path: str, value: str, kind: str) -> tuple[str, str]:
    """A システム or 工程表 row's value as set's echo words it: 区分: 基幹系 in Japanese, tier: backbone in English."""
    from dxready.commands.echo import value_word

    return (
        f"{_field(path, kind)}: {value_word(path, value, 'ja')}",
        f"{path}: {value_word(path, value, 'en')}",
    )


WORDS: dict[str, Callable[..., tuple[str, str]]] = {
    # how a row's name was matched
    "same_name": lambda: ("名前が一致", "same name"),
    "variant": lambda d: (f"表記ゆれ → {d}", f"spelling variant → {d}"),
    "similar_no": lambda d, no, r: (
        f"類似 → {d}（No.{no} と一致、類似度 {r:.2f}）",
        f"similar → {d} (No.{no} given; similarity {r:.2f})",
    ),
    "similar": lambda d, r: (f"類似 → {d}（類似度 {r:.2f}）", f"similar → {d} (similarity {r:.2f})"),
    "sub": lambda ref: (f"個別手続 → {ref}", f"sub-procedure → {ref}"),
    "sub_variant": lambda name, ref: (
        f"表記ゆれ → 個別手続 {name} ({ref})",
        f"spelling variant → sub-procedure {name} ({ref})",
    ),
    "sub_similar": lambda name, ref, r: (
        f"類似 → 個別手続 {name} ({ref})（類似度 {r:.2f}）",
        f"similar → sub-procedure {name} ({ref}) (similarity {r:.2f})",
    ),
    "added": lambda: ("自団体の手続として追加", "added as the city's own procedure"),
    # what a row changes
    "status": lambda before, after: (f"状況 {before} → {after}", f"status {before} → {after}"),
    "new_status": lambda mark: (f"状況 {mark}", f"status {mark}"),
    "note": lambda: ("備考を更新", "note updated"),
    "field": lambda ja, en: (f"{ja}を更新", f"{en} updated"),
    "field_removed": lambda ja, en: (f"{ja}を削除", f"{en} removed"),
    "verified_on": lambda day: (f"確認日 {day}", f"verified on {day}"),
    "channel_added": lambda kind: (f"チャネル {kind} を追加", f"channel {kind} added"),
    "counts": _counts,
    # why a row or a sheet is skipped
    "note_row": lambda: ("注記の行", "a note row, not a procedure"),
    # システム / 工程表 rows
    "entity_value": lambda path, value, kind="system": _entity_value(path, value, kind),
    "entity_marks": lambda key, ids, kind="system": (
        f"{_field(key, kind)} に {ids} を追加",
        f"{key} += {ids}",
    ),
    "entity_modules": lambda: (
        "標準化対象業務は読み込みませんでした（複数の業務はモジュールごとに systems.yaml で記録します）",
        "standardised businesses not imported (several are recorded per module in systems.yaml)",
    ),
    "no_table": lambda: (
        "表の見出し（手続の種類・オンライン化、または 手続名・年度・総件数…）が見つからないため読み飛ばしました",
        "skipped: no known header row (手続の種類 / オンライン化, or 手続名 / 年度 / 総件数 …)",
    ),
    "computed": lambda: ("計算値のシートのため読み込みません", "computed sheet: not imported"),
}


def word(said: Said | Msg, lang: str) -> str:
    """A fact worded in ``lang`` (a problem's ``Msg`` is already worded)."""
    if isinstance(said, Msg):
        return said.get(lang)
    return _t(lang, *WORDS[said.kind](*said.values))


def _fit(lines: list[str]) -> str:
    """The lines, each within the terminal's width (render.wrap, measured in cells): a longer one is broken, its
    continuation indented two more than its start. A line that fits is left exactly as it is."""
    from rich.cells import cell_len

    from dxready.render.wrap import terminal_width, wrap

    width = terminal_width()
    out: list[str] = []
    for line in lines:
        if cell_len(line) <= width:
            out.append(line)
            continue
        lead = line[: len(line) - len(line.lstrip(" "))]
        out += wrap(line.lstrip(" "), width, indent=lead + "  ", first=lead, words=True)
    return "".join(f"{line}\n" for line in out)


def export_report(result: ExportResult, lang: str) -> str:
    from dxready.render.views import catalog_label

    sheets = ", ".join(f"{oneline(name)} {n}" for name, n in result.sheets)
    head = _t(
        lang,
        f"{catalog_label(result.catalog, lang)} を {result.format} で書き出しました（シート: 行数 — {sheets}）",
        f"exported {catalog_label(result.catalog, lang)} as {result.format} (sheet rows: {sheets})",
    )
    return _fit([head, *(f"  {oneline(f)}" for f in result.files)])


def _where(r: RowFate, lang: str) -> str:
    where = _t(lang, f"{r.sheet} {r.row}行", f"{r.sheet} row {r.row}")
    if r.column:
        header = f"（{r.header}）" if lang == "ja" else f" ({r.header})"
        where += _t(lang, f" {r.column}列", f" column {r.column}") + (header if r.header else "")
    return oneline(where)


def row_line(r: RowFate, lang: str) -> str:
    fate = _t(lang, *FATES[r.fate])
    parts = [f"{_where(r, lang)}: {fate}"]
    if r.name:
        parts.append(f"「{r.name}」" if lang == "ja" else f"'{r.name}'")
    if r.target and r.fate != "refused":
        parts.append(f"→ {r.target}")
    line = " ".join(parts)
    details = []
    if r.how is not None and getattr(r.how, "kind", None) != "same_name":
        details.append(word(r.how, lang))
    details += [word(c, lang) for c in r.changes]
    if r.reason is not None:
        details.append(word(r.reason, lang))
    if details:
        line += ": " + _t(lang, "、", "; ").join(details)
    return "  " + oneline(line)


def import_report(result: ImportResult, lang: str, *, verbose: bool = False) -> str:
    """Every row's fate: matched, added, refused and skipped rows one by one; unchanged rows as a count per sheet
    (each listed with ``verbose``)."""
    from dxready.render.diff_terminal import table as diff_table
    from dxready.render.views import catalog_label

    lines = [
        oneline(
            _t(
                lang,
                f"dxready import: {result.source} → {result.file}（{catalog_label(result.catalog, lang)}）",
                f"dxready import: {result.source} → {result.file} ({catalog_label(result.catalog, lang)})",
            )
        )
    ]
    tally = " · ".join(
        f"{_t(lang, *FATES[k])} {result.count(k)}" for k in FATES if result.count(k) or k != "skipped"
    )
    lines.append(tally)
    lines += [row_line(r, lang) for r in result.rows if verbose or r.fate != "unchanged"]
    if not verbose:
        unchanged: dict[str, int] = {}
        for r in result.rows:
            if r.fate == "unchanged":
                unchanged[r.sheet] = unchanged.get(r.sheet, 0) + 1
        for sheet, n in unchanged.items():
            lines.append(
                oneline(
                    _t(
                        lang,
                        f"  {sheet}: 変更なし {n} 行（1 行ずつ見るには -v）",
                        f"  {sheet}: {count(n, 'row')} unchanged (-v lists them)",
                    )
                )
            )
    for note in result.notes:
        lines.append(oneline(f"  {note.sheet}: {word(note.message, lang)}"))
    text = _fit(lines)
    if result.diff is not None and not result.refused:
        text += diff_table(result.diff, lang)
    if result.refused:
        text += _fit(
            [
                _t(
                    lang,
                    f"拒否された行が {len(result.refused)} 件あるため、何も書き込みませんでした（直してからもう一度実行してください）。",
                    f"{count(len(result.refused), 'row')} refused: nothing was written (fix them and run again).",
                )
            ]
        )
    elif result.dry_run:
        text += _t(lang, "--dry-run: 何も書き込んでいません。\n", "--dry-run: nothing was written.\n")
    elif result.written:
        files = (
            "、".join(result.files or (result.file,))
            if lang == "ja"
            else ", ".join(result.files or (result.file,))
        )
        text += _fit([oneline(_t(lang, f"{files} を更新しました。", f"updated {files}."))])
    else:
        text += _t(lang, "変更はありません。\n", "nothing to change.\n")
    from dxready.render.messages import consequences
    from dxready.render.wrap import fit_message

    return text + fit_message(consequences(result.new_findings, lang))  # as set says them (none when refused)


def import_json(result: ImportResult, lang: str) -> str:
    """The import report for scripts: every row's fate, the sheet notes and (with --dry-run) the diff."""
    import json

    from dxready.render.diff import json_ as diff_json
    from dxready.render.json_ import finding

    def row(r: RowFate) -> dict[str, object]:
        return {
            "sheet": r.sheet,
            "row": r.row,
            "fate": r.fate,
            "target": r.target or None,
            "name": r.name or None,
            "how": word(r.how, lang) if r.how else None,
            "changes": [word(c, lang) for c in r.changes],
            "column": r.column or None,
            "header": r.header or None,
            "reason": word(r.reason, lang) if r.reason else None,
        }

    data = {
        "schema_version": 1,
        "source": result.source,
        "catalog": result.catalog,
        "file": result.file,
        "dry_run": result.dry_run,
        "written": result.written,
        "files": list(result.files),
        "summary": {k: result.count(k) for k in FATES},
        "rows": [row(r) for r in result.rows],
        "notes": [{"sheet": n.sheet, "message": word(n.message, lang)} for n in result.notes],
        "diff": json.loads(diff_json(result.diff, lang)) if result.diff is not None else None,
        "new_findings": [finding(f, lang, brief=True) for f in result.new_findings],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
