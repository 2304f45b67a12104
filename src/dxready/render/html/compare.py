"""A coordinator's page from ``compare --format json``: the municipality × procedure matrix, sortable."""

from __future__ import annotations

from typing import Any

from dxready.catalog.models import Status
from dxready.i18n import t as _t
from dxready.render.charts import esc
from dxready.render.html.rates import RateView, local, rate_view
from dxready.render.html.shell import (
    PAGE_LANG,
    Ids,
    data_table,
    document,
    footer,
    meta,
    nav,
    row_head,
    section,
    td,
)

# --------------------------------------------------------------------------------------------------- compare page


def _wards(totals: dict[str, Any], lang: str) -> str:
    """The wards' rows that no total counts (compare's ``totals.wards_left_out``), as the terminal's note says."""
    n = len(totals.get("wards_left_out") or [])
    if not n:
        return ""
    return esc(
        _t(
            lang,
            f"（区のカタログ {n} 件は行を示しますが、数えていません。区は市町村ではありません）",
            f" ({n} ward {'catalogue is' if n == 1 else 'catalogues are'} shown but not counted: a ward is not a "
            "municipality)",
        )
    )


def compare_page(data: dict[str, Any], lang: str, version: str) -> str:
    """A coordinator's page from ``compare --format json``: the municipality × procedure matrix, sortable."""
    token = PAGE_LANG.set(lang)
    try:
        return _compare_page(data, lang, version)
    finally:
        PAGE_LANG.reset(token)


