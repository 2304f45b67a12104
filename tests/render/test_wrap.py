"""Line breaking in cells with Japanese rules (render/wrap.py) and the rich cells that use it (render/celltext.py)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.table import Table

from dxready.render.celltext import cell, paragraph
from dxready.render.console import render
from dxready.render.wrap import NO_END, NO_START, breaks, fit_message, wrap


def _lines(text: str, width: int) -> list[str]:
    cut = breaks(text, width)
    return [text[a:b].rstrip() for a, b in zip([0, *cut], [*cut, len(text)], strict=True)]


def test_a_closing_mark_never_starts_a_line() -> None:
    text = "オンライン化率（○＋一部）10.0–95.0%（20件中3件確認）。状況を確認し dxready set moving --status … で記録"
    for width in range(6, 40):
        lines = _lines(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert all(cell_len(line) <= width for line in lines), (width, lines)
        assert not [line for line in lines[1:] if line.lstrip()[:1] in NO_START], (width, lines)
        assert not [line for line in lines[:-1] if line[-1:] in NO_END], (width, lines)


def test_dates_numbers_options_and_commands_stay_whole() -> None:
    text = "基準日（2024-03-31、令和6年3月31日、R6.3.31 など）。令和7年度末まで。1,200 件。dxready set --verified-on を使う"
    whole = ["2024-03-31", "令和6年3月31日", "R6.3.31", "令和7年度末", "1,200", "dxready set --verified-on"]
    for width in range(26, 60):
        lines = wrap(text, width)
        for piece in whole:
            assert any(piece in line for line in lines), (width, piece, lines)


def test_a_word_wider_than_the_cell_is_folded_but_not_before_a_closing_mark() -> None:
    assert _lines("elections)", 9) == ["election", "s)"]
    assert _lines("（eLTAX）", 7) == ["（eLTA", "X）"]


@given(st.text(alphabet="あいう「」（）、。ー・abc -…0123456789", max_size=60), st.integers(4, 30))
def test_breaks_keep_every_character_and_fit(text: str, width: int) -> None:
    text = text.replace("\n", "")
    cut = breaks(text, width)
    assert cut == sorted(set(cut)) and all(0 < c < len(text) for c in cut)
    assert all(cell_len(line) <= width for line in _lines(text, width))


def test_a_rich_table_cell_wraps_with_japanese_rules() -> None:
    table = Table()
    table.add_column("項目")
    table.add_column("値", no_wrap=True)
    table.add_row(cell("オンライン化率（○＋一部）10.0–95.0%（20件中3件確認）"), cell("█" * 24))
    out = render(table, width=40)
    assert all(cell_len(line) <= 40 for line in out.splitlines())
    segments = [seg.strip() for line in out.splitlines() for seg in re.split("[│┃]", line)]
    assert not [s for s in segments if s[:1] in NO_START], out
    assert "█" * 24 in out  # the bar is never wrapped


def test_catalogue_text_stays_inert_in_a_cell() -> None:
    out = render(cell("[bold]x[/bold] \x1b[31m"), width=40)
    assert "[bold]x[/bold]" in out and "\x1b" not in out


def test_paragraph_and_message_indent_what_continues() -> None:
    text = "  ⚠ 手続 粗大ごみ収集の申込 (bulky-waste): 新しいエラー DX012: 「粗大ごみ収集の申込」は × です"
    lines = paragraph(text, 40, rest="      ").plain.split("\n")
    assert lines[0].startswith("  ⚠") and all(line.startswith("      ") for line in lines[1:])
    assert all(cell_len(line) <= 40 for line in lines)
    fitted = fit_message("  " + text.strip(), 40).split("\n")
    assert len(fitted) > 1 and all(cell_len(line) <= 40 for line in fitted)
    assert all(line.startswith("      ") for line in fitted[1:])


_WORDS = st.sampled_from(
    [
        "状況",
        "○",
        "→",
        "×",
        "「手続」",
        "（未確定）",
        "2–4",
        "dxready",
        "set",
        "--status",
        "a",
        "、",
        "。",
        "…",
        "(x)",
    ]
)
_SPACES = st.sampled_from([" ", "  ", "\u3000", ""])


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.tuples(_WORDS, _SPACES), max_size=12),
    width=st.integers(min_value=4, max_value=40),
    first=st.sampled_from(["", "  ", "  - "]),
)
def test_a_line_that_fits_is_what_the_piece_by_piece_wrap_makes(
    words: list[tuple[str, str]], width: int, first: str
) -> None:
    from dxready.render.wrap import _broken

    para = "".join(w + s for w, s in words)
    assert wrap(para, width, indent="    ", first=first) == _broken(para, width, "    ", first)


def test_the_mark_ichibu_is_never_split_in_english_text_either() -> None:
    """Review F1: ``next --lang en`` broke 「(○, 一」 / 「部, × or —)」; the Japanese text kept it whole."""
    text = (
        "(shared channel: Mynaportal) Confirm the status and record its mark (○, 一部, × or —), "
        "e.g. dxready set childcare --status ○"
    )
    for width in range(8, 100):
        for lines in (wrap(text, width, indent="    "), _lines(text, width)):
            assert "一部" in "\n".join(lines) and not any(line.endswith("一") for line in lines), (
                width,
                lines,
            )


def test_next_in_english_keeps_ichibu_whole(tmp_path: object) -> None:
    from pathlib import Path

    from typer.testing import CliRunner

    from dxready.cli import app

    root = Path(str(tmp_path)) / "tateyama"
    runner = CliRunner()
    assert runner.invoke(app, ["init", str(root), "--name", "館山市"]).exit_code == 0
    assert runner.invoke(app, ["set", "2", "--status", "一部", "-c", str(root)]).exit_code == 0
    result = runner.invoke(app, ["next", "--lang", "en", "-c", str(root)], env={"COLUMNS": "80"})
    assert result.exit_code == 0 and "一部" in result.stdout
    assert not re.search(r"一\n *部", result.stdout), result.stdout
