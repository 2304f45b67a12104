"""Online applications are re-keyed by hand.

Applications received online are re-keyed by hand into the back-office system.

Reported for ``back_office: rekeying`` (画面転記). ``rpa`` and ``integrated`` are not reported.

Why it matters:
    Online intake that is typed again by staff moves the paperwork inside the city hall instead of removing
    it, and re-keying brings transcription errors. Such procedures are the candidates for RPA or a system
    integration.

Fails:
    procedures:
      - id: nursing-care
        standard_no: 19
        name: 介護関係（介護認定申請等）
        status: ○
        back_office: rekeying

Passes:
    procedures:
      - id: nursing-care
        standard_no: 19
        name: 介護関係（介護認定申請等）
        status: ○
        back_office: integrated
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.models import BackOffice
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure

CODE = "DX202"
NAME = "rekeying-back-office"
SEVERITY = Severity.info
SUMMARY = Msg("受付後に基幹系へ手で転記している", "Online applications are re-keyed by hand")
DESCRIPTION_JA = (
    "オンラインで受け付けた申請を、基幹系システムに手で入力し直しています。\n\n"
    "`back_office: rekeying`（再入力、画面転記）に報告します。"
    "`rpa`（RPA）と `integrated`（連携済）は報告しません。"
)
WHY_JA = (
    "オンラインで受け付けても職員が手で打ち直すなら、紙の作業が庁内に移っただけで、転記ミスの危険も残ります。"
)
NEXT_STEP = Msg(
    "RPA か基幹系システムとの連携（申請管理システムからのデータ取込）を検討してください",
    "Consider RPA or integrating the intake with the back-office system",
)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    system_names = {s.id: s.name for s in catalog.systems}
    for i, p in enumerate(catalog.procedures):
        if not p.applicable or p.back_office is not BackOffice.rekeying:
            continue
        names = [system_names.get(ident, ident) for ident in p.systems]
        on_ja = f"（処理システム: {'、'.join(f'「{n}」' for n in names)}）" if names else ""
        on_en = f" (processing systems: {', '.join(f'{n!r}' for n in names)})" if names else ""
        yield Finding(
            CODE,
            Subject("procedure", p.id),
            Msg(
                f"「{p.name}」の申請は受付後に手で転記されています{on_ja}",
                f"applications for '{p.name_en or p.name}' are re-keyed by hand{on_en}",
            ),
            "procedures",
            at_procedure(i, "back_office"),
            data={"systems": list(p.systems)},
        )
