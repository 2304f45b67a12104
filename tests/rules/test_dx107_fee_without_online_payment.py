"""DX107 fee-without-online-payment: a fee with no online payment method recorded."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx107_fee_without_online_payment as rule
from tests.helpers.catalogs import run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: bulky-waste
    standard_no: 9
    name: 粗大ごみ収集の申込
    status: ○
    fee: true
    payment: [counter, convenience_store]
  - id: dog-registration
    standard_no: 11
    name: 犬の登録申請、死亡届
    status: ○
    fee: true
    payment: [counter, qr_code]
  - id: road-occupancy
    standard_no: 7
    name: 道路占用許可申請等
    status: ○
    fee: true
  - id: library-reservation
    standard_no: 1
    name: 図書館の図書貸出予約等
    status: ○
    fee: false
    payment: [counter]
  - id: disclosure-request
    standard_no: 17
    name: 公文書開示請求
    status: ○
    fee: true
    payment: []
"""


def test_fee_without_online_method_is_reported(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES), rule)
    # road-occupancy: payment unknown, not reported; library: no fee.
    assert [(f.code, f.subject.id) for f in report.findings] == [
        ("DX107", "bulky-waste"),
        ("DX107", "disclosure-request"),
    ]
    counter, empty = report.findings
    assert str(counter.location) == f"{tmp_path / 'procedures.yaml'}:10:14"
    assert counter.message.ja == "「粗大ごみ収集の申込」の手数料は窓口・コンビニでしか納付できません"
    assert counter.data == {"payment": ["counter", "convenience_store"]}
    assert "no payment method" in empty.message.en
