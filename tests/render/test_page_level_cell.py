"""s8 F18: the page's 準備レベル cell keeps each word whole (the browser test checks it at desktop widths; this checks
the markup where no browser is installed)."""

from __future__ import annotations

import re

import pytest

from dxready.render.html.cells import level_html, level_text


@pytest.mark.parametrize(
    ("proc", "whole"),
    [
        ({"status": "unknown"}, ["？", "状況が未確認"]),
        ({"status": "offline", "level": 0}, ["0", "未オンライン"]),
        ({"status": "online", "level_bounds": [2, 4]}, ["2〜4", "（未確定）"]),
        ({"status": "online", "level": 4}, ["4", "ワンスオンリー・", "ワンストップ"]),
    ],
)
def test_each_word_of_a_level_is_one_unbreakable_span(proc: dict[str, object], whole: list[str]) -> None:
    html = level_html(proc, "ja")
    assert re.findall(r'<span class="nw">([^<]*)</span>', html) == whole
    assert re.sub(r"<[^>]+>", "", html) == level_text(proc, "ja")
