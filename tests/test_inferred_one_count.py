"""One count of inferred statuses, stated alike by every view (review s7 diffreview F3, F10).

The definition is engine.rates.inferred_status: an inferred ○, 一部 or × among the known applicable standard rows
(the rows the rate's coverage counts); an inferred — is out of the rate and out of the count. The JSON carries it
in the rate's ``coverage`` so that the page reads it instead of counting again.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()


def _ok(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return result.stdout


def _catalogue(tmp_path: Path) -> tuple[Path, Path]:
    """No.1 inferred ○, No.4 inferred ×, No.6 inferred — (not counted), the rest recorded; a second, fresh city."""
    here = tmp_path / "cmp"
    root = here / "tateyama"
    _ok("init", str(root), "--name", "館山市")
    _ok("init", str(here / "minamiboso"), "--name", "南房総市")
    _ok("set", "1", "2", "3", "--status", "○", "--catalog", str(root))
    _ok("set", *[str(n) for n in range(4, 22)], "--status", "×", "--catalog", str(root))
    _ok("set", "1", "--status", "○", "--inferred", "--catalog", str(root))
    _ok("set", "4", "--status", "×", "--inferred", "--catalog", str(root))
    _ok("set", "6", "--status", "—", "--inferred", "--catalog", str(root))
    return root, here


def test_every_view_states_the_same_inferred_count(tmp_path: Path) -> None:
    root, here = _catalogue(tmp_path)
    table = _ok("table", "summary", "--catalog", str(root))
    assert table.count("15.0%（20件中推定2件）") == 2
    assert re.search(r"うち推定の状況\s*│\s*2 │", table)
    gaps = _ok("gaps", "--catalog", str(root)).replace("\n  ", " ")
    assert "15.0%（20件中推定2件）" in gaps and "うち推定の状況 2" in gaps
    assert "推定1件" not in table + gaps
    summary = json.loads(_ok("gaps", "-f", "json", "--catalog", str(root)))["summary"]
    assert summary["coverage"] == {"known": 20, "total": 20, "inferred": 2}
    assert summary["inferred"] == 2
    page = _ok("page", "--catalog", str(root))
    assert "15.0%（20件中推定2件）" in page and "推定1件" not in page
    compare = _ok("compare", str(here)).replace("\n", "")
    assert "（41件中20件記録、うち推定2件）" in compare
    totals = json.loads(_ok("compare", str(here), "-f", "json"))["totals"]
    assert totals["coverage"] == {"known": 20, "total": 41, "inferred": 2}
    out = tmp_path / "cp.html"
    _ok("page", "--catalog", str(root), "--compare", str(here), "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert "（41件中20件記録、うち推定2件）" in html and "41件中20件確認" not in html


def test_english_says_the_same_count(tmp_path: Path) -> None:
    root, _ = _catalogue(tmp_path)
    gaps = _ok("gaps", "--catalog", str(root), "--lang", "en").replace("\n  ", " ")
    assert "15.0% (2 of 20 inferred)" in gaps and "of which inferred 2" in gaps


def test_each_procedure_column_counts_its_inferred_cells(tmp_path: Path) -> None:
    """No.1's one known cell is the inferred ○: its column says so, in compare's JSON and on the page (F10)."""
    root, here = _catalogue(tmp_path)
    data = json.loads(_ok("compare", str(here), "-f", "json"))
    columns = {c["standard_no"]: c["coverage"] for c in data["procedures"]}
    assert columns[1] == {"known": 1, "total": 2, "inferred": 1}
    assert columns[4] == {"known": 1, "total": 2, "inferred": 1}
    assert columns[2] == {"known": 1, "total": 2, "inferred": 0}
    assert sum(c["inferred"] for c in columns.values()) == data["totals"]["coverage"]["inferred"] == 2
    out = tmp_path / "cp.html"
    _ok("page", "--catalog", str(root), "--compare", str(here), "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert html.count("（2件中1件記録、うち推定1件）") == 2


def test_a_cached_row_keeps_which_statuses_are_inferred(tmp_path: Path) -> None:
    from dxready.commands.compare_rows import Row, _seal

    row = Row("c", "館山市", "122050", "千葉県", "o" * 21, "2" * 21, "+" + "." * 20)
    again = Row.from_cache(row.to_cache("k"), "c", "k")
    assert again.guessed == row.guessed and again.inferred == 1
    old = row.to_cache("k")[:-1]
    old[5] = 1  # a row cached with only a count (sealed as it was): refused, so that it is recomputed
    old.append(_seal("k", old))
    try:
        Row.from_cache(old, "c", "k")
    except ValueError:
        pass
    else:
        raise AssertionError("an old cached row was accepted")
