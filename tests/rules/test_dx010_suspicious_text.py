"""DX010 suspicious-text: homoglyphs and control characters in catalogue text."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx010_suspicious_text as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

ROADMAP = """
roadmap:
  - id: digital-divide
    area: 7
    title: デジタルデバйд対策
  - id: open-data
    area: 7
    title: "オープン\\u200bデータ"
"""


def test_homoglyph_and_invisible_character(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, roadmap=ROADMAP), rule)
    found = [(f.code, str(f.subject), str(f.location)) for f in report.findings]
    assert found == [
        ("DX010", "roadmap:digital-divide", f"{tmp_path / 'roadmap.yaml'}:4:12"),
        ("DX010", "roadmap:open-data", f"{tmp_path / 'roadmap.yaml'}:7:12"),
    ]
    homoglyph, invisible = report.findings
    assert "U+0439 CYRILLIC SMALL LETTER SHORT I" in homoglyph.message.en
    assert "at character 7" in homoglyph.message.en
    assert "U+200B" in invisible.message.en


def test_shipped_catalogue_is_clean(tmp_path: Path) -> None:
    assert run_rule(copy_shipped(tmp_path / "data"), rule).findings == ()


def test_every_candidate_reaches_the_walk() -> None:
    """The byte and printable tests that pass a clean file without the regex miss no candidate: each character of
    the candidate class is escaped in JSON (a backslash), refused by str.isprintable, or has a lead byte searched."""
    import json

    for code in range(0x110000):
        ch = chr(code)
        if rule._CANDIDATES.match(ch) is None or 0xD800 <= code < 0xE000:
            continue
        quoted = json.dumps(ch, ensure_ascii=False)
        assert "\\" in quoted or not ch.isprintable() or rule._foreign(ch.encode("utf-8")), hex(code)
