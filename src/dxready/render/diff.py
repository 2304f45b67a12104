"""Renderers of ``dxready diff``: a terminal table, markdown for a pull-request comment, and JSON."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from dxready.i18n import t as _t
from dxready.render.safe import md_cell, md_text, oneline

if TYPE_CHECKING:
    from dxready.commands.diff import CatalogDiff, EntryDiff, FieldChange
    from dxready.engine.run import Summary
    from dxready.findings import Finding

_MARK = {"online": "○", "partial": "一部", "offline": "×", "not_applicable": "—", "unknown": "？"}
_CHANGE = {
    "added": ("追加", "added"),
    "removed": ("削除", "removed"),
    "changed": ("変更", "changed"),
    "renamed": ("改名", "renamed"),
}
_KIND = {
    "procedure": ("手続", "procedure"),
    "system": ("システム", "system"),
    "roadmap": ("工程表", "roadmap"),
    "catalog": ("カタログ全体", "catalogue"),
}


def _count(n: int, noun: str) -> str:
    from dxready.render.text import count

    return count(n, noun)


def _regressions_heading(regressions: list[Any], lang: str) -> str:
    """'後退 2 件' / '2 regressions'; the ones that only may have happened are counted apart: '後退 1 件、後退の可能性
    1 件' / '1 regression, 1 possible regression'."""
    maybe = sum(r.possible for r in regressions)
    known = len(regressions) - maybe
    ja = [f"後退 {known} 件"] if known else []
    en = [_count(known, "regression")] if known else []
    if maybe:
        ja.append(f"後退の可能性 {maybe} 件")
        en.append(_count(maybe, "possible regression"))
    return _t(lang, "、".join(ja), ", ".join(en))


def _change_mark(e: EntryDiff, lang: str) -> str:
    """The change column's word, with ⚠ for a known fall and ⚠？ / ⚠? for one that may have happened."""
    mark = " ⚠" if e.regression else _t(lang, " ⚠？", " ⚠?") if e.possible_regression else ""
    return _t(lang, *_CHANGE[e.change]) + mark


def _side(label: str, lang: str) -> str:
    """A side of the diff as its catalogue is named everywhere (``.`` by its directory's name); ``git:REV`` as is;
    ``import:FILE`` (``import --dry-run``'s catalogue with the file read in) as what it is."""
    from dxready.render.views import catalog_label

    if label.startswith("import:"):
        name = label.removeprefix("import:")
        return _t(lang, f"{name} を読み込んだ後", f"after importing {name}")
    return label if label.startswith("git:") else catalog_label(label, lang)


def _mark(value: Any) -> str:
    return "" if value is None else _MARK.get(str(value), str(value))


def _arrow(before: str, after: str) -> str:
    if not before:
        return f"→ {after}"
    if not after:
        return f"{before} →"
    return f"{before} → {after}"


def _level(value: Any, lang: str) -> str:
    """A level, or what a row without one is: — and the word, as the plan writes a row that does not apply."""
    if value == "not_applicable":
        return _t(lang, "—（該当なし）", "— (not applicable)")
    if isinstance(value, list) and len(value) == 2:  # unsettled: between two levels, as every view writes it
        from dxready.engine.levels import level_words

        return level_words(*value).get(lang)
    return "" if value is None else _value(value)  # no level: a row added or removed


# A field whose values are an enum's: in Japanese each value is printed by the word the tool prints for it
# (catalog/labels.py: the first spelling, which the catalogue also accepts); in English by its value, or by the
# words every view uses where there are some (render/labels.py).
_ENUM_OF = {
    "identity": "Identity",
    "payment": "Payment",
    "result_delivery": "ResultDelivery",
    "back_office": "BackOffice",
    "tier": "Tier",
    "data_input": "DataInput",
    "state": "RoadmapState",
}


def _word(value: Any, field: str, lang: str) -> str:
    """One scalar as the tool prints it: a yes/no field (fee, gov_cloud …) in words, an enum value by its label."""
    if isinstance(value, bool):  # never Python's True/False
        from dxready.catalog.labels import yes_no

        return yes_no(value, lang)
    kind = _ENUM_OF.get(field.rsplit(".", 1)[-1])
    if kind is not None and isinstance(value, str):
        from dxready.catalog.labels import LABELS
        from dxready.render.labels import STATE

        if lang == "ja":
            return LABELS.get(kind, {}).get(value, (value,))[0]
        if kind == "RoadmapState":
            return STATE.get(value, (value, value))[1]
    return str(value)


