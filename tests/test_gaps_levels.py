"""s8 F21: README says `dxready gaps` shows each procedure's level; the terminal showed none (-v gave only the
criteria of the next level). ``gaps -v`` lists every procedure with its level: settled, its span while an unknown
fact could move it, ？ while its status is unknown, — where none applies; at 80 columns, ja and en."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()


def _ok(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def city(tmp_path: Path) -> Path:
    where = tmp_path / "tate"
    _ok("init", str(where), "--name", "館山市")
    for ref, status in (("1", "○"), ("2", "一部"), ("9", "×"), ("6", "—")):
        _ok("set", ref, "--status", status, "-c", str(where))
    return where


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_gaps_v_shows_each_procedures_level(city: Path, lang: str) -> None:
    out = _ok("gaps", "-v", "-c", str(city), "--lang", lang, "--as-of", "2026-11-30")
    assert all(cell_len(line) <= 80 for line in out.splitlines())
    lines = out.splitlines()
    head = "手続ごとの準備レベル" if lang == "ja" else "Each procedure's readiness level"
    start = lines.index(head)
    levels = {
        m.group(1): m.group(2)
        for line in lines[start + 1 :]
        if (m := re.match(r"No\.(\d+) .*?: (?:レベル|level) (.+)$", line))
    }
    assert len(levels) == 21
    if lang == "ja":
        assert levels["1"] == "2–4（未確定）"
        assert levels["2"] == "1 一部オンライン"
        assert levels["9"] == "0 未オンライン"
        assert levels["3"] == "？ 状況が未確認"
    else:
        assert levels["1"] == "2–4 (unsettled)"
        assert levels["9"] == "0 Not online"
        assert levels["3"] == "? status unknown"
    assert levels["6"] == "—"


@pytest.mark.parametrize(("lang", "said"), [("ja", "（状況は推定）"), ("en", " (status inferred)")])
def test_a_level_resting_on_an_inferred_status_says_so(city: Path, lang: str, said: str) -> None:
    """README: an inference is recorded, not confirmed, in every view; the level line says when the status it rests
    on is the author's inference (diff review s8 D17), and only then."""
    _ok("set", "3", "--status", "○", "--inferred", "-c", str(city))
    out = _ok("gaps", "-v", "-c", str(city), "--lang", lang, "--as-of", "2026-11-30")
    # Each procedure's level as one text (its line and continuations, up to the next criteria or procedure).
    entries = re.split(r"\n(?=No\.)|\n  (?=次のレベルへ|to reach)", out.split("\n\n")[-1])
    levels = {e.split(":")[0]: " ".join(e.split()) for e in entries if e.startswith("No.")}
    assert [key for key, text in levels.items() if said.strip() in text] == [
        next(key for key in levels if key.startswith("No.3 "))
    ]