def _compare_page(data: dict[str, Any], lang: str, version: str) -> str:
    ids = Ids()
    procs = data.get("procedures") or []
    towns = data.get("municipalities") or []
    totals = data.get("totals") or {}
    title = _t(
        lang,
        "標準事務のオンライン化の状況（団体別）",
        "Online status of the standard procedures, by municipality",
    )
    overall = rate_view(totals, "online")
    if overall.known is None:
        cells = totals.get("cells") or {}
        known = sum(int(cells.get(k, 0)) for k in ("online", "partial", "offline"))
        unknown = int(cells.get("unknown", 0)) + int(cells.get("missing", 0))  # a missing row counts as ？
        overall = RateView(overall.point, overall.bounds, known, known + unknown)
    from dxready.render.text import count

    n = int(totals.get("municipalities", len(towns)))
    summary = (
        f'<p class="lead"><span class="note">{esc(_t(lang, "全団体のオンライン化率（○）", "Online rate over all municipalities (○)"))}</span>'
        f'<span class="figure" id="online-rate">{esc(overall.text(lang))}</span></p>'
        f"<p>{esc(_t(lang, f'{n} 団体', '1 municipality' if n == 1 else f'{n} municipalities'))}"
        + (
            esc(
                _t(
                    lang,
                    f"、読めないカタログ {totals['broken']} 件",
                    f"; {count(int(totals['broken']), 'catalogue')} could not be read",
                )
            )
            if totals.get("broken")
            else ""
        )
        + _wards(totals, lang)
        + "</p>"
    )
    heads = [
        (_t(lang, "団体", "Municipality"), ""),
        (_t(lang, "コード", "Code"), ""),
        (_t(lang, "都道府県", "Prefecture"), ""),
        (_t(lang, "状況の時点", "Status as of"), ""),
        *((str(p["standard_no"]), "mark") for p in procs),
        (_t(lang, "オンライン化率", "Online rate"), "num"),
        (_t(lang, "確認済", "Recorded"), "num"),
        (_t(lang, "○＋一部", "○ + 一部"), "num"),
    ]
    order = {s.value: i for i, s in enumerate(Status)}
    rows = []
    for town in towns:
        statuses = town.get("statuses") or {}
        marks = []
        for p in procs:
            st = statuses.get(str(p["standard_no"]))
            marks.append(td(Status(st).mark if st else "", "mark", str(order.get(st, 9)) if st else ""))
        ov, pv = rate_view(town, "online"), rate_view(town, "with_partial")
        coverage = "" if ov.known is None else f"{ov.known}/{ov.total}"
        rows.append(
            f'<tr data-code="{esc(town.get("code", ""))}">'
            + row_head(town.get("name", ""))
            + td(town.get("code", ""))
            + td(town.get("prefecture") or "")
            + td(town.get("status_as_of") or _t(lang, "記載なし", "not stated"))
            + "".join(marks)
            + td(ov.short_text(lang), "num", ov.sort_key())
            + td(coverage, "num", "" if ov.known is None or not ov.total else str(ov.known / ov.total))
            + td(pv.short_text(lang), "num", pv.sort_key())
            + "</tr>"
        )
    matrix = data_table(ids, title, heads, rows, sortable=True, cls="matrix")
    legend = (
        f'<h3>{esc(_t(lang, "手続番号", "Procedure numbers"))}</h3><ol class="numbers">'
        + "".join(f'<li value="{int(p["standard_no"])}">{esc(local(p, "name", lang))}</li>' for p in procs)
        + "</ol>"
    )
    per_rows = []
    for p in procs:
        counts = p.get("counts") or {}
        known = sum(int(counts.get(k, 0)) for k in ("online", "partial", "offline"))
        covered = {
            **p,
            "coverage": p.get("coverage")
            or {
                "known": known,
                "total": known + int(counts.get("unknown", 0)) + int(counts.get("missing", 0)),
            },
        }
        view = rate_view(covered, "online")
        some = rate_view(covered, "with_partial")  # ○＋一部, as the terminal compare's 一部を含む column
        per_rows.append(
            "<tr>"
            + td(str(p["standard_no"]), "num", str(p["standard_no"]))
            + row_head(local(p, "name", lang))
            + "".join(
                td(
                    str(int(counts.get(k, 0)) + (int(counts.get("missing", 0)) if k == "unknown" else 0)),
                    "num",
                )
                for k in ("online", "partial", "offline", "not_applicable", "unknown")
            )
            + td(view.text(lang), "num", view.sort_key())
            + td(some.short_text(lang), "num", some.sort_key())
            + "</tr>"
        )
    per = data_table(
        ids,
        _t(lang, "手続別の団体数とオンライン化率", "Municipalities and online rate by procedure"),
        [
            ("No.", "num"),
            (_t(lang, "手続の種類", "Procedure"), ""),
            ("○", "num"),
            ("一部", "num"),
            ("×", "num"),
            ("—", "num"),
            ("？", "num"),
            (_t(lang, "オンライン化率", "Online rate"), "num"),
            (_t(lang, "○＋一部", "○ + 一部"), "num"),
        ],
        per_rows,
        cls="wide-table",
        sortable=True,
    )
    sections = [
        ("matrix", _t(lang, "団体 × 手続", "Municipalities × procedures"), summary + matrix + legend),
        ("by-procedure", _t(lang, "手続別", "By procedure"), per),
    ]
    from dxready.render.text import count

    broken = len({e.get("catalog") for e in data.get("errors") or []})
    if broken:
        # Which directory failed and the parser's words are for the officer (stderr, compare's output); the page
        # says only that catalogues were left out: a path names the machine, not the municipality.
        sections.append(
            (
                "errors",
                _t(lang, "読めなかったカタログ", "Catalogues that could not be read"),
                "<p>"
                + esc(
                    _t(
                        lang,
                        f"{broken} 件のカタログを読めなかったため、この比較から除きました。",
                        f"{count(broken, 'catalogue')} could not be read and "
                        f"{'is' if broken == 1 else 'are'} left out of this comparison.",
                    )
                )
                + "</p>",
            )
        )
    header = (
        f"<h1>{esc(title)}</h1>"
        + meta(
            [
                (_t(lang, "状況の時点", "Status as of"), _status_dates(data, lang)),
                (_t(lang, "基準日", "Evaluated on"), data.get("as_of", "")),
            ]
        )
        + nav([(i, t) for i, t, _ in sections], lang)
    )
    body = "\n".join(section(i, t, c) for i, t, c in sections)
    return document(title, lang, header, body, footer(lang, version, data.get("as_of", "")), sortable=True)


def _status_dates(data: dict[str, Any], lang: str) -> str:
    """The header's status date: one date only when every municipality states the same one; otherwise the range
    and how many state none (each row has its own in the matrix)."""
    dates = data.get("status_as_of") or {}
    first, last, missing = dates.get("earliest"), dates.get("latest"), int(dates.get("not_stated") or 0)
    if first is None:
        return _t(lang, "記載なし", "not stated")
    if first == last and not missing:
        return str(first)
    span = str(first) if first == last else _t(lang, f"{first}〜{last}", f"{first} to {last}")
    more = _t(lang, f"、記載なし {missing} 団体", f"; {missing} not stated") if missing else ""
    return _t(lang, f"団体ごと（{span}{more}、表を参照）", f"by municipality ({span}{more}; see the table)")