def _value(value: Any, field: str = "", lang: str = "ja") -> str:
    """One side of a change: nothing recorded is —, as set's echo says it (— → なし); an empty list is なし / none."""
    if value is None:
        return "—"
    if isinstance(value, list):
        if not value:
            return _t(lang, "なし", "none")
        return (
            ", ".join(_value(v, field, lang) for v in value)
            if all(not isinstance(v, dict | list) for v in value)
            else "…"
        )
    if isinstance(value, dict):
        return "…"
    return _word(value, field, lang)


def _cells(entry: EntryDiff, lang: str, sep: str = "") -> tuple[str, str, str, str]:
    """(status, level, channels, other fields) of one entry, as plain text; the other fields joined by ``sep``
    (by default 「、」 in Japanese, "; " in English)."""
    status = level = channels = ""
    others: list[str] = []
    for c in entry.changes:
        if c.field == "status":
            status = _arrow(_mark(c.before), _mark(c.after))
        elif c.field == "recorded_status":  # a group's own mark (the row's status follows its sub-procedures)
            others.append(
                f"{_t(lang, '記録上の状況', 'recorded status')}: {_arrow(_mark(c.before), _mark(c.after))}"
            )
        elif c.field == "level":
            level = _arrow(_level(c.before, lang), _level(c.after, lang))
        elif c.field == "channels":
            channels = _channels(c)
        elif c.field.endswith(".status") and c.field.startswith("sub_procedures."):
            others.append(f"{c.field.split('.')[1]}: {_arrow(_mark(c.before), _mark(c.after))}")
        elif c.field.startswith("sub_procedures.") and c.field.count(".") == 2:  # named, as its status is
            _, sub, rest = c.field.split(".")
            others.append(f"{sub} {_other(replace(c, field=rest), lang)}")
        else:
            others.append(_other(c, lang))
    return status, level, channels, (sep or _t(lang, "、", "; ")).join(others)


def _channels(c: FieldChange) -> str:
    before, after = c.before or [], c.after or []
    if all(isinstance(v, str) for v in [*before, *after]):
        parts = [f"+{k}" for k in after if k not in before] + [f"−{k}" for k in before if k not in after]
        return " ".join(parts)
    return "…"


def _field_name(field: str, kind: str, lang: str) -> str:
    """A field as export's sheet of that kind heads its column (本人確認, 手数料 …) in Japanese, as set's echo names it
    (commands/echo.py); its YAML key in English and where no sheet names it."""
    if lang != "ja":
        return field
    from dxready.commands.echo import field_word

    return field_word(field, kind)


def _header_fields(d: CatalogDiff, lang: str) -> str:
    """The header's changed fields, in Japanese as export's 基本情報 sheet names them (マイナンバーカード, 時点)."""
    if lang != "ja":
        return ", ".join(c.field for c in d.municipality)
    from dxready.commands.transfer.fields import HEADER_FIELDS

    names = {f.key.removeprefix("municipality."): f.ja for f in HEADER_FIELDS}
    return "、".join(names.get(c.field, c.field) for c in d.municipality)


def _counts(before: Any, after: Any, lang: str) -> str | None:
    """A usage-count change as its figures, per fiscal year that changed (令和4年度: — → 5 / 10); None when a side
    is not a list of yearly records."""
    from dxready.catalog.fiscal import FiscalYear, rate_notes

    sides: list[dict[str, dict[str, Any]]] = []
    for side in (before or [], after or []):
        if not isinstance(side, list) or not all(isinstance(r, dict) for r in side):
            return None
        sides.append({str(r.get("fiscal_year")): r for r in side})
    old, new = sides

    def year(text: str) -> str:
        try:
            return FiscalYear.parse(text).label(lang)
        except ValueError:
            return text

    def figures(record: dict[str, Any] | None) -> str:
        if record is None:
            return "—"
        online, total, rate = record.get("online"), record.get("total"), record.get("rate")
        shown = (
            []
            if online is None and total is None
            else [
                _t(
                    lang,
                    f"{_or_unknown(online)} / {_or_unknown(total)} 件",
                    f"{_or_unknown(online)} of {_or_unknown(total)} online",
                )
            ]
        )
        text = " ".join(shown + ([] if rate is None else [f"{rate}%"])) or "—"
        notes = _rate_notes(online is None and total is None and rate is not None, record.get("period_end"))
        if not notes:
            return text
        # a published or part-year rate is said as every view says it, never as the whole year's counted rate
        return f"{text}（{'、'.join(notes)}）" if lang == "ja" else f"{text} ({'; '.join(notes)})"

    def _rate_notes(published: bool, end: Any) -> list[str]:
        try:
            return rate_notes(published, end, lang)
        except (TypeError, ValueError):  # a date the schema would refuse: said as written
            return rate_notes(published, None, lang) + ([str(end)] if end else [])

    parts = [
        f"{year(y)}: {_arrow(figures(old.get(y)), figures(new.get(y)))}"
        for y in sorted(old.keys() | new.keys())
        if old.get(y) != new.get(y)
    ]
    return _t(lang, "、", "; ").join(parts) if parts else None


