"""The city page's summary, procedures and My Number Card sections."""

from __future__ import annotations

from typing import Any

from dxready.catalog.models import Status
from dxready.engine.levels import LEVEL_NAMES
from dxready.engine.rates import applicable_text
from dxready.i18n import t as _t
from dxready.render import charts
from dxready.render.charts import esc
from dxready.render.html.cells import SEVERITY, STATUS_CSS, level_html, usage_text, wareki_of
from dxready.render.html.rates import fy, integer, local, pct, rate_view, status_of
from dxready.render.html.shell import Ids, data_table, row_head, td


def summary_section(data: dict[str, Any], ids: Ids, lang: str) -> str:
    s = data["summary"]
    by = s["by_status"]
    applicable = applicable_text(
        int(s["applicable"]), int(by.get("unknown", 0)), lang, dash=_t(lang, "〜", "–")
    )
    online = rate_view(s, "online")
    with_partial = rate_view(s, "with_partial")
    parts = []
    label = _t(lang, "オンライン化率（○）", "Online rate (○)")
    parts.append(
        f'<p class="lead"><span class="note">{esc(label)}</span>'
        f'<span class="figure" id="online-rate">{esc(online.text(lang))}</span>'
        f'{esc(_t(lang, "○＋一部", "○ + 一部"))}: <span id="online-partial-rate">{esc(with_partial.text(lang))}</span></p>'
    )
    if not online.complete:
        why = (
            _t(
                lang,
                "状況が未確認の手続があるため、率は幅で示しています（下限: 未確認がすべて ×、上限: すべて ○）。",
                "Some statuses are unknown, so the rate is given as a range (low: every unknown ×; high: every unknown ○).",
            )
            if online.bounds
            else _t(
                lang,
                "状況が未確認の手続があるため、率はまだ示せません。",
                "Some statuses are unknown, so no rate can be given yet.",
            )
        )
        parts.append(f'<p class="note">{esc(why)}</p>')
    keys = [("online", "○"), ("partial", "一部"), ("offline", "×"), ("unknown", "？")]
    bars = [
        charts.Bar(
            f"{mark} {Status(k).label(lang)}",
            by.get(k, 0),
            _t(lang, f"{by.get(k, 0)}件", str(by.get(k, 0))),
            STATUS_CSS[k],
        )
        for k, mark in keys
        if k != "unknown" or by.get("unknown", 0)
    ]
    desc = (
        "、".join(f"{b.label} {b.shown}" for b in bars)
        if lang == "ja"
        else ", ".join(f"{b.label} {b.shown}" for b in bars)
    )
    parts.append(
        charts.stacked(
            ids("chart"),
            bars,
            _t(lang, f"対象手続 {s['applicable']} 件の内訳", f"The {s['applicable']} applicable procedures")
            if not by.get("unknown")
            else _t(lang, f"対象手続 {applicable}の内訳", f"The applicable procedures: {applicable}"),
            desc,
        )
    )
    levels = s["levels"]
    level_bars = [
        charts.Bar(
            f"{n} {LEVEL_NAMES[n].get(lang)}",
            levels[str(n)],
            _t(lang, f"{levels[str(n)]}件", str(levels[str(n)])),
            "s-level",
        )
        for n in range(5)
    ]
    unsettled = sum(int(u["count"]) for u in s.get("levels_unsettled", []))
    if unsettled:
        level_bars.append(
            charts.Bar(
                _t(lang, f"未確定（{_spans(s, lang)}）", f"unsettled ({_spans(s, lang)})"),
                unsettled,
                _t(lang, f"{unsettled}件", str(unsettled)),
                "s-level",
            )
        )
    scale = max([b.value for b in level_bars] + [1])
    parts.append(
        charts.horizontal(
            ids("chart"),
            level_bars,
            scale,
            _t(lang, "準備レベル別の手続数", "Procedures by readiness level"),
            (_t(lang, "、", ", ")).join(
                f"{_t(lang, 'レベル', 'level')} {b.label} {b.shown}" for b in level_bars
            ),
        )
    )
    f = s.get("findings", {})
    rows = [
        ("applicable", _t(lang, "対象手続", "Applicable procedures"), applicable),
        ("online", f"○ {Status.online.label(lang)}", str(by.get("online", 0))),
        ("partial", f"一部 {Status.partial.label(lang)}", str(by.get("partial", 0))),
        ("offline", f"× {Status.offline.label(lang)}", str(by.get("offline", 0))),
        ("unknown", f"？ {Status.unknown.label(lang)}", str(by.get("unknown", 0))),
        (
            "not_applicable",
            f"— {_t(lang, '該当なし（率から除外）', 'not applicable (excluded)')}",
            str(s["not_applicable"]),
        ),
        ("rate", label, online.text(lang)),
        (
            "rate_with_partial",
            _t(lang, "オンライン化率（○＋一部）", "Online rate (○ + 一部)"),
            with_partial.text(lang),
        ),
        *(
            (
                f"level-{n}",
                f"{_t(lang, 'レベル', 'Level')} {n} {LEVEL_NAMES[n].get(lang)}",
                str(levels[str(n)]),
            )
            for n in range(5)
        ),
        *(
            (("level-unsettled", _t(lang, "レベル未確定", "Level unsettled"), _spans(s, lang, count=True)),)
            if s.get("levels_unsettled")
            else ()
        ),
        *(
            (f"findings-{sev}", _t(lang, f"課題（{ja}）", f"Findings ({en})"), str(f.get(sev, 0)))
            for sev, (ja, en) in SEVERITY.items()
        ),
        ("waived", _t(lang, "適用除外とした課題", "Waived findings"), str(s.get("waived", 0))),
    ]
    if s.get("inferred"):
        rows.insert(5, ("inferred", _t(lang, "うち推定の状況", "of which inferred"), str(s["inferred"])))
    own = s.get("own_procedures") or {}
    if own:
        tally = " / ".join(
            f"{Status(k).mark} {n}"
            for k, n in sorted(own.items(), key=lambda kv: list(Status).index(Status(kv[0])))
        )
        rows.append(
            (
                "own",
                _t(lang, "独自手続（率の対象外）", "own procedures (outside the rates)"),
                _t(lang, f"{sum(own.values())}（{tally}）", f"{sum(own.values())} ({tally})"),
            )
        )
    city = s.get("municipality_counts")
    if city:
        label = _t(
            lang,
            f"市全体（{fy(city.get('fiscal_year'), lang)}）",
            f"municipality-wide ({fy(city.get('fiscal_year'), lang)})",
        )
        if city.get("procedures") is not None:
            rows.append(
                ("city-procedures", f"{label} {_t(lang, '手続数', 'procedures')}", f"{city['procedures']:,}")
            )
        rows.append(
            ("city-usage", f"{label} {_t(lang, 'オンライン利用率', 'online usage')}", usage_text(city, lang))
        )
    body = [f'<tr data-key="{k}">{row_head(name)}{td(value, "num")}</tr>' for k, name, value in rows]
    table = data_table(
        ids,
        _t(lang, "オンライン化の概況", "Summary"),
        [(_t(lang, "項目", "Item"), ""), (_t(lang, "値", "Value"), "num")],
        body,
    )
    return f'<div class="split"><div>{"".join(parts)}</div><div>{table}</div></div>'


