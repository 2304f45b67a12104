"""Large terminal tables as a plain grid (render/grid.py): drawn as rich draws them, aligned in full-width text,
and used above BIG rows by the terminal views."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich import box
from rich.cells import cell_len as rich_cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text
from typer.testing import CliRunner

from dxready.cli import app
from dxready.render.grid import BIG, cell_len, natural_width, plain_grid


def _rich(table: Table, width: int) -> str:
    buf = io.StringIO()
    Console(file=buf, width=width, no_color=True, highlight=False, emoji=False, markup=False).print(table)
    return buf.getvalue()


def _table(rows: int, **kw: object) -> Table:
    table = Table(title=Text("標準事務のオンライン化の状況"), **kw)  # type: ignore[arg-type]
    table.add_column(Text("No."))
    table.add_column(Text("手続の種類"), justify="right")
    table.add_column(Text("状況"), justify="center")
    table.add_column(Text("備考 with long words"))
    for i in range(rows):
        table.add_row(
            Text(str(i)),
            Text("図書館の図書貸出予約等" * (i % 2 + 1), overflow="fold"),
            Text("一部" if i % 2 else "○"),
            Text("note is long and has words\nline2" if i % 3 == 0 else "x", overflow="fold"),
        )
    return table


@pytest.mark.parametrize(
    "kw",
    [
        {},
        {"show_lines": True},
        {"box": box.SIMPLE_HEAD, "pad_edge": False},
        {"title_justify": "left"},
        {"show_edge": False},
    ],
)
@pytest.mark.parametrize("width", [120, 50])
def test_drawn_as_rich_draws_it(kw: dict[str, object], width: int) -> None:
    assert plain_grid(_table(12, **kw), width) == _rich(_table(12, **kw), width)


@pytest.mark.parametrize(
    "kw",
    [
        {},
        {"box": box.SIMPLE_HEAD, "pad_edge": False},
        {"show_edge": False},
        {"box": None},
        {"show_header": False},
    ],
)
def test_natural_width_is_richs_measurement(kw: dict[str, object]) -> None:
    from rich.measure import Measurement

    table = _table(BIG + 1, **kw)
    table.add_row("plain [b]str[/b] cell", "", "", "")  # a str cell is text as it is in the grid
    console = Console(file=io.StringIO(), width=80, markup=False)
    expected = Measurement.get(console, console.options.update_width(100_000), table).maximum
    assert natural_width(console, table) == expected


def test_every_line_has_the_same_width_when_folded() -> None:
    for width in (30, 41, 57):
        lines = plain_grid(_table(12, show_header=False), width).splitlines()
        assert {cell_len(line) for line in lines} == {width}


def test_cell_len_is_richs() -> None:
    rng = random.Random(7)
    pool = (
        [chr(c) for c in range(0, 0x3100)]
        + list("図書館の申請○×—一部ｱ") * 40
        + ["\U0001f600", "\u200d", "\ufe0f"]
    )
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 30)))
        assert cell_len(text) == rich_cell_len(text), repr(text)


def test_large_views_use_the_grid(tmp_path: Path) -> None:
    """Above BIG rows the procedures table comes out of the grid: same frame, every row aligned."""
    n = BIG + 20
    lines = ["municipality:", "  name: 試験市", '  code: "122238"', "as_of: 2024-03-31", "procedures:"]
    for i in range(n):
        lines += [f"  - id: p-{i:04d}", f"    name: 手続{i}の申請（全角）", "    status: ×"]
    (tmp_path / "procedures.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["table", "procedures", "--catalog", str(tmp_path)])
    assert result.exit_code == 0, result.output
    body = [line for line in result.stdout.splitlines() if line.startswith(("┃", "│", "┏", "┡", "└"))]
    assert len(body) >= n + 4
    assert len({cell_len(line) for line in body}) == 1
    assert sum("手続" in line and "×" in line for line in body) == n


def _join_fit_measured_anew(
    items: list[str], sep: str, width: int, first: str = "", indent: str = ""
) -> list[str]:
    """join_fit as it was, measuring the whole line for every item (the oracle for the running width)."""
    from dxready.render.wrap import wrap

    lines: list[str] = []
    line = first
    for i, item in enumerate(items):
        piece = item + (sep if i < len(items) - 1 else "")
        if line.strip() and rich_cell_len(line) + rich_cell_len(piece.rstrip()) > width:
            lines.append(line.rstrip())
            line = indent
        if rich_cell_len(line) + rich_cell_len(piece.rstrip()) > width:
            *done, line = wrap(piece, width, indent=indent, first=line)
            lines += done
            continue
        line += piece
    lines.append(line.rstrip())
    return lines


@given(
    items=st.lists(st.text(alphabet="ab 図書館、。（）\u3000\u0301\u200d\ufe0f👍", max_size=12), max_size=12),
    sep=st.sampled_from(["、", ", ", " · ", "  "]),
    width=st.integers(8, 40),
)
@example(items=["aa\u3000\u3000\u3000\u200d", "a\u3000", ""], sep="  ", width=9)  # a joiner ends the line
@settings(max_examples=300, deadline=None)
def test_join_fit_keeps_the_width_it_measured(items: list[str], sep: str, width: int) -> None:
    from dxready.render.wrap import join_fit

    assert join_fit(items, sep, width, "  ", "  ") == _join_fit_measured_anew(items, sep, width, "  ", "  ")


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60),
    style=st.sampled_from(["", "dim", "bold red"]),
    width=st.integers(min_value=10, max_value=200),
)
@example(text="0" * 11, style="", width=10)  # wider than the console: rich cuts it, so rich prints it
@example(text="館山市の手続　 ", style="dim", width=10)
@example(text="家族👨‍👩‍👧 é", style="bold red", width=12)
def test_a_fitted_line_is_written_as_rich_prints_it(text: str, style: str, width: int) -> None:
    """A view's pre-fitted line (no_wrap, overflow ignore) is written directly off a terminal: the same text as
    ``console.print``, whatever it holds (wide, combining, joiners, trailing spaces, controls) and however wide."""
    from rich.text import Text

    from dxready.render.console import console
    from dxready.render.grid import print_renderable

    fast, fast_buf = console(width)
    slow, slow_buf = console(width)
    line = Text(text, style=style, no_wrap=True, overflow="ignore")
    print_renderable(fast, line)
    slow.print(Text(text, style=style, no_wrap=True, overflow="ignore"))
    assert fast_buf.getvalue() == slow_buf.getvalue()
