"""A procedure marked × (offline) has online cases counted after its status date.

The status says the procedure cannot be done online, yet its counts record online applications (``online`` above 0,
or a published rate above 0 %) in a fiscal year at or after the date the status describes (the procedure's
``as_of``, else its ``verified_on``, else the catalogue's ``as_of``). Counts of years that ended before that date
may be a service that was withdrawn, and are left alone; with no status date at all, every year counts. Applies to
sub-procedures too.

Why it matters:
    One of the two facts is wrong: either the status hides an online route (the table under-reports), or the
    counts belong to another procedure (the usage figures published from them are wrong).

Fails:
    procedures:
      - id: bulky-waste
        standard_no: 9
        name: 粗大ごみ収集の申込
        status: ×
        counts:
          - {fiscal_year: 2023, total: 1200, online: 300}

Passes:
    procedures:
      - id: bulky-waste
        standard_no: 9
        name: 粗大ごみ収集の申込
        status: ×
        as_of: 2024-12-31
        counts:
          - {fiscal_year: 2022, total: 1200, online: 300}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from dxready.catalog.fiscal import FiscalYear
from dxready.catalog.load import Catalog
from dxready.catalog.models import Counts, Status
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure

CODE = "DX012"
NAME = "offline-with-online-use"
SEVERITY = Severity.error
SUMMARY = Msg(
    "×（未オンライン）の手続にオンライン件数がある",
    "A procedure marked × (offline) has online cases counted after its status date",
)
DESCRIPTION_JA = (
    "状況はオンラインでできないと言うのに、状況の時点（手続の `as_of`、なければその `verified_on`、なければカタログの `as_of`）を含む年度またはそれより後の年度の件数に、オンライン申請が記録されています（`online` が 0 より大きい、または公表された利用率が 0 % より大きい）。"
    "その時点より前に終わった年度の件数は、取りやめたサービスのものかもしれないので問いません。"
    "状況の時点がまったくなければ、すべての年度を見ます。"
    "個別手続にも適用されます。"
)
WHY_JA = (
    "状況と件数のどちらかが誤っています。オンラインの窓口があるのに×なら表は過小に、"
    "別の手続の件数なら公表する利用率が誤ります。"
)
NEXT_STEP = Msg(
    "状況（status）と件数（counts）のどちらが正しいか確かめ、誤っている方を直してください",
    "Check whether the status or the counts are right, and correct the other",
)


def _online_use(c: Counts) -> bool:
    return (c.online is not None and c.online > 0) or (c.online is None and c.rate is not None and c.rate > 0)


def _contradicting(counts: list[Counts], since: dt.date | None) -> Iterator[tuple[int, Counts]]:
    for j, c in enumerate(counts):
        if _online_use(c) and (since is None or FiscalYear(int(c.fiscal_year)).end >= since):
            yield j, c


def _message(name: str, name_en: str | None, c: Counts, since: dt.date | None) -> Msg:
    """The message: the procedure by its English name in English where the catalogue gives one."""
    used = f"{c.online:,} 件" if c.online is not None else f"{c.rate:.1f}%"
    used_en = f"{c.online:,} cases" if c.online is not None else f"{c.rate:.1f}%"
    when = f"（状況の時点 {since}）" if since else "（状況の時点は未記録）"
    when_en = f" (status as of {since})" if since else " (no status date recorded)"
    return Msg(
        f"「{name}」は × ですが、{c.fiscal_year.ja()}にオンライン利用 {used.strip()}が記録されています{when}",
        f"'{name_en or name}' is × but {c.fiscal_year.en()} records online use of {used_en}{when_en}",
    )


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    default = catalog.procedures_file.as_of
    for i, p in enumerate(catalog.procedures):
        since = p.as_of or p.verified_on or default
        if p.effective_status is Status.offline:
            for j, c in _contradicting(p.counts, since):
                yield Finding(
                    CODE,
                    Subject("procedure", p.id),
                    _message(p.name, p.name_en, c, since),
                    "procedures",
                    at_procedure(i, "counts", j, "online" if c.online is not None else "rate"),
                    data={"fiscal_year": int(c.fiscal_year)},
                )
        for k, s in enumerate(p.sub_procedures):
            if s.status is not Status.offline:
                continue
            for j, c in _contradicting(s.counts, since):
                yield Finding(
                    CODE,
                    Subject("procedure", p.id),
                    _message(s.name, s.name_en, c, since),
                    "procedures",
                    at_procedure(
                        i, "sub_procedures", k, "counts", j, "online" if c.online is not None else "rate"
                    ),
                    data={"fiscal_year": int(c.fiscal_year), "sub_procedure": s.id},
                )
