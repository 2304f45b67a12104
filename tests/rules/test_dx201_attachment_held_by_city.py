"""DX201 attachment-held-by-city: attachments the city already holds and has not abolished."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx201_attachment_held_by_city as rule
from tests.helpers.catalogs import run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: childcare
    standard_no: 18
    name: 子育て関係（児童手当、保育施設利用等）
    status: ○
    attachments:
      - {name: 健康保険証の写し}
      - {name: 課税証明書, held_by_city: true}
      - {name: 住民票の写し, held_by_city: true}
  - id: nursing-care
    standard_no: 19
    name: 介護関係（介護認定申請等）
    status: ○
    attachments:
      - {name: 住民票の写し, held_by_city: true, abolished: true}
"""


def test_held_attachments_are_named(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule)
    assert [(f.code, f.subject.id) for f in report.findings] == [("DX201", "childcare")]
    (finding,) = report.findings
    assert str(finding.location) == f"{tmp_path / 'procedures.yaml'}:11:9"
    assert finding.message.ja == (
        "「子育て関係（児童手当、保育施設利用等）」は市が保有する情報の添付を求めています: 「課税証明書」、「住民票の写し」"
    )
    assert finding.data == {"attachments": ["課税証明書", "住民票の写し"]}
