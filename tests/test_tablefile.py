"""``table NAME --write FILE [--check]``: the block between the markers, and only it, is replaced."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from dxready.commands import tablefile
from dxready.commands.tablefile import fix_command, replace_block, table_argv
from dxready.render.messages import block_update
from tests.helpers.catalogs import copy_shipped

README = """# 鴨川市のDX

前文はそのまま。

<!-- dxready:procedures -->
| old | table |
<!-- /dxready:procedures -->

後書きもそのまま。
"""
TABLE = "| No. | 手続の種類 |\n|---|---|\n| 1 | 図書館 |\n"


def update_block(path: Path, name: str, text: str, *, lang: str = "ja", **options: Any) -> tuple[int, str]:
    """The command's result as the CLI words it."""
    result = tablefile.update_block(path, name, text, **options)
    said = block_update(result, lang)
    return result.code, said.replace(
        "\n    ", " "
    ) if result.code == 2 else said  # an error is fitted to COLUMNS


def _file(tmp_path: Path, text: str, name: str = "README.md") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_write_replaces_only_the_block(tmp_path: Path) -> None:
    path = _file(tmp_path, README)
    code, message = update_block(path, "procedures", TABLE, check=False, argv=["dxready"], lang="en")
    assert code == 0
    assert "wrote the procedures table" in message
    assert path.read_text(encoding="utf-8") == README.replace("| old | table |\n", TABLE)


def test_write_twice_changes_nothing(tmp_path: Path) -> None:
    path = _file(tmp_path, README)
    update_block(path, "procedures", TABLE, check=False, argv=["dxready"])
    first = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    code, message = update_block(path, "procedures", TABLE, check=False, argv=["dxready"], lang="en")
    assert (code, message) == (0, f"{path}: the procedures table is unchanged\n")
    assert path.read_bytes() == first
    assert path.stat().st_mtime_ns == mtime


def test_crlf_bom_and_other_blocks_are_kept(tmp_path: Path) -> None:
    text = (
        "\ufeff"
        + README.replace("\n", "\r\n")
        + "<!-- dxready:roadmap -->\r\nR\r\n<!-- /dxready:roadmap -->\r\n"
    )
    path = _file(tmp_path, text)
    update_block(path, "procedures", TABLE, check=False, argv=["dxready"])
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# ")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert data.decode("utf-8") == text.replace("| old | table |\r\n", TABLE.replace("\n", "\r\n"))


def test_markers_in_a_code_fence_or_inline_are_not_blocks(tmp_path: Path) -> None:
    text = (
        "Use `<!-- dxready:procedures -->` like this:\n\n```markdown\n<!-- dxready:procedures -->\n"
        "<!-- /dxready:procedures -->\n```\n\n" + README
    )
    new = replace_block(text, "procedures", TABLE)
    assert new == text.replace("| old | table |\n", TABLE)


def test_empty_block_and_text_without_final_newline(tmp_path: Path) -> None:
    text = "a\n<!-- dxready:summary -->\n<!-- /dxready:summary -->\nb\n"
    assert (
        replace_block(text, "summary", "x")
        == "a\n<!-- dxready:summary -->\nx\n<!-- /dxready:summary -->\nb\n"
    )


def test_check_current_exits_0_and_never_writes(tmp_path: Path) -> None:
    path = _file(tmp_path, README.replace("| old | table |\n", TABLE))
    before = path.stat().st_mtime_ns
    code, message = update_block(path, "procedures", TABLE, check=True, argv=["dxready"], lang="en")
    assert code == 0
    assert "up to date" in message
    assert path.stat().st_mtime_ns == before


