"""``set municipality --cards``: the card counts keep their own date and cannot exceed the population
(a new-user review on 松戸市, half-filled, found both wrong)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.catalog.load import load_catalog
from dxready.cli import app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


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
