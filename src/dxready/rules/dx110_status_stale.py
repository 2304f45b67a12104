"""The status has not been confirmed for a long time.

A long time is more than ``targets.staleness_days`` in dxready.yaml (default 365 days).

The confirmation date is the procedure's ``verified_on``, else its ``as_of``, else the ``as_of`` of
procedures.yaml. A procedure with none of them is not reported (there is nothing to measure). Not-applicable
procedures are left out.

Why it matters:
    Statuses change as the city adds channels; a table copied into a council report from a year-old catalogue
    under-reports progress or hides a lapse. Each status needs a date someone last checked it.

Fails:
    now: 2026-11-26
    as_of: 2023-12-31
    procedures:
      - id: library-reservation
        standard_no: 1
        name: 図書館の図書貸出予約等
        status: ○

Passes:
    now: 2026-11-26
    as_of: 2023-12-31
    procedures:
      - id: library-reservation
        standard_no: 1
        name: 図書館の図書貸出予約等
        status: ○
        verified_on: 2026-10-01
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.models import Status
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure

CODE = "DX110"
NAME = "status-stale"
SEVERITY = Severity.info
SUMMARY = Msg("状況が長く確認されていない", "The status has not been confirmed for a long time")
DESCRIPTION_JA = (
    "長くとは、dxready.yaml の `targets.staleness_days`（既定 365 日）を超えることです。\n\n"
    "確認の日付は手続の確認日（`verified_on`）、なければその状況の時点（`as_of`）、なければ procedures.yaml 全体の状況の時点（`as_of`）です。"
    "どれもない手続は報告しません（測るものがありません）。"
    "該当しない手続は除きます。"
)
WHY_JA = (
    "状況はチャネルの追加などで変わります。"
    "古いカタログの表を議会資料に写すと、進捗を過小に示したり後退を隠したりします。"
)
NEXT_STEP = Msg(
    "状況を担当課に確認し、verified_on に確認日を記録してください",
    "Confirm the status with the owning division and record the date in verified_on",
)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    limit = ctx.targets.staleness_days
    file_date = catalog.procedures_file.as_of
    now, shown_limit = ctx.as_of.isoformat(), f"{limit:,}"  # the same in every finding: formatted once
    for i, p in enumerate(catalog.procedures):
        if (
            not p.applicable or p.effective_status is Status.unknown
        ):  # no status to be stale (DX103 asks for it)
            continue
        if p.verified_on is not None:
            date, path = p.verified_on, at_procedure(i, "verified_on")
        elif p.as_of is not None:
            date, path = p.as_of, at_procedure(i, "as_of")
        elif file_date is not None:
            date, path = file_date, at_procedure(i)
        else:
            continue
        age = (ctx.as_of - date).days
        if age <= limit:
            continue
        confirmed = date.isoformat()
        yield Finding(
            CODE,
            Subject("procedure", p.id),
            Msg(
                f"「{p.name}」の状況の最終確認は {confirmed}（{age:,} 日前、基準 {shown_limit} 日）",
                f"status of '{p.name_en or p.name}' last confirmed {confirmed} "
                f"({age:,} days ago; limit {shown_limit})",
            ),
            "procedures",
            path,
            next_step=Msg(
                f"状況を確認し dxready set {p.id} --verified-on {now} で記録してください",
                f"Confirm the status and record it with dxready set {p.id} --verified-on {now}",
            ),
            data={"confirmed": confirmed, "days": age},
        )
