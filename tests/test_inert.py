"""Catalogue text is data: markup, escape sequences and pipes come out inert in every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from tests.helpers.catalogs import copy_shipped

runner = CliRunner()
NASTY = "[red]x[/red] \x1b[31mRED\x1b[0m a|b *em* <b>"


@pytest.fixture()
def nasty(tmp_path: Path) -> Path:
    copy_shipped(tmp_path)
    path = tmp_path / "procedures.yaml"
    text = path.read_text(encoding="utf-8")
    escaped = NASTY.replace("\x1b", "\\e")
    text = text.replace("name: 図書館の図書貸出予約等", f'name: "{escaped}"', 1)
    text = text.replace("status: ×", 'status: ×\n    note: "line1\\nline2 | =cmd()"', 1)
    path.write_text(text, encoding="utf-8")
    return tmp_path


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stdout
    return result.stdout


@pytest.mark.parametrize("command", [["table", "procedures"], ["gaps"], ["next"]])
def test_terminal_output_is_inert(nasty: Path, command: list[str]) -> None:
    out = run(*command, "--catalog", str(nasty), "--format", "table", "--as-of", "2024-03-31")
    assert "\x1b" not in out
    if command[0] == "table":
        assert "[red]x[/red]" in out and "\\u{1b}[31mRED" in out


def test_markdown_table_is_inert(nasty: Path) -> None:
    from markdown_it import MarkdownIt

    out = run("table", "procedures", "--catalog", str(nasty), "--format", "markdown")
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 22  # header + 21: a pipe in a name did not split a row
    cells = [t for t in tokens if t.type == "inline"]
    first = next(c for c in cells if "red" in c.content)
    rendered = "".join(child.content for child in first.children or [] if child.type == "text")
    assert "[red]x[/red]" in rendered and "a|b" in rendered and "*em*" in rendered and "<b>" in rendered
    assert all(child.type in ("text", "softbreak", "html_inline") for child in first.children or [])
    assert not any(child.type == "html_inline" for child in first.children or [])
    assert "\x1b" not in out


def test_json_keeps_text_exactly(nasty: Path) -> None:
    out = run("table", "procedures", "--catalog", str(nasty), "--format", "json")
    names = [r["name"] for r in json.loads(out)["rows"]]
    assert NASTY in names
    assert "\x1b" not in out  # escaped as \u001b by JSON


def test_csv_is_inert(nasty: Path) -> None:
    out = run("table", "procedures", "--catalog", str(nasty), "--format", "csv")
    assert out.startswith("\ufeff") and "\x1b" not in out
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    notes = [r[3] for r in rows]
    assert any(n.startswith("line1\nline2") for n in notes)
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_github_annotations_are_inert(nasty: Path) -> None:
    path = nasty / "procedures.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"122238"', '"122230"'), encoding="utf-8")
    (nasty / "dxready.yaml").write_text(
        'waivers:\n  - {code: DX101, subject: "x%0A::error::pwned", reason: "r\\nmore", until: 2000-01-01}\n',
        encoding="utf-8",
    )
    out = run("check", "--catalog", str(nasty), "--format", "github", "--as-of", "2024-03-31")
    import re

    for line in out.splitlines():
        # Everything after the second "::" is the message: catalogue text cannot add commands or properties.
        match = re.fullmatch(r"::(error|warning|notice) ([^:]*)::(.*)", line)
        assert match, line
        keys = [prop.split("=", 1)[0] for prop in match.group(2).split(",")]
        assert set(keys) <= {"file", "line", "col", "title"}, line
    assert "\x1b" not in out


def test_text_check_output_is_inert(nasty: Path) -> None:
    path = nasty / "procedures.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"122238"', '"122230"'), encoding="utf-8")
    out = run("check", "--catalog", str(nasty), "--as-of", "2024-03-31")
    assert "\x1b" not in out
