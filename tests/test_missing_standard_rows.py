"""A standard row missing from a catalogue is a procedure whose status is unknown (review s7 F8, F15).

Deleting a × row, renumbering a row onto another's number or emptying the list must never narrow or raise the
rates: the missing number counts as ？ in the tally, the bounds and the coverage (「N件中M件確認」), in ``gaps``,
``table summary`` and ``compare`` alike.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from tests.helpers.catalogs import SHIPPED, write_catalog

runner = CliRunner()


def _cli(*args: str) -> Any:
    from dxready.cli import app

    return runner.invoke(app, [*args, "--as-of", "2026-11-26"])


def _summary(root: Path) -> dict[str, Any]:
    result = _cli("gaps", "--format", "json", "--catalog", str(root))
    assert result.exit_code in (0, 1), result.output
    return dict(json.loads(result.stdout)["summary"])


def _delete_row(root: Path, ident: str) -> None:
    path = root / "procedures.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  - id: {ident}\n")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("  - id: "))
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


def test_deleting_an_offline_row_cannot_raise_the_bounds(tmp_path: Path) -> None:
    root = tmp_path / "kamogawa"
    shutil.copytree(SHIPPED, root)
    before = _summary(root)
    assert before["rate"] == 52.9 and before["coverage"] == {"known": 17, "total": 17, "inferred": 0}
    _delete_row(root, "road-occupancy")  # No.7, ×
    after = _summary(root)
    assert after["applicable"] == 17 and after["by_status"]["offline"] == before["by_status"]["offline"] - 1
    assert after["by_status"]["unknown"] == 1
    assert after["rate"] is None
    assert after["coverage"] == {"known": 16, "total": 17, "inferred": 0}
    assert after["rate_bounds"] == [52.9, 58.8]  # the old 52.9 % still inside; never 56.3 % as one figure
    low, high = after["rate_bounds"]
    assert low <= before["rate"] <= high


def test_an_empty_list_is_21_unknown_rows(tmp_path: Path) -> None:
    root = write_catalog(tmp_path, procedures="procedures: []\n")
    s = _summary(root)
    assert s["applicable"] == 21 and s["by_status"]["unknown"] == 21
    assert s["rate_bounds"] == [0.0, 100.0] and s["coverage"] == {"known": 0, "total": 21, "inferred": 0}
    assert s["rate_with_partial_bounds"] == [0.0, 100.0]
    assert s["levels_unsettled"] == [{"low": 0, "high": 4, "count": 21}]
    table = _cli("table", "summary", "--format", "markdown", "--catalog", str(root))
    assert "| オンライン化率（○） | 0.0–100.0%（21件中0件確認） |" in table.stdout
    assert "| ？ 未確認 | 21（うち行がない標準手続 21） |" in table.stdout
    english = _cli("table", "summary", "--format", "markdown", "--catalog", str(root), "--lang", "en")
    assert "| ？ unknown | 21 (missing standard rows: 21) |" in english.stdout
    assert "0.0–100.0% (0 of 21 known)" in english.stdout


def test_a_renumbered_row_counts_once_and_its_old_number_as_unknown(tmp_path: Path) -> None:
    root = tmp_path / "kamogawa"
    shutil.copytree(SHIPPED, root)
    path = root / "procedures.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("standard_no: 7\n", "standard_no: 6\n"), encoding="utf-8"
    )
    s = _summary(root)
    # No.6 (—) is counted once, from its first row; No.7 is missing: ？. Before: 9 of 17 ○, 52.9 %.
    assert s["coverage"] == {"known": 16, "total": 17, "inferred": 0}
    assert s["rate_bounds"] == [52.9, 58.8]


def test_compare_counts_a_missing_row_as_unknown(tmp_path: Path) -> None:
    parent = tmp_path / "set"
    shutil.copytree(SHIPPED, parent / "kamogawa")
    _delete_row(parent / "kamogawa", "road-occupancy")
    result = _cli("compare", str(parent), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (row,) = data["municipalities"]
    assert row["statuses"]["7"] is None
    assert row["coverage"] == {"known": 16, "total": 17, "inferred": 0} and row["rate_bounds"] == [52.9, 58.8]
    assert row["recorded"] == "16/17"
    seven = data["procedures"][6]
    assert seven["counts"]["missing"] == 1 and seven["coverage"] == {"known": 0, "total": 1, "inferred": 0}
    assert seven["rate_bounds"] == [0.0, 100.0]
    assert data["totals"]["coverage"] == {"known": 16, "total": 17, "inferred": 0}
    assert data["totals"]["rate_bounds"] == [52.9, 58.8]
    rolled = _cli("compare", str(parent), "--format", "json", "--by", "prefecture")
    (chiba,) = json.loads(rolled.stdout)["rollups"]
    assert chiba["coverage"] == {"known": 16, "total": 17, "inferred": 0} and chiba["cells"]["unknown"] == 1


def test_compare_totals_count_the_missing_cells_the_rates_count(tmp_path: Path) -> None:
    """Review s7 diffreview F5: totals.cells add up to the rate's denominator (plus the — cells)."""
    from dxready.cli import app

    parent = tmp_path / "cmp"
    for folder, name in (("a", "館山市"), ("b", "南房総市")):
        assert runner.invoke(app, ["init", str(parent / folder), "--name", name]).exit_code == 0
    path = parent / "a" / "procedures.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("procedures:")] + "procedures: []\n", encoding="utf-8")
    result = runner.invoke(app, ["compare", str(parent), "-f", "json"])
    assert result.exit_code == 0, result.output
    totals = json.loads(result.stdout)["totals"]
    cells = totals["cells"]
    assert cells["missing"] == 21 and cells["unknown"] == 21
    applicable = sum(n for status, n in cells.items() if status != "not_applicable")
    assert applicable == totals["coverage"]["total"] == 42
