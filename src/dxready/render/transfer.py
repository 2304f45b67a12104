"""Reports of ``dxready export`` and ``dxready import``: what was written, and every imported row's fate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dxready.i18n import t as _t
from dxready.render.safe import oneline

if TYPE_CHECKING:
    from dxready.commands.export import ExportResult
    from dxready.commands.import_ import ImportResult, RowFate

FATES = {
    "matched": ("一致", "matched"),
    "added": ("追加", "added"),
    "unchanged": ("変更なし", "unchanged"),
    "refused": ("拒否", "refused"),
    "skipped": ("読み飛ばし", "skipped"),
}


def export_report(result: ExportResult, lang: str) -> str:
    from dxready.render.views import catalog_label

    sheets = ", ".join(f"{oneline(name)} {n}" for name, n in result.sheets)
    head = _t(
        lang,
        f"{catalog_label(result.catalog, lang)} を {result.format} で書き出しました（シート: 行数 — {sheets}）",
        f"exported {catalog_label(result.catalog, lang)} as {result.format} (sheet rows: {sheets})",
    )
    return "\n".join([head, *(f"  {oneline(f)}" for f in result.files)]) + "\n"


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
    if r.how is not None and r.how.get(lang) not in ("名前が一致", "same name"):
        details.append(r.how.get(lang))
    details += [c.get(lang) for c in r.changes]
    if r.reason is not None:
        details.append(r.reason.get(lang))
    if details:
        line += ": " + "; ".join(details)
    return "  " + oneline(line)


def import_report(result: ImportResult, lang: str) -> str:
    from dxready.render.diff import table as diff_table
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
    lines += [row_line(r, lang) for r in result.rows]
    for note in result.notes:
        lines.append(oneline(f"  {note.sheet}: {note.message.get(lang)}"))
    text = "\n".join(lines) + "\n"
    if result.diff is not None and not result.refused:
        text += diff_table(result.diff, lang)
    if result.refused:
        text += _t(
            lang,
            f"拒否された行が {len(result.refused)} 件あるため、何も書き込みませんでした（直してからもう一度実行してください）。\n",
            f"{len(result.refused)} row(s) refused: nothing was written (fix them and run again).\n",
        )
    elif result.dry_run:
        text += _t(lang, "--dry-run: 何も書き込んでいません。\n", "--dry-run: nothing was written.\n")
    elif result.written:
        text += oneline(_t(lang, f"{result.file} を更新しました。", f"updated {result.file}.")) + "\n"
    else:
        text += _t(lang, "変更はありません。\n", "nothing to change.\n")
    return text


def import_json(result: ImportResult, lang: str) -> str:
    """The import report for scripts: every row's fate, the sheet notes and (with --dry-run) the diff."""
    import json

    from dxready.render.diff import json_ as diff_json

    def row(r: RowFate) -> dict[str, object]:
        return {
            "sheet": r.sheet,
            "row": r.row,
            "fate": r.fate,
            "target": r.target or None,
            "name": r.name or None,
            "how": r.how.get(lang) if r.how else None,
            "changes": [c.get(lang) for c in r.changes],
            "column": r.column or None,
            "header": r.header or None,
            "reason": r.reason.get(lang) if r.reason else None,
        }

    data = {
        "schema_version": 1,
        "source": result.source,
        "catalog": result.catalog,
        "file": result.file,
        "dry_run": result.dry_run,
        "written": result.written,
        "summary": {k: result.count(k) for k in FATES},
        "rows": [row(r) for r in result.rows],
        "notes": [{"sheet": n.sheet, "message": n.message.get(lang)} for n in result.notes],
        "diff": json.loads(diff_json(result.diff, lang)) if result.diff is not None else None,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
