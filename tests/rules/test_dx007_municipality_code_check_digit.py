"""DX007 municipality-code-check-digit: 全国地方公共団体コード check digit."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx007_municipality_code_check_digit as rule
from tests.helpers.catalogs import run_rule, write_catalog


def test_wrong_check_digit_is_reported_at_the_code(tmp_path: Path) -> None:
    procedures = 'municipality:\n  name: 鴨川市\n  code: "122230"\nprocedures: []\n'
    report = run_rule(write_catalog(tmp_path, procedures=procedures), rule)
    assert [(f.code, f.subject.id) for f in report.findings] == [("DX007", "122230")]
    (finding,) = report.findings
    assert str(finding.location) == f"{tmp_path / 'procedures.yaml'}:3:9"
    assert finding.message.en == "municipality code 122230 has a wrong check digit (12223 gives 122238)"


def test_kure_is_valid(tmp_path: Path) -> None:
    procedures = 'municipality:\n  name: 呉市\n  code: "342025"\n'
    assert run_rule(write_catalog(tmp_path, procedures=procedures), rule).findings == ()
