"""The page's shell: the document with its Content-Security-Policy, the inline CSS and sorter, and the building
blocks every section uses (tables, cells, sections, navigation, the footer). All text goes through ``esc``."""

from __future__ import annotations

import base64
import contextvars
import hashlib
import re
from collections.abc import Sequence

from dxready.i18n import t as _t
from dxready.render.charts import esc

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
svg .band{fill-opacity:.22;stroke-width:1.5} svg .band.s-online{stroke:var(--online)} svg .band.s-partial{stroke:var(--partial);stroke-dasharray:5 3}
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


def document(title: str, lang: str, header: str, body: str, footer: str, sortable: bool) -> str:
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


class Ids:
    """Element ids made by the page (never from catalogue text)."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}-{self.n}"


def data_table(
    ids: Ids,
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


PAGE_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("page_lang", default="ja")
_JA = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff01-\uff9f"
_JAPANESE = re.compile(f"[{_JA}]")
_JAPANESE_RUN = re.compile(f"[{_JA}](?:(?:[^A-Za-z]|(?<=[{_JA}A-Za-z0-9])[A-Za-z])*[{_JA}])?")
"""Japanese text from its first Japanese character to its last, with no English word between (a Latin letter only
glued to the Japanese, as in 「鴨川市DX推進計画」): 「住民票の写し（除票）」 is one run, 「Online rate (○ + 一部)」 holds
one (一部), 「館山市 (122050)」 one (館山市)."""


def text_html(text: str) -> str:
    """Escaped text; on an English page, each run of Japanese text (catalogue names, marks) is marked
    ``lang="ja"`` so that a screen reader reads it as Japanese and the English around it as English (WCAG 3.1.2,
    language of parts): English words never sit under ``lang="ja"``."""
    if PAGE_LANG.get() == "ja" or not _JAPANESE.search(text):
        return esc(text)
    out, at = [], 0
    for run in _JAPANESE_RUN.finditer(text):
        out.append(esc(text[at : run.start()]))
        out.append(f'<span lang="ja">{esc(run.group(0))}</span>')
        at = run.end()
    out.append(esc(text[at:]))
    return "".join(out)


def td(text: str, cls: str = "", sort: str | None = None) -> str:
    attrs = f' class="{cls}"' if cls else ""
    attrs += f' data-sort="{esc(sort)}"' if sort is not None else ""
    return f"<td{attrs}>{text_html(text)}</td>"


def row_head(text: str, sort: str | None = None, cls: str = "") -> str:
    attrs = f' data-sort="{esc(sort)}"' if sort is not None else ""
    attrs += f' class="{cls}"' if cls else ""
    return f'<th scope="row"{attrs}>{text_html(text)}</th>'


def section(ident: str, title: str, content: str) -> str:
    return (
        f'<section id="{ident}" aria-labelledby="{ident}-h">\n<h2 id="{ident}-h">{esc(title)}</h2>\n'
        f"{content}\n</section>"
    )


def nav(sections: Sequence[tuple[str, str]], lang: str) -> str:
    items = "".join(f'<li><a href="#{ident}">{esc(title)}</a></li>' for ident, title in sections)
    return f'<nav aria-label="{esc(_t(lang, "目次", "Contents"))}"><ul>{items}</ul></nav>'


def meta(pairs: Sequence[tuple[str, str]]) -> str:
    return (
        '<dl class="meta">'
        + "".join(f"<dt>{esc(k)}</dt><dd>{text_html(v)}</dd>" for k, v in pairs if v)
        + "</dl>"
    )


def footer(lang: str, version: str, generated: str) -> str:
    made = _t(
        lang,
        f"dxready {version} が {generated} を基準日として作成しました。",
        f"Made by dxready {version}, evaluated on {generated}.",
    )
    return (
        f"<p>{esc(made)}"
        f"</p><p>{esc(_t(lang, '記号: ○ オンライン化済、一部 一部オンライン、× 未オンライン、— 該当なし（率から除外）、？ 未確認。', 'Marks: ○ online, 一部 partly online, × not online, — not applicable (excluded from rates), ？ unknown.'))}</p>"
    )
