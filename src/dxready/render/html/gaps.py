"""The city page's gaps section: each subject's findings with the next step, and what keeps a level down."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from dxready.engine.levels import CRITERIA
from dxready.i18n import t as _t
from dxready.render.charts import esc
from dxready.render.gapsview import split_command
from dxready.render.html.cells import SEVERITY, circled_no, level_text
from dxready.render.html.rates import local
from dxready.render.html.shell import text_html

_LEAD_IN = re.compile(
    r"(?:(?<=[。;,、])|^)\s*(?:例|e\.g\.|[^。;,、:：]{1,20}なら|for [^。;,:]{1,20})[:：]?\s*$"
)
"""What introduces a command at the end of a step: 「例: 」, 「マイナポータルなら: 」, ", e.g. ", "; for Mynaportal: "."""


def plain_step(text: str) -> str:
    """A next step as the page states it: the same step without the ``dxready …`` command that the terminal gives the
    officer to paste — the page is read by residents and the council, who have no command line. The command goes with
    what introduces it (例: …, …なら: …, e.g. …), the aside holding it (（dxready init … で…できます）), or the words
    joining it to the sentence (…し dxready … で記録してください → …し、記録してください)."""
    _, command = split_command(text)
    if not command:
        return text
    start = text.find(command)
    before, after = text[:start], text[start + len(command) :]
    opened = max(before.rfind("（"), before.rfind("("))
    if opened > max(
        before.rfind("）"), before.rfind(")")
    ):  # the command is an aside in brackets: drop the aside
        closes = [i for i in (after.find("）"), after.find(")")) if i >= 0]
        return (before[:opened] + (after[min(closes) + 1 :] if closes else "")).strip()
    lead_in = _LEAD_IN.search(before)
    if lead_in is not None and not after.strip():
        return before[: lead_in.start()].rstrip(" ,;、")
    before = re.sub(r"\s*\b(?:with|using)\s*$", "", before).rstrip()
    after = re.sub(r"^\s*で", "", after).strip()
    if before.endswith("し") and after:  # 状況を確認し dxready … で記録してください
        return f"{before}、{after}"
    return f"{before} {after}".strip() if after else before


def findings_block(findings: Sequence[dict[str, Any]], lang: str) -> str:
    items = []
    for f in findings:
        sev = SEVERITY.get(f.get("severity", ""), (f.get("severity", ""), f.get("severity", "")))
        nxt = plain_step(f.get("next_step") or "")
        items.append(
            f'<li><span class="sev">{esc(_t(lang, sev[0], sev[1]))}</span>{esc(f.get("message") or "")}'
            + (
                f'<span class="next">{esc(_t(lang, "次の一手: ", "Next step: "))}{esc(nxt)}</span>'
                if nxt
                else ""
            )
            + "</li>"
        )
    return (
        f'<ul class="gap-list">{"".join(items)}</ul>'
        f"<details><summary>{esc(_t(lang, 'ルールコード', 'Rule codes'))}</summary>"
        f"<ul>{''.join(_code_items(findings, lang))}</ul></details>"
    )


def _code_items(findings: Sequence[dict[str, Any]], lang: str) -> list[str]:
    """One item per rule code, with how many findings when more than one. No file:line:column: positions in a
    YAML file mean nothing to the council and residents and go stale on every edit (``check`` gives them)."""
    counts: dict[str, int] = {}
    for f in findings:
        code = str(f.get("code", ""))
        counts[code] = counts.get(code, 0) + 1
    return [
        f"<li><code>{esc(code)}</code>{esc(_t(lang, f'（{n} 件）', f' ({n})') if n > 1 else '')}</li>"
        for code, n in counts.items()
    ]


def blockers(p: dict[str, Any], lang: str) -> str:
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


def gaps_section(data: dict[str, Any], lang: str) -> str:
    out = [
        f"<p>{esc(_t(lang, 'カタログの記録から見つかった課題と、それぞれの次の一手です。', 'What the catalogue shows is missing, with the next step for each.'))}"
        f'<span class="noprint">{esc(_t(lang, "ルールコードは各項目の「ルールコード」を開くと見られます。", " Rule codes are under each item."))}</span></p>'
    ]
    procs = [p for p in data["procedures"] if p.get("findings") or blockers(p, lang)]
    if procs:
        out.append(f"<h3>{esc(_t(lang, '手続', 'Procedures'))}</h3>")
    for i, p in enumerate(data["procedures"]):
        if p not in procs:
            continue
        no = f"No.{p['standard_no']} " if p.get("standard_no") else ""
        out.append(
            f'<article id="gap-p-{i}"><h4>{text_html(no + local(p, "name", lang))}</h4>'
            f"<p>{esc(_t(lang, 'オンライン化', 'Online'))}: <strong>{esc(p.get('mark') or '')}</strong>"
            f" · {esc(_t(lang, '準備レベル', 'Readiness level'))}: {esc(level_text(p, lang))}</p>"
            + blockers(p, lang)
            + (findings_block(p["findings"], lang) if p.get("findings") else "")
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
            label = local(s, name, lang)
            if key == "roadmap" and s.get("no"):
                label = f"({s.get('area')}) {circled_no(s.get('no'))} {label}"
            out.append(
                f'<article id="gap-{key[0]}-{i}"><h4>{text_html(label)}</h4>{findings_block(s["findings"], lang)}</article>'
            )
    other = data.get("catalog_findings") or []
    if other:
        out.append(f"<h3>{esc(_t(lang, 'カタログ全体', 'The catalogue'))}</h3>{findings_block(other, lang)}")
    if len(out) == 1:
        out.append(f"<p>{esc(_t(lang, '課題は見つかりませんでした。', 'No findings.'))}</p>")
    return "\n".join(out)
