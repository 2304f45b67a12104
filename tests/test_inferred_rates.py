"""Inferred statuses are recorded, not confirmed: the rates' words never call them 確認 (review s7 F12).

The bounds take an inferred status as written, as the tally and the levels do (README: 推定 / ``inferred``), and the
coverage says how many of the recorded rows are inferences, so that a published table cannot present guesses as
confirmed facts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from dxready.engine.rates import Rate, text

runner = CliRunner()


def test_words_of_a_rate_with_inferred_rows() -> None:
    assert text(Rate(15, 16, 21, 12), "ja") == "71.4–95.2%（21件中16件記録、うち推定12件）"
    assert text(Rate(15, 16, 21, 12), "en") == "71.4–95.2% (16 of 21 recorded, 12 inferred)"
    assert text(Rate(9, 17, 17, 3), "ja") == "52.9%（17件中推定3件）"
    assert text(Rate(9, 17, 17, 3), "en") == "52.9% (3 of 17 inferred)"
    # Nothing inferred: the words as before.
    assert text(Rate(3, 9, 21), "ja") == "14.3–71.4%（21件中9件確認）"
    assert text(Rate(9, 17, 17), "ja") == "52.9%"
    assert text(Rate(15, 16, 21, 12), "ja", coverage=False) == "71.4–95.2%"
    with pytest.raises(ValueError):
        Rate(1, 2, 3, 3)  # more inferred rows than recorded ones


def test_the_reviewers_catalogue_says_recorded_and_inferred(tmp_path: Path) -> None:
    root = tmp_path / "mb"
    assert runner.invoke(app, ["init", str(root), "--name", "南房総市"]).exit_code == 0
    for args in (
        ["1", "2", "3", "--status", "○"],
        ["4", "--status", "×"],
        ["6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "--status", "○", "--inferred"],
    ):
        assert runner.invoke(app, ["set", *args, "--catalog", str(root)]).exit_code == 0
    table = runner.invoke(app, ["table", "summary", "-f", "markdown", "--catalog", str(root)]).stdout
    assert "| オンライン化率（○） | 71.4–95.2%（21件中16件記録、うち推定12件） |" in table
    assert "件確認" not in table
    english = runner.invoke(
        app, ["table", "summary", "-f", "markdown", "--catalog", str(root), "--lang", "en"]
    )
    assert "| Online rate (○) | 71.4–95.2% (16 of 21 recorded, 12 inferred) |" in english.stdout
    gaps = runner.invoke(app, ["gaps", "--catalog", str(root)], env={"COLUMNS": "80"}).stdout
    assert "71.4–95.2%（21件中16件記録、うち推定12件）" in gaps.replace("\n  ", "")
    compare = runner.invoke(app, ["compare", str(root), "--format", "markdown"]).stdout
    assert "（21件中16件記録、うち推定12件）" in compare
    page = runner.invoke(app, ["page", "--catalog", str(root)]).stdout
    assert "71.4〜95.2%（21件中16件記録、うち推定12件）" in page and "件確認" not in page
    data = json.loads(runner.invoke(app, ["gaps", "-f", "json", "--catalog", str(root)]).stdout)
    assert (
        data["summary"]["coverage"] == {"known": 16, "total": 21, "inferred": 12}
        and data["summary"]["inferred"] == 12
    )
