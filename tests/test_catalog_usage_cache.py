"""``Catalog.latest_usage``: the catalogue keeps each procedure's latest usage (DX104 and ``gaps -f json`` ask for it
of the same procedures), and gives every procedure its own answer — a model made for the moment (``model_copy``, as
``set`` plans an edit) is never given the answer of another that had its address."""

from __future__ import annotations

from pathlib import Path

from dxready.catalog.load import load_catalog
from dxready.catalog.models import Counts
from dxready.catalog.usage import latest_usage
from tests.helpers.cli import run80


def test_the_kept_answer_is_the_procedures_own(tmp_path: Path) -> None:
    root = tmp_path / "c"
    assert run80("init", str(root), "--name", "館山市")[0] == 0
    assert run80("set", "4", "--counts", "R4:200:50", "-c", str(root))[0] == 0
    catalog = load_catalog(root)
    for p in catalog.procedures:
        assert catalog.latest_usage(p) == latest_usage(p)
        assert catalog.latest_usage(p) is catalog.latest_usage(p)  # found once
    (p,) = [p for p in catalog.procedures if p.standard_no == 4]
    first = catalog.latest_usage(p)
    assert first is not None and first.rate == 25.0
    for _ in range(50):  # models made and dropped: any of them may reuse an address the catalogue has seen
        changed = p.model_copy(update={"counts": [Counts(fiscal_year=2022, total=200, online=150)]})
        usage = catalog.latest_usage(changed)
        assert usage is not None and usage.rate == 75.0
        del changed
    assert catalog.latest_usage(p) is first
