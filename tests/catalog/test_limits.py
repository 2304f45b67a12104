"""Bounded by construction: what is refused before the parser reads it, and what is echoed only as an excerpt."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.catalog import limits
from dxready.catalog.load import LoadError, load_catalog, parse
from dxready.cli import app
from tests.helpers.catalogs import copy_shipped, write_catalog

runner = CliRunner()


def _refused(root: Path) -> list[str]:
    with pytest.raises(LoadError) as caught:
        load_catalog(root)
    return [f"{p.location}: {p.code} {p.message.en}" for p in caught.value.problems]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[" * 30_000 + "\n", ":1:66:"),
        ("[" * 1_000_000, ":1:66:"),
        ("{a: " * 50_000 + "\n", ":1:258:"),
        ("a:\n" + "".join(" " * i + "- x:\n" for i in range(0, 200, 2)), ":33:"),
        ("- " * 20_000 + "x\n", ":1:131:"),
    ],
)
def test_deep_nesting_is_refused_before_composing_with_its_position(
    tmp_path: Path, text: str, where: str
) -> None:
    (tmp_path / "procedures.yaml").write_text(text, encoding="utf-8")
    (problem,) = _refused(tmp_path)
    assert where in problem and "DX001 nesting is deeper than 64 levels" in problem


def test_nesting_at_the_limit_is_read(tmp_path: Path) -> None:
    value, _ = parse("a: " + "[" * 64 + "]" * 64 + "\n", "t.yaml")
    depth = 0
    node = value["a"]
    while node:
        node, depth = node[0], depth + 1
    assert depth == 63  # 64 nested lists, the innermost empty


def test_too_many_values_is_refused_at_the_first_one_too_many(tmp_path: Path) -> None:
    (tmp_path / "procedures.yaml").write_text("procedures: [" + "1," * 4_000_000 + "]\n", encoding="utf-8")
    (problem,) = _refused(tmp_path)
    assert f"too many values (at most {limits.MAX_NODES:,} in one file)" in problem
    assert ":1:" in problem


def test_problems_stop_at_the_cap_and_the_rest_are_counted(tmp_path: Path) -> None:
    write_catalog(tmp_path, procedures="procedures: [" + "1, " * 250 + "]\n")
    with pytest.raises(LoadError) as caught:
        load_catalog(tmp_path)
    assert len(caught.value.problems) == limits.MAX_PROBLEMS
    assert caught.value.more == 150
    out = runner.invoke(app, ["check", "--catalog", str(tmp_path)])
    assert out.exit_code == 2
    assert "…ほか 150 件（最初の 100 件だけを示しました）" in out.stderr
    assert "この入力は使えません（問題 250 件）" in out.stderr
    json_out = runner.invoke(app, ["check", "--catalog", str(tmp_path), "--format", "json"])
    assert '"more_problems": 150' in json_out.stdout
    github = runner.invoke(app, ["check", "--catalog", str(tmp_path), "--format", "github"])
    assert github.stdout.count("::error ") == 101 and "ほか 150 件の問題があります" in github.stdout
    sarif = runner.invoke(app, ["check", "--catalog", str(tmp_path), "--format", "sarif", "--lang", "en"])
    results = json.loads(sarif.stdout)["runs"][0]["results"]
    assert len(results) == 101 and results[-1]["message"]["text"] == "and 150 more problems"
    compare = runner.invoke(app, ["compare", str(tmp_path), "--no-cache", "--lang", "en"])
    assert compare.exit_code == 2 and f"{tmp_path}: … and 150 more" in compare.stderr


def test_a_long_value_is_echoed_as_an_excerpt(tmp_path: Path) -> None:
    copy_shipped(tmp_path)
    path = tmp_path / "procedures.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  name_en: Kamogawa City", "  name_en: " + "x" * 500_000, 1), encoding="utf-8"
    )
    for fmt in ("text", "github", "json"):
        out = runner.invoke(app, ["check", "--catalog", str(tmp_path), "--format", fmt, "--lang", "en"])
        assert out.exit_code == 2
        assert len(out.output) < 2_000
        said = " ".join(out.output.split())  # fitted to COLUMNS
        assert "(500,000 chars)" in said and "文字" not in said  # one language per --lang
        out = runner.invoke(app, ["check", "--catalog", str(tmp_path), "--format", fmt])
        said = " ".join(out.output.split())
        assert "（500,000 文字）" in said and "chars" not in said


def test_an_int_key_over_4300_digits_is_a_located_problem(tmp_path: Path) -> None:
    write_catalog(
        tmp_path, settings="? " + "9" * 4400 + "\n: 1\n"
    )  # an explicit key: no 1,024-character limit
    (problem,) = _refused(tmp_path)
    assert "dxready.yaml:1:3: DX001 cannot read key" in problem and len(problem) < 300


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "sparse", "directory"])
def test_special_and_huge_files_are_refused_without_reading(tmp_path: Path, kind: str) -> None:
    write_catalog(tmp_path, procedures="procedures: []\n")
    path = tmp_path / "procedures.yaml"
    path.unlink()
    if kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)  # nobody ever writes: reading it would hang for ever
    elif kind == "sparse":
        path.write_bytes(b"")
        os.truncate(path, 2 * 1024**3)
    else:
        path.mkdir()
    (problem,) = _refused(tmp_path)
    expected = {
        "dev-zero": "not a regular file (a device)",
        "fifo": "not a regular file (a FIFO)",
        "sparse": "file is too large (2,147,483,648 bytes or more",
        "directory": "is a directory, not a file",
    }[kind]
    assert expected in problem
    if kind != "directory":  # (compare reads a directory without procedures.yaml as a parent of catalogues)
        compare = runner.invoke(app, ["compare", str(tmp_path), "--no-cache", "--lang", "en"])
        assert compare.exit_code == 2 and expected in compare.stderr


def test_a_file_growing_past_the_limit_while_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a" * 100)
    assert limits.read_bounded(path, "f", limit=100) == b"a" * 100
    with pytest.raises(LoadError, match="too large"):
        limits.read_bounded(path, "f", limit=99)


def test_needs_scan_is_an_upper_bound() -> None:
    assert not limits.needs_scan("a: 1\nb: [1, 2]\n")
    assert limits.needs_scan("- " * 40 + "x")
    assert limits.needs_scan("[" * 40)
    assert limits.needs_scan("a: " + "x" * (limits.MAX_NODES + 1))


def test_excerpt_cuts_strings_and_huge_integers() -> None:
    assert limits.excerpt("abc") == "'abc'"
    assert limits.excerpt("x" * 1000, lang="ja").endswith("…（1,000 文字）")
    assert limits.excerpt("x" * 1000, lang="en").endswith("… (1,000 chars)")
    assert "約 400 桁" in limits.excerpt(10**399, lang="ja")
    assert limits.excerpt(10**399, lang="en") == "(an integer of about 400 digits)"


def test_past_a_thousand_errors_only_the_first_are_explained_and_all_are_counted(tmp_path: Path) -> None:
    write_catalog(tmp_path, procedures="procedures: [" + "1, " * 1500 + "]\n")
    with pytest.raises(LoadError) as caught:
        load_catalog(tmp_path)
    problems = caught.value.problems
    assert len(problems) == 20 and caught.value.more == 1480
    assert [p.location.column for p in problems[:2]] == [14, 17]


def test_the_first_errors_are_found_past_a_valid_start(tmp_path: Path) -> None:
    good = "{id: p%d, name: a, status: ×}, "
    items = "".join(good % i for i in range(30)) + "1, " * 1500
    write_catalog(tmp_path, procedures=f"procedures: [{items}]\n")
    with pytest.raises(LoadError) as caught:
        load_catalog(tmp_path)
    problems = caught.value.problems
    assert len(problems) == 10 and caught.value.more == 1490
    assert all("procedures: Input should be a valid dictionary" in p.message.en for p in problems)
    first = len("".join(good % i for i in range(30))) + len("procedures: [") + 1
    assert problems[0].location.column == first


def test_compare_fast_path_defers_a_4300_digit_value_instead_of_crashing() -> None:
    from dxready.commands import compare

    for text in (b"a: " + b"9" * 4400 + b"\n", b"? " + b"9" * 4400 + b"\n: 1\n"):
        with pytest.raises(compare._Invalid):
            compare.fast_values(text, "t.yaml")


def test_errors_hidden_past_every_window_are_still_found(tmp_path: Path) -> None:
    good = "{id: p%d, name: a, status: ×}, "
    channels = "[" + "mynaportal, " * 30 + "1, " * 1200 + "]"
    items = (
        "".join(good % i for i in range(25)) + "{id: last, name: a, status: ×, channels: " + channels + "}"
    )
    write_catalog(tmp_path, procedures=f"procedures: [{items}]\n")
    with pytest.raises(LoadError) as caught:
        load_catalog(tmp_path)
    assert len(caught.value.problems) == 100 and caught.value.more == 1100
