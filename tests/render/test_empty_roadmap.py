"""A catalogue from ``init`` has no roadmap items yet: the views say so instead of drawing an empty frame or a chart
over a made-up span of years."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()


def _fresh(tmp_path: Path) -> str:
    target = tmp_path / "c"
    assert runner.invoke(app, ["init", str(target), "--name", "館山市", "--code", "122050"]).exit_code == 0
    return str(target)


def test_the_terminal_table_says_the_roadmap_is_empty(tmp_path: Path) -> None:
    out = runner.invoke(app, ["table", "roadmap", "-c", _fresh(tmp_path)], env={"COLUMNS": "80"}).stdout
    assert "工程表に項目はありません" in out and "┏" not in out and "┌" not in out


def test_the_gantt_has_no_span_of_years_without_items(tmp_path: Path) -> None:
    out = runner.invoke(app, ["table", "roadmap", "-c", _fresh(tmp_path), "-f", "mermaid"]).stdout
    assert "title 館山市 工程表（項目なし）" in out and "年度〜" not in out


def test_the_empty_tables_say_how_to_record_an_entry_with_a_command_that_runs(tmp_path: Path) -> None:
    """The walk found an empty frame for systems and 「roadmap.yaml の items に」 (the list is ``roadmap:``)."""
    import re
    import shlex

    from rich.cells import cell_len

    values = {"--name": "住基", "--tier": "backbone", "--area": "1", "--title": "テスト"}
    for kind in ("systems", "roadmap"):
        for n, lang in enumerate(("ja", "en")):
            catalog = _fresh(tmp_path / f"{kind}-{lang}")
            out = runner.invoke(
                app, ["table", kind, "-c", catalog, "--lang", lang], env={"COLUMNS": "80"}
            ).stdout
            assert "┏" not in out and "┌" not in out and "items に" not in out
            assert all(cell_len(line) <= 80 for line in out.splitlines())
            line = next(x for x in out.splitlines() if "dxready add" in x)  # the command whole on one line
            words = shlex.split(re.search(r"dxready add(?: (?:[\x21-\x27\x2a-\x7e]|…)+)+", line).group())  # type: ignore[union-attr]
            args = [
                f"x{n}" if w == "ID" else values[words[i - 1]] if w in ("…", "N") else w
                for i, w in enumerate(words)
            ][1:]
            assert runner.invoke(app, [*args, "-c", catalog]).exit_code == 0, args