def test_check_stale_exits_1_with_diff_and_the_fixing_command(tmp_path: Path) -> None:
    path = _file(tmp_path, README)
    argv = ["/x/.venv/bin/dxready", "table", "procedures", "--write", str(path), "--check"]
    code, message = update_block(path, "procedures", TABLE, check=True, argv=argv, lang="en")
    assert code == 1
    assert f"--- a/{path}\n+++ b/{path}\n" in message
    assert "-| old | table |\n" in message
    assert "+| 1 | 図書館 |\n" in message
    assert " ".join(message.split()).endswith(f"update it with: dxready table procedures --write {path}")
    assert path.read_text(encoding="utf-8") == README


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# no markers\n", "no <!-- dxready:procedures --> … <!-- /dxready:procedures --> lines"),
        ("<!-- dxready:procedures -->\nx\n", "1 × <!-- dxready:procedures --> and 0 ×"),
        (
            "<!-- dxready:procedures -->\n<!-- /dxready:procedures -->\n<!-- dxready:procedures -->\n"
            "<!-- /dxready:procedures -->\n",
            "(lines 1, 2, 3, 4)",
        ),
        (
            "<!-- /dxready:procedures -->\n<!-- dxready:procedures -->\n",
            ":1: <!-- /dxready:procedures --> comes before",
        ),
    ],
)
def test_missing_or_unbalanced_markers_exit_2(tmp_path: Path, text: str, expected: str) -> None:
    path = _file(tmp_path, text)
    for check in (True, False):
        code, message = update_block(path, "procedures", TABLE, check=check, argv=["dxready"], lang="en")
        assert code == 2
        assert expected in message
        assert path.read_text(encoding="utf-8") == text


def test_missing_file_exits_2(tmp_path: Path) -> None:
    code, message = update_block(tmp_path / "nope.md", "procedures", TABLE, check=True, argv=[], lang="ja")
    assert code == 2
    assert "ファイルがありません" in message


def test_fix_command_quotes_and_drops_check() -> None:
    assert fix_command(["dxready", "table", "summary", "--write", "my file.md", "--check"]) == (
        "dxready table summary --write 'my file.md'"
    )
    assert table_argv("roadmap", Path("R.md"), [("--catalog", Path("c")), ("--lang", None)]) == [
        "dxready",
        "table",
        "roadmap",
        "--catalog",
        "c",
        "--write",
        "R.md",
    ]


def test_cli_write_then_check_then_stale(tmp_path: Path) -> None:
    catalog = copy_shipped(tmp_path / "data")
    readme = _file(tmp_path, README)
    runner = CliRunner()
    base = ["table", "procedures", "--catalog", str(catalog), "--lang", "en", "--write", str(readme)]
    result = runner.invoke(app, base)
    assert result.exit_code == 0, result.output
    written = readme.read_text(encoding="utf-8")
    assert "| old | table |" not in written
    assert written.startswith("# 鴨川市のDX\n\n前文はそのまま。\n\n<!-- dxready:procedures -->\n")
    assert written.endswith("<!-- /dxready:procedures -->\n\n後書きもそのまま。\n")

    assert runner.invoke(app, [*base, "--check"]).exit_code == 0
    assert runner.invoke(app, base).exit_code == 0
    assert readme.read_text(encoding="utf-8") == written

    procedures = catalog / "procedures.yaml"
    text = procedures.read_text(encoding="utf-8")
    procedures.write_text(text.replace("\n    status: ○\n", "\n    status: ×\n", 1), encoding="utf-8")
    stale = runner.invoke(app, [*base, "--check"])
    assert stale.exit_code == 1
    assert "+++ b/" in stale.output
    assert f"dxready table procedures --catalog {catalog} --lang en --write {readme}" in stale.output
    assert readme.read_text(encoding="utf-8") == written

    assert runner.invoke(app, base).exit_code == 0
    assert runner.invoke(app, [*base, "--check"]).exit_code == 0


# --------------------------------------------------------------------------------------------------- CommonMark


@pytest.mark.parametrize(
    "hidden",
    [
        "    <!-- dxready:procedures -->\n    <!-- /dxready:procedures -->\n",  # an indented code block
        "<!-- an example:\n<!-- dxready:procedures -->\n",  # the last line of a longer HTML comment
        "x\u2028<!-- dxready:procedures -->\n",  # U+2028 is no line break in CommonMark
        "> <!-- dxready:procedures -->\n> <!-- /dxready:procedures -->\n",  # in a block quote
        "~~~\n<!-- dxready:procedures -->\n<!-- /dxready:procedures -->\n~~~\n",
    ],
)
def test_markers_in_code_comments_quotes_or_mid_line_are_text(hidden: str) -> None:
    text = hidden + "\n" + README
    assert replace_block(text, "procedures", TABLE) == text.replace("| old | table |\n", TABLE)


