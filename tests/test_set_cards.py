"""``set municipality --cards``: the card counts keep their own date and cannot exceed the population
(a new-user review on 松戸市, half-filled, found both wrong)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.catalog.load import load_catalog
from tests.helpers.cli import run80

runner = CliRunner()


_run = run80


@pytest.fixture
def city(tmp_path: Path) -> Path:
    assert _run("init", str(tmp_path / "matsudo"), "--name", "松戸市")[0] == 0
    return tmp_path / "matsudo"


def _set(root: Path, *args: str) -> tuple[int, str, str]:
    return _run("set", *args, "--catalog", str(root))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_card_counts_keep_their_date_and_leave_the_status_date_alone(city: Path, lang: str) -> None:
    path = city / "procedures.yaml"
    today = dt.date.today().isoformat()
    assert _set(city, "9", "--status", "○", "--verified-on", today)[0] == 0
    before = path.read_bytes()
    # --as-of is the catalogue's status date: it does not date card counts (and is not written when refused).
    code, _, err = _set(
        city, "municipality", "--cards", "市全体:350000:498000", "--as-of", "2024-03-31", "--lang", lang
    )
    assert code == 2 and "--cards-as-of" in err
    assert path.read_bytes() == before
    code, out, err = _set(city, "municipality", "--cards", "市全体:350000:498000", "--cards-as-of", "2024-03-31",
                          "--lang", lang)  # fmt: skip
    assert code == 0, err
    assert (
        "マイナンバーカードの時点: 2024-03-31" if lang == "ja" else "My Number Card counts as of: 2024-03-31"
    ) in out
    pf = load_catalog(city).procedures_file
    assert pf.as_of is None
    assert (
        pf.municipality.mynumber_card is not None and str(pf.municipality.mynumber_card.as_of) == "2024-03-31"
    )
    # The status recorded today is not reported stale against the cards' date.
    findings = json.loads(_run("check", "--catalog", str(city), "--format", "json")[1])["findings"]
    assert not [f for f in findings if f["code"] == "DX110"]


def test_card_date_moves_only_with_every_scope(city: Path) -> None:
    assert _set(city, "municipality", "--cards", "市全体:350000:498000", "--cards", "北部:1000:2000",
                "--cards-as-of", "2024-03-31")[0] == 0  # fmt: skip
    path = city / "procedures.yaml"
    before = path.read_bytes()
    code, _, err = _set(
        city, "municipality", "--cards", "市全体:360000:498000", "--cards-as-of", "2024-06-30"
    )
    assert code == 2 and "北部" in err and "--cards-as-of" in err
    assert path.read_bytes() == before
    code, _, err = _set(city, "municipality", "--cards", "市全体:360000:498000", "--cards", "北部:1100:2000",
                        "--cards-as-of", "2024-06-30")  # fmt: skip
    assert code == 0, err
    card = load_catalog(city).procedures_file.municipality.mynumber_card
    assert card is not None and str(card.as_of) == "2024-06-30"
    assert [(r.scope, r.cards) for r in card.rates] == [("市全体", 360000), ("北部", 1100)]
    assert _set(city, "9", "--cards-as-of", "2024-06-30")[0] == 2
    assert _set(city, "municipality", "--cards-as-of", "2024-06-30")[0] == 2


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_more_cards_than_people_is_refused_by_set_and_reported_by_check(city: Path, lang: str) -> None:
    path = city / "procedures.yaml"
    before = path.read_bytes()
    code, _, err = _set(city, "municipality", "--cards", "all:350000:298000", "--cards-as-of", "2024-03-31",
                        "--lang", lang)  # fmt: skip
    assert code == 2 and "--cards" in err and "350,000" in err and "298,000" in err
    assert path.read_bytes() == before
    # Written by hand, it is an error of check, at the cards' line and column.
    text = before.decode().replace(
        "\nprocedures:",
        "\n  mynumber_card:\n    as_of: 2024-03-31\n    rates:\n      - {scope: all, cards: 350000, population: 298000}"
        "\nprocedures:",
        1,
    )
    path.write_text(text, encoding="utf-8")
    code, out, _ = _run("check", "--catalog", str(city), "--lang", lang)
    line = text[: text.index("cards: 350000")].count("\n") + 1
    assert code == 1 and f"procedures.yaml:{line}:29: DX017" in out
    assert ("298,000 を超えています" if lang == "ja" else "exceed the population 298,000") in out


@pytest.mark.parametrize("scope", ["2024-03-31", "令和6年3月31日", "R6.3.31", "2024年度", "12", "350,000"])
def test_a_scope_is_an_area_not_a_date_or_a_number(city: Path, scope: str) -> None:
    code, _, err = _set(city, "municipality", "--cards", f"{scope}:1:2", "--cards-as-of", "2024-03-31")
    assert code == 2 and "--cards" in err and "区域" in err
    assert _set(city, "municipality", "--cards", "北部地区:1:2", "--cards-as-of", "2024-03-31")[0] == 0


def test_an_impossible_card_rate_is_not_published(city: Path, tmp_path: Path) -> None:
    path = city / "procedures.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "\nprocedures:",
        "\n  mynumber_card:\n    as_of: 2024-03-31\n    rates:\n      - {scope: all, cards: 350000, population: 298000}"
        "\n      - {scope: 市全体, cards: 350000, population: 498000}\nprocedures:",
        1,
    )
    path.write_text(text, encoding="utf-8")
    card = json.loads(_run("gaps", "-f", "json", "--catalog", str(city))[1])["mynumber_card"]
    assert [r["rate"] for r in card["rates"]] == [None, 70.3]
    page = tmp_path / "page.html"
    assert _run("page", "--catalog", str(city), "-o", str(page))[0] == 0
    html = page.read_text(encoding="utf-8")
    assert "117.4" not in html and "70.3%" in html
