"""The city page's systems and roadmap sections (the roadmap as a Gantt chart and its table)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dxready.catalog.models import Tier
from dxready.i18n import t as _t
from dxready.render import charts
from dxready.render.charts import esc
from dxready.render.html.cells import circled_no
from dxready.render.html.rates import fy, local
from dxready.render.html.shell import Ids, data_table, row_head, td
from dxready.render.labels import PHASE, PHASE_NOT_RECORDED, STATE, TRACK


def businesses(s: dict[str, Any], lang: str) -> str:
    guessed = set(s.get("inferred_businesses") or [])
    names = [
        b + (_t(lang, "（推定）", " (inferred)") if b in guessed else "") for b in s.get("businesses") or []
    ]
    return _t(lang, "、", ", ").join(names)


def systems_section(data: dict[str, Any], ids: Ids, lang: str) -> str:
    out = []
    for tier in Tier:
        systems = [(i, s) for i, s in enumerate(data.get("systems", [])) if s.get("tier") == tier.value]
        if not systems:
            continue
        out.append(f"<h3>{esc(tier.label(lang))}</h3>")
        rows = []
        for i, s in systems:
            mig = s.get("migration") or {}
            phase = PHASE.get(mig.get("phase", ""), ("", ""))
            track = TRACK.get(mig.get("track", ""), ("", ""))
            n = len(s.get("findings") or [])
            inferred = _t(lang, "（推定）", " (inferred)") if mig.get("inferred") else ""
            issues = (
                f'<td class="num" data-sort="{n}"><a href="#gap-s-{i}">{esc(_t(lang, f"{n}件", str(n)))}</a></td>'
                if n
                else td("0", "num", "0")
            )
            rows.append(
                "<tr>"
                + td(s.get("label") or "", "nw")
                + row_head(local(s, "name", lang))
                + td(businesses(s, lang))
                + td(
                    (_t(lang, *phase) + inferred)
                    if mig
                    else _t(lang, *PHASE_NOT_RECORDED)
                    if tier is Tier.backbone
                    else "—",  # standardisation is for backbone systems: elsewhere it does not apply
                    "nw",
                )
                + td(fy(mig.get("target_fiscal_year"), lang) if mig else "", "nw")
                + td(_t(lang, *track) if mig else "")
                + issues
                + "</tr>"
            )
        out.append(
            data_table(
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


def target_text(item: dict[str, Any], lang: str) -> str:
    target = item.get("target")
    if target == "none":
        return _t(lang, "期限なし", "no deadline")
    if target == "recurring":
        return _t(lang, "適宜", "as needed")
    return fy(target, lang) if isinstance(target, int) else ""


def roadmap_section(data: dict[str, Any], ids: Ids, lang: str) -> str:
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
        title = local(members[0], "area_title", lang)
        tasks = [
            charts.Task(
                label=f"{circled_no(r.get('no'))} {local(r, 'title', lang)}".strip(),
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
            + td(f"({r['area']}) {local(r, 'area_title', lang)}")
            + td(circled_no(r.get("no")), "num")
            + row_head(local(r, "title", lang))
            + td(fy(r.get("start_fiscal_year"), lang) or _t(lang, "記載なし", "not stated"), "nw")
            + td(target_text(r, lang), "nw")
            + td(fy(r.get("review_fiscal_year"), lang), "nw")
            + td(
                _t(lang, *STATE[r["state"]])
                if r.get("state") in STATE
                else _t(lang, "記録なし", "not recorded"),
                "nw",
            )
            + "</tr>"
        )
    table = data_table(
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
