"""The city page's trend section: the online rate over time, as a line chart and its table."""

from __future__ import annotations

from typing import Any

from dxready.engine.rates import applicable_text
from dxready.i18n import t as _t
from dxready.render import charts
from dxready.render.charts import esc
from dxready.render.html.rates import pct, rate_view
from dxready.render.html.shell import Ids, data_table, row_head, td


def trend_section(trend: dict[str, Any] | None, note: str | None, ids: Ids, lang: str) -> str:
    points = (trend or {}).get("points") or []
    if not points:
        text = note or _t(lang, "この期間の履歴はありません。", "No history in this period.")
        return f"<p>{esc(text)}</p>"
    labels: list[str] = []
    online: list[float | None] = []
    partial: list[float | None] = []
    online_band: list[tuple[float, float] | None] = []
    partial_band: list[tuple[float, float] | None] = []
    rows = []
    for p in points:
        label = p["date"] if p.get("commit") else _t(lang, "作業中", "working")
        labels.append(label)
        ov, pv = rate_view(p, "online"), rate_view(p, "with_partial")
        online.append(ov.point if ov.point is not None and ov.complete and not p.get("problem") else None)
        partial.append(pv.point if pv.point is not None and pv.complete and not p.get("problem") else None)
        # where unknowns leave only a range, the range is drawn (as the table below states it), never a point
        online_band.append(ov.bounds if online[-1] is None and not p.get("problem") else None)
        partial_band.append(pv.bounds if partial[-1] is None and not p.get("problem") else None)
        if p.get("problem"):
            cells = [
                td(""),
                td(""),
                td(""),
                td(""),
                td(""),
                td(""),
                # The problem (a rule code, a YAML key, a line and column) is for the officer: `dxready trend`
                # gives it in the terminal. The page says only that this record could not be read.
                td(_t(lang, "この時点の記録は読めませんでした", "This record could not be read")),
                td(""),
            ]
        else:
            as_of = p.get("as_of")
            cells = [
                td(as_of or _t(lang, "記載なし", "not stated"), "nw"),
                td(applicable_cell(p, lang), "num"),
                td(str(p.get("online", "")), "num"),
                td(str(p.get("partial", "")), "num"),
                td(str(p.get("offline", "")), "num"),
                td(str(p.get("unknown", "")), "num"),
                td(ov.text(lang), "num"),
                td(pv.text(lang), "num"),
            ]
        commit = (p.get("commit") or "")[:8] or _t(lang, "未コミット", "uncommitted")
        rows.append(
            "<tr>"
            + row_head(label, cls="nw")
            + td(commit, "nw")
            + "".join(cells)
            + td(p.get("subject") or _t(lang, "（未コミットの変更）", "(uncommitted changes)"))
            + "</tr>"
        )
    shown = [v for v in online if v is not None]
    ranged = sum(b is not None for b in online_band)
    desc = _t(
        lang,
        f"記録日（コミットした日）ごとの、{len(points)} 時点のオンライン化率。"
        + "各時点の状況の時点は下の表にあります。"
        + (
            f"最初 {pct(shown[0])}、最新 {pct(shown[-1])}。"
            if shown
            else "率を一つの値で示せる時点はありません。"
        )
        + (
            f"未確認の手続がある {ranged} 時点は、率のとりうる幅（下限〜上限）を帯で示します。"
            if ranged
            else ""
        ),
        f"The online rate at {len(points)} points in time, by the day each was recorded (committed); the status"
        " date of each is in the table below. "
        + (f"First {pct(shown[0])}, latest {pct(shown[-1])}." if shown else "No point has a single rate.")
        + (
            f" At {ranged} {'point' if ranged == 1 else 'points'} with procedures not yet known, a band shows"
            " the range (lowest to highest) the rate can take."
            if ranged
            else ""
        ),
    )
    chart = charts.line(
        ids("chart"),
        labels,
        [
            charts.Series(
                _t(lang, "オンライン化率（○）", "online rate (○)"), online, "s-online", "circle", online_band
            ),
            charts.Series(_t(lang, "○＋一部", "○ + 一部"), partial, "s-partial", "square", partial_band),
        ],
        _t(lang, "オンライン化率の推移", "Online rate over time"),
        desc,
    )
    # No file name: a resident cannot know what procedures.yaml is (the terminal's `trend` names it).
    table = data_table(
        ids,
        _t(
            lang,
            "オンライン化の推移（カタログの記録の履歴、コミット順）",
            "Readiness over time (the history of the catalogue's records, in commit order)",
        ),
        [
            (_t(lang, "記録日（コミット）", "Recorded (commit)"), ""),
            (_t(lang, "コミット", "Commit"), ""),
            (_t(lang, "状況の時点", "Status as of"), ""),
            (_t(lang, "対象", "Applicable"), "num"),
            ("○", "num"),
            ("一部", "num"),
            ("×", "num"),
            ("？", "num"),
            (_t(lang, "オンライン化率", "Online rate"), "num"),
            (_t(lang, "○＋一部", "○ + 一部"), "num"),
            (_t(lang, "内容", "Subject"), ""),
        ],
        rows,
        cls="wide-table",
    )
    said = (
        f'<p class="note">{esc(_t(lang, "帯は、未確認の手続があるため率が一つに決まらない時点の、とりうる幅（下限〜上限）です。", "A band is the range (lowest to highest) of a rate that procedures not yet known leave open."))}</p>'
        if ranged
        else ""
    )
    return chart + said + table


def applicable_cell(p: dict[str, Any], lang: str) -> str:
    """The point's applicable rows: '4〜21' ('4–21' in English) while some are unknown (the ？ column beside says
    how many), written with the page's own dash."""
    if "applicable" not in p:
        return ""
    unknown = int(p.get("unknown") or 0)
    return applicable_text(int(p["applicable"]), unknown, lang, unknown_beside=True, dash=_t(lang, "〜", "–"))
