"""render.json_._usage: a row's usage in gaps -f json and the tables is latest_usage's answer, whichever way it is
read (a row without sub-procedures: its latest own entry, without making the LatestUsage)."""

from __future__ import annotations

from pathlib import Path

from dxready.catalog.usage import latest_usage
from dxready.engine.integrity import load
from dxready.render.json_ import _counts, _usage
from tests.helpers.catalogs import copy_shipped


def test_a_rows_usage_is_latest_usages(tmp_path: Path) -> None:
    root = copy_shipped(tmp_path / "c")
    path = root / "procedures.yaml"
    text = path.read_text(encoding="utf-8")
    # Rows with several years, a published rate only, no cases, and none at all, beside the shipped ones.
    at = text.index("\n    status: ×", text.index("\nprocedures:"))
    years = (
        "\n    counts: [{fiscal_year: 令和4年度, total: 10, online: 3}, {fiscal_year: 令和6年度, rate: 12.5},"
        " {fiscal_year: 令和5年度, total: 0, online: 0}]"
    )
    path.write_text(text[:at] + years + text[at:], encoding="utf-8")
    catalog = load(root)
    without = [p for p in catalog.procedures if not p.sub_procedures]
    assert any(p.counts for p in without) and any(not p.counts for p in without)
    assert any(len(p.counts) > 1 for p in without)
    for p in catalog.procedures:
        u = latest_usage(p)
        if not p.sub_procedures:
            assert u is None or u.rows is None
            assert _usage(p, catalog) == (None if u is None else _counts(u.counts)), p.id
        elif u is not None and u.rows is None:
            assert _usage(p, catalog) == _counts(u.counts), p.id
