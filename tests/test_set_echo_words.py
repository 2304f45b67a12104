"""`set`'s echo and `diff` word one fact alike: the same value word (a fee is はい／いいえ in both, as import reads
it back) and, in Japanese, the same field name (手数料, not the YAML key `fee`); English keeps the keys."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()


def _run(*args: str, columns: str = "80") -> str:
    # 80 columns: diff writes one record per entry, one change a line, as set does
    result = runner.invoke(app, list(args), env={"COLUMNS": columns})
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


def _wide(*args: str) -> str:
    """set's echo with its first line (the file's long path) whole."""
    return _run(*args, columns="400")


def test_systems_echo_in_japanese_words_and_english_keys(pair: tuple[Path, Path]) -> None:
    _, city = pair
    catalog = ("--catalog", str(city))
    added = _wide(
        "add", "system", "s1", "--name", "基幹", "--tier", "backbone", "--phase", "planning", *catalog
    )
    assert added.splitlines()[1:] == ["  名称: 基幹", "  区分: 基幹系", "  移行:", "    移行段階: 計画立案"]
    said = _wide(
        "set", "system", "s1", "--tier", "intranet", "--gov-cloud", "--data-input", "manual", *catalog
    )
    assert "  区分: 基幹系 → 情報系" in said.splitlines()
    assert "  ガバメントクラウド: — → はい" in said.splitlines()  # a yes/no fact as diff words one
    assert "  データ入力: — → 手入力" in said.splitlines()
    again = _wide("set", "system", "s1", "--tier", "intranet", *catalog, "--lang", "en")
    assert again.splitlines()[1:] == ["  tier: intranet (already so)"]  # not "intranet → intranet"
    assert _wide("set", "system", "s1", "--tier", "情報系", *catalog).splitlines()[1:] == [
        "  区分: 情報系（既にその値です）"
    ]
    served = _wide("set", "system", "s1", "--serves", "bulky-waste", *catalog).splitlines()
    assert "  bulky-waste のシステムID に s1 を追加" in served
    gone = _wide(
        "set", "system", "s1", "--unset", "migration.gov_cloud", "--unset", "vendor", *catalog, "--lang", "en"
    )
    assert gone.splitlines()[1:] == ["  migration.gov_cloud removed", "  vendor is not recorded"]


def test_other_set_lines_in_japanese_words(pair: tuple[Path, Path]) -> None:
    _, city = pair
    catalog = ("--catalog", str(city))
    said = _wide("set", "9", "--identity", "押印", "--counts", "2023:100:20", *catalog).splitlines()
    assert "  件数 令和5年度: 20 / 100 件（オンライン利用率 20.0%）" in said
    assert "  本人確認を削除" in _wide("set", "9", "--unset", "identity", *catalog).splitlines()
    assert (
        "  identity is not recorded"
        in _wide("set", "9", "--unset", "identity", *catalog, "--lang", "en").splitlines()
    )
    header = _wide("set", "municipality", "--as-of", "2024-03-31", "--source", "x", *catalog).splitlines()
    assert header[1:] == ["  状況の時点（カタログ全体）: 2024-03-31", "  出典: x を追加"]


def test_fiscal_years_in_the_echo_as_every_view_labels_them(pair: tuple[Path, Path]) -> None:
    _, city = pair
    catalog = ("--catalog", str(city))
    _wide("add", "system", "s1", "--name", "基幹", "--tier", "backbone", "--phase", "planning", *catalog)
    said = _wide("set", "system", "s1", "--migration-target", "令和8年度", *catalog).splitlines()
    assert said[1:] == ["  移行目標年度: — → 令和8年度"]
    said = _wide("set", "system", "s1", "--migration-target", "2027", *catalog, "--lang", "en").splitlines()
    assert said[1:] == ["  migration.target_fiscal_year: FY2026 → FY2027"]  # not 令和8年度 in English
    _wide("add", "roadmap", "r1", "--title", "計画", "--area", "1", "--target", "2026", *catalog)
    assert _wide("set", "roadmap", "r1", "--target", "none", *catalog).splitlines()[1:] == [
        "  目標年度: 令和8年度 → 期限なし"
    ]


def test_import_words_a_system_row_as_set_does() -> None:
    from dxready.commands.transfer.results import Said
    from dxready.render.transfer import word

    assert word(Said("entity_value", ("tier", "intranet", "system")), "ja") == "区分: 情報系"
    assert (
        word(Said("entity_value", ("migration.phase", "selection", "system")), "ja")
        == "移行段階: システム選定"
    )
    assert word(Said("entity_value", ("tier", "intranet", "system")), "en") == "tier: intranet"
    assert (
        word(Said("entity_marks", ("procedures", "moving", "roadmap")), "ja") == "関連手続 に moving を追加"
    )
