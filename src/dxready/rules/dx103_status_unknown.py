"""The online status is not known.

Reported for a procedure or sub-procedure whose status is ``unknown`` (？). A group whose recorded status its
sub-procedures contradict counts as unknown too, but is DX008's to report (it is recorded, only wrongly).

Why it matters:
    A catalogue started with ``dxready init`` has every status ``unknown``; until each is confirmed, the rates
    and levels leave the procedure out and the gaps it may have stay invisible. Unknown facts never count as
    progress.

Fails:
    procedures:
      - id: bulky-waste
        standard_no: 9
        name: 粗大ごみ収集の申込
        status: unknown

Passes:
    procedures:
      - id: bulky-waste
        standard_no: 9
        name: 粗大ごみ収集の申込
        status: ×
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.models import Status, tally
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure, missing_fact

CODE = "DX103"
NAME = "status-unknown"
SEVERITY = Severity.info
SUMMARY = Msg("オンライン化の状況が未確認", "The online status is not known")
DESCRIPTION_JA = (
    "状況が `unknown`（？）の手続または個別手続に報告します。"
    "記録した状況が個別手続と矛盾するまとまりも未確認と数えますが、その報告は DX008 の役目です（記録はあり、誤っているだけです）。"
)
WHY_JA = (
    "状況が未確認の手続は率や段階の集計から外れ、抱えている課題も見えません。未確認は進捗として数えません。"
)
NEXT_STEP = Msg(
    "担当課に状況を確認し、その記号（○ 一部 × —）を記録してください",
    "Confirm the status with the owning division and record its mark (○, 一部, × or —)",
)


def _step(ident: str, unknown_subs: int) -> Msg:
    """Confirm, then record the mark found. The command leaves the mark to fill in (記号, MARK: refused as a status if
    pasted as it is), so that pasting it never records a fact nobody checked; a group says its sub-procedures that are
    still unknown, which its own mark does not confirm."""
    subs = f"（個別手続 {unknown_subs} 件も未確認です）" if unknown_subs else ""
    subs_en = f" ({unknown_subs} of its sub-procedures are unknown too)" if unknown_subs else ""
    return Msg(
        f"状況を確認し、確認した記号（○ 一部 × —）で記録してください{subs}。例: dxready set {ident} --status 記号",
        f"Confirm the status and record its mark (○, 一部, × or —){subs_en}, e.g. dxready set {ident} --status MARK",
    )


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, p in enumerate(catalog.procedures):
        if p.effective_status is Status.unknown and not p.status_contradicted:  # a contradiction is DX008's
            said = f"（個別手続 {tally([s.status for s in p.sub_procedures])}）" if p.sub_procedures else ""
            said_en = (
                f" (sub-procedures {tally([s.status for s in p.sub_procedures])})" if p.sub_procedures else ""
            )
            yield missing_fact(
                CODE,
                Subject("procedure", p.id),
                Msg(
                    f"「{p.name}」の状況が未確認です{said}",
                    f"the status of '{p.name_en or p.name}' is unknown{said_en}",
                ),
                "procedures",
                at_procedure(i, "status"),
                next_step=_step(p.id, sum(s.status is Status.unknown for s in p.sub_procedures)),
            )
        for j, s in enumerate(p.sub_procedures):
            if s.status is Status.unknown:
                yield missing_fact(
                    CODE,
                    Subject("procedure", p.id),
                    Msg(
                        f"「{p.name}」の個別手続「{s.name}」の状況が未確認です",
                        f"the status of sub-procedure '{s.name_en or s.name}' "
                        f"of '{p.name_en or p.name}' is unknown",
                    ),
                    "procedures",
                    at_procedure(i, "sub_procedures", j, "status"),
                    data={"sub_procedure": s.id},
                )
