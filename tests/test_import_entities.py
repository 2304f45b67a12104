"""export's システム and 工程表 sheets imported: into a fresh catalogue they reproduce what the sheets carry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dxready.catalog.load import load_catalog
from dxready.cli import app
from tests.helpers.catalogs import SHIPPED, copy_shipped

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def _sheets(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The システム and 工程表 sheets as openpyxl reads them (a second library than the one that wrote them)."""
    book = openpyxl.load_workbook(path, read_only=True)
    return {name: list(book[name].iter_rows(values_only=True)) for name in ("システム", "工程表")}


def _modules_cell(row: tuple[Any, ...]) -> bool:
    return isinstance(row[4], str) and "\n" in row[4]


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    out = tmp_path / "k.xlsx"
    assert invoke("export", "-o", str(out), "--catalog", str(copy_shipped(tmp_path / "k")))[0] == 0
    return out


def test_kamogawas_sheets_into_a_fresh_catalogue_export_the_same(exported: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    assert invoke("init", str(fresh), "--name", "鴨川市")[0] == 0
    code, report, err = invoke("import", str(exported), "--catalog", str(fresh))
    assert code == 0, report + err
    assert "systems.yaml" in report and "roadmap.yaml" in report  # every file written is named
    again = tmp_path / "again.xlsx"
    assert invoke("export", "-o", str(again), "--catalog", str(fresh))[0] == 0
    before, after = _sheets(exported), _sheets(again)
    assert after["工程表"] == before["工程表"]  # areas, numbers, years, states, notes, inferences: all of it
    assert len(after["システム"]) == len(before["システム"]) == 20
    assert after["システム"] == before["システム"]  # modules too (their own column)
    assert not any(_modules_cell(row) for row in before["システム"])  # 標準化対象業務 is the system's own
    # Nothing the author inferred becomes a fact: every inference mark comes across.
    shipped, made = load_catalog(SHIPPED), load_catalog(fresh)
    for a, b in zip(shipped.systems, made.systems, strict=True):
        assert a.inferred == b.inferred and bool(a.migration and a.migration.inferred) == bool(
            b.migration and b.migration.inferred
        ), a.id
    assert [r.inferred for r in shipped.roadmap] == [r.inferred for r in made.roadmap]
    # And again: nothing left to change.
    code, report, _ = invoke("import", str(exported), "--catalog", str(fresh))
    assert code == 0 and "変更はありません" in report


def test_a_changed_cell_is_set_in_place_keeping_comments(exported: Path, tmp_path: Path) -> None:
    root = copy_shipped(tmp_path / "c")
    book = openpyxl.load_workbook(exported)
    systems, roadmap = book["システム"], book["工程表"]
    systems["F3"] = "migrating"  # koseki's phase
    systems["J3"] = "市民課"  # its owner
    roadmap["G2"] = "実施中"  # frontyard-mynaportal-expansion's state, as a person types it
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    before = (root / "systems.yaml").read_text(encoding="utf-8")
    code, report, err = invoke("import", str(edited), "--catalog", str(root), "--lang", "en")
    assert code == 0, report + err
    assert (
        "migration.phase: migrating" in report
        and "owner: 市民課" in report
        and "state: in_progress" in report
    )
    after = (root / "systems.yaml").read_text(encoding="utf-8")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert [line for line in after.splitlines() if line.lstrip().startswith("#")] == comments
    catalog = load_catalog(root)
    koseki = next(s for s in catalog.systems if s.id == "koseki")
    assert (
        koseki.migration is not None
        and koseki.migration.phase.value == "migrating"
        and koseki.owner == "市民課"
    )
    assert catalog.roadmap[0].state is not None and catalog.roadmap[0].state.value == "in_progress"


def test_a_bad_cell_refuses_the_whole_import(exported: Path, tmp_path: Path) -> None:
    root = copy_shipped(tmp_path / "c")
    book = openpyxl.load_workbook(exported)
    book["システム"]["C3"] = "mainframe"  # no such tier
    book["工程表"].append(["new-item", "(9) 新しい取組", 1, None, "令和7年度"])  # a new item without a title
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    files = {f: (root / f).read_bytes() for f in ("procedures.yaml", "systems.yaml", "roadmap.yaml")}
    code, report, _ = invoke("import", str(edited), "--catalog", str(root))
    assert code == 1
    assert "システム 3行 C列（区分）: 拒否" in report and "mainframe" in report
    assert "工程表 26行 D列（項目）: 拒否" in report
    assert {f: (root / f).read_bytes() for f in files} == files  # all or nothing


def test_a_dry_run_writes_nothing(exported: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    assert invoke("init", str(fresh), "--name", "鴨川市")[0] == 0
    files = {f: (fresh / f).read_bytes() for f in ("systems.yaml", "roadmap.yaml")}
    code, report, _ = invoke("import", str(exported), "--catalog", str(fresh), "--dry-run")
    assert code == 0 and "追加" in report
    assert {f: (fresh / f).read_bytes() for f in files} == files


# --------------------------------------------------------------------------------------------------- properties

_texts = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(
    lambda t: (
        t == t.strip() and not t.startswith("'")
    )  # a blank cell changes nothing; ' is export's formula guard
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(owner=_texts, note=_texts)
def test_any_cell_text_reads_back_exactly_or_is_refused_untouched(
    tmp_path_factory: pytest.TempPathFactory, owner: str, note: str
) -> None:
    """A system's 担当課 and 備考 as a person might type them, through export's CSV: exactly that text in
    systems.yaml, every comment kept; or the row refused and every file as it was."""
    import csv

    base = tmp_path_factory.mktemp("p")
    root = copy_shipped(base / "c")
    out = base / "csv"
    assert invoke("export", "-f", "csv", "-o", str(out), "--catalog", str(root))[0] == 0
    sheet = out / "システム.csv"
    rows = list(csv.reader(sheet.read_text(encoding="utf-8-sig").splitlines(keepends=True)))
    rows[2][9], rows[2][10] = (
        owner,
        note,
    )  # koseki: 担当課, 備考 (a leading ' would be taken as export's guard)
    with sheet.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    before = {f: (root / f).read_bytes() for f in ("procedures.yaml", "systems.yaml", "roadmap.yaml")}
    code, report, err = invoke("import", str(out), "--catalog", str(root))
    if code != 0:
        assert {f: (root / f).read_bytes() for f in before} == before, report + err
        return
    koseki = next(s for s in load_catalog(root).systems if s.id == "koseki")
    assert (koseki.owner, koseki.note) == (owner, note)
    comments = [
        line for line in before["systems.yaml"].decode().splitlines() if line.lstrip().startswith("#")
    ]
    after = (root / "systems.yaml").read_text(encoding="utf-8").splitlines()
    assert [line for line in after if line.lstrip().startswith("#")] == comments
