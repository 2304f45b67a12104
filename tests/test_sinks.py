"""Inert text in every sink — terminal, JSON/SARIF, Mermaid — paths included; and a cache that is not trusted."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from dxready.commands.cache import cache_dir
from dxready.render import safe
from tests.helpers.catalogs import copy_shipped

runner = CliRunner()
HOSTILE = "a\x85b\u202ec\u200bd\U000e0041e"


def test_the_json_class_covers_every_escaped_category() -> None:
    missing = [
        hex(c)
        for c in range(0x110000)
        if c != 0x0A and unicodedata.category(chr(c)) in safe._ESCAPED and not safe._INVISIBLE.match(chr(c))
    ]
    assert missing == []


def test_terminal_escapes_are_unambiguous() -> None:
    assert safe.plain("\ue0041") == "\\u{e004}1"
    assert safe.plain("\U000e0041") == "\\u{e0041}"
    assert safe.plain("x\x1b]0;t\x07\n") == "x\\u{1b}]0;t\\u{7}\n"


def test_json_sink_escapes_c1_bidi_zero_width_and_tags() -> None:
    text = safe.json_dumps({"k": HOSTILE})
    assert text == '{"k": "a\\u0085b\\u202ec\\u200bd\\udb40\\udc41e"}'
    assert json.loads(text) == {"k": HOSTILE}


@pytest.fixture()
def hostile(tmp_path: Path) -> Path:
    root = copy_shipped(tmp_path / "c\x1b]0;pwned\x07")
    path = root / "procedures.yaml"
    text = path.read_text(encoding="utf-8")
    escaped = HOSTILE.encode("unicode_escape").decode("ascii").replace("\\x85", "\\N")
    path.write_text(text.replace("  name_en: Kamogawa City", f'  name_en: "{escaped}"', 1), encoding="utf-8")
    return root


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_and_sarif_carry_no_raw_invisible_characters(hostile: Path, fmt: str) -> None:
    out = runner.invoke(app, ["check", "--catalog", str(hostile), "--format", fmt, "--lang", "en"]).stdout
    assert not safe._INVISIBLE.search(out.replace("\n", ""))
    json.loads(out)


def test_paths_are_inert_in_check_and_set(hostile: Path) -> None:
    check = runner.invoke(app, ["check", "--catalog", str(hostile), "--as-of", "2025-04-01"])
    assert "\x1b" not in check.output and "\\u{1b}]0;pwned\\u{7}" in check.output
    done = runner.invoke(app, ["set", "9", "--catalog", str(hostile), "--status", "○"])
    assert done.exit_code == 0, done.output
    assert "\x1b" not in done.output and "\\u{1b}]0;pwned" in done.output


def test_a_stale_block_is_shown_inert_by_table_check(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "<!-- dxready:summary -->\nold \x1b]0;x\x07 \x9b31m\n<!-- /dxready:summary -->\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["table", "summary", "--write", str(readme), "--check"])
    assert result.exit_code == 1
    assert (
        "\x1b" not in result.output and "\x9b" not in result.output and "\\u{1b}]0;x\\u{7}" in result.output
    )


@pytest.mark.parametrize("title", ["section pwned", "click x call alert()", "title x", "%%{init: {}}%%"])
def test_mermaid_never_starts_a_statement(tmp_path: Path, title: str) -> None:
    root = copy_shipped(tmp_path / "c")
    path = root / "roadmap.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("    title: フロントヤード改革の推進", f"    title: '{title}'", 1), encoding="utf-8"
    )
    out = runner.invoke(app, ["table", "roadmap", "--catalog", str(root), "--format", "mermaid"]).stdout
    for line in out.splitlines()[1:-1]:
        word = line.strip().split(" ", 1)[0].lower()
        if (
            line.startswith("    ")
            and not line.startswith("    section")
            and word
            not in (
                "gantt",
                "title",
                "dateformat",
                "axisformat",
                "tickinterval",
            )
        ):
            assert not line.strip().lower().startswith(("section", "click", "title", "%%")), line


def test_compare_refuses_yaml_1_1_as_check_does(tmp_path: Path) -> None:
    root = copy_shipped(tmp_path / "c")
    path = root / "procedures.yaml"
    path.write_text("%YAML 1.1\n---\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert runner.invoke(app, ["check", "--catalog", str(root)]).exit_code == 2
    result = runner.invoke(app, ["compare", str(root), "--no-cache", "--lang", "en"])
    assert result.exit_code == 2 and "YAML 1.1 is declared" in result.stderr


# --------------------------------------------------------------------------------------------------- the cache


def _entries(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT key, value FROM entries").fetchall()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda v: [*v[:3], "o" * 21, "4" * 21, v[5]],  # ○ everywhere, level 4 (seal no longer matches)
        lambda v: [*v[:5], "0" * 64],
        lambda v: ['x", "injected": "1', *v[1:]],
        lambda v: [v[0], "12345", *v[2:]],
        lambda v: v[:5],
        lambda v: "not a row",
    ],
)
def test_a_tampered_cache_row_cannot_change_compare(tmp_path: Path, tamper: object) -> None:
    root = copy_shipped(tmp_path / "c")
    args = ["compare", str(root), "--format", "json"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0
    db = cache_dir() / "compare.sqlite3"
    [(key, value)] = _entries(db)
    bad = json.dumps(tamper(json.loads(value)))  # type: ignore[operator]
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE entries SET value = ? WHERE key = ?", (bad, key))
    again = runner.invoke(app, args)
    assert again.stdout == first.stdout
    json.loads(again.stdout)
    assert _entries(db) == [(key, value)]  # dropped and recomputed


def test_invalid_json_in_the_cache_is_dropped(tmp_path: Path) -> None:
    root = copy_shipped(tmp_path / "c")
    args = ["compare", str(root), "--format", "json"]
    first = runner.invoke(app, args)
    db = cache_dir() / "compare.sqlite3"
    [(key, _)] = _entries(db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE entries SET value = ? WHERE key = ?", ('{"a": ', key))
    assert runner.invoke(app, args).stdout == first.stdout


def test_gaps_json_carries_no_raw_invisible_characters(hostile: Path) -> None:
    out = runner.invoke(app, ["gaps", "--catalog", str(hostile), "--format", "json", "--lang", "en"]).stdout
    assert not safe._INVISIBLE.search(out.replace("\n", ""))
    json.loads(out)


def test_the_rules_own_words_hold_nothing_the_json_sink_escapes() -> None:
    """gaps -f json vouches for its entries' strings when the catalogue's texts are printable (render.json_._vouch):
    the rest of them are the rules' own words, written in their modules."""
    rules = Path(safe.__file__).resolve().parents[1] / "rules"
    for module in sorted(rules.glob("*.py")):
        assert not safe._INVISIBLE.search(module.read_text(encoding="utf-8").replace("\n", "")), module.name