def _contradicted(p: dict[str, Any], lang: str) -> str:
    """A group shown ？ although a mark is recorded: its sub-procedures contradict it (DX008), and the page says so."""
    recorded = status_of(p.get("recorded_status"))
    if (
        p.get("status") != "unknown"
        or recorded is None
        or recorded in (Status.unknown, Status.not_applicable)
    ):
        return ""
    return _t(
        lang,
        f"（記録の {recorded.mark} は個別手続と矛盾）",
        f" (recorded {recorded.mark} contradicts its sub-procedures)",
    )


def procedures_section(data: dict[str, Any], ids: Ids, lang: str) -> str:
    """The standard procedures' table, and the city's own procedures (outside the 21, not in the counts and rates
    above it) in a table of their own."""
    standard = [p for p in data["procedures"] if p.get("standard_no") is not None]
    own = [p for p in data["procedures"] if p.get("standard_no") is None]
    title = _t(lang, "標準事務のオンライン化の状況", "Online status of the standard procedures")
    if data.get("status_as_of"):
        title += _t(lang, f"（{wareki_of(data['status_as_of'])}現在）", f" (as of {data['status_as_of']})")
    out = _procedures_table(standard, title, ids, lang)
    if own:
        own_title = _t(
            lang,
            "自団体の手続（標準の21手続の外。上の件数と率には数えません）",
            "The municipality's own procedures (outside the 21 standard ones; not in the counts and rates above)",
        )
        out += "\n" + _procedures_table(own, own_title, ids, lang)
    return out


