"""The published page states each next step without the ``dxready …`` command the terminal gives the officer, and
names the catalogue without the shell's 「（このディレクトリ）」: residents and the council read it, away from a shell."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dxready.render.html.gaps import plain_step
from tests.helpers.catalogs import SHIPPED
from tests.helpers.pages import gaps_json, make_page, partial


def _steps(data: dict[str, object]) -> list[str]:
    found = [f for p in data["procedures"] for f in p["findings"]]  # type: ignore[attr-defined]
    return [f["next_step"] for f in found if f.get("next_step")]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("which", ["shipped", "partial"])
def test_page_steps_carry_no_command(tmp_path: Path, which: str, lang: str) -> None:
    catalog = SHIPPED if which == "shipped" else partial(tmp_path)
    steps = _steps(gaps_json(catalog, lang))
    assert any("dxready " in s for s in steps)  # the terminal's steps do carry commands
    text = make_page(catalog, tmp_path / "p.html", "--no-trend", lang=lang).read_text(encoding="utf-8")
    main = re.sub(r"<footer.*?</footer>", "", text, flags=re.S)
    assert "dxready " not in main
    for step in steps:
        plain = plain_step(step)
        assert plain and "dxready" not in plain and "--" not in plain
        assert plain.replace("'", "&#x27;") in text


@pytest.mark.parametrize(
    ("step", "plain"),
    [
        (
            "状況を確認し、確認した記号（○ 一部 × —）で記録してください。例: dxready set x-1 --status ○",
            "状況を確認し、確認した記号（○ 一部 × —）で記録してください。",
        ),
        (
            "Confirm the status and record its mark (○, 一部, × or —), e.g. dxready set x-1 --status ○",
            "Confirm the status and record its mark (○, 一部, × or —)",
        ),
        (
            "申請できる窓口（マイナポータル、eltax など）を記録してください。マイナポータルなら: dxready set x --channel mynaportal",
            "申請できる窓口（マイナポータル、eltax など）を記録してください。",
        ),
        (
            "Record where it can be applied for (Mynaportal, eltax …); for Mynaportal: dxready set x --channel mynaportal",
            "Record where it can be applied for (Mynaportal, eltax …)",
        ),
        (
            "状況を確認し dxready set x --verified-on 2026-12-01 で記録してください",
            "状況を確認し、記録してください",
        ),
        (
            "Confirm the status and record it with dxready set x --verified-on 2026-12-01",
            "Confirm the status and record it",
        ),
        (
            "団体名と団体コードを確かめてください（dxready init --name 名前 で正しい組を表示できます）",
            "団体名と団体コードを確かめてください",
        ),
        (
            "Check the name and code (dxready init --name NAME shows the registry's pair)",
            "Check the name and code",
        ),
        ("出典と照らし合わせ、件数を直してください", "出典と照らし合わせ、件数を直してください"),
    ],
)
def test_plain_step(step: str, plain: str) -> None:
    assert plain_step(step) == plain


def test_page_names_the_catalogue_without_the_shell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    where = partial(tmp_path)
    monkeypatch.chdir(where)
    text = make_page(Path("."), tmp_path / "p.html", "--no-trend").read_text(encoding="utf-8")
    assert (
        f"<dd>{where.name}</dd>" not in text
    )  # the municipality names it; a directory is no reader's business
    assert "このディレクトリ" not in text


@pytest.mark.parametrize(
    ("lang", "said"), [("ja", "読めないカタログ 1 件"), ("en", "1 catalogue could not be read")]
)
def test_compare_page_with_an_unreadable_catalogue(tmp_path: Path, lang: str, said: str) -> None:
    """A review found ``page --compare`` failing with an internal error whenever one catalogue could not be read."""
    from tests.helpers.pages import invoke

    good = partial(tmp_path)
    broken = partial(tmp_path, "館山市", "122050")
    text = (broken / "procedures.yaml").read_text(encoding="utf-8")
    (broken / "procedures.yaml").write_text(text.replace("status: ○", "status: maybe", 1), encoding="utf-8")
    out = tmp_path / "c.html"
    code, _, err = invoke("page", "--compare", str(good), str(broken), "--lang", lang, "-o", str(out))
    assert "internal" not in err and "内部エラー" not in err
    assert code == 2 and out.exists(), (code, err)  # as compare: the others' page written, the input unusable
    assert said in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("lang", "said"), [("ja", "を基準日として作成しました"), ("en", "evaluated on")])
def test_footer_says_the_evaluation_date_not_the_data_s(tmp_path: Path, lang: str, said: str) -> None:
    """The footer said 「2026-12-01 時点のデータから」 while the header said 状況の時点 2023-12-31."""
    text = make_page(SHIPPED, tmp_path / "p.html", "--no-trend", lang=lang).read_text(encoding="utf-8")
    footer = text[text.index("<footer") :]
    assert said in footer and "時点のデータ" not in footer and "data as of" not in footer
