"""DX020 municipality-registry-mismatch: the header against the national registry."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from dxready.cli import app
from dxready.rules import dx020_municipality_registry_mismatch as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog


def _header(tmp_path: Path, body: str) -> Path:
    return write_catalog(tmp_path, procedures=f"municipality:\n{body}procedures: []\n")


def test_name_of_another_municipality_is_reported_at_the_name(tmp_path: Path) -> None:
    root = _header(tmp_path, '  name: 館山市\n  code: "122238"\n')
    (finding,) = run_rule(root, rule).findings
    assert finding.code == "DX020"
    assert str(finding.location) == f"{tmp_path / 'procedures.yaml'}:2:9"
    assert finding.message.en == "code 122238 is 千葉県鴨川市, but the name is 館山市"


def test_wrong_prefecture_is_reported_at_the_prefecture(tmp_path: Path) -> None:
    root = _header(tmp_path, '  name: 鴨川市\n  code: "122238"\n  prefecture: 千葉\n')
    (finding,) = run_rule(root, rule).findings
    assert str(finding.location) == f"{tmp_path / 'procedures.yaml'}:4:15"
    assert "千葉県" in finding.message.ja


def test_code_outside_the_registry_names_what_the_name_is(tmp_path: Path) -> None:
    root = _header(tmp_path, '  name: 館山市\n  code: "349992"\n')
    (finding,) = run_rule(root, rule).findings
    assert str(finding.location) == f"{tmp_path / 'procedures.yaml'}:3:9"
    assert finding.message.en == "code 349992 is not in the national registry (館山市 is 千葉県館山市 122050)"


def test_agreeing_headers_pass_in_any_spelling(tmp_path: Path) -> None:
    for n, body in enumerate(
        (
            '  name: 鴨川市\n  code: "122238"\n  prefecture: 千葉県\n',
            '  name: 千葉県鴨川市\n  code: "122238"\n',
            '  name: 札幌市中央区\n  code: "011011"\n  prefecture: 北海道\n',
        )
    ):
        assert run_rule(_header(tmp_path / str(n), body), rule).findings == ()


def test_wrong_check_digit_is_left_to_dx007(tmp_path: Path) -> None:
    assert run_rule(_header(tmp_path, '  name: 館山市\n  code: "122230"\n'), rule).findings == ()


def test_check_warns_and_the_shipped_catalogue_is_clean(tmp_path: Path) -> None:
    runner = CliRunner()
    clean = runner.invoke(app, ["check", "--select", "DX020"])
    assert clean.exit_code == 0 and "DX020" not in clean.stdout
    root = copy_shipped(tmp_path / "c")
    path = root / "procedures.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("name: 鴨川市", "name: 館山市", 1), encoding="utf-8"
    )
    result = runner.invoke(
        app, ["check", "--catalog", str(root), "--select", "DX020", "--fail-on", "warning"]
    )
    assert result.exit_code == 1
    assert "DX020" in result.stdout and "千葉県鴨川市" in result.stdout
