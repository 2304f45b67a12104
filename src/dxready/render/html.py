"""The published status page (``dxready page``): one self-contained, accessible HTML file.

The page is drawn from the JSON the other commands print — ``gaps --format json`` for the city's page (with
``trend``'s points), ``compare --format json`` for a coordinator's page — never from the models, so it says what
that JSON says, no more and no less. Nothing leaves the file: inline CSS and SVG, no font, image or script from
elsewhere, and a Content-Security-Policy that forbids every request and every script but the page's own (a small
sorter that only enhances tables the page reads well without).

Catalogue text is data: every string is escaped with :func:`esc` (control and bidirectional-override characters
shown as visible escapes first, as in the terminal), and none is ever put in a URL, a script or a style.
"""

from __future__ import annotations

import base64
import contextvars
import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dxready.catalog.fiscal import FiscalYear
from dxready.catalog.models import Status, Tier
from dxready.engine.levels import CRITERIA, LEVEL_NAMES
from dxready.i18n import t as _t
from dxready.render import charts
from dxready.render.charts import esc


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _int(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def _fy(year: int | None, lang: str) -> str:
    return "" if year is None else FiscalYear(year).label(lang)


def _local(obj: dict[str, Any], key: str, lang: str) -> str:
    """A catalogue name in the output language: the English one where recorded, else as written."""
    return str((obj.get(f"{key}_en") if lang == "en" else None) or obj.get(key) or "")


def _status(value: str | None) -> Status | None:
    return None if value is None else Status(value)


# --------------------------------------------------------------------------------------------------- rates


@dataclass(frozen=True)
class RateView:
    """A rate as the JSON states it: a point figure only when complete, else bounds and coverage."""

    point: float | None
    bounds: tuple[float, float] | None
    known: int | None
    total: int | None

    @property
    def complete(self) -> bool:
        return self.known is None or self.known == self.total

    def text(self, lang: str) -> str:
        if self.point is not None and self.complete:
            return _pct(self.point)
        if self.bounds is not None:
            low, high = self.bounds
            shown = f"{low:.1f}〜{high:.1f}%" if lang == "ja" else f"{low:.1f}–{high:.1f}%"
        else:
            shown = "—"
        return shown + self.coverage_text(lang) if not self.complete else shown

    def short_text(self, lang: str) -> str:
        """Without the coverage, for a cell whose row shows it in a column of its own."""
        if self.point is not None and self.complete:
            return _pct(self.point)
        if self.bounds is None:
            return "—"
        low, high = self.bounds
        return f"{low:.1f}〜{high:.1f}%" if lang == "ja" else f"{low:.1f}–{high:.1f}%"

    def coverage_text(self, lang: str) -> str:
        if self.known is None or self.total is None:
            return ""
        return _t(lang, f"（{self.total}件中{self.known}件確認）", f" ({self.known} of {self.total} known)")

    def sort_key(self) -> str:
        value = self.point if self.point is not None and self.complete else (self.bounds or (None,))[0]
        return "" if value is None else f"{value}"


def rate_view(obj: dict[str, Any], which: str = "online") -> RateView:
    """Read a summary, a trend point or a compare row: ``rate``/``rate_bounds``/``coverage`` where the JSON has
    them, else the older ``online_rate`` with the coverage that ``by_status``/``recorded`` give."""
    point_key = "rate" if which == "online" else "rate_with_partial"
    bounds_key = "rate_bounds" if which == "online" else "rate_with_partial_bounds"
    legacy = "online_rate" if which == "online" else "online_or_partial_rate"
    known = total = None
    coverage = obj.get("coverage")
    if isinstance(coverage, dict):
        known, total = coverage.get("known"), coverage.get("total")
    elif isinstance(obj.get("recorded"), str) and "/" in obj["recorded"]:
        a, b = obj["recorded"].split("/", 1)
        known, total = int(a), int(b)
    elif isinstance(obj.get("by_status"), dict) and "applicable" in obj:
        total = int(obj["applicable"])
        known = total - int(obj["by_status"].get("unknown", 0))
    elif "unknown" in obj and "applicable" in obj:  # a trend point
        total = int(obj["applicable"])
        known = total - int(obj["unknown"] or 0)
    point = obj.get(point_key) if point_key in obj else obj.get(legacy)
    raw = obj.get(bounds_key)
    bounds = (float(raw[0]), float(raw[1])) if isinstance(raw, list | tuple) and len(raw) == 2 else None
    return RateView(point, bounds, known, total)


# --------------------------------------------------------------------------------------------------- shell

_CSS = """
:root{--bg:#fff;--fg:#1b1b1b;--muted:#4d4d4d;--line:#767676;--soft:#eef1f5;--accent:#0b57a4;
--online:#1e7b45;--partial:#b35c00;--offline:#b3261e;--unknown:#5f6368;--track:#e3e6ea;--today:#b3261e;
--done:#1e7b45;--progress:#0b57a4;--todo:#ffffff;--bar:#0b57a4;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#121417;--fg:#ececec;--muted:#c4c7cc;--line:#8e9299;
--soft:#1f2328;--accent:#9cc3ff;--online:#6fcf97;--partial:#f2a654;--offline:#f28b82;--unknown:#b0b4ba;
--track:#2a2f36;--today:#f28b82;--done:#6fcf97;--progress:#9cc3ff;--todo:#121417;--bar:#9cc3ff}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);line-height:1.7;overflow-wrap:anywhere;
font-family:"Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic UI","Yu Gothic",Meiryo,system-ui,sans-serif}
header,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
h1{font-size:1.7rem;line-height:1.35;margin:1.5rem 0 .75rem}
h2{font-size:1.35rem;line-height:1.4;border-bottom:2px solid var(--line);padding-bottom:.2rem;margin:2.5rem 0 1rem}
h3{font-size:1.15rem;margin:1.75rem 0 .5rem}
h4{font-size:1rem;margin:1.25rem 0 .25rem}
a{color:var(--accent)}
a:focus,button:focus,summary:focus,.scroll:focus{outline:3px solid var(--accent);outline-offset:2px}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0 0 1rem}
.meta dt{font-weight:bold}.meta dd{margin:0}
nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;padding:0;margin:.5rem 0;list-style:none}
.lead{font-size:1.1rem}
.figure{font-size:2rem;font-weight:bold;line-height:1.3;display:block}
.note{color:var(--muted)}
.scroll{overflow-x:auto;max-width:100%;margin:.5rem 0 1rem}
table{border-collapse:collapse;margin:0}
caption{text-align:left;font-weight:bold;padding:.3rem 0;caption-side:top}
th,td{border:1px solid var(--line);padding:.3rem .55rem;text-align:left;vertical-align:top}
thead th{background:var(--soft)}
tbody th{font-weight:normal}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.mark{text-align:center;white-space:nowrap;font-weight:bold}
.pre{white-space:pre-line}
@media (min-width:60rem){.split{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:2rem;align-items:start}}
.nw,.matrix th,.matrix td{white-space:nowrap;overflow-wrap:normal}
.chart{display:block;max-width:100%;height:auto;margin:.5rem 0}
.wide{min-width:46rem;width:100%}
svg text{fill:var(--fg);font-size:14px}
.scroll>table.wide-table{min-width:40rem}
svg .axis{fill:var(--muted);font-size:12px}
svg .lane{font-weight:bold}
svg .grid{stroke:var(--line);stroke-width:.5;opacity:.6}
svg .gap{fill:var(--bg)}
svg .track{fill:var(--track)}
.s-online{fill:var(--online)}.s-partial{fill:var(--partial)}.s-offline{fill:var(--offline)}.s-unknown{fill:var(--unknown)}
.s-level{fill:var(--bar)}
svg .task{stroke:var(--fg);stroke-width:1.2}
svg .st-done{fill:var(--done)}svg .st-progress{fill:var(--progress)}svg .st-todo{fill:var(--todo)}
svg .st-none{fill:var(--track)}
svg .arrow{fill:var(--fg)}
svg .review{fill:var(--partial);stroke:var(--fg);stroke-width:1}
svg .today{stroke:var(--today);stroke-width:2.5;stroke-dasharray:8 4}
svg .today-label{fill:var(--today);font-weight:bold}
svg .series{fill:none;stroke-width:2.5}
svg .series.s-online{stroke:var(--online)} svg .series.s-partial{stroke:var(--partial)}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;padding:0;margin:.25rem 0;list-style:none}
.swatch{display:inline-block;width:1.6em;height:.9em;border:1.5px solid var(--fg);vertical-align:middle;margin-right:.35em}
.sw-done{background:var(--done)}.sw-progress{background:var(--progress)}.sw-todo{background:var(--todo)}
.sw-none{background:var(--track)}.sw-open{background:var(--track);border-style:dashed}
.sw-review{background:var(--partial);transform:rotate(45deg);width:.8em;height:.8em}
.sw-today{border:0;border-top:3px dashed var(--today);height:0}
.gap-list{padding-left:1.25rem}
.gap-list li{margin:.35rem 0}
.sev{display:inline-block;border:1px solid var(--line);border-radius:3px;padding:0 .35em;margin-right:.4em;font-size:.9em}
.next{display:block}
details{margin:.25rem 0 .75rem}
summary{cursor:pointer;color:var(--accent)}
code{font-family:"Noto Sans Mono CJK JP",ui-monospace,monospace;font-size:.95em}
th button{font:inherit;font-weight:bold;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-align:inherit}
th button::after{content:" ⇅";color:var(--muted)}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
footer{margin-top:3rem;padding-bottom:2rem;color:var(--muted);border-top:1px solid var(--line)}
@media (max-width:40rem){h1{font-size:1.4rem}.meta{grid-template-columns:1fr}.meta dd{margin-bottom:.35rem}
.figure{font-size:1.6rem}}
@media print{:root{--bg:#fff;--fg:#000;--muted:#333;--line:#555;--soft:#eee;--accent:#000;--online:#1e7b45;
--partial:#b35c00;--offline:#b3261e;--unknown:#5f6368;--track:#e3e6ea;--today:#b3261e;--done:#1e7b45;
--progress:#0b57a4;--todo:#fff;--bar:#0b57a4}
@page{size:A4;margin:14mm 12mm}
body{font-size:9.5pt;line-height:1.4}
th,td{padding:.12rem .4rem}
h2{margin:0 0 .6rem}
.chart{max-height:16rem;width:auto}
.gantt.chart{max-height:none;width:100%}
.split{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1rem;align-items:start}
.matrix{font-size:7pt}.matrix th,.matrix td{padding:.1rem .2rem}
header,main,footer{max-width:none;padding:0}
main>section+section{break-before:page}
nav,th button::after,.noprint{display:none}
.scroll{overflow:visible}
.wide{min-width:0}
thead{display:table-header-group}
tr,svg,li{break-inside:avoid}
h2,h3,h4,caption{break-after:avoid}
details{display:none}
a{color:inherit;text-decoration:none}}
"""

# Enhancement only: the tables read the same without it. It builds nothing from the page's text (no innerHTML).
_SCRIPT = """(function(){
function key(cell){if(!cell)return[2,''];var v=cell.getAttribute('data-sort');if(v===null)v=cell.textContent;
var n=parseFloat(v);return v!==''&&!isNaN(n)&&isFinite(v)?[0,n]:[v===''?2:1,v];}
function cmp(a,b){if(a[0]!==b[0])return a[0]-b[0];return a[1]<b[1]?-1:a[1]>b[1]?1:0;}
var tables=document.querySelectorAll('table[data-sortable]');
Array.prototype.forEach.call(tables,function(table){
var body=table.tBodies[0];if(!body)return;var heads=table.tHead.rows[0].cells;
Array.prototype.forEach.call(heads,function(th,col){
var b=document.createElement('button');b.type='button';while(th.firstChild)b.appendChild(th.firstChild);
th.appendChild(b);b.addEventListener('click',function(){
var asc=th.getAttribute('aria-sort')!=='ascending';
Array.prototype.forEach.call(heads,function(o){o.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',asc?'ascending':'descending');
var rows=Array.prototype.slice.call(body.rows);
rows.sort(function(x,y){var a=key(x.cells[col]),b=key(y.cells[col]);
if(a[0]===2||b[0]===2)return a[0]-b[0];var c=cmp(a,b);return asc?c:-c;});
rows.forEach(function(r){body.appendChild(r);});});});});})();"""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _document(title: str, lang: str, header: str, body: str, footer: str, sortable: bool) -> str:
    policy = (
        f"default-src 'none'; style-src {_hash(_CSS)}; script-src {_hash(_SCRIPT) if sortable else chr(39) + 'none' + chr(39)};"
        " img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )
    script = f"<script>{_SCRIPT}</script>\n" if sortable else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(policy)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header>\n{header}\n</header>\n<main>\n{body}\n</main>\n<footer>\n{footer}\n</footer>\n{script}"
        "</body>\n</html>\n"
    )


class _Ids:
    """Element ids made by the page (never from catalogue text)."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}-{self.n}"


def _table(
    ids: _Ids,
    caption: str,
    heads: Sequence[tuple[str, str]],
    rows: Sequence[str],
    sortable: bool = False,
    cls: str = "",
) -> str:
    """A captioned table in a focusable scroll container (the only thing that may scroll sideways)."""
    cap = ids("cap")
    head = "".join(f'<th scope="col"{f" class={c!r}" if c else ""}>{esc(h)}</th>' for h, c in heads)
    attrs = " data-sortable" if sortable else ""
    attrs += f' class="{cls}"' if cls else ""
    return (
        f'<div class="scroll" role="region" tabindex="0" aria-labelledby="{cap}">'
        f'<table{attrs}><caption id="{cap}">{esc(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


_PAGE_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("page_lang", default="ja")
_JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff01-\uff9f]")


def _content(text: str) -> str:
    """Escaped text; on an English page, Japanese text (catalogue names, marks) is marked ``lang="ja"`` so that
    a screen reader reads it as Japanese (WCAG 3.1.2, language of parts)."""
    shown = esc(text)
    if _PAGE_LANG.get() != "ja" and _JAPANESE.search(text):
        return f'<span lang="ja">{shown}</span>'
    return shown


def _td(text: str, cls: str = "", sort: str | None = None) -> str:
    attrs = f' class="{cls}"' if cls else ""
    attrs += f' data-sort="{esc(sort)}"' if sort is not None else ""
    return f"<td{attrs}>{_content(text)}</td>"


def _row_head(text: str, sort: str | None = None, cls: str = "") -> str:
    attrs = f' data-sort="{esc(sort)}"' if sort is not None else ""
    attrs += f' class="{cls}"' if cls else ""
    return f'<th scope="row"{attrs}>{_content(text)}</th>'


def _section(ident: str, title: str, content: str) -> str:
    return (
        f'<section id="{ident}" aria-labelledby="{ident}-h">\n<h2 id="{ident}-h">{esc(title)}</h2>\n'
        f"{content}\n</section>"
    )


def _nav(sections: Sequence[tuple[str, str]], lang: str) -> str:
    items = "".join(f'<li><a href="#{ident}">{esc(title)}</a></li>' for ident, title in sections)
    return f'<nav aria-label="{esc(_t(lang, "目次", "Contents"))}"><ul>{items}</ul></nav>'


def _meta(pairs: Sequence[tuple[str, str]]) -> str:
    return (
        '<dl class="meta">'
        + "".join(f"<dt>{esc(k)}</dt><dd>{_content(v)}</dd>" for k, v in pairs if v)
        + "</dl>"
    )


def _footer(lang: str, version: str, generated: str) -> str:
    return (
        f"<p>{esc(_t(lang, f'dxready {version} が {generated} 時点のデータから作成しました。', f'Made by dxready {version} from the data as of {generated}.'))}"
        f"</p><p>{esc(_t(lang, '記号: ○ オンライン化済、一部 一部オンライン、× 未オンライン、— 該当なし（率から除外）、？ 未確認。', 'Marks: ○ online, 一部 partly online, × not online, — not applicable (excluded from rates), ？ unknown.'))}</p>"
    )


# --------------------------------------------------------------------------------------------------- city page

_SEVERITY = {"error": ("要対応", "must fix"), "warning": ("注意", "warning"), "info": ("情報", "info")}
_STATUS_CSS = {"online": "s-online", "partial": "s-partial", "offline": "s-offline", "unknown": "s-unknown"}
_PHASE = {
    "planning": ("計画立案", "planning"),
    "selection": ("システム選定", "selection"),
    "migrating": ("移行", "migrating"),
    "operating": ("本格運用", "operating"),
    "not_required": ("対象外", "not required"),
}
_TRACK = {
    "standard": ("令和7年度末（標準）", "end of FY2025 (standard)"),
    "difficult": ("移行困難システム（個別の期限）", "difficult migration (own deadline)"),
    "tokutei": ("特定移行支援システム（個別の期限）", "specified support (own deadline)"),
}
_STATE = {
    "not_started": ("未着手", "not started"),
    "in_progress": ("実施中", "in progress"),
    "done": ("完了", "done"),
}


def _level_text(proc: dict[str, Any], lang: str) -> str:
    status = proc.get("status")
    if status == "not_applicable":
        return "—"
    if status == "unknown" or proc.get("level") is None:
        return _t(lang, "？ 状況が未確認", "? status unknown")
    level = int(proc["level"])
    return f"{level} {LEVEL_NAMES[level].get(lang)}"


def _usage_text(usage: dict[str, Any] | None, lang: str) -> str:
    """A year's usage as cities publish it, from the JSON's usage object (as ``views.counts_text`` words it)."""
    if not usage:
        return ""
    year = _fy(usage.get("fiscal_year"), lang)
    total, online = usage.get("total"), usage.get("online")
    details: list[str] = []
    if total is not None and online is not None:
        details.append(_t(lang, f"{online:,}/{total:,}件", f"{online:,} of {total:,}"))
    elif online is not None:
        details.append(
            _t(lang, f"オンライン {online:,}件（総数未記録）", f"{online:,} online (total not recorded)")
        )
    elif usage.get("published_rate") is not None:
        details.append(_t(lang, "公表値", "published rate"))
    if usage.get("period_end"):
        details.append(_t(lang, f"{_wareki(usage['period_end'])}現在", f"to {usage['period_end']}"))
    cov = usage.get("coverage")
    if isinstance(cov, dict):
        details.append(
            _t(
                lang,
                f"個別手続{cov.get('total')}件中{cov.get('known')}件の合計",
                f"sum of {cov.get('known')} of {cov.get('total')} sub-procedures",
            )
        )
    if lang == "ja":
        return f"{_pct(usage.get('rate'))}（{' '.join([year, '、'.join(details)]).strip()}）"
    return f"{_pct(usage.get('rate'))} ({'; '.join([year, *details])})"


def _summary_section(data: dict[str, Any], ids: _Ids, lang: str) -> str:
    s = data["summary"]
    by = s["by_status"]
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
            _STATUS_CSS[k],
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
            _t(lang, f"対象手続 {s['applicable']} 件の内訳", f"The {s['applicable']} applicable procedures"),
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
        ("applicable", _t(lang, "対象手続", "Applicable procedures"), str(s["applicable"])),
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
            (f"findings-{sev}", _t(lang, f"課題（{ja}）", f"Findings ({en})"), str(f.get(sev, 0)))
            for sev, (ja, en) in _SEVERITY.items()
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
                f"{sum(own.values())}（{tally}）",
            )
        )
    city = s.get("municipality_counts")
    if city:
        label = _t(
            lang,
            f"市全体（{_fy(city.get('fiscal_year'), lang)}）",
            f"municipality-wide ({_fy(city.get('fiscal_year'), lang)})",
        )
        if city.get("procedures") is not None:
            rows.append(
                ("city-procedures", f"{label} {_t(lang, '手続数', 'procedures')}", f"{city['procedures']:,}")
            )
        rows.append(
            ("city-usage", f"{label} {_t(lang, 'オンライン利用率', 'online usage')}", _usage_text(city, lang))
        )
    body = [f'<tr data-key="{k}">{_row_head(name)}{_td(value, "num")}</tr>' for k, name, value in rows]
    table = _table(
        ids,
        _t(lang, "オンライン化の概況", "Summary"),
        [(_t(lang, "項目", "Item"), ""), (_t(lang, "値", "Value"), "num")],
        body,
    )
    return f'<div class="split"><div>{"".join(parts)}</div><div>{table}</div></div>'


def _procedures_section(data: dict[str, Any], ids: _Ids, lang: str) -> str:
    rows = []
    for p in data["procedures"]:
        status = _status(p.get("status"))
        order = list(Status).index(status) if status else 9
        level = p.get("level") if p.get("status") not in ("unknown", "not_applicable") else None
        usage = p.get("usage") or {}
        rows.append(
            f'<tr data-id="{esc(p["id"])}">'
            + _td(str(p.get("standard_no") or ""), "num", str(p.get("standard_no") or ""))
            + _row_head(_local(p, "name", lang))
            + _td(
                (p.get("mark") or "")
                + (_t(lang, "（推定）", " (inferred)") if p.get("status_inferred") else ""),
                "mark",
                str(order),
            )
            + _td(_level_text(p, lang), "", "" if level is None else str(level))
            + _td(
                _usage_text(p.get("usage"), lang), "", "" if usage.get("rate") is None else str(usage["rate"])
            )
            + _td(p.get("note") or "", "pre")
            + "</tr>"
        )
    title = _t(lang, "標準事務のオンライン化の状況", "Online status of the standard procedures")
    if data.get("status_as_of"):
        title += _t(lang, f"（{_wareki(data['status_as_of'])}現在）", f" (as of {data['status_as_of']})")
    return _table(
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


def _wareki(iso: str) -> str:
    from dxready.render.views import wareki

    return wareki(dt.date.fromisoformat(iso))


def _findings_block(findings: Sequence[dict[str, Any]], lang: str) -> str:
    items = []
    for f in findings:
        sev = _SEVERITY.get(f.get("severity", ""), (f.get("severity", ""), f.get("severity", "")))
        nxt = f.get("next_step")
        items.append(
            f'<li><span class="sev">{esc(_t(lang, sev[0], sev[1]))}</span>{esc(f.get("message") or "")}'
            + (
                f'<span class="next">{esc(_t(lang, "次の一手: ", "Next step: "))}{esc(nxt)}</span>'
                if nxt
                else ""
            )
            + "</li>"
        )
    codes = []
    for f in findings:
        loc = f.get("location") or {}
        where = f"{loc.get('file')}:{loc.get('line')}:{loc.get('column')}" if loc.get("file") else ""
        codes.append(f"<li><code>{esc(f.get('code', ''))}</code> {esc(where)}</li>")
    return (
        f'<ul class="gap-list">{"".join(items)}</ul>'
        f"<details><summary>{esc(_t(lang, 'ルールコードと記載箇所', 'Rule codes and places'))}</summary>"
        f"<ul>{''.join(codes)}</ul></details>"
    )


def _blockers(p: dict[str, Any], lang: str) -> str:
    keys = p.get("blockers") or []
    criteria = p.get("criteria") or {}
    if not keys or p.get("status") in ("unknown", "not_applicable"):
        return ""
    texts = []
    for key in keys:
        text = CRITERIA[key][1].get(lang) if key in CRITERIA else key
        state = criteria.get(key)
        mark = _t(lang, "未確認", "unknown") if state == "unknown" else _t(lang, "未達", "not met")
        texts.append(_t(lang, f"{text}（{mark}）", f"{text} ({mark})"))
    head = _t(lang, "次のレベルに足りないこと: ", "Keeping the level down: ")
    return f'<p class="note">{esc(head)}{esc(_t(lang, "、", "; ").join(texts))}</p>'


def _gaps_section(data: dict[str, Any], lang: str) -> str:
    out = [
        f"<p>{esc(_t(lang, 'カタログの記録から見つかった課題と、それぞれの次の一手です。', 'What the catalogue shows is missing, with the next step for each.'))}"
        f'<span class="noprint">{esc(_t(lang, "ルールコードと記載箇所は各項目の「ルールコードと記載箇所」を開くと見られます。", " Rule codes and places are under each item."))}</span></p>'
    ]
    procs = [p for p in data["procedures"] if p.get("findings") or _blockers(p, lang)]
    if procs:
        out.append(f"<h3>{esc(_t(lang, '手続', 'Procedures'))}</h3>")
    for i, p in enumerate(data["procedures"]):
        if p not in procs:
            continue
        no = f"No.{p['standard_no']} " if p.get("standard_no") else ""
        out.append(
            f'<article id="gap-p-{i}"><h4>{_content(no + _local(p, "name", lang))}</h4>'
            f"<p>{esc(_t(lang, 'オンライン化', 'Online'))}: <strong>{esc(p.get('mark') or '')}</strong>"
            f" · {esc(_t(lang, '準備レベル', 'Readiness level'))}: {esc(_level_text(p, lang))}</p>"
            + _blockers(p, lang)
            + (_findings_block(p["findings"], lang) if p.get("findings") else "")
            + "</article>"
        )
    for key, ja, en, name in (
        ("systems", "業務システム", "Business systems", "name"),
        ("roadmap", "工程表", "Roadmap", "title"),
    ):
        subjects = [(i, s) for i, s in enumerate(data.get(key, [])) if s.get("findings")]
        if not subjects:
            continue
        out.append(f"<h3>{esc(_t(lang, ja, en))}</h3>")
        for i, s in subjects:
            label = _local(s, name, lang)
            if key == "roadmap" and s.get("no"):
                label = f"({s.get('area')}) {_circled(s.get('no'))} {label}"
            out.append(
                f'<article id="gap-{key[0]}-{i}"><h4>{_content(label)}</h4>{_findings_block(s["findings"], lang)}</article>'
            )
    other = data.get("catalog_findings") or []
    if other:
        out.append(f"<h3>{esc(_t(lang, 'カタログ全体', 'The catalogue'))}</h3>{_findings_block(other, lang)}")
    if len(out) == 1:
        out.append(f"<p>{esc(_t(lang, '課題は見つかりませんでした。', 'No findings.'))}</p>")
    return "\n".join(out)


def _circled(n: int | None) -> str:
    from dxready.catalog.models import circled

    return circled(n)


def _businesses(s: dict[str, Any], lang: str) -> str:
    guessed = set(s.get("inferred_businesses") or [])
    names = [
        b + (_t(lang, "（推定）", " (inferred)") if b in guessed else "") for b in s.get("businesses") or []
    ]
    return _t(lang, "、", ", ").join(names)


def _systems_section(data: dict[str, Any], ids: _Ids, lang: str) -> str:
    out = []
    for tier in Tier:
        systems = [(i, s) for i, s in enumerate(data.get("systems", [])) if s.get("tier") == tier.value]
        if not systems:
            continue
        out.append(f"<h3>{esc(tier.label(lang))}</h3>")
        rows = []
        for i, s in systems:
            mig = s.get("migration") or {}
            phase = _PHASE.get(mig.get("phase", ""), ("", ""))
            track = _TRACK.get(mig.get("track", ""), ("", ""))
            n = len(s.get("findings") or [])
            inferred = _t(lang, "（推定）", " (inferred)") if mig.get("inferred") else ""
            issues = (
                f'<td class="num" data-sort="{n}"><a href="#gap-s-{i}">{esc(_t(lang, f"{n}件", str(n)))}</a></td>'
                if n
                else _td("0", "num", "0")
            )
            rows.append(
                "<tr>"
                + _td(s.get("label") or "", "nw")
                + _row_head(_local(s, "name", lang))
                + _td(_businesses(s, lang))
                + _td((_t(lang, *phase) + inferred) if mig else "—", "nw")
                + _td(_fy(mig.get("target_fiscal_year"), lang) if mig else "", "nw")
                + _td(_t(lang, *track) if mig else "")
                + issues
                + "</tr>"
            )
        out.append(
            _table(
                ids,
                _t(
                    lang,
                    f"{tier.label(lang)}のシステムと標準化移行",
                    f"{tier.label(lang)} systems and standardisation",
                ),
                [
                    (_t(lang, "記号", "Label"), ""),
                    (_t(lang, "システム", "System"), ""),
                    (_t(lang, "標準化対象業務", "Standardised businesses"), ""),
                    (_t(lang, "移行の段階", "Migration phase"), ""),
                    (_t(lang, "目標年度", "Target"), ""),
                    (_t(lang, "期限", "Deadline"), ""),
                    (_t(lang, "課題", "Findings"), "num"),
                ],
                rows,
                cls="wide-table",
            )
        )
    if not out:
        out.append(f"<p>{esc(_t(lang, 'システムは記録されていません。', 'No systems are recorded.'))}</p>")
    return "\n".join(out)


def _target_text(item: dict[str, Any], lang: str) -> str:
    target = item.get("target")
    if target == "none":
        return _t(lang, "期限なし", "no deadline")
    if target == "recurring":
        return _t(lang, "適宜", "as needed")
    return _fy(target, lang) if isinstance(target, int) else ""


def _roadmap_section(data: dict[str, Any], ids: _Ids, lang: str) -> str:
    items = data.get("roadmap", [])
    if not items:
        return f"<p>{esc(_t(lang, '工程表は記録されていません。', 'No roadmap is recorded.'))}</p>"
    lanes: list[charts.Lane] = []
    order: list[int] = []
    for r in items:
        if r["area"] not in order:
            order.append(r["area"])
    for area in order:
        members = [r for r in items if r["area"] == area]
        title = _local(members[0], "area_title", lang)
        tasks = [
            charts.Task(
                label=f"{_circled(r.get('no'))} {_local(r, 'title', lang)}".strip(),
                start=r.get("start_fiscal_year"),
                end=r["target"] if isinstance(r.get("target"), int) else None,
                open_ended="" if isinstance(r.get("target"), int) else str(r.get("target")),
                review=r.get("review_fiscal_year"),
                state=r.get("state"),
            )
            for r in members
        ]
        lanes.append(charts.Lane(f"({area}) {title}".strip(), tasks))
    today = dt.date.fromisoformat(data["as_of"])
    chart = charts.gantt(
        ids("chart"),
        lanes,
        today,
        _t(lang, "工程表（年度別）", "Roadmap by fiscal year"),
        _t(
            lang,
            f"{len(items)} 項目を取組事項ごとに年度の帯で示し、基準日 {today.isoformat()} に縦線を引いた図。各項目の年度と状態は下の表にあります。",
            f"{len(items)} items as bars over fiscal years by area, with a line at {today.isoformat()}. The table below gives each item's years and state.",
        ),
        lang,
    )
    legend = [
        ("sw-done", _t(lang, "完了", "done")),
        ("sw-progress", _t(lang, "実施中", "in progress")),
        ("sw-todo", _t(lang, "未着手", "not started")),
        ("sw-none", _t(lang, "状態の記録なし", "state not recorded")),
        ("sw-open", _t(lang, "破線と矢印: 期限なし・適宜", "dashed with arrow: no deadline / as needed")),
        ("sw-review", _t(lang, "見直し・改正の年度", "review year")),
        ("sw-today", _t(lang, "基準日", "today")),
    ]
    legend_html = (
        '<ul class="legend">'
        + "".join(
            f'<li><span class="swatch {c}" aria-hidden="true"></span>{esc(text)}</li>' for c, text in legend
        )
        + "</ul>"
    )
    rows = []
    for r in items:
        rows.append(
            "<tr>"
            + _td(f"({r['area']}) {_local(r, 'area_title', lang)}")
            + _td(_circled(r.get("no")), "num")
            + _row_head(_local(r, "title", lang))
            + _td(_fy(r.get("start_fiscal_year"), lang) or _t(lang, "記載なし", "not stated"), "nw")
            + _td(_target_text(r, lang), "nw")
            + _td(_fy(r.get("review_fiscal_year"), lang), "nw")
            + _td(
                _t(lang, *_STATE[r["state"]])
                if r.get("state") in _STATE
                else _t(lang, "記録なし", "not recorded"),
                "nw",
            )
            + "</tr>"
        )
    table = _table(
        ids,
        _t(lang, "工程表の項目", "Roadmap items"),
        [
            (_t(lang, "取組事項", "Area"), ""),
            ("No.", "num"),
            (_t(lang, "項目", "Item"), ""),
            (_t(lang, "開始", "Start"), ""),
            (_t(lang, "目標年度", "Target"), ""),
            (_t(lang, "見直し・改正", "Review"), ""),
            (_t(lang, "状態", "State"), ""),
        ],
        rows,
        cls="wide-table",
    )
    region = ids("gantt")
    return (
        f'<div class="scroll" role="region" tabindex="0" aria-labelledby="{region}">'
        f'<p class="note" id="{region}">{esc(_t(lang, "工程表の図（狭い画面では横に動かせます）", "Roadmap chart (scrolls sideways on a narrow screen)"))}</p>'
        f"{chart.replace('class=' + chr(34) + 'chart gantt' + chr(34), 'class=' + chr(34) + 'chart gantt wide' + chr(34), 1)}</div>"
        f"{legend_html}{table}"
    )


def _trend_section(trend: dict[str, Any] | None, note: str | None, ids: _Ids, lang: str) -> str:
    points = (trend or {}).get("points") or []
    if not points:
        text = note or _t(lang, "この期間の履歴はありません。", "No history in this period.")
        return f"<p>{esc(text)}</p>"
    labels, online, partial = [], [], []
    rows = []
    for p in points:
        label = p["date"] if p.get("commit") else _t(lang, "作業中", "working")
        labels.append(label)
        ov, pv = rate_view(p, "online"), rate_view(p, "with_partial")
        online.append(ov.point if ov.point is not None and ov.complete and not p.get("problem") else None)
        partial.append(pv.point if pv.point is not None and pv.complete and not p.get("problem") else None)
        if p.get("problem"):
            cells = [
                _td(""),
                _td(""),
                _td(""),
                _td(""),
                _td(""),
                _td(_t(lang, f"読めません: {p['problem']}", f"unreadable: {p['problem']}")),
                _td(""),
            ]
        else:
            cells = [
                _td(str(p.get("applicable", "")), "num"),
                _td(str(p.get("online", "")), "num"),
                _td(str(p.get("partial", "")), "num"),
                _td(str(p.get("offline", "")), "num"),
                _td(str(p.get("unknown", "")), "num"),
                _td(ov.text(lang), "num"),
                _td(pv.text(lang), "num"),
            ]
        commit = (p.get("commit") or "")[:8] or _t(lang, "未コミット", "uncommitted")
        rows.append(
            "<tr>"
            + _row_head(label, cls="nw")
            + _td(commit, "nw")
            + "".join(cells)
            + _td(p.get("subject") or _t(lang, "（未コミットの変更）", "(uncommitted changes)"))
            + "</tr>"
        )
    shown = [v for v in online if v is not None]
    desc = _t(
        lang,
        f"{len(points)} 時点のオンライン化率。"
        + (f"最初 {_pct(shown[0])}、最新 {_pct(shown[-1])}。" if shown else "率を示せる時点はありません。"),
        f"The online rate at {len(points)} points in time. "
        + (
            f"First {_pct(shown[0])}, latest {_pct(shown[-1])}." if shown else "No point has a complete rate."
        ),
    )
    chart = charts.line(
        ids("chart"),
        labels,
        [
            charts.Series(_t(lang, "オンライン化率（○）", "online rate (○)"), online, "s-online", "circle"),
            charts.Series(_t(lang, "○＋一部", "○ + 一部"), partial, "s-partial", "square"),
        ],
        _t(lang, "オンライン化率の推移", "Online rate over time"),
        desc,
    )
    file = (trend or {}).get("file") or ""
    table = _table(
        ids,
        _t(lang, f"オンライン化の推移（{file} の履歴）", f"Readiness over time (history of {file})"),
        [
            (_t(lang, "日付", "Date"), ""),
            (_t(lang, "コミット", "Commit"), ""),
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
    return chart + table


def _card_section(card: dict[str, Any], ids: _Ids, lang: str) -> str:
    rates = card.get("rates") or []
    bars = [charts.Bar(r["scope"], float(r["rate"]), _pct(r["rate"]), "s-level") for r in rates]
    chart = charts.horizontal(
        ids("chart"),
        bars,
        100.0,
        _t(lang, "マイナンバーカード保有枚数率", "My Number Card holding rate"),
        (_t(lang, "、", ", ")).join(f"{b.label} {b.shown}" for b in bars),
    )
    rows = [
        "<tr>"
        + _row_head(r["scope"])
        + _td(_int(r.get("cards")), "num")
        + _td(_int(r.get("population")), "num")
        + _td(_pct(r.get("rate")), "num")
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
    table = _table(
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


def page(
    data: dict[str, Any], trend: dict[str, Any] | None, trend_note: str | None, lang: str, version: str
) -> str:
    """The city's page from ``gaps --format json`` (``data``) and ``trend --format json`` (``trend``)."""
    token = _PAGE_LANG.set(lang)
    try:
        return _page(data, trend, trend_note, lang, version)
    finally:
        _PAGE_LANG.reset(token)


def _page(
    data: dict[str, Any], trend: dict[str, Any] | None, trend_note: str | None, lang: str, version: str
) -> str:
    from dxready.render.views import catalog_label

    ids = _Ids()
    m = data.get("municipality") or {}
    name = _local({"name": m.get("name"), "name_en": data.get("municipality_name_en")}, "name", lang)
    title = _t(lang, f"{name} 手続のオンライン化の状況", f"{name}: online status of procedures")
    sections: list[tuple[str, str, str]] = [
        ("summary", _t(lang, "概況", "Summary"), _summary_section(data, ids, lang)),
        (
            "procedures",
            _t(lang, "標準事務の手続", "Standard procedures"),
            _procedures_section(data, ids, lang),
        ),
        ("gaps", _t(lang, "課題と次の一手", "Gaps and next steps"), _gaps_section(data, lang)),
        (
            "systems",
            _t(lang, "業務システムと標準化", "Systems and standardisation"),
            _systems_section(data, ids, lang),
        ),
        ("roadmap", _t(lang, "工程表", "Roadmap"), _roadmap_section(data, ids, lang)),
        ("trend", _t(lang, "推移", "Over time"), _trend_section(trend, trend_note, ids, lang)),
    ]
    if data.get("mynumber_card"):
        sections.append(
            (
                "card",
                _t(lang, "マイナンバーカード", "My Number Card"),
                _card_section(data["mynumber_card"], ids, lang),
            )
        )
    status_as_of = data.get("status_as_of")
    header = (
        f"<h1>{esc(title)}</h1>\n"
        + _meta(
            [
                (
                    _t(lang, "団体", "Municipality"),
                    f"{name}（{m.get('code', '')}）" if lang == "ja" else f"{name} ({m.get('code', '')})",
                ),
                (
                    _t(lang, "状況の時点", "Status as of"),
                    (
                        _t(lang, f"{_wareki(status_as_of)}（{status_as_of}）", status_as_of)
                        if status_as_of
                        else _t(lang, "記載なし", "not stated")
                    ),
                ),
                (_t(lang, "基準日", "Evaluated on"), data.get("as_of", "")),
                (_t(lang, "出典", "Source"), data.get("plan") or ""),
                (_t(lang, "カタログ", "Catalogue"), catalog_label(str(data.get("catalog", "")), lang)),
            ]
        )
        + "\n"
        + _nav([(i, t) for i, t, _ in sections], lang)
    )
    body = "\n".join(_section(i, t, c) for i, t, c in sections)
    return _document(title, lang, header, body, _footer(lang, version, data.get("as_of", "")), sortable=True)


# --------------------------------------------------------------------------------------------------- compare page


def compare_page(data: dict[str, Any], lang: str, version: str) -> str:
    """A coordinator's page from ``compare --format json``: the municipality × procedure matrix, sortable."""
    token = _PAGE_LANG.set(lang)
    try:
        return _compare_page(data, lang, version)
    finally:
        _PAGE_LANG.reset(token)


def _compare_page(data: dict[str, Any], lang: str, version: str) -> str:
    ids = _Ids()
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
        overall = RateView(overall.point, overall.bounds, known, known + int(cells.get("unknown", 0)))
    count = totals.get("municipalities", len(towns))
    summary = (
        f'<p class="lead"><span class="note">{esc(_t(lang, "全団体のオンライン化率（○）", "Online rate over all municipalities (○)"))}</span>'
        f'<span class="figure" id="online-rate">{esc(overall.text(lang))}</span></p>'
        f"<p>{esc(_t(lang, f'{count} 団体', f'{count} municipalities'))}"
        + (
            esc(
                _t(
                    lang,
                    f"、読めないカタログ {totals['broken']} 件",
                    f"; {totals['broken']} catalogue(s) could not be read",
                )
            )
            if totals.get("broken")
            else ""
        )
        + "</p>"
    )
    heads = [
        (_t(lang, "団体", "Municipality"), ""),
        (_t(lang, "コード", "Code"), ""),
        (_t(lang, "都道府県", "Prefecture"), ""),
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
            marks.append(_td(Status(st).mark if st else "", "mark", str(order.get(st, 9)) if st else ""))
        ov, pv = rate_view(town, "online"), rate_view(town, "with_partial")
        coverage = "" if ov.known is None else f"{ov.known}/{ov.total}"
        rows.append(
            f'<tr data-code="{esc(town.get("code", ""))}">'
            + _row_head(town.get("name", ""))
            + _td(town.get("code", ""))
            + _td(town.get("prefecture") or "")
            + "".join(marks)
            + _td(ov.short_text(lang), "num", ov.sort_key())
            + _td(coverage, "num", "" if ov.known is None or not ov.total else str(ov.known / ov.total))
            + _td(pv.short_text(lang), "num", pv.sort_key())
            + "</tr>"
        )
    matrix = _table(ids, title, heads, rows, sortable=True, cls="matrix")
    legend = (
        f'<h3>{esc(_t(lang, "手続番号", "Procedure numbers"))}</h3><ol class="numbers">'
        + "".join(f'<li value="{int(p["standard_no"])}">{esc(p["name"])}</li>' for p in procs)
        + "</ol>"
    )
    per_rows = []
    for p in procs:
        counts = p.get("counts") or {}
        known = sum(int(counts.get(k, 0)) for k in ("online", "partial", "offline"))
        view = rate_view(
            {
                **p,
                "coverage": p.get("coverage")
                or {"known": known, "total": known + int(counts.get("unknown", 0))},
            },
            "online",
        )
        per_rows.append(
            "<tr>"
            + _td(str(p["standard_no"]), "num", str(p["standard_no"]))
            + _row_head(p["name"])
            + "".join(
                _td(str(counts.get(k, 0)), "num")
                for k in ("online", "partial", "offline", "not_applicable", "unknown")
            )
            + _td(view.text(lang), "num", view.sort_key())
            + "</tr>"
        )
    per = _table(
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
        ],
        per_rows,
        cls="wide-table",
        sortable=True,
    )
    sections = [
        ("matrix", _t(lang, "団体 × 手続", "Municipalities × procedures"), summary + matrix + legend),
        ("by-procedure", _t(lang, "手続別", "By procedure"), per),
    ]
    errors = data.get("errors") or []
    if errors:
        items = "".join(
            f"<li>{esc(e.get('catalog', ''))}: <code>{esc(e.get('code', ''))}</code> {esc(e.get('message', ''))}</li>"
            for e in errors
        )
        sections.append(
            (
                "errors",
                _t(lang, "読めなかったカタログ", "Catalogues that could not be read"),
                f"<ul>{items}</ul>",
            )
        )
    header = (
        f"<h1>{esc(title)}</h1>"
        + _meta([(_t(lang, "基準日", "Evaluated on"), data.get("as_of", ""))])
        + _nav([(i, t) for i, t, _ in sections], lang)
    )
    body = "\n".join(_section(i, t, c) for i, t, c in sections)
    return _document(title, lang, header, body, _footer(lang, version, data.get("as_of", "")), sortable=True)