def _procedures_table(procedures: list[dict[str, Any]], title: str, ids: Ids, lang: str) -> str:
    rows = []
    for p in procedures:
        status = status_of(p.get("status"))
        order = list(Status).index(status) if status else 9
        known = p.get("status") not in ("unknown", "not_applicable")
        # sorted by what is settled: the level, or the lower bound of a span an unknown fact could still move
        level = (
            (p.get("level") if p.get("level") is not None else (p.get("level_bounds") or [None])[0])
            if known
            else None
        )
        usage = p.get("usage") or {}
        rows.append(
            f'<tr data-id="{esc(p["id"])}">'
            + td(str(p.get("standard_no") or ""), "num", str(p.get("standard_no") or ""))
            + row_head(local(p, "name", lang))
            + td(
                (p.get("mark") or "")
                + _contradicted(p, lang)
                + (_t(lang, "（推定）", " (inferred)") if p.get("status_inferred") else ""),
                "mark",
                str(order),
            )
            + f'<td data-sort="{"" if level is None else level}">{level_html(p, lang)}</td>'
            + td(
                usage_text(p.get("usage"), lang), "", "" if usage.get("rate") is None else str(usage["rate"])
            )
            + td(p.get("note") or "", "pre")
            + "</tr>"
        )
    return data_table(
        ids,
        title,
        [
            ("No.", "num"),
            (_t(lang, "手続の種類", "Procedure"), ""),
            (_t(lang, "オンライン化", "Online"), "mark"),
            (_t(lang, "準備レベル", "Readiness level"), ""),
            (_t(lang, "オンライン利用率", "Online usage"), ""),
            (_t(lang, "備考", "Note"), ""),
        ],
        rows,
        sortable=True,
        cls="wide-table",
    )


def card_section(card: dict[str, Any], ids: Ids, lang: str) -> str:
    rates = card.get("rates") or []
    bars = [
        charts.Bar(r["scope"], float(r["rate"]), pct(r["rate"]), "s-level")
        for r in rates
        if r["rate"] is not None
    ]
    chart = charts.horizontal(
        ids("chart"),
        bars,
        100.0,
        _t(lang, "マイナンバーカード保有枚数率", "My Number Card holding rate"),
        (_t(lang, "、", ", ")).join(f"{b.label} {b.shown}" for b in bars),
    )
    rows = [
        "<tr>"
        + row_head(r["scope"])
        + td(integer(r.get("cards")), "num")
        + td(integer(r.get("population")), "num")
        + td(pct(r.get("rate")), "num")
        + "</tr>"
        for r in rates
    ]
    cap = _t(
        lang,
        f"マイナンバーカード保有枚数率（{card['as_of']} 時点",
        f"My Number Card holding rate (as of {card['as_of']}",
    )
    if card.get("population_as_of"):
        cap += _t(
            lang,
            f"、人口は {card['population_as_of']} 現在）",
            f"; population as of {card['population_as_of']})",
        )
    else:
        cap += _t(lang, "）", ")")
    table = data_table(
        ids,
        cap,
        [
            (_t(lang, "範囲", "Scope"), ""),
            (_t(lang, "保有枚数", "Cards"), "num"),
            (_t(lang, "人口", "Population"), "num"),
            (_t(lang, "保有枚数率", "Rate"), "num"),
        ],
        rows,
    )
    return chart + table


def _spans(summary: dict[str, Any], lang: str, count: bool = False) -> str:
    """The levels an unknown fact could still move rows between: '2〜4', or '9（2〜4）' with ``count``."""
    spans = summary.get("levels_unsettled", [])
    dash = "〜" if lang == "ja" else "–"
    text = _t(lang, "、", ", ").join(
        f"{u['low']}{dash}{u['high']}" + (f" {u['count']}" if len(spans) > 1 else "") for u in spans
    )
    if not count:
        return text
    return _t(
        lang,
        f"{sum(int(u['count']) for u in spans)}（{text}）",
        f"{sum(int(u['count']) for u in spans)} ({text})",
    )
