"""After ``set``/``add``: the errors and warnings the edit makes ``dxready check`` report, and only the new ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()


@pytest.fixture
def city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A half-filled ``init`` catalogue, as a new city has it: No.9 with online counts recorded."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(
        "COLUMNS"
    )  # as in a pipe: lines whole, to compare with check's (fitted: the last test)
    root = Path("c")
    assert runner.invoke(app, ["init", str(root), "--name", "館山市"]).exit_code == 0
    assert runner.invoke(app, ["set", "9", "--counts", "2023:100:40", "--catalog", str(root)]).exit_code == 0
    return root


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout + result.stderr


def _check_lines(root: Path, code: str, lang: str = "ja") -> list[str]:
    _, out = _run("check", "--catalog", str(root), "--lang", lang)
    return [line for line in out.splitlines() if f": {code} [" in line]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_offline_over_online_counts_names_dx012_with_its_place_message_and_fix(city: Path, lang: str) -> None:
    code, out = _run("set", "9", "--status", "×", "--catalog", str(city), "--lang", lang)
    assert code == 0  # the edit was made and is reported; the exit code stays that of a successful set
    head = (
        "注意: この変更で dxready check が新たに 2 件を報告します:"
        if lang == "ja"
        else ("note: after this change dxready check reports 2 new findings:")
    )
    assert head in out
    [dx012] = _check_lines(city, "DX012", lang)
    assert f"  {dx012}" in out.splitlines()  # the same place, code, severity and message as check prints
    fix = (
        "次に: 状況（status）と件数（counts）"
        if lang == "ja"
        else "fix: Check whether the status or the counts are right"
    )
    assert fix in out
    assert re.search(r": DX101 \[(警告|warning)\]", out)


def test_a_finding_already_there_is_not_reported_again(city: Path) -> None:
    assert _run("set", "9", "--status", "×", "--catalog", str(city))[0] == 0
    code, out = _run("set", "9", "--note", "窓口のみ", "--catalog", str(city))
    assert code == 0 and "注意" not in out and "DX012" not in out
    code, out = _run("set", "9", "--status", "×", "--catalog", str(city))  # unchanged: nothing is said
    assert "DX" not in out


def test_an_edit_that_clears_a_finding_reports_nothing(city: Path) -> None:
    assert _run("set", "9", "--status", "×", "--catalog", str(city))[0] == 0
    code, out = _run("set", "9", "--status", "○", "--catalog", str(city))
    assert code == 0 and "DX" not in out


def test_info_findings_are_not_listed(city: Path) -> None:
    code, out = _run(
        "set", "7", "--verified-on", "2020-04-01", "--catalog", str(city)
    )  # stale: DX110 is info
    assert code == 0 and "DX110" not in out and "注意" not in out


def test_a_group_contradicting_its_sub_procedures_is_dx008(city: Path) -> None:
    assert _run("set", "18/1", "--status", "×", "--catalog", str(city))[0] == 0
    code, out = _run("set", "18", "--status", "○", "--catalog", str(city), "--lang", "en")
    [dx008] = _check_lines(city, "DX008", "en")
    assert code == 0 and f"  {dx008}" in out.splitlines()
    assert out.count("DX008") == 1  # said once, by the rule (the edit's own note said it before)


def test_bulk_set_lists_the_new_findings_of_every_target(city: Path) -> None:
    code, out = _run("set", "7", "9", "--status", "×", "--catalog", str(city), "--lang", "en")
    assert code == 0
    assert "reports 3 new findings:" in out  # DX101 on both, DX012 on No.9
    assert out.count("DX101 [warning]") == 2 and out.count("DX012 [error]") == 1


def test_many_new_findings_are_counted_beyond_ten(city: Path) -> None:
    code, out = _run("set", "*", "--status", "×", "--catalog", str(city), "--lang", "en")
    assert code == 0
    shown = [line for line in out.splitlines() if re.match(r"  \S+:\d+:\d+: DX\d+ ", line)]
    assert len(shown) == 10 and "  … and 12 more (dxready check lists them)" in out  # 21 × DX101 and DX012


def test_add_lists_what_the_new_procedure_brings(city: Path) -> None:
    code, out = _run(
        "add", "own-1", "--name", "独自の申請", "--status", "×", "--catalog", str(city), "--lang", "en"
    )
    assert code == 0 and "DX101 [warning]" in out


def test_set_system_lists_a_new_warning_on_the_system(city: Path) -> None:
    add = [
        "add",
        "system",
        "jk",
        "--name",
        "住基",
        "--tier",
        "backbone",
        "--standard-business",
        "住民基本台帳",
    ]
    code, out = _run(*add, "--catalog", str(city))
    assert code == 0 and "注意" not in out  # a system with no migration yet: information only
    code, out = _run(
        "set", "system", "jk", "--phase", "migrating", "--migration-target", "2023", "--catalog", str(city)
    )
    [dx301] = _check_lines(city, "DX301")
    assert code == 0 and f"  {dx301}" in out.splitlines()


def test_the_findings_fit_80_columns(city: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dxready.render.grid import cell_len

    monkeypatch.setenv("COLUMNS", "80")
    code, out = _run("set", "9", "--status", "×", "--catalog", str(city))
    assert code == 0 and "DX012" in out and max(cell_len(line) for line in out.splitlines()) <= 80
