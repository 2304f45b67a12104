"""A recurring review is overdue.

A recurring (適宜) roadmap item is due for review and no review is recorded.

For an item with ``target: recurring``: when its ``review_fiscal_year`` has ended and ``last_reviewed`` is
missing or earlier than that year, the scheduled review was missed. Otherwise, when ``last_reviewed`` is older
than the cycle (``review_cycle_years`` of the item, else ``targets.review_cycle_years``, default 1 year), the
next review is due. An item with no ``last_reviewed`` and no ``review_fiscal_year`` is due when its own
``review_cycle_years`` have passed since its ``start_fiscal_year`` began.

Why it matters:
    Security policies and audits are never "done": a review that silently lapses leaves the city on a policy
    that no longer matches its systems (AI, social media, cloud).

Fails:
    now: 2028-05-01
    roadmap:
      - id: security-policy-revision
        area: 4
        title: 市情報セキュリティポリシーを見直し、現状に則した内容に改正
        start_fiscal_year: 令和5年度
        target: 適宜
        review_fiscal_year: 令和9年度

Passes:
    now: 2028-05-01
    roadmap:
      - id: security-policy-revision
        area: 4
        title: 市情報セキュリティポリシーを見直し、現状に則した内容に改正
        start_fiscal_year: 令和5年度
        target: 適宜
        review_fiscal_year: 令和9年度
        last_reviewed: 2027-10-01
"""

import datetime as dt
from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.models import RoadmapItem
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context

CODE = "DX402"
NAME = "review-not-done"
SEVERITY = Severity.info
SUMMARY = Msg("定期的な見直し（適宜）が期限内に行われていない", "A recurring review is overdue")
DESCRIPTION_JA = (
    "適宜（定期的）の工程表の項目の見直し時期が来ているのに、見直しの記録がありません。\n\n"
    "`target: recurring`（適宜）の項目について：`review_fiscal_year` が終わり、`last_reviewed` がないかその年度より前なら、予定した見直しを逃しています。"
    "そうでなく、`last_reviewed` が周期（項目の `review_cycle_years`、なければ `targets.review_cycle_years`、既定 1 年）より古ければ、次の見直しの時期です。"
    "`last_reviewed` も `review_fiscal_year` もない項目は、その `start_fiscal_year` の始まりから自身の `review_cycle_years` が過ぎたときに時期が来ます。"
)
WHY_JA = (
    "セキュリティポリシーや監査に完了はありません。"
    "見直しが黙って途切れると、システムの実態に合わない規程が残ります。"
)
NEXT_STEP = Msg(
    "見直しを行い、last_reviewed に実施日を記録してください",
    "Carry out the review and record its date in last_reviewed",
)


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, r in enumerate(catalog.roadmap):
        if r.target != "recurring":
            continue
        found = _fiscal_review_missed(i, r, ctx)
        if found is None:
            found = _cycle_overdue(i, r, ctx)
        if found is not None:
            yield found


def _fiscal_review_missed(i: int, r: RoadmapItem, ctx: Context) -> Finding | None:
    """The review the item names for one fiscal year has passed without a review recorded in or after it."""
    review, last = r.review_fiscal_year, r.last_reviewed
    if review is None or review.end >= ctx.as_of or (last is not None and last >= review.start):
        return None
    since_ja = f"最終見直しは {last.isoformat()}" if last else "見直しの記録がありません"
    since_en = f"last reviewed {last.isoformat()}" if last else "no review is recorded"
    return Finding(
        CODE,
        Subject("roadmap", r.id),
        Msg(
            f"工程表「{r.title}」の {review.ja()} の見直し"
            f"（{review.end.isoformat()} まで）が済んでいません"
            f"（{since_ja}）",
            f"the {review.en()} review of '{r.title_en or r.title}' "
            f"(due {review.end.isoformat()}) is not done ({since_en})",
        ),
        "roadmap",
        ("roadmap", i, "last_reviewed" if last else "review_fiscal_year"),
        data={"due": review.end.isoformat(), "last_reviewed": last.isoformat() if last else None},
    )


def _cycle_overdue(i: int, r: RoadmapItem, ctx: Context) -> Finding | None:
    """A cycle of years has passed since the last review (or since the start, when a cycle is recorded)."""
    review, last = r.review_fiscal_year, r.last_reviewed
    cycle = r.review_cycle_years or ctx.targets.review_cycle_years
    if last is not None:
        due = add_years(last, cycle)
    elif review is None and r.review_cycle_years is not None and r.start_fiscal_year is not None:
        due = add_years(r.start_fiscal_year.start, cycle)
    else:
        return None
    if due >= ctx.as_of:
        return None
    since_ja = (
        f"最終見直しは {last.isoformat()}"
        if last
        else f"{r.start_fiscal_year}の開始以来、見直しの記録がありません"
    )
    since_en = f"last reviewed {last.isoformat()}" if last else "no review is recorded since it started"
    return Finding(
        CODE,
        Subject("roadmap", r.id),
        Msg(
            f"工程表「{r.title}」は {cycle} 年ごとの見直しが "
            f"{due.isoformat()} に期限を迎えています（{since_ja}）",
            f"'{r.title_en or r.title}' is reviewed every {cycle} year(s); "
            f"a review was due on {due.isoformat()} ({since_en})",
        ),
        "roadmap",
        ("roadmap", i, "last_reviewed" if last else "target"),
        data={"due": due.isoformat(), "last_reviewed": last.isoformat() if last else None},
    )
