"""DX018 standard-procedure-missing: every number of the national list has a row (review s7 F8, F15)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from dxready.cli import app
from dxready.rules import dx018_standard_procedure_missing as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog


def _without(root: Path, ident: str) -> None:
    """Delete one row of the shipped catalogue (its lines up to the next row)."""
    path = root / "procedures.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  - id: {ident}\n")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("  - id: "))
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


def test_shipped_catalogue_has_every_row(tmp_path: Path) -> None:
    assert run_rule(copy_shipped(tmp_path / "data"), rule).findings == ()


def test_a_deleted_row_is_named_at_the_procedures_list(tmp_path: Path) -> None:
    root = copy_shipped(tmp_path / "data")
    _without(root, "road-occupancy")
    (finding,) = run_rule(root, rule).findings
    assert finding.code == "DX018"
    assert finding.severity.value == "error"
    assert (
        finding.message.ja
        == "標準手続 No.7「道路占用許可申請等」の行がありません（率では未確認（？）として数えます）"
    )
    assert finding.message.en == (
        "standard procedure No.7 'Road occupancy permits' has no row (counted as unknown (？) in the rates)"
    )
    text = (root / "procedures.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, 1) if t.startswith("procedures:"))
    assert str(finding.location) == f"{root / 'procedures.yaml'}:{line + 1}:3"


def test_an_empty_list_misses_all_21_and_check_fails(tmp_path: Path) -> None:
    root = write_catalog(tmp_path, procedures="procedures: []\n")
    findings = run_rule(root, rule).findings
    assert [f.subject.id for f in findings] == [f"standard-{n:02d}" for n in range(1, 22)]
    assert str(findings[0].location) == f"{root / 'procedures.yaml'}:4:13"
    result = CliRunner().invoke(app, ["check", "--catalog", str(root), "--format", "json"])
    assert result.exit_code == 1, result.output


def test_a_renumbered_row_leaves_its_number_missing(tmp_path: Path) -> None:
    root = copy_shipped(tmp_path / "data")
    path = root / "procedures.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("standard_no: 7\n") == 1
    path.write_text(text.replace("standard_no: 7\n", "standard_no: 6\n"), encoding="utf-8")
    assert [f.subject.id for f in run_rule(root, rule).findings] == ["standard-07"]


def test_a_city_s_own_procedure_does_not_stand_in_for_a_standard_row(tmp_path: Path) -> None:
    root = write_catalog(
        tmp_path,
        procedures="""
        procedures:
          - id: road-occupancy
            name: 道路占用許可申請等
            status: ×
        """,
    )
    assert len(run_rule(root, rule).findings) == 21