def test_a_backtick_line_that_is_no_fence_does_not_hide_markers() -> None:
    text = "```foo`bar\n\n" + README  # an info string with a backtick: a paragraph, not a fence
    assert replace_block(text, "procedures", TABLE) == text.replace("| old | table |\n", TABLE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "<!-- dxready:summary -->\n<!-- dxready:procedures -->\n<!-- /dxready:procedures -->\n"
            "<!-- /dxready:summary -->\n",
            ":2: <!-- dxready:procedures --> stands inside <!-- dxready:summary --> (line 1); blocks cannot nest",
        ),
        (
            "<!-- dxready:summary -->\n<!-- dxready:procedures -->\n<!-- /dxready:summary -->\n"
            "<!-- /dxready:procedures -->\n",
            ":2: <!-- dxready:procedures --> stands inside <!-- dxready:summary --> (line 1)",
        ),
        (
            "<!-- dxready:procedures -->\n<!-- /dxready:summary -->\n<!-- /dxready:procedures -->\n",
            ":2: <!-- /dxready:summary --> overlaps the block opened by <!-- dxready:procedures --> (line 1)",
        ),
    ],
)
def test_nested_or_overlapping_blocks_are_refused_with_both_positions(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = _file(tmp_path, text)
    code, message = update_block(path, "procedures", TABLE, check=False, argv=["dxready"], lang="en")
    assert code == 2 and expected in message
    assert path.read_text(encoding="utf-8") == text


def test_write_all_refreshes_every_block_and_check_all_says_when_stale(tmp_path: Path) -> None:
    catalog = copy_shipped(tmp_path / "data")
    text = (
        "# x\n\n<!-- dxready:summary -->\nold\n<!-- /dxready:summary -->\n\ntext\n\n"
        "<!-- dxready:roadmap -->\nold\n<!-- /dxready:roadmap -->\n"
    )
    readme = _file(tmp_path, text)
    base = ["table", "--all", "--catalog", str(catalog), "--lang", "en", "--write", str(readme)]
    stale = runner_invoke([*base, "--check"])
    assert stale.exit_code == 1
    said = " ".join(stale.output.split())  # fitted to COLUMNS
    assert "2 tables (summary, roadmap) are stale; update them with: dxready table --all" in said
    done = runner_invoke(base)
    assert done.exit_code == 0 and "wrote 2 tables (summary, roadmap)" in done.output
    written = readme.read_text(encoding="utf-8")
    assert (
        "old" not in written
        and written.startswith("# x\n\n<!-- dxready:summary -->\n")
        and "\ntext\n" in written
    )
    assert runner_invoke([*base, "--check"]).exit_code == 0


def test_write_all_refuses_an_unknown_block_and_all_with_a_name(tmp_path: Path) -> None:
    readme = _file(tmp_path, "<!-- dxready:nope -->\n<!-- /dxready:nope -->\n")
    result = runner_invoke(["table", "--all", "--write", str(readme), "--lang", "en"])
    assert result.exit_code == 2 and "there is no table called dxready:nope" in " ".join(
        result.output.split()
    )
    assert runner_invoke(["table", "summary", "--all", "--write", str(readme)]).exit_code == 2
    assert runner_invoke(["table", "--all"]).exit_code == 2


def runner_invoke(args: list[str]) -> Any:
    return CliRunner().invoke(app, args)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_stale_message_fits_80_columns_with_the_command_whole_on_its_line(
    tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dxready.render.grid import cell_len

    copy_shipped(tmp_path / "data")
    _file(tmp_path, "# x\n<!-- dxready:summary -->\n<!-- /dxready:summary -->\n")
    monkeypatch.chdir(tmp_path)
    args = ["table", "summary", "--catalog", "data", "--lang", lang, "--write", "README.md", "--check"]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "80"})
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert max(cell_len(line) for line in lines) <= 80, result.stderr  # the review saw one line of 114 cells
    command = fix_command(["dxready", *args])
    assert lines[-1] == f"  {command}"  # on its own line, to be pasted as it is
    piped = CliRunner().invoke(app, args, env={"COLUMNS": ""})  # no terminal, no COLUMNS: one line, for grep
    assert piped.stderr.splitlines()[-1].endswith(f": {command}")
