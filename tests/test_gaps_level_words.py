"""``gaps -v``'s level section keeps its status and level words whole (review s8 D6): at 80 columns every ○ row
whose facts are unrecorded ended 「（未確\\n認）」, and at 60 the level itself split, 「レベル 2–4（未確\\n定）」."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from dxready.engine.levels import LEVEL_NAMES
from dxready.render.grid import cell_len

runner = CliRunner()

WORDS = [
    "未確認",
    "未確定",
    "オンライン",
    "手数料",
    "公表値",
    "一部",
    "現在",
    *(m.ja for m in LEVEL_NAMES.values()),
]


def _ok(*args: str, columns: int = 80) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """館山市 half filled: two rows ○ with their facts unrecorded, one counted, one a part year's published rate."""
    c = tmp_path_factory.mktemp("levels") / "c"
    _ok("init", str(c), "--name", "館山市")
    _ok("set", "1", "2", "9", "--status", "○", "-c", str(c))
    _ok("set", "3", "--status", "一部", "-c", str(c))
    _ok("set", "1", "--counts", "2023:1000:600", "-c", str(c))
    _ok("set", "2", "--counts", "2023:12.5%@2023-11-30", "-c", str(c))
    return c


def _split_words(lines: list[str]) -> list[tuple[str, str, str]]:
    split = []
    for a, b in itertools.pairwise(lines):
        end, start = a.rstrip(), b.lstrip()
        for word in WORDS:
            for k in range(1, len(word)):
                if end.endswith(word[:k]) and start.startswith(word[k:]):
                    split.append((word, a, b))
    return split


@pytest.mark.parametrize("columns", [80, 60])
def test_no_status_or_level_word_is_split_in_the_level_section(city: Path, columns: int) -> None:
    out = _ok("gaps", "-v", "-c", str(city), columns=columns)
    lines = out.splitlines()
    section = lines[next(i for i, line in enumerate(lines) if line == "手続ごとの準備レベル") :]
    assert any("次のレベルへ" in line for line in section)
    assert all(cell_len(line) <= columns for line in section)
    assert not _split_words(section), _split_words(section)


@pytest.mark.parametrize("columns", [80, 60])
def test_english_level_section_fits(city: Path, columns: int) -> None:
    out = _ok("gaps", "-v", "-c", str(city), "--lang", "en", columns=columns)
    lines = out.splitlines()
    section = lines[next(i for i, line in enumerate(lines) if line == "Each procedure's readiness level") :]
    assert all(cell_len(line) <= columns for line in section)
    assert "(unknown)" in "\n".join(section) and "unkno\n" not in out
