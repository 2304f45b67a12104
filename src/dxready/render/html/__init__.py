"""The published status page (``dxready page``): one self-contained, accessible HTML file.

The page is drawn from the JSON the other commands print — ``gaps --format json`` for the city's page (with
``trend``'s points), ``compare --format json`` for a coordinator's page — never from the models, so it says what
that JSON says, no more and no less. Nothing leaves the file: inline CSS and SVG, no font, image or script from
elsewhere, and a Content-Security-Policy that forbids every request and every script but the page's own (a small
sorter that only enhances tables the page reads well without).

Catalogue text is data: every string is escaped with :func:`esc` (control and bidirectional-override characters
shown as visible escapes first, as in the terminal), and none is ever put in a URL, a script or a style.

This module assembles the city's page; ``shell`` holds the document and its building blocks, ``rates`` and
``cells`` how values read, ``city``, ``gaps``, ``systems`` and ``trend`` the sections, ``compare`` the coordinator's
page.
"""

from __future__ import annotations

from typing import Any

from dxready.i18n import t as _t
from dxready.render.charts import esc
from dxready.render.html.cells import wareki_of
from dxready.render.html.city import card_section, procedures_section, summary_section
from dxready.render.html.compare import compare_page
from dxready.render.html.gaps import gaps_section
from dxready.render.html.rates import RateView, local, rate_view
from dxready.render.html.shell import PAGE_LANG, Ids, document, footer, meta, nav, section
from dxready.render.html.systems import roadmap_section, systems_section
from dxready.render.html.trend import trend_section

__all__ = ["RateView", "compare_page", "page", "rate_view"]


def page(
    data: dict[str, Any], trend: dict[str, Any] | None, trend_note: str | None, lang: str, version: str
) -> str:
    """The city's page from ``gaps --format json`` (``data``) and ``trend --format json`` (``trend``)."""
    token = PAGE_LANG.set(lang)
    try:
        return _page(data, trend, trend_note, lang, version)
    finally:
        PAGE_LANG.reset(token)


def _page(
    data: dict[str, Any], trend: dict[str, Any] | None, trend_note: str | None, lang: str, version: str
) -> str:
    from dxready.catalog.load import EMBEDDED

    ids = Ids()
    m = data.get("municipality") or {}
    name = local({"name": m.get("name"), "name_en": data.get("municipality_name_en")}, "name", lang)
    title = _t(lang, f"{name} 手続のオンライン化の状況", f"{name}: online status of procedures")
    sections: list[tuple[str, str, str]] = [
        ("summary", _t(lang, "概況", "Summary"), summary_section(data, ids, lang)),
        (
            "procedures",
            _t(lang, "標準事務の手続", "Standard procedures"),
            procedures_section(data, ids, lang),
        ),
        ("gaps", _t(lang, "課題と次の一手", "Gaps and next steps"), gaps_section(data, lang)),
        (
            "systems",
            _t(lang, "業務システムと標準化", "Systems and standardisation"),
            systems_section(data, ids, lang),
        ),
        ("roadmap", _t(lang, "工程表", "Roadmap"), roadmap_section(data, ids, lang)),
        ("trend", _t(lang, "推移", "Over time"), trend_section(trend, trend_note, ids, lang)),
    ]
    if data.get("mynumber_card"):
        sections.append(
            (
                "card",
                _t(lang, "マイナンバーカード", "My Number Card"),
                card_section(data["mynumber_card"], ids, lang),
            )
        )
    status_as_of = data.get("status_as_of")
    header = (
        f"<h1>{esc(title)}</h1>\n"
        + meta(
            [
                (
                    _t(lang, "団体", "Municipality"),
                    f"{name}（{m.get('code', '')}）" if lang == "ja" else f"{name} ({m.get('code', '')})",
                ),
                (
                    _t(lang, "状況の時点", "Status as of"),
                    (
                        _t(lang, f"{wareki_of(status_as_of)}（{status_as_of}）", status_as_of)
                        if status_as_of
                        else _t(lang, "記載なし", "not stated")
                    ),
                ),
                (_t(lang, "基準日", "Evaluated on"), data.get("as_of", "")),
                (_t(lang, "出典", "Source"), data.get("plan") or ""),
                # The municipality above names the catalogue; where it lies on the machine that made the page
                # (a CI runner's workspace, a home directory) is no reader's business. The shipped one says so.
                (_t(lang, "カタログ", "Catalogue"), _t(lang, "同梱カタログ", "embedded catalogue"))
                if data.get("catalog") == EMBEDDED
                else ("", ""),
            ]
        )
        + "\n"
        + nav([(i, t) for i, t, _ in sections], lang)
    )
    body = "\n".join(section(i, t, c) for i, t, c in sections)
    return document(title, lang, header, body, footer(lang, version, data.get("as_of", "")), sortable=True)
