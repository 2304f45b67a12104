"""A procedure marked ○ (online) whose every recorded channel opens only after the status date.

Each channel may say ``since`` when it opened. When all of a ○ procedure's channels open after the date the status
describes (the procedure's ``as_of``, else its ``verified_on``, else the catalogue's ``as_of``, else the run's
``--as-of``), nothing recorded was online at that date. Procedures without channels, or with a channel without
``since``, are not judged here.

Why it matters:
    A ○ that rests on a service not yet opened over-reports progress, and the table built from it says more than
    the city could offer on that day.

Fails:
    as_of: 2024-03-31
    procedures:
      - id: facility-reservation
        standard_no: 2
        name: 文化・スポーツ施設の利用予約
        status: ○
        channels:
          - {kind: dedicated, name: 施設予約システム, since: 2025-04-01}

Passes:
    as_of: 2025-06-30
    procedures:
      - id: facility-reservation
        standard_no: 2
        name: 文化・スポーツ施設の利用予約
        status: ○
        channels:
          - {kind: dedicated, name: 施設予約システム, since: 2025-04-01}
"""

from __future__ import annotations

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.models import Status
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure

CODE = "DX013"
NAME = "online-before-channels"
SEVERITY = Severity.error
SUMMARY = Msg(
    "○（オンライン）の手続の窓口がすべて状況の時点より後に開設",
    "A procedure marked ○ (online) whose every recorded channel opens only after the status date",
)
DESCRIPTION_JA = (
    "窓口（`channels`）ごとに開設日 `since` を記録できます。"
    "○ の手続の窓口がすべて状況の時点（手続の `as_of`、なければその `verified_on`、なければカタログの `as_of`、なければ実行時の `--as-of`）より後に開設されるなら、記録上その時点でオンラインだったものはありません。"
    "窓口のない手続や、`since` のない窓口がある手続は、ここでは判断しません。"
)
WHY_JA = "まだ開設されていない窓口に基づく○は進捗を過大に示します。その時点の表が実際より多くを語ります。"
NEXT_STEP = Msg(
    "状況の時点（as_of）か、窓口の開設日（since）か、状況（status）を確かめて直してください",
    "Check the status date (as_of), the channels' opening dates (since) or the status, and correct it",
)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    default = catalog.procedures_file.as_of or ctx.as_of
    for i, p in enumerate(catalog.procedures):
        if p.effective_status is not Status.online or not p.channels:
            continue
        if any(c.since is None for c in p.channels):
            continue
        day = p.as_of or p.verified_on or default
        first = min(c.since for c in p.channels if c.since is not None)
        if first <= day:
            continue
        yield Finding(
            CODE,
            Subject("procedure", p.id),
            Msg(
                f"「{p.name}」は ○ ですが、記録された窓口はどれも {day} より後（最も早くて {first}）に開設されています",
                f"'{p.name_en or p.name}' is ○ but every recorded channel opens after {day} (the first on {first})",
            ),
            "procedures",
            at_procedure(i, "status"),
            data={"status_date": day.isoformat(), "first_channel": first.isoformat()},
        )
