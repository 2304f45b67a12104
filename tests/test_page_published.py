"""The published page is read by the council and residents: it names no server path, no YAML position and no
YAML field, and tags each text with its own language (review 2 of s7)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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


def _rule_steps() -> list[tuple[str, str, str]]:
    """(code, ja, en) of every next step a rule gives (``NEXT_STEP`` and the rules' other ``…NEXT_STEP``s)."""
    import importlib
    import pkgutil

    import dxready.rules
    from dxready.findings import Msg

    steps = []
    for info in pkgutil.iter_modules(dxready.rules.__path__):
        if not re.fullmatch(r"dx\d{3}_\w+", info.name):
            continue
        module = importlib.import_module(f"dxready.rules.{info.name}")
        for name, value in vars(module).items():
            if name.endswith("NEXT_STEP") and isinstance(value, Msg):
                steps.append((module.CODE, value.get("ja"), value.get("en")))
    return steps


YAML_SYNTAX_RULES = {"DX001", "DX002", "DX003", "DX004", "DX005"}
"""Rules about the file itself (its syntax, keys and ids): their fix is an edit of the YAML by whoever keeps it."""


def test_page_next_steps_name_no_yaml_field() -> None:
    """R15: the page said 「state: done を記録し」「track と期限」「standard_business を記録」「手続（procedures）…の id」."""
    from dxready.render.html.gaps import page_words, plain_step

    steps = [s for s in _rule_steps() if s[0] not in YAML_SYNTAX_RULES]
    assert len(steps) > 30
    for code, ja, en in steps:
        ja_page, en_page = page_words(plain_step(ja)), page_words(plain_step(en))
        ascii_words = set(re.findall(r"[A-Za-z_]+", ja_page)) - {"eltax", "RPA", "UTF"}
        assert not ascii_words, (code, ja_page)
        assert not re.search(r"\b\w*_\w*\b|\b[a-z]+: \S|\b(track|tokutei|ids|since|mynaportal)\b", en_page), (
            code,
            en_page,
        )


@pytest.mark.parametrize("code", ["DX018"])
def test_a_step_whose_last_sentence_introduces_its_command_loses_both(code: str) -> None:
    """DX018's step ends 「…次のコマンドが新しいディレクトリ NEW_DIR に作る 21 行から写せます（CODE は団体コード）: dxready init NEW_DIR --code CODE」: the page
    kept 「次のコマンドで表示できます…:」 with no command after it."""
    from dxready.render.html.gaps import plain_step
    from dxready.rules import BY_CODE

    for lang in ("ja", "en"):
        plain = plain_step(BY_CODE[code].NEXT_STEP.get(lang))
        assert "コマンド" not in plain and "command" not in plain and not plain.endswith((":", "："))
        assert plain


def test_page_of_the_shipped_catalogue_speaks_words(tmp_path: Path) -> None:
    """R15, end to end: the shipped catalogue's page had 31 next steps naming YAML fields."""
    code, _, err = invoke("init", str(tmp_path / "k"), "--from-embedded")
    assert code == 0, err
    for lang in ("ja", "en"):
        text = _page(tmp_path / "k", tmp_path / f"k-{lang}.html", lang=lang)
        for field in (
            "state: done",
            "standard_business",
            "track と",
            "its track",
            "（procedures）",
            "（state）",
            "(state)",
            "ids ",
        ):
            assert field not in text, (lang, field)


def test_english_page_tags_only_japanese_as_japanese(tmp_path: Path) -> None:
    """R3: 「Online rate (○ + 一部)」「一部 partial」「？ unknown」 sat whole under lang="ja" (a screen reader reads the
    English words with a Japanese voice); each Japanese run is tagged, the English around it is not."""
    city = _city(tmp_path / "t")
    text = _page(city, tmp_path / "en.html", lang="en")
    tagged = re.findall(r'<span lang="ja">([^<]*)</span>', text)
    assert tagged
    for part in tagged:
        assert not re.search(r"[A-Za-z]{2,}", part), part
    assert 'Online rate (○ + <span lang="ja">一部</span>)' in text
    assert '<span lang="ja">一部</span> partial' in text
    assert '<span lang="ja">館山市</span> (122050)' in text


def test_own_procedures_are_listed_apart_and_marked(tmp_path: Path) -> None:
    """R16: an own procedure (outside the 21) sat unmarked in 「標準事務のオンライン化の状況」 under counts that
    leave it out (× 未オンライン 0 above, a × row below)."""
    city = _city(tmp_path / "t")
    code, _, err = invoke("add", "own-1", "--name", "住民票の写し交付", "--status", "×", "-c", str(city))
    assert code == 0, err
    text = _page(city, tmp_path / "p.html")
    tables = dict(re.findall(r"<caption[^>]*>([^<]*)</caption>(.*?)</table>", text, re.S))
    standard = next(
        body for title, body in tables.items() if title.startswith("標準事務のオンライン化の状況")
    )
    assert "住民票の写し交付" not in standard
    own = tables["自団体の手続（標準の21手続の外。上の件数と率には数えません）"]
    assert "住民票の写し交付" in own and own.count("<tr data-id=") == 1
    for lang, said in (
        ("ja", "標準の21手続の外（率には数えません）"),
        ("en", "outside the 21 standard procedures"),
    ):
        code, out, err = invoke("table", "procedures", "-c", str(city), "-f", "markdown", "--lang", lang)
        assert code == 0, err
        row = next(line for line in out.splitlines() if "住民票の写し交付" in line)
        assert said in row


def test_trend_of_a_city_with_unknown_rows_draws_its_ranges(tmp_path: Path) -> None:
    """R12: every point a range (a new city has unknown rows) left the chart with axes and a legend and nothing
    else; the range is drawn as a band, from its low to its high, and no point is made up."""
    from tests.helpers.pages import git

    city = _city(tmp_path / "tr")
    git(city, "init", "-q")
    git(city, "add", "-A")
    git(city, "commit", "-q", "-m", "init", date="2026-03-01T10:00:00+09:00")
    for n, (args, day) in enumerate(((("1", "2", "--status", "○"), "06"), (("3", "--status", "×"), "09"))):
        code, _, err = invoke("set", *args, "-c", str(city))
        assert code == 0, err
        git(city, "commit", "-q", "-am", f"s{n}", date=f"2026-{day}-01T10:00:00+09:00")
    out = tmp_path / "p.html"
    code, _, err = invoke("page", "-c", str(city), "--as-of", AS_OF, "-o", str(out))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    chart = re.search(r'<section id="trend".*?</svg>', text, re.S)
    assert chart is not None
    bands = re.findall(r'<polygon class="band s-online" points="([^"]+)"', chart.group(0))
    assert len(bands) == 1
    points = [tuple(map(float, xy.split(","))) for xy in bands[0].split()]
    assert len(points) == 6  # three highs, three lows
    highs, lows = points[:3], points[3:][::-1]
    assert all(h[1] < lo[1] for h, lo in zip(highs, lows, strict=True))  # each high above its low
    assert chart.group(0).count('<circle class="dot s-online"') == 1  # the legend's: no point is drawn
    assert "帯で示します" in chart.group(0) and "帯は、未確認の手続があるため" in text


def test_a_duplicate_number_is_published_in_words(tmp_path: Path) -> None:
    """DX019's message carried 「standard_no 6 は port-procedures にも使われています（最初は dup/procedures.yaml:51:18）」:
    a field name, a file position and a directory on the published page."""
    city = _city(tmp_path / "dup")
    text = (city / "procedures.yaml").read_text(encoding="utf-8")
    (city / "procedures.yaml").write_text(
        text.replace("standard_no: 7\n", "standard_no: 6\n", 1), encoding="utf-8"
    )
    for lang in ("ja", "en"):
        page = _page(city, tmp_path / f"dup-{lang}.html", lang=lang)
        assert "DX019" in page or "No.6" in page
        assert "standard_no" not in page and "procedures.yaml:" not in page and "dup/" not in page
