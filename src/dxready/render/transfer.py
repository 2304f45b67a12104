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
    "not_taken": ("取り込まず", "not taken"),
    "refused": ("拒否", "refused"),
    "skipped": ("読み飛ばし", "skipped"),
}


def _counts(year: int, fields: tuple[Any, ...]) -> tuple[str, str]:
    """One imported count entry: 「件数 令和5年度 774/1,000（77.4%）」, 「件数 令和5年度 12.5%（公表値、令和5年11月末現在）」."""
    from dxready.catalog.fiscal import FiscalYear, rate_notes

    total, online, rate, period_end, _ = fields
    fy = FiscalYear(year)
    if total is not None and online is not None:
        pct = f"（{percent(online, total):.1f}%）" if total else ""
        pct_en = f" ({percent(online, total):.1f}%)" if total else ""
        ja, en = f"{online:,}/{total:,}{pct}", f"{online:,} of {total:,}{pct_en}"
    elif online is not None:
        ja, en = f"オンライン {online:,} 件", f"{online:,} online"
    else:
        ja, en = f"{rate}%", f"{rate}%"
    # 公表値 and the part year's end in the words every view uses (catalog.fiscal.rate_notes, diff review s8 D3).
    published = total is None and online is None
    notes_ja, notes_en = rate_notes(published, period_end, "ja"), rate_notes(published, period_end, "en")
    part_ja = f"（{'、'.join(notes_ja)}）" if notes_ja else ""
    part_en = f" ({'; '.join(notes_en)})" if notes_en else ""
    return f"件数 {fy.ja()} {ja}{part_ja}", f"counts {fy.en()} {en}{part_en}"


_KEPT = {
    # what a sheet lacks: (Japanese noun, English noun, how to remove one in Japanese, in English)
    "procedures": (
        "手続",
        "procedure",
        "消すには procedures.yaml から削除してください。該当しない手続はオンライン化を — にします",
        "to remove one, delete it from procedures.yaml; a procedure that does not apply is marked —",
    ),
    "sub_procedures": (
        "個別手続",
        "sub-procedure",
        "消すには procedures.yaml から削除してください",
        "to remove one, delete it from procedures.yaml",
    ),
    "counts": (
        "件数の記録",
        "count record",
        "手続の件数をすべて消すには dxready set ID --unset counts、1 年度だけなら procedures.yaml を編集してください",
        "to remove all of a procedure's counts: dxready set ID --unset counts; one year only: edit procedures.yaml",
    ),
    "systems": (
        "システム",
        "system",
        "消すには systems.yaml から削除してください",
        "to remove one, delete it from systems.yaml",
    ),
    "roadmap": (
        "工程表の項目",
        "roadmap item",
        "消すには roadmap.yaml から削除してください",
        "to remove one, delete it from roadmap.yaml",
    ),
}


def _kept(kind: str, n: int, sample: tuple[tuple[str, str | None, int | None], ...]) -> tuple[str, str]:
    """Entries a sheet in export's own form lacks: 「シートにない件数の記録 1 件（road-occupancy 令和5年度）は残します…」."""
    from dxready.catalog.fiscal import FiscalYear

    def named(key: tuple[str, str | None, int | None], lang: str) -> str:
        ident = key[0] + (f"/{key[1]}" if key[1] else "")
        if key[2] is None:
            return ident
        return f"{ident} {FiscalYear(key[2]).ja() if lang == 'ja' else FiscalYear(key[2]).en()}"

    noun_ja, noun_en, how_ja, how_en = _KEPT[kind]
    ids = {k[0] for k in sample if k[1] is None}
    if (
        kind == "counts" and len(ids) == 1 and all(k[1] is None for k in sample)
    ):  # the command to paste, with its ID
        how_ja = how_ja.replace("set ID ", f"set {next(iter(ids))} ")
        how_en = how_en.replace("set ID ", f"set {next(iter(ids))} ")
    more = n - len(sample)
    ja = "、".join(named(k, "ja") for k in sample) + (f" ほか {more} 件" if more else "")
    en = ", ".join(named(k, "en") for k in sample) + (f" and {more} more" if more else "")
    return (
        f"シートにない{noun_ja} {n} 件（{ja}）は残します（読み込みでは削除しません。{how_ja}）",
        f"{count(n, noun_en)} not in the sheet kept ({en}): import deletes nothing ({how_en})",
    )


