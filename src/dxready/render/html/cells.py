"""How one value reads on the page: levels, usage, dates in 和暦, circled numbers, CSS classes of statuses."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from dxready.catalog.fiscal import rate_notes
from dxready.engine.levels import LEVEL_NAMES
from dxready.i18n import t as _t
from dxready.render.html.rates import fy, pct

# --------------------------------------------------------------------------------------------------- city page

SEVERITY = {"error": ("要対応", "must fix"), "warning": ("注意", "warning"), "info": ("情報", "info")}
STATUS_CSS = {"online": "s-online", "partial": "s-partial", "offline": "s-offline", "unknown": "s-unknown"}


def level_text(proc: dict[str, Any], lang: str) -> str:
    status = proc.get("status")
    if status == "not_applicable":
        return "—"
    if status == "unknown":
        return _t(lang, "？ 状況が未確認", "? status unknown")
    if proc.get("level") is None:  # an unknown fact could still move it: the span, never one figure
        low, high = proc.get("level_bounds") or (0, 4)
        return _t(lang, f"{low}〜{high}（未確定）", f"{low}–{high} (unsettled)")
    level = int(proc["level"])
    return f"{level} {LEVEL_NAMES[level].get(lang)}"


_WHOLE = re.compile(r"[^\s（(・]+・|[（(][^）)]*[）)]|[^\s（(・]+|\s+")
"""The pieces of a level's words that a line may not break inside: a number or range, a word (未オンライン, 状況が
未確認), a bracket with its words (（未確定）), a name up to its ・ (ワンスオンリー・ | ワンストップ); and the spaces."""


def level_html(proc: dict[str, Any], lang: str) -> str:
    """:func:`level_text` as the page's table cell holds it: each word kept whole (a narrow column at desktop width
    broke 未オンラ|イン, （未確|定）, 状況が未|確認), lines breaking only between the pieces of :data:`_WHOLE`."""
    from dxready.render.html.shell import text_html

    return "".join(
        piece if piece.isspace() else f'<span class="nw">{text_html(piece)}</span>'
        for piece in _WHOLE.findall(level_text(proc, lang))
    )


def usage_text(usage: dict[str, Any] | None, lang: str) -> str:
    """A year's usage as cities publish it, from the JSON's usage object (as ``views.counts_text`` words it)."""
    if not usage:
        return ""
    year = fy(usage.get("fiscal_year"), lang)
    total, online = usage.get("total"), usage.get("online")
    details: list[str] = []
    if total is not None and online is not None:
        details.append(_t(lang, f"{online:,}/{total:,}件", f"{online:,} of {total:,}"))
    elif online is not None:
        details.append(
            _t(lang, f"オンライン {online:,}件（総数未記録）", f"{online:,} online (total not recorded)")
        )
    details += rate_notes(
        online is None and usage.get("published_rate") is not None, usage.get("period_end"), lang
    )
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
        return f"{pct(usage.get('rate'))}（{' '.join([year, '、'.join(details)]).strip()}）"
    return f"{pct(usage.get('rate'))} ({'; '.join([year, *details])})"


def wareki_of(iso: str) -> str:
    from dxready.render.views import wareki

    return wareki(dt.date.fromisoformat(iso))


def circled_no(n: int | None) -> str:
    from dxready.catalog.models import circled

    return circled(n)
