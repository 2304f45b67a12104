"""Data is entered into a backbone system by hand.

A backbone (基幹系) system's ledger data is entered by hand.

Reported for ``tier: backbone`` systems with ``data_input: manual``.

Why it matters:
    Hand-typed ledger data carries the risk of human error that the plan itself names, and every online
    application that ends in such a system is re-keyed. Linking the system (to e-application intake or to
    other systems) is the precondition of once-only.

Fails:
    systems:
      - id: health-management
        name: 健康管理システム
        tier: backbone
        data_input: manual

Passes:
    systems:
      - id: health-management
        name: 健康管理システム
        tier: backbone
        data_input: linked
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.models import DataInput, Tier
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context

CODE = "DX303"
NAME = "manual-data-input"
SEVERITY = Severity.info
SUMMARY = Msg("基幹系システムへのデータ入力が手作業", "Data is entered into a backbone system by hand")
DESCRIPTION_JA = (
    "基幹系システムの台帳データを手で入力しています。\n\n"
    "`tier: backbone`（基幹系）で `data_input: manual`（手入力）のシステムに報告します。"
)
WHY_JA = (
    "台帳データの手入力には人為的ミスの危険があり、オンライン申請も結局打ち直しになります。"
    "連携がワンスオンリーの前提です。"
)
NEXT_STEP = Msg(
    "電子申請の受付データや他システムからの取込（連携・RPA）を検討してください",
    "Consider importing data from e-application intake or other systems (integration, RPA)",
)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, s in enumerate(catalog.systems):
        if s.tier is not Tier.backbone or s.data_input is not DataInput.manual:
            continue
        yield Finding(
            CODE,
            Subject("system", s.id),
            Msg(
                f"基幹系システム「{s.name}」へのデータ入力は職員の手作業です",
                f"data is entered into the backbone system '{s.name_en or s.name}' by hand",
            ),
            "systems",
            ("systems", i, "data_input"),
        )
