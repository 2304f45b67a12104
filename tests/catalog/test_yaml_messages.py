"""The YAML parser's complaints in Japanese, with what to do, at the character that causes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.catalog.load import LoadError, load_catalog
from dxready.cli import app
from tests.helpers.catalogs import copy_shipped

STATUS_LINE = "    status: ○"


def _break(tmp_path: Path, replace: str) -> tuple[Path, int]:
    """The shipped catalogue with its first 'status: ○' line replaced; (directory, that line's number)."""
    root = copy_shipped(tmp_path / "c")
    path = root / "procedures.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    n = lines.index(STATUS_LINE)
    lines[n] = replace
    path.write_text("\n".join(lines), encoding="utf-8")
    return root, n + 1


def _problem(root: Path) -> tuple[int, int, str, str, str]:
    with pytest.raises(LoadError) as info:
        load_catalog(root)
    (p,) = info.value.problems
    return p.location.line, p.location.column, p.message.ja, p.message.en, p.detail


@pytest.mark.parametrize(
    ("line", "column", "words"),
    [
        ("\u3000\u3000status: ○", 1, "全角スペース"),
        ("  \u3000 status: ○", 3, "全角スペース"),
        ("\tstatus: ○", 1, "タブ"),
        ("    status：○", 11, "全角「：」"),
        ("    status:\u3000○", 12, "全角スペース"),
        ("    status:○", 11, "半角スペースがありません"),
        ('    note: "abc', 11, "引用符"),
        ("    systems: [a, b", 14, "括弧「[」"),
    ],
)
def test_hand_typing_mistakes_are_named_at_their_character(
    tmp_path: Path, line: str, column: int, words: str
) -> None:
    root, n = _break(tmp_path, line)
    got_line, got_column, ja, en, detail = _problem(root)
    assert (got_line, got_column) == (n, column)
    assert words in ja
    assert en.startswith("YAML syntax error:")
    assert detail  # the parser's own words are kept


def test_bad_indent_is_said_in_japanese(tmp_path: Path) -> None:
    root, n = _break(tmp_path, "      status: ○")
    line, _, ja, en, detail = _problem(root)
    assert line == n and "字下げ" in ja and "mapping values" not in ja
    assert "mapping values are not allowed" in detail and detail in en


def test_json_keeps_the_parser_words(tmp_path: Path) -> None:
    root, n = _break(tmp_path, "\u3000\u3000status: ○")
    result = CliRunner().invoke(app, ["check", "--catalog", str(root), "--format", "json"])
    assert result.exit_code == 2
    (problem,) = json.loads(result.stdout)["problems"]
    assert problem["location"]["line"] == n and problem["location"]["column"] == 1
    assert "全角スペース" in problem["message"]
    assert problem["parser_message"]


def test_text_output_says_zenkaku_at_the_line(tmp_path: Path) -> None:
    root, n = _break(tmp_path, "\u3000\u3000status: ○")
    result = CliRunner().invoke(app, ["check", "--catalog", str(root)])
    assert result.exit_code == 2
    assert f"procedures.yaml:{n}:1: DX001" in result.stderr and "全角スペース" in result.stderr
