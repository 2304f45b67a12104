"""DX106 seal-required: 押印 or 押印＋印鑑証明 as the identity check."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx106_seal_required as rule
from tests.helpers.catalogs import run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: disclosure-request
    standard_no: 17
    name: 公文書開示請求
    status: ○
    identity: seal
  - id: road-occupancy
    standard_no: 7
    name: 道路占用許可申請等
    name_en: Road occupancy permits
    status: ×
    identity: seal_certificate
  - id: library-reservation
    standard_no: 1
    name: 図書館の図書貸出予約等
    status: ○
    identity: mynumber_card
  - id: bulky-waste
    standard_no: 9
    name: 粗大ごみ収集の申込
    status: ○
"""


def test_seal_and_seal_certificate_are_reported(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule)
    assert [(f.code, f.subject.id) for f in report.findings] == [
        ("DX106", "disclosure-request"),
        ("DX106", "road-occupancy"),
    ]
    seal, certificate = report.findings
    assert str(seal.location) == f"{tmp_path / 'procedures.yaml'}:9:15"
    assert seal.message.ja == "「公文書開示請求」は押印を求めています"
    assert certificate.message.en == (
        "'Road occupancy permits' requires a seal and a seal-registration certificate"
    )
    assert certificate.data == {"identity": "seal_certificate"}
