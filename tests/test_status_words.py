"""One vocabulary for a status: the words a city's sheet writes (済, 未, 対象外 …), which ``import`` reads, are read
by ``set --status`` and in procedures.yaml too."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.catalog.labels import STATUS_WORDS
from dxready.catalog.load import load_catalog
from dxready.catalog.models import Status
from dxready.cli import app
from dxready.commands.transfer.cells import CellError, parse_mark

runner = CliRunner()

WORDS = {
    "済": "online",
    "実施済": "online",
    "実施済み": "online",  # as often as 実施済 in cities' sheets, like オンライン化済(み) (review s8 F6)
    "ｏ": "online",
    "未": "offline",
    "未実施": "offline",
    "Ｘ": "offline",
    "一部実施済": "partial",
    "一部実施済み": "partial",
    "適用除外": "not_applicable",
    "対象外": "not_applicable",
    "不明": "unknown",
}


@pytest.fixture
def city(tmp_path: Path) -> Path:
    root = tmp_path / "tateyama"
    assert runner.invoke(app, ["init", str(root), "--name", "館山市"]).exit_code == 0
    return root


@pytest.mark.parametrize(("word", "value"), sorted(WORDS.items()))
def test_set_reads_what_import_reads(city: Path, word: str, value: str) -> None:
    assert parse_mark(word) is Status(value)
    result = runner.invoke(app, ["set", "9", "--status", word, "--catalog", str(city)])
    assert result.exit_code == 0, result.output
    bulky = load_catalog(city).procedures[8]
    assert bulky.status is Status(value)
    written = (city / "procedures.yaml").read_text(encoding="utf-8")
    assert f"status: {word}" not in written  # written as the plan's mark (or the name for unknown)


@pytest.mark.parametrize(("word", "value"), sorted(WORDS.items()))
def test_procedures_yaml_reads_what_import_reads(city: Path, word: str, value: str) -> None:
    path = city / "procedures.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("standard_no: 9")
    at = text.index("status: ", start)
    end = text.index("\n", at)
    path.write_text(text[:at] + f"status: {word}" + text[end:], encoding="utf-8")
    assert load_catalog(city).procedures[8].status is Status(value)
    result = runner.invoke(app, ["check", "--catalog", str(city), "--format", "json"])
    assert result.exit_code in (0, 1) and "DX003" not in result.stdout


def test_a_status_no_word_reads_lists_the_sheet_words_too(city: Path) -> None:
    path = city / "procedures.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("standard_no: 9")
    at = text.index("status: ", start)
    path.write_text(text[:at] + "status: done" + text[text.index("\n", at) :], encoding="utf-8")
    for lang, said in (
        (
            "ja",
            "—（not_applicable, 該当なし, not applicable, 対象外, 適用除外）、？（unknown, 未確認, 不明）",
        ),
        ("en", "— (not_applicable, 該当なし, not applicable, 対象外, 適用除外); ？ (unknown, 未確認, 不明)"),
    ):
        result = runner.invoke(app, ["check", "--catalog", str(city), "--lang", lang])
        assert result.exit_code == 2 and said.replace(" ", "") in "".join(result.output.split())  # fitted


# The words the tool itself prints for a status (its legends and labels, both languages) and the usual typings:
# オンライン for ○, the long-vowel mark ー (and half-width ｰ) an IME gives for a dash.
TYPED = {
    **{status.label("ja"): status.value for status in Status},
    **{status.label("en"): status.value for status in Status},
    **{status.mark: status.value for status in Status},
    "オンライン": "online",
    "オンライン化済み": "online",
    "Partly Online": "partial",
    "ー": "not_applicable",
    "ｰ": "not_applicable",
    "－": "not_applicable",
    "〇": "online",
}


@pytest.mark.parametrize(("word", "value"), sorted(TYPED.items()))
def test_every_printed_and_typed_word_is_read_everywhere(city: Path, word: str, value: str) -> None:
    assert parse_mark(word) is Status(value)  # import's cells
    result = runner.invoke(app, ["set", "9", "--status", word, "--catalog", str(city)])
    assert result.exit_code == 0, result.output
    assert load_catalog(city).procedures[8].status is Status(value)
    result = runner.invoke(app, ["gaps", "--status", word, "--catalog", str(city), "--format", "json"])
    assert result.exit_code in (0, 1), result.output


@pytest.mark.parametrize("word", ["ーー", "ー ー", "オンライ", "未対応"])
def test_a_dash_is_a_dash_only_as_the_whole_value(city: Path, word: str) -> None:
    result = runner.invoke(app, ["set", "9", "--status", word, "--catalog", str(city)])
    assert result.exit_code == 2
    with pytest.raises(CellError):
        parse_mark(word)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_refusal_lists_every_word_that_is_read(city: Path, lang: str) -> None:
    result = runner.invoke(app, ["set", "9", "--status", "未対応", "--catalog", str(city), "--lang", lang])
    assert result.exit_code == 2
    said = "".join(result.output.split())
    for words in STATUS_WORDS.values():
        for word in words:
            assert "".join(word.split()) in said, word
            assert Status.parse(word) == Status.parse(words[0])


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_imports_refusal_keeps_every_status_word_whole_at_80_columns(
    city: Path, tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list a refusal gives is there to be copied: no word of it broken across two lines (it broke 実施済 and
    該当なし), and none wider than the terminal."""
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "80")
    sheet = tmp_path / "m.csv"
    sheet.write_text("No.,手続の種類,オンライン化,備考\n15,入札,完了済み,\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(sheet), "--catalog", str(city), "--dry-run", "--lang", lang])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    refusal = lines[lines.index(next(line for line in lines if "入札" in line)) :]  # below the files' paths
    assert all(cell_len(line) <= 80 for line in refusal), result.output
    for words in STATUS_WORDS.values():
        for word in words:  # an English phrase (not applicable) may break at its space, as English does
            assert any(part in line for line in refusal for part in word.split(" ")), (word, result.output)
            assert " " in word or any(word in line for line in refusal), (word, result.output)
