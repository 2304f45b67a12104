"""The Japanese page writes every range with 〜, the 対象 span as its rates and levels (review s8 D8: the summary
and the trend table wrote 「4–20」 beside 「10.0〜90.0%」 and 「2〜4（未確定）」); the English page keeps –."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers.pages import git, make_page, partial


def _text(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_the_japanese_page_writes_the_applicable_span_with_its_own_dash(tmp_path: Path) -> None:
    data = partial(tmp_path / "repo")
    git(data, "init", "-q")
    git(data, "add", "-A")
    git(data, "commit", "-q", "-m", "first record")
    ja = _text(make_page(data, tmp_path / "ja.html"))
    assert re.search(r"対象手続 \d+〜\d+（未確認 \d+）", ja), ja  # the summary
    assert re.search(r"記載なし\s+\d+〜\d+\s", ja), ja  # the trend table's 対象 cell
    assert not re.search(r"\d–\d", ja), re.findall(r".{30}\d–\d.{30}", ja)
    en = _text(make_page(data, tmp_path / "en.html", lang="en"))
    assert re.search(r"\d+–\d+ \(\d+ unknown\)", en)
    assert "〜" not in en
