"""diff's terminal view of many changes is written as plain lines and a plain grid, as rich would draw it: the same
text at 80 columns (one record per entry) and at 200 (a table), without seconds in rich's layout engine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rich.console import Console
from rich.measure import Measurement

from dxready.commands.diff import CatalogDiff, run_diff
from dxready.render import diff_terminal as render_diff
from dxready.render import grid

STATUSES = ("○", "一部", "×", "—", "unknown", "×", "○")


def _catalogue(root: Path, n: int, *, flipped: bool) -> Path:
    """``n`` compact procedures (as benchmarks/scaling.py writes them); ``flipped``: every ○ ×, every × ○."""
    root.mkdir(parents=True)
    lines = ['municipality:\n  name: ベンチ市\n  code: "122238"\nas_of: 2024-03-31\nprocedures:\n']
    for i in range(n):
        status = STATUSES[i % len(STATUSES)]
        if flipped and status in ("○", "×"):
            status = "×" if status == "○" else "○"
        fee = "true" if i % 3 == 0 else "false"
        lines.append(
            f"  - id: p-{i:05d}\n    name: 手続{i:05d}の申請\n    status: {status}\n    fee: {fee}\n"
        )
    (root / "procedures.yaml").write_text("".join(lines), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> CatalogDiff:
    """About 400 changed procedures (more than grid.BIG rows) and their findings, new and resolved."""
    root = tmp_path_factory.mktemp("big")
    base = _catalogue(root / "A", 700, flipped=False)
    head = _catalogue(root / "B", 700, flipped=True)
    return run_diff(str(base), str(head), catalog=None, as_of=dt.date(2024, 4, 1), lang="ja")


def _not_called(*args: object, **kwargs: object) -> None:
    raise AssertionError("rich measured the big diff")


@pytest.mark.parametrize(("width", "lang"), [(80, "ja"), (80, "en"), (200, "ja")])
def test_a_big_diff_is_what_rich_draws(
    big: CatalogDiff, width: int, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    assert len(big.procedures) > grid.BIG
    printed: list[object] = []
    rich_print = Console.print

    def counted(self: Console, *objects: object, **kwargs: object) -> None:
        printed.append(objects)
        rich_print(self, *objects, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as patched:  # rich's measure and print are the cost this avoids
        patched.setattr(Measurement, "get", _not_called)
        patched.setattr(Console, "print", counted)
        fast = render_diff.table(big, lang)
    assert len(printed) <= 5  # section titles only: every record, finding and table row written plainly
    monkeypatch.setattr(grid, "BIG", 10**9)  # everything through rich's own measure, layout and print
    assert fast == render_diff.table(big, lang)
    lines = fast.splitlines()
    if width == 200:
        assert any(line.startswith("┃ 手続") for line in lines)  # the table, drawn whole
    else:  # one record per entry, a regression marked ⚠
        heading = "  変更" if lang == "ja" else "  changed"
        assert sum(line.startswith(heading) for line in lines) == len(big.procedures)
