"""A refused integer is said in the reader's language only (review: ``online: 152983.0`` gave a Japanese message
with an English tail)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.catalog.load import LoadError, load_catalog
from dxready.cli import app
from tests.helpers.catalogs import copy_shipped

RATE = "      - scope: 鴨川市\n        cards: 23353\n"
_LATIN_WORD = re.compile(r"[a-z]{3,}")
_KANA_KANJI = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("value", "ja"),
    [
        ("152983.0", "整数を書いてください（小数や 1e3 は使えません）"),
        ("true", "true/false は整数ではありません"),
        # The quotes are what is wrong: full-width digits are read (review s8 F7: it asked for 半角数字).
        ('"12"', "引用符を外して 12 と書いてください"),
        ("12枚", "整数を数字だけで書いてください（全角の数字も読めます。単位や文字は書けません）"),
        # A thousands separator (review s8 F17): block style reads 1,200 as a string.
        ("23,353", "23,353 のような桁区切りのカンマは使えません。23353 と書いてください"),
        ("２３，３５３", "２３，３５３ のような桁区切りのカンマは使えません。23353 と書いてください"),
        ('"1,200,000"', "1,200,000 のような桁区切りのカンマは使えません。1200000 と書いてください"),
    ],
)
def test_each_language_has_its_own_words(tmp_path: Path, value: str, ja: str) -> None:
    copy_shipped(tmp_path)
    path = tmp_path / "procedures.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(RATE, RATE.replace("23353", value), 1), "utf-8")
    with pytest.raises(LoadError) as caught:
        load_catalog(tmp_path)
    (problem,) = caught.value.problems
    assert problem.message.ja == f"cards: {ja}"
    assert not _LATIN_WORD.search(problem.message.ja.removeprefix("cards: ").replace("true/false", ""))
    assert not _KANA_KANJI.search(problem.message.en)
    piped = {"DXREADY_LANG": "ja", "COLUMNS": ""}  # lines whole, as when piped (a terminal's are fitted)
    out = CliRunner().invoke(app, ["check", "-c", str(tmp_path)], env=piped).output
    assert f"DX003 cards: {ja}\n" in out and " / " not in out


def test_a_quoted_published_rate_is_refused_in_the_reader_s_language(tmp_path: Path) -> None:
    from tests.helpers.catalogs import write_catalog

    procedures = """
    procedures:
      - id: facility-reservation
        standard_no: 2
        name: 文化・スポーツ施設等の利用予約等
        status: ○
        counts:
          - {fiscal_year: 令和3年度, rate: "23.2"}
    """
    with pytest.raises(LoadError) as caught:
        load_catalog(write_catalog(tmp_path, procedures=procedures))
    (problem,) = caught.value.problems
    assert problem.message.ja.endswith("利用率は引用符のない数値で書いてください（例: 23.2）")
    assert "write" not in problem.message.ja and "利用率" not in problem.message.en
