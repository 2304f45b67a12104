"""The result is delivered on paper only.

The result is a permit, a certificate or a decision.

Why it matters:
    If the answer comes back by post or must be collected, the procedure is not digitally complete (level 3)
    even when the application is online; an electronic result (to マイナポータル's inbox, e-mail, a download)
    closes the loop.

Fails:
    procedures:
      - id: road-occupancy
        standard_no: 7
        name: 道路占用許可申請等
        status: ○
        result_delivery: paper

Passes:
    procedures:
      - id: road-occupancy
        standard_no: 7
        name: 道路占用許可申請等
        status: ○
        result_delivery: electronic
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.models import ResultDelivery
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure

CODE = "DX108"
NAME = "paper-result"
SEVERITY = Severity.info
SUMMARY = Msg("結果を紙でしか受け取れない", "The result is delivered on paper only")
DESCRIPTION_JA = (
    "結果とは許可書、証明書、決定です。"
    "該当する手続のうち、`result_delivery` が `paper`（紙）のものに報告します。"
)
WHY_JA = "申請がオンラインでも、許可書や証明書を郵送や窓口で受け取るならデジタルで完結しません。"
NEXT_STEP = Msg(
    "許可書・通知を電子（マイナポータルの通知、電子交付）で届けられないか検討してください",
    "Consider delivering the result electronically (Mynaportal inbox, electronic issue)",
)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, p in enumerate(catalog.procedures):
        if not p.applicable or p.result_delivery is not ResultDelivery.paper:
            continue
        yield Finding(
            CODE,
            Subject("procedure", p.id),
            Msg(
                f"「{p.name}」の結果は紙でしか受け取れません",
                f"the result of '{p.name_en or p.name}' is delivered on paper only",
            ),
            "procedures",
            at_procedure(i, "result_delivery"),
        )
