"""The latest online usage rate is below the target (``targets.usage_rate`` in dxready.yaml, default 50 %).

The rate is うちオンライン数 ÷ 手続総件数 of the latest fiscal year counted, to one decimal as municipalities
publish it. Procedures that are not online at all (×, reported by DX101) or not applicable are left out, as
are years with no cases.

Why it matters:
    An online route nobody uses saves no counter time. A low rate points at awareness, usability or an online
    form that still needs a visit, which is where the effort should go next.

Fails:
    procedures:
      - id: water-service-start
        standard_no: 5
        name: 水道使用開始届等
        status: ○
        counts:
          - {fiscal_year: 令和4年度, total: 29926, online: 1716}

Passes:
    procedures:
      - id: library-reservation
        standard_no: 1
        name: 図書館の図書貸出予約等
        status: ○
        counts:
          - {fiscal_year: 令和4年度, total: 196759, online: 152983}
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.models import Status
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure

CODE = "DX104"
NAME = "usage-below-target"
SEVERITY = Severity.info
SUMMARY = Msg("オンライン利用率が目標を下回る", "The online usage rate is below the target")
WHY_JA = (
    "使われないオンライン手続は窓口の負担を減らしません。"
    "利用率が低いなら、周知や使いやすさ、来庁が残る手順を見直す必要があります。"
)
NEXT_STEP = Msg(
    "周知や申請画面の使いやすさを見直し、来庁が必要な手順が残っていないか確認してください",
    "Review publicity and the online form's usability, and whether a step still needs a visit",
)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    target = ctx.targets.usage_rate
    for i, p in enumerate(catalog.procedures):
        if p.status in (Status.offline, Status.not_applicable):
            continue
        latest = p.latest_counts()
        if latest is None or latest.rate is None or latest.rate >= target:
            continue
        j = p.counts.index(latest)
        year = latest.fiscal_year
        yield Finding(
            CODE,
            Subject("procedure", p.id),
            Msg(
                f"「{p.name}」の{year.ja()}のオンライン利用率は {latest.rate:.1f}%"
                f"（{latest.online:,} / {latest.total:,} 件）で、目標 {target:.1f}% を下回っています",
                f"the online usage rate of '{p.name_en or p.name}' in {year.en()} is {latest.rate:.1f}% "
                f"({latest.online:,} of {latest.total:,}), below the target of {target:.1f}%",
            ),
            "procedures",
            at_procedure(i, "counts", j, "online"),
            data={"fiscal_year": int(year), "rate": latest.rate, "target": target},
        )