def _or_unknown(value: Any) -> str:
    return "？" if value is None else f"{value:,}" if isinstance(value, int) else str(value)


def _other(c: FieldChange, lang: str, kind: str = "procedure") -> str:
    name = _field_name(c.field, kind, lang)
    if c.field == "counts":
        figures = _counts(c.before, c.after, lang)
        if figures is not None:
            return f"{name}: {figures}"
    before, after = _value(c.before, c.field, lang), _value(c.after, c.field, lang)
    if "…" in (before, after) or len(before) + len(after) > 60:
        return name
    if c.field == "migration" or isinstance(c.before, dict) or isinstance(c.after, dict):
        return name
    return f"{name}: {_arrow(before, after)}"


def _system_cells(entry: EntryDiff, lang: str, sep: str = "") -> str:
    return (sep or _t(lang, "、", "; ")).join(_other(c, lang, entry.kind) for c in entry.changes)


def _rate(s: Summary, lang: str = "ja") -> str:
    from dxready.engine.rates import text

    return text(s.online, lang)


def _headline(d: CatalogDiff, lang: str) -> str:
    b, h = d.base_summary, d.head_summary
    counts = " · ".join(
        f"{_MARK[k]} {b.by_status.get(k, 0)} → {h.by_status.get(k, 0)}"
        for k in ("online", "partial", "offline")
    )
    rate = _t(lang, "オンライン化率", "online rate")
    return f"{counts} · {rate} {_rate(b, lang)} → {_rate(h, lang)}"


def _finding_where(f: Finding) -> str:
    return str(f.location) if f.location is not None else ""


# --------------------------------------------------------------------------------------------------- markdown


def _code(text: str) -> str:
    """A code span: backslashes are literal there, so the text is made inert by removing backticks instead."""
    return "`" + oneline(text).replace("`", "'") + "`" if text else ""


