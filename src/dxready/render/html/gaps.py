"""The city page's gaps section: each subject's findings with the next step, and what keeps a level down."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from dxready.engine.levels import CRITERIA
from dxready.i18n import t as _t
from dxready.render.charts import esc
from dxready.render.gapsgroups import split_command
from dxready.render.html.cells import SEVERITY, circled_no, level_text
from dxready.render.html.rates import local
from dxready.render.html.shell import text_html

_LEAD_IN = re.compile(
    r"(?:(?<=[。;,、])|^)\s*(?:例|e\.g\.|[^。;,、:：]{1,20}なら|for [^。;,:]{1,20})[:：]?\s*$"
)
"""What introduces a command at the end of a step: 「例: 」, 「マイナポータルなら: 」, ", e.g. ", "; for Mynaportal: "."""
_ABOUT_COMMAND = re.compile(r"(?:(?<=[。;])|^)\s*[^。;]*(?:次のコマンド|this command)[^。;]*[:：]\s*$")
"""A last sentence that introduces the command at the end of a step: 「…は次のコマンドで表示できます（…）: 」,
"; this command shows … : " (DX018, DX020)."""


PAGE_WORDS: tuple[tuple[str, str], ...] = (
    # DX0xx (a page can be made of a catalogue with errors)
    ("standard_no か名称", "手続の番号か名称"),
    ("Correct standard_no or the name", "Correct the procedure's number or name"),
    ("まとまりの status を", "まとまりの状況を"),
    ("状況（status）と件数（counts）", "状況と件数"),
    ("状況の時点（as_of）か、窓口の開設日（since）か、状況（status）", "状況の時点か、窓口の開設日か、状況"),
    ("the status date (as_of), the channels' opening dates (since)", "the status date, the channels' opening dates"),
    ("件数（total, online）か率（rate）", "件数か率"),
    ("the counts (total, online) or the rate", "the counts or the rate"),
    ("どちらかの standard_no を国の一覧の正しい番号に直してください（自団体の手続なら standard_no を消します）",
     "どちらかの手続の番号を国の一覧の正しい番号に直してください（自団体の手続なら番号を消します）"),
    ("Correct one of the two standard_no values", "Correct one of the two procedure numbers"),
    ("その番号の行を procedures.yaml に戻してください", "その番号の手続を一覧に戻してください"),
    ("Put the row back in procedures.yaml", "Put the procedure back in the list"),
    ("（該当しない手続も status: — として残します）", "（該当しない手続も「—」として残します）"),
    ("(a procedure that does not apply stays, as status: —)", "(a procedure that does not apply stays, as —)"),
    # DX1xx–DX4xx
    ("channels に mynaportal を記録", "申請窓口としてマイナポータルを記録"),
    ("record a mynaportal channel", "record Mynaportal as a channel"),
    ("target_fiscal_year を改めて", "目標年度を改めて"),
    ("set a new target_fiscal_year", "set a new target year"),
    ("verified_on に確認日を記録", "確認した日を記録"),
    ("record the date in verified_on", "record the date it was confirmed"),
    ("last_reviewed に実施日を記録", "実施日を記録"),
    ("record its date in last_reviewed", "record its date"),
    ("なら track と期限", "なら、その区分と期限"),
    ("record its track (difficult, tokutei) and deadline", "record which kind of migration it is and its deadline"),
    ("に standard_business を記録してください", "に、その業務を標準化対象業務として記録してください"),
    ("Record standard_business on the system (or module) that processes the business",
     "Record the standardised business on the system (or module) that processes it"),
    ("完了していれば state: done を記録し", "完了していれば進捗を「完了」と記録し"),
    ("Record state: done if it is done", "Record the item as done if it is"),
    ("この項目が進める手続（procedures）かシステム（systems）の id を記録", "この項目が進める手続かシステムを記録"),
    ("Record the ids of the procedures or systems this item advances",
     "Record which procedures or systems this item advances"),
    ("進捗（state）が記録されていません", "進捗が記録されていません"),
    ("its progress (state) is not recorded", "its progress is not recorded"),
)  # fmt: skip
"""The rules' words that name a YAML field (``state: done``, ``standard_business``), as the page says them: the
terminal keeps the field names for the data officer who edits the YAML; the council and residents get words.
``tests/test_page_published.py`` checks every rule's next step against the catalogue's field names."""


def page_words(text: str) -> str:
    """``text`` (a finding's message or next step) with the YAML field names of :data:`PAGE_WORDS` put in words."""
    for field, words in PAGE_WORDS:
        text = text.replace(field, words)
    return text


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
    about = _ABOUT_COMMAND.search(before)
    if about is not None and not after.strip():  # a last sentence that is about the command: dropped with it
        return before[: about.start()].rstrip(" ,;、")
    before = re.sub(r"\s*\b(?:with|using)\s*$", "", before).rstrip()
    after = re.sub(r"^\s*で", "", after).strip()
    if before.endswith("し") and after:  # 状況を確認し dxready … で記録してください
        return f"{before}、{after}"
    return f"{before} {after}".strip() if after else before


def findings_block(findings: Sequence[dict[str, Any]], lang: str) -> str:
    items = []
    for f in findings:
        sev = SEVERITY.get(f.get("severity", ""), (f.get("severity", ""), f.get("severity", "")))
        nxt = page_words(plain_step(f.get("next_step") or ""))
        items.append(
            f'<li><span class="sev">{esc(_t(lang, sev[0], sev[1]))}</span>{esc(page_words(f.get("message") or ""))}'
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
