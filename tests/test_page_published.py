"""The published page is read by the council and residents: it names no server path, no YAML position and no
YAML field, and tags each text with its own language (review 2 of s7)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers.pages import AS_OF, invoke


def _city(where: Path, name: str = "館山市") -> Path:
    code, _, err = invoke("init", str(where), "--name", name)
    assert code == 0, err
    return where


def _page(catalog: Path, dest: Path, *extra: str, lang: str = "ja") -> str:
    code, _, err = invoke(
        "page", "-c", str(catalog), "--as-of", AS_OF, "--lang", lang, "--no-trend", "-o", str(dest), *extra
    )
    assert code == 0, err
    return dest.read_text(encoding="utf-8")


def test_page_header_names_no_path(tmp_path: Path) -> None:
    """R1: the header showed 「カタログ /tmp/…/tateyama」 — a CI runner's workspace, published."""
    city = _city(tmp_path / "secret-dir" / "tateyama")
    for lang in ("ja", "en"):
        text = _page(city, tmp_path / f"p-{lang}.html", lang=lang)
        header = re.search(r'<dl class="meta">.*?</dl>', text, re.S)
        assert header is not None and ("館山市" in header.group(0) or "Tateyama" in header.group(0))
        assert "secret-dir" not in header.group(0) and "tateyama" not in header.group(0)


def test_compare_page_names_no_path_and_no_parser_error(tmp_path: Path) -> None:
    """R1: page --compare published 「cmp/bad: DX001 括弧「[」が閉じていません」 with the directory's name."""
    _city(tmp_path / "cmp" / "good")
    bad = _city(tmp_path / "cmp" / "secret-bad", "呉市")
    (bad / "procedures.yaml").write_text("x: [\n", encoding="utf-8")
    out = tmp_path / "c.html"
    code, _, _ = invoke("page", "--compare", str(tmp_path / "cmp"), "--as-of", AS_OF, "-o", str(out))
    assert code == 2
    text = out.read_text(encoding="utf-8")
    assert "secret-bad" not in text and str(tmp_path) not in text
    assert "括弧" not in text and "DX001" not in text
    assert "1 件のカタログを読めなかった" in text


def test_page_lists_no_file_positions(tmp_path: Path) -> None:
    """R2: each gap listed 「DX103 procedures.yaml:39:13」; a group's 「… ほか 13 箇所」."""
    city = _city(tmp_path / "t")
    for lang in ("ja", "en"):
        text = _page(city, tmp_path / f"p-{lang}.html", lang=lang)
        assert ".yaml" not in text and str(tmp_path) not in text
        assert re.search(r"\b(procedures|systems|roadmap)\.yaml:\d+", text) is None
        assert "<code>DX103</code>" in text  # the rule codes stay, folded away
