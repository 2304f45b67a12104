"""``dxready page`` without a browser: the document's shape, its policy, inert catalogue text, the CLI's answers.

The browser suite (tests/test_page_browser.py) opens the same pages in Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from dxready.render.html import RateView, rate_view
from dxready.render.safe import plain
from tests.helpers.catalogs import SHIPPED
from tests.helpers.pages import (
    AS_OF,
    HOSTILE,
    cities,
    gaps_json,
    hostile,
    invoke,
    make_page,
    partial,
    with_history,
)


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of the first h1."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(text: str) -> Tags:
    parser = Tags()
    parser.feed(text)
    return parser


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_page_is_one_self_contained_file(tmp_path: Path) -> None:
    out = make_page(SHIPPED, tmp_path / "kamogawa.html", "--no-trend")
    text = out.read_text(encoding="utf-8")
    tags = parse(text).tags
    names = [t for t, _ in tags]
    assert names[:1] == ["html"] and dict(tags[0][1])["lang"] == "ja"
    assert names.count("h1") == 1
    assert not {"img", "link", "iframe", "object", "embed", "audio", "video", "source"} & set(names)
    assert not re.search(
        r"https?://(?!www\.w3\.org/2000/svg)", text
    )  # the SVG namespace is a name, not a request
    # The policy allows exactly the page's own style and script, and nothing from anywhere.
    policy = next(
        a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert policy is not None and "default-src 'none'" in policy
    style = text.split("<style>", 1)[1].split("</style>", 1)[0]
    script = text.split("<script>", 1)[1].split("</script>", 1)[0]
    assert f"style-src {_sha(style)};" in policy and f"script-src {_sha(script)};" in policy
    assert names.count("table") == names.count("caption")
    assert all(a.get("scope") in ("col", "row") for t, a in tags if t == "th")
    assert all(a.get("role") == "img" and a.get("aria-labelledby") for t, a in tags if t == "svg")


def test_page_says_what_gaps_json_says(tmp_path: Path) -> None:
    data = gaps_json(SHIPPED)
    text = make_page(SHIPPED, tmp_path / "p.html", "--no-trend").read_text(encoding="utf-8")
    rows = dict(
        re.findall(r'<tr data-key="([^"]+)"><th scope="row">[^<]*</th><td class="num">([^<]*)</td>', text)
    )
    s = data["summary"]
    assert rows["applicable"] == str(s["applicable"]) == "17"
    assert rows["online"] == "9" and rows["partial"] == "2" and rows["offline"] == "6"
    assert rows["rate"] == f"{s.get('rate', s.get('online_rate')):.1f}%" == "52.9%"
    assert [rows[f"level-{n}"] for n in range(5)] == [str(s["levels"][str(n)]) for n in range(5)]
    assert len(re.findall(r'<tr data-id="', text)) == 21
    for p in data["procedures"]:
        for f in p["findings"]:
            assert (
                f["message"]
                .replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace('"', "&quot;")
                .replace("'", "&#x27;")
                in text
            )
    assert "74.7%" in text and "73.1%" in text and "73.0%" in text  # the card rates the plan prints
    assert "推移は示せません" not in text


def test_catalogue_text_is_inert(tmp_path: Path) -> None:
    text = make_page(hostile(tmp_path), tmp_path / "h.html", "--no-trend").read_text(encoding="utf-8")
    parsed = parse(text)
    names = [t for t, _ in parsed.tags]
    assert names.count("script") == 1 and names.count("style") == 1
    assert not {"img", "iframe", "b"} & set(names)
    assert not any(k.startswith("on") for _, attrs in parsed.tags for k in attrs)
    assert all(not (a.get("href") or "#").lower().lstrip().startswith("javascript") for _, a in parsed.tags)
    assert all((a.get("href") or "#").startswith("#") for t, a in parsed.tags if t == "a")
    body = "".join(parsed.text)
    assert "<script>window.__pwned = 1</script>" in body  # shown as text, exactly
    assert (
        "\u202e" not in text and plain("\u202e") in body
    )  # the bidi override visible (as the terminal shows it), not acting
    assert HOSTILE.split("\u202e")[0] in body


def test_partial_catalogue_states_no_bare_rate(tmp_path: Path) -> None:
    where = partial(tmp_path)
    data = gaps_json(where)
    s = data["summary"]
    assert s["by_status"]["unknown"] > 0
    text = make_page(where, tmp_path / "p.html").read_text(encoding="utf-8")
    figure = re.search(r'<span class="figure" id="online-rate">([^<]*)</span>', text)
    assert figure is not None
    known = s["applicable"] - s["by_status"]["unknown"]
    assert f"{s['applicable']}件中{known}件確認" in figure.group(1)
    bounds = s.get("rate_bounds")
    if bounds:
        assert f"{bounds[0]:.1f}" in figure.group(1) and f"{bounds[1]:.1f}" in figure.group(1)
    assert "推移はまだありません" in text and "git" not in text  # not in git: said plainly, not as a CLI hint


def test_english_page(tmp_path: Path) -> None:
    text = make_page(SHIPPED, tmp_path / "en.html", "--no-trend", lang="en").read_text(encoding="utf-8")
    assert '<html lang="en">' in text
    assert "Kamogawa City: online status of procedures" in text
    assert "Online rate (○)" in text


def test_trend_from_history(tmp_path: Path) -> None:
    where = with_history(tmp_path)
    text = make_page(where, tmp_path / "t.html").read_text(encoding="utf-8")
    section = text.split('<section id="trend"', 1)[1].split("</section>", 1)[0]
    assert section.count("<polyline") == 2  # ○ and ○＋一部, each through the three commits
    for date in ("2024-01-15", "2024-06-01", "2025-04-01"):
        assert date in section
    assert "41.2%" in section and "47.1%" in section and "52.9%" in section


def test_compare_page(tmp_path: Path) -> None:
    dirs = cities(tmp_path)
    out = tmp_path / "c.html"
    code, stdout, err = invoke("page", "--compare", *map(str, dirs), "--as-of", AS_OF, "-o", str(out))
    assert code == 0, err
    assert stdout == f"{out}\n"
    text = out.read_text(encoding="utf-8")
    assert text.count('<tr data-code="') == 3
    assert "鴨川市" in text and "呉市" in text and "千代田区" in text
    assert "3/20" in text or "4/21" in text  # a partial city's coverage beside its rate


def test_stdout_when_no_file_is_named() -> None:
    code, out, _ = invoke("page", "--catalog", str(SHIPPED), "--as-of", AS_OF, "--no-trend")
    assert code == 0
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("page", "somedir"), "--compare"),
        (("page", "--compare"), "--compare"),
        (("page", "--catalog", "/nonexistent/cat", "-o", "x.html"), "/nonexistent/cat"),
        (("page", "--compare", "/nonexistent/a", "-o", "x.html"), "/nonexistent/a"),
    ],
)
def test_unusable_input_exits_2(
    args: tuple[str, ...], needle: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke(*args)
    assert code == 2
    assert needle in out + err
    assert not (tmp_path / "x.html").exists()
    assert "Traceback" not in out + err


def test_output_directory_missing_exits_2(tmp_path: Path) -> None:
    code, _, err = invoke(
        "page", "--catalog", str(SHIPPED), "--no-trend", "-o", str(tmp_path / "no" / "p.html")
    )
    assert code == 2
    assert "出力先のディレクトリがありません" in err
    assert (
        err.startswith("dxready: ") and "DX001" not in err
    )  # an output path, not the catalogue, is at fault
    code, _, err = invoke("page", "--catalog", str(SHIPPED), "--no-trend", "-o", str(tmp_path))
    assert code == 2 and "ディレクトリ" in err and "DX001" not in err


def test_pdf_without_chromium_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DXREADY_CHROMIUM", "")
    code, _, err = invoke("page", "--catalog", str(SHIPPED), "--pdf", str(tmp_path / "p.pdf"))
    assert code == 2
    assert "apt-get install chromium" in err and "DXREADY_CHROMIUM" in err
    assert not (tmp_path / "p.pdf").exists()
    monkeypatch.setenv("DXREADY_LANG", "en")
    code, _, err = invoke("page", "--catalog", str(SHIPPED), "--pdf", str(tmp_path / "p.pdf"), "--lang", "en")
    assert code == 2 and "needs a headless Chromium" in err


def test_pdf_failure_of_chromium_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'no display' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("DXREADY_CHROMIUM", str(fake))
    code, _, err = invoke("page", "--catalog", str(SHIPPED), "--no-trend", "--pdf", str(tmp_path / "p.pdf"))
    assert code == 2
    said = err.replace("\n    ", "")  # fitted to COLUMNS
    assert "no display" in said and "終了コード 3" in said and "DX001" not in said
    assert not (tmp_path / "p.pdf").exists()


@pytest.mark.parametrize(
    ("obj", "ja", "en"),
    [
        ({"applicable": 17, "by_status": {"unknown": 0}, "online_rate": 52.9}, "52.9%", "52.9%"),
        (
            {"applicable": 20, "by_status": {"unknown": 17}, "online_rate": 66.7},
            "—（20件中3件確認）",
            "— (3 of 20 known)",
        ),
        (
            {
                "rate": None,
                "rate_bounds": [10.0, 95.0],
                "coverage": {"known": 3, "total": 20, "inferred": 0},
                "online_rate": None,
            },
            "10.0〜95.0%（20件中3件確認）",
            "10.0–95.0% (3 of 20 known)",
        ),
        (
            {
                "rate": 52.9,
                "rate_bounds": [52.9, 52.9],
                "coverage": {"known": 17, "total": 17, "inferred": 0},
            },
            "52.9%",
            "52.9%",
        ),
        ({"recorded": "4/21", "online_rate": 50.0}, "—（21件中4件確認）", "— (4 of 21 known)"),
        ({"applicable": 0, "unknown": 0, "online_rate": None}, "—", "—"),
    ],
)
def test_rate_view_never_shows_a_bare_figure_over_unknowns(obj: dict[str, Any], ja: str, en: str) -> None:
    view = rate_view(obj)
    assert view.text("ja") == ja
    assert view.text("en") == en


def test_rate_view_sort_key() -> None:
    assert RateView(52.9, None, 17, 17).sort_key() == "52.9"
    assert RateView(None, (10.0, 95.0), 3, 20).sort_key() == "10.0"
    assert RateView(None, None, 3, 20).sort_key() == ""


def test_compare_page_keeps_names_inert(tmp_path: Path) -> None:
    dirs = [hostile(tmp_path), partial(tmp_path)]
    out = tmp_path / "c.html"
    code, _, err = invoke("page", "--compare", *map(str, dirs), "--as-of", AS_OF, "-o", str(out))
    assert code == 0, err
    parsed = parse(out.read_text(encoding="utf-8"))
    names = [t for t, _ in parsed.tags]
    assert names.count("script") == 1 and not {"img", "iframe", "b"} & set(names)
    assert not any(k.startswith("on") for _, attrs in parsed.tags for k in attrs)
    assert "<script>window.__pwned = 1</script>" in "".join(parsed.text)


def test_existing_page_is_replaced_whole_and_a_read_only_one_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "p.html"
    out.write_text("old", encoding="utf-8")
    code, _, err = invoke("page", "--catalog", str(SHIPPED), "--no-trend", "-o", str(out))
    assert code == 0, err
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    out.write_text("old", encoding="utf-8")
    out.chmod(0o444)
    code, _, err = invoke("page", "--catalog", str(SHIPPED), "--no-trend", "-o", str(out))
    assert code == 2 and "読み取り専用" in err
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["p.html"]  # no temporary file left behind


def test_rate_view_short_text_leaves_coverage_to_its_column() -> None:
    assert RateView(52.9, None, 17, 17).short_text("ja") == "52.9%"
    assert RateView(None, (10.0, 95.0), 3, 20).short_text("ja") == "10.0〜95.0%"
    assert RateView(None, (10.0, 95.0), 3, 20).short_text("en") == "10.0–95.0%"
    assert RateView(66.7, None, 3, 20).short_text("ja") == "—"  # a figure over unknowns is never shown


def test_english_page_marks_japanese_text() -> None:
    code, out, _ = invoke("page", "--catalog", str(SHIPPED), "--as-of", AS_OF, "--no-trend", "--lang", "en")
    assert code == 0
    assert '<dd><span lang="ja">鴨川市DX推進計画（令和6年3月）</span></dd>' in out
    assert '<th scope="row">Library book loan reservations, etc.</th>' in out
    code, out, _ = invoke("page", "--catalog", str(SHIPPED), "--as-of", AS_OF, "--no-trend")
    assert 'lang="ja">' not in out.split("<html", 1)[1].split(">", 1)[1]  # a Japanese page needs no marking


def test_an_output_name_that_says_another_format_is_refused(tmp_path: Path) -> None:
    code, _, err = invoke("page", "--catalog", str(SHIPPED), "--no-trend", "-o", str(tmp_path / "p.pdf"))
    assert code == 2 and err.startswith("dxready: --output: ") and "--pdf" in err
    code, _, err = invoke(
        "page", "--catalog", str(SHIPPED), "--pdf", str(tmp_path / "p.html"), "--lang", "en"
    )
    assert code == 2 and err.startswith("dxready: --pdf: the name p.html says HTML")
    assert list(tmp_path.iterdir()) == []