def markdown(d: CatalogDiff, lang: str) -> str:
    lines = [
        f"### dxready diff: {_code(_side(d.base, lang))} → {_code(_side(d.head, lang))}",
        "",
        f"**{md_text(_headline(d, lang))}**",
        "",
    ]
    if d.other_municipality:
        lines += [f"> {md_text(_other_city(d, lang))}", ""]
    if d.empty:
        lines.append(_t(lang, "カタログに変更はありません。", "No changes to the catalogue."))
        return "\n".join(lines) + "\n"
    regressions = d.regressions()
    if regressions:
        lines.append(f"> **{_regressions_heading(regressions, lang)}**")
        for r in regressions:
            kind = _t(lang, *_KIND.get(r.kind, (r.kind, r.kind)))
            name = f" {md_text(r.name)}" if r.name else ""
            ident = _t(lang, f"（{_code(r.id)}）", f" ({_code(r.id)})") if r.id else ""
            lines.append(f"> - {kind}{name}{ident}: {md_text(r.what.get(lang))}")
        lines.append("")
    if d.procedures:
        lines += [f"#### {_t(lang, '手続', 'Procedures')} ({len(d.procedures)})", ""]
        head = [
            _t(lang, "手続", "Procedure"),
            "id",
            _t(lang, "変更", "Change"),
            _t(lang, "オンライン化", "Online"),
            _t(lang, "レベル", "Level"),
            _t(lang, "チャネル", "Channels"),
            _t(lang, "その他", "Other"),
        ]
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for e in d.procedures:
            status, level, channels, others = _cells(e, lang, "\n")  # one change a line
            change = _change_mark(e, lang)
            row = [e.name, e.id, change, status, level, channels, others]
            lines.append("| " + " | ".join(md_cell(c) for c in row) + " |")
        lines.append("")
    for title, entries in (
        (_t(lang, "システム", "Systems"), d.systems),
        (_t(lang, "工程表", "Roadmap"), d.roadmap),
    ):
        if not entries:
            continue
        lines += [f"#### {title} ({len(entries)})", ""]
        head = [_t(lang, "名称", "Name"), "id", _t(lang, "変更", "Change"), _t(lang, "項目", "Fields")]
        lines += ["| " + " | ".join(head) + " |", "|---|---|---|---|"]
        for e in entries:
            row = [e.name, e.id, _t(lang, *_CHANGE[e.change]), _system_cells(e, lang)]
            lines.append("| " + " | ".join(md_cell(c) for c in row) + " |")
        lines.append("")
    if d.municipality:
        fields = _header_fields(d, lang)
        lines += [f"{_t(lang, '団体情報の変更', 'Municipality header changed')}: {md_text(fields)}", ""]
    for title, findings in (
        (_t(lang, "新しい指摘", "New findings"), d.new_findings),
        (_t(lang, "解消した指摘", "Resolved findings"), d.resolved_findings),
    ):
        if not findings:
            continue
        lines += [f"#### {title} ({len(findings)})", ""]
        for f in findings:
            sev = f.severity.label(lang)
            lines.append(f"- `{f.code}` {sev} {_code(_finding_where(f))} {md_text(f.message.get(lang))}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# --------------------------------------------------------------------------------------------------- json


def _entry_json(e: EntryDiff) -> dict[str, Any]:
    return {
        "kind": e.kind,
        "id": e.id,
        "name": e.name,
        "change": e.change,
        "regression": e.regression,
        "possible_regression": e.possible_regression,
        "changes": [
            {
                "field": c.field,
                "before": c.before,
                "after": c.after,
                "regression": c.regression,
                "possible_regression": c.possible,
            }
            for c in e.changes
        ],
    }


def _summary_json(s: Summary) -> dict[str, Any]:
    from dxready.engine.rates import applicable_bounds, fields

    return {
        "applicable": s.applicable,
        "applicable_bounds": applicable_bounds(s.applicable, s.by_status["unknown"]),
        "by_status": s.by_status,
        "not_applicable": s.not_applicable,
        **fields(s.online, s.with_partial),
        "online_rate": s.online_rate,
        "online_or_partial_rate": s.online_or_partial_rate,
        "levels": {str(k): v for k, v in s.levels.items()},
        "levels_unsettled": [{"low": lo, "high": hi, "count": n} for (lo, hi), n in s.unsettled.items()],
    }


def _finding_json(f: Finding, lang: str) -> dict[str, Any]:
    from dxready.render.json_ import finding

    return finding(f, lang, brief=True)


def json_(d: CatalogDiff, lang: str) -> str:
    from dxready.commands.diff import SCHEMA_VERSION

    data = {
        "schema_version": SCHEMA_VERSION,
        "base": d.base,
        "head": d.head,
        "as_of": d.as_of.isoformat(),
        "summary": {"base": _summary_json(d.base_summary), "head": _summary_json(d.head_summary)},
        "regressions": [
            {"kind": r.kind, "id": r.id, "name": r.name, "message": r.what.get(lang), "possible": r.possible}
            for r in d.regressions()
        ],
        "procedures": [_entry_json(e) for e in d.procedures],
        "systems": [_entry_json(e) for e in d.systems],
        "roadmap": [_entry_json(e) for e in d.roadmap],
        "municipality": [{"field": c.field, "before": c.before, "after": c.after} for c in d.municipality],
        "different_municipality": d.other_municipality is not None,
        "findings": {
            "new": [_finding_json(f, lang) for f in d.new_findings],
            "resolved": [_finding_json(f, lang) for f in d.resolved_findings],
        },
    }
    from dxready.render.safe import json_dumps

    return json_dumps(data, indent=2) + "\n"


def _other_city(d: CatalogDiff, lang: str) -> str:
    """A warning when the two sides are different municipalities (a change between them is no one's history)."""
    pair = d.other_municipality
    if pair is None:
        return ""
    before, after = pair
    return _t(
        lang,
        f"注意: 別の団体どうしの比較です（団体コード {before} → {after}）。後退は同じ団体の二つの版を比べたときにだけ意味があります",
        f"Note: these are different municipalities (code {before} → {after}); a regression means something only "
        "between two versions of one municipality's catalogue",
    )