def _channel(kind: str) -> str:
    """A channel kind as every Japanese view prints it (e_application → 電子申請)."""
    from dxready.catalog.labels import LABELS

    return LABELS["ChannelKind"].get(kind, (kind,))[0]


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
    "channel_added": lambda kind: (f"チャネル {_channel(kind)} を追加", f"channel {kind} added"),
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
    "kept": _kept,
    # cells the import does not take (commands/transfer/computed.py)
    "computed_level": lambda head, mark, identity, fee: (
        f"{_q(head)}は計算値のため取り込みません（{_q(mark)}の状況と{_q(identity)}・{_q(fee)}などの列から計算します）",
        f"{head} is computed: not imported (it follows the {mark} column and the facts: {identity}, {fee}, …)",
    ),
    "computed_usage": lambda head, counts, year, total, online: (
        f"{_q(head)}は計算値のため取り込みません（{_q(counts)}シートに{_q(year)}・{_q(total)}・{_q(online)}を入れて"
        "ください）",
        f"{head} is computed: not imported (enter the {year}, {total} and {online} on the {counts} sheet)",
    ),
    "repeated_no": lambda head: (
        f"{head} は取り込みません（ID の行の標準番号は変わりません）",
        f"{head} is not imported (the standard number of a row named by its ID does not change)",
    ),
    "repeated_name": lambda procedures, subs, name: (
        f"この列の名前は{_q(procedures)}・{_q(subs)}シートの写しのため取り込みません"
        f"（手続の名前は{_q(procedures)}シートの{_q(name)}で変えます）",
        f"the name here copies the {procedures} / {subs} sheet: not imported (rename a procedure in the "
        f"{procedures} sheet's {name} column)",
    ),
}


def _q(name: str) -> str:
    """A sheet's or column's name inside a Japanese sentence: as it is when Japanese (件数), in 「」 when the
    workbook's names are English (「Counts」), so that the words stay apart."""
    return name if any(ord(ch) > 0x2FFF for ch in name) else f"「{name}」"


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
    details += [word(c, lang) for c in r.not_taken]
    if r.reason is not None:
        details.append(word(r.reason, lang))
    if details:
        line += ": " + _t(lang, "、", "; ").join(details)
    return "  " + oneline(line)


def import_report(result: ImportResult, lang: str, *, verbose: bool = False) -> str:
    """Every row's fate: matched, added, refused and skipped rows one by one; unchanged rows as a count per sheet
    (each listed with ``verbose``)."""
    from dxready.catalog.load import EMBEDDED
    from dxready.render.diff_terminal import table as diff_table
    from dxready.render.views import catalog_label

    if result.catalog == EMBEDDED:  # no catalogue given or found: say whose it is, not where it is installed
        head = _t(
            lang,
            f"dxready import: {result.source} → 同梱のカタログ（鴨川市）。自分のカタログは --catalog DIR で指定します",
            f"dxready import: {result.source} → the embedded catalogue (Kamogawa); name your own with --catalog DIR",
        )
    else:
        head = _t(
            lang,
            f"dxready import: {result.source} → {result.file}（{catalog_label(result.catalog, lang)}）",
            f"dxready import: {result.source} → {result.file} ({catalog_label(result.catalog, lang)})",
        )
    lines = [oneline(head)]
    tally = " · ".join(
        f"{_t(lang, *FATES[k])} {result.count(k)}"
        for k in FATES
        if result.count(k) or k not in ("skipped", "not_taken")
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
            "not_taken": [word(c, lang) for c in r.not_taken],
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
