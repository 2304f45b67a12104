"""DX103 status-unknown: procedures and sub-procedures whose status is not known."""

from __future__ import annotations

from pathlib import Path

from dxready.catalog.settings import Severity
from dxready.rules import dx103_status_unknown as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: bulky-waste
    standard_no: 9
    name: 粗大ごみ収集の申込
    status: ？
  - id: nursing-care
    standard_no: 19
    name: 介護関係（介護認定申請等）
    status: ○
    sub_procedures:
      - id: nursing-care-01
        name: 要介護・要支援認定の申請
        status: ○
      - id: nursing-care-02
        name: 要介護・要支援更新認定の申請
        status: unknown
"""


def test_unknown_statuses_are_reported_where_they_stand(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule)
    assert [(f.code, f.subject.id, f.severity) for f in report.findings] == [
        ("DX103", "bulky-waste", Severity.info),
        ("DX103", "nursing-care", Severity.info),
    ]
    top, sub = report.findings
    assert str(top.location) == f"{tmp_path / 'procedures.yaml'}:8:13"
    assert str(sub.location) == f"{tmp_path / 'procedures.yaml'}:19:17"
    assert (
        sub.message.ja
        == "「介護関係（介護認定申請等）」の個別手続「要介護・要支援更新認定の申請」の状況が未確認です"
    )
    assert sub.data["sub_procedure"] == "nursing-care-02"
    assert top.next_step is not None and "dxready set bulky-waste" in top.next_step.en


def test_shipped_catalogue_has_no_unknown_status(tmp_path: Path) -> None:
    assert run_rule(copy_shipped(tmp_path / "data"), rule).findings == ()
