"""`set`'s echo and `diff` word one fact alike: the same value word (a fee is はい／いいえ in both, as import reads
it back) and, in Japanese, the same field name (手数料, not the YAML key `fee`); English keeps the keys."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()


def _run(*args: str) -> str:
    # 80 columns: diff writes one record per entry, one change a line, as set does
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """A fresh `init` catalogue and a copy of it to edit."""
    base = tmp_path / "base"
    _run("init", str(base), "--name", "館山市")
    head = tmp_path / "head"
    shutil.copytree(base, head)
    return base, head


def _after_arrow(out: str, *names: str) -> str:
    """The word after → on the one line that names a field (one of ``names``) before its colon."""
    lines = [
        line.strip() for line in out.splitlines() if line.strip().startswith(tuple(f"{n}: " for n in names))
    ]
    assert len(lines) == 1, (names, out)
    return lines[0].rsplit("→", 1)[1].strip()


@pytest.mark.parametrize(("flag", "ja", "en"), [("--fee", "はい", "yes"), ("--no-fee", "いいえ", "no")])
def test_fee_is_one_word_in_set_and_diff(pair: tuple[Path, Path], flag: str, ja: str, en: str) -> None:
    base, head = pair
    said = _run("set", "9", flag, "--catalog", str(head))
    diffed = _run("diff", str(base), str(head))
    assert _after_arrow(said, "fee", "手数料") == _after_arrow(diffed, "手数料") == ja
    shutil.rmtree(head)
    shutil.copytree(base, head)
    said = _run("set", "9", flag, "--catalog", str(head), "--lang", "en")
    diffed = _run("diff", str(base), str(head), "--lang", "en")
    assert _after_arrow(said, "fee") == _after_arrow(diffed, "fee") == en


FACTS = (
    "--status",
    "一部",
    "--identity",
    "押印",
    "--fee",
    "--result-delivery",
    "紙",
    "--back-office",
    "再入力",
)


def _names(out: str) -> set[str]:
    """The field names of the indented `name: … → …` lines (set's echo, diff's records)."""
    return {
        line.strip().split(": ", 1)[0] for line in out.splitlines() if " → " in line and line.startswith("  ")
    }


def test_japanese_echo_names_fields_as_diff_does(pair: tuple[Path, Path]) -> None:
    base, head = pair
    said = _run("set", "9", *FACTS, "--catalog", str(head))
    diffed = _run("diff", str(base), str(head))
    facts = {"状況", "本人確認", "手数料", "結果の交付", "後続処理"}
    assert facts <= _names(said) and facts <= _names(diffed), (said, diffed)
    for key in ("status", "identity", "fee", "result_delivery", "back_office"):
        assert f"{key}:" not in said
    assert _after_arrow(said, "結果の交付") == _after_arrow(diffed, "結果の交付") == "紙"


def test_english_echo_keeps_the_keys(pair: tuple[Path, Path]) -> None:
    _, head = pair
    said = _run("set", "9", *FACTS, "--catalog", str(head), "--lang", "en")
    assert {"status", "identity", "fee", "result_delivery", "back_office"} <= _names(said)
