"""Property tests of `import`: any table leaves the catalogue valid with every comment kept, or untouched."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxready.catalog.load import LoadError, load_catalog
from dxready.catalog.registry import STANDARD_PROCEDURES
from dxready.commands.import_ import run_import
from dxready.commands.scaffold import run_init
from dxready.render.workbook import build

_NAMES = [p.name for p in STANDARD_PROCEDURES] + [
    s.name for p in STANDARD_PROCEDURES for s in p.sub_procedures
]
_MARKS = ["〇", "○", "◯", "×", "✕", "一部", "―", "－", "—", "", "？", "online", "maru", "=1+1"]
text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
rows = st.lists(
    st.tuples(
        st.none() | st.integers(-1, 25).map(str) | text,
        st.sampled_from(_NAMES) | text | st.sampled_from(_NAMES).map(lambda n: n.replace("等", "") + "の"),
        st.sampled_from(_MARKS) | text,
        st.none() | text,
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=rows, unmatched=st.sampled_from(["add", "refuse"]))
def test_any_table_leaves_a_valid_catalogue_or_the_old_bytes(
    table: list[tuple[str | None, str, str, str | None]], unmatched: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "city"
        run_init(root, name="呉市", code="342025")
        before = (root / "procedures.yaml").read_text(encoding="utf-8")
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["No.", "手続の種類", "オンライン化", "備考"])
        writer.writerows([[c or "" for c in row] for row in table])
        source = Path(tmp) / "t.csv"
        source.write_text(buf.getvalue(), encoding="utf-8")
        try:
            result = run_import(
                source,
                catalog=root,
                dry_run=False,
                unmatched=unmatched,
                as_of=dt.date(2025, 4, 1),
                lang="ja",
                build=build,
            )
        except LoadError:
            assert (root / "procedures.yaml").read_text(encoding="utf-8") == before
            return
        after = (root / "procedures.yaml").read_text(encoding="utf-8")
        if result.refused:
            assert after == before and not result.written
            for r in result.refused:
                assert r.row >= 2 and r.reason is not None
            return
        load_catalog(root)  # valid
        comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
        assert all(line in after.splitlines() for line in comments)
        assert len(result.rows) == sum(1 for row in table if any(c and c.strip() for c in row))
