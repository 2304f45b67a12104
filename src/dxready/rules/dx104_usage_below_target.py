"""The online usage rate is below the target.

The target is ``targets.usage_rate`` in dxready.yaml (default 50 %).

The rate is うちオンライン数 ÷ 手続総件数 of the latest fiscal year counted, to one decimal as municipalities
publish it; where the year has no total, the rate the city published (``rate``) is used, and the message says
which. A group without counts of its own uses the sum of its sub-procedures' counts, once every applicable
sub-procedure is counted (before that, the uncounted ones could move the rate anywhere), and says on how many rows
it rests. Procedures that are not online at all (×, reported by DX101) or not applicable are left out, as are years
with no cases and online-only figures (no rate can be told from them). A part year's published rate (``period_end``,
「11月末現在」) is given with the date it runs to, never as the whole fiscal year's.

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

from dxready.catalog.fiscal import FiscalYear, period_text
from dxready.catalog.load import Catalog
from dxready.catalog.models import Status
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure

CODE = "DX104"
NAME = "usage-below-target"
SEVERITY = Severity.info
SUMMARY = Msg("オンライン利用率が目標を下回る", "The online usage rate is below the target")
DESCRIPTION_JA = (
    "目標は dxready.yaml の `targets.usage_rate`（既定 50 %）です。\n\n"
    "率は件数のある最新年度の うちオンライン数 ÷ 手続総件数 で、団体が公表するとおり小数第一位までです。"
    "その年度に総件数がなければ市が公表した率（`rate`）を使い、メッセージがその旨を述べます。"
    "自身の件数を持たないまとまりは個別手続の件数の合計を使いますが、それは該当するすべての個別手続に件数がそろってからです（それまでは、件数のないものが率をどこへでも動かし得ます）。"
    "そのときメッセージはいくつの行に基づくかを述べます。"
    "まったくオンラインでない手続（×、DX101 が報告）や該当しない手続は除き、件数が 0 の年度やオンライン件数だけの数値も除きます（そこからは率が分かりません）。"
    "年度途中の公表値（`period_end`、「11月末現在」）は、その日付とともに示し、年度全体の率としては述べません。"
)
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
    shown = f"{target:.1f}"  # the same in every finding: formatted once
    for i, p in enumerate(catalog.procedures):
        if p.effective_status in (Status.offline, Status.not_applicable):
            continue
        usage = catalog.latest_usage(p)  # found once: gaps' JSON shows it again
        if usage is None or usage.rate is None or usage.rate >= target:
            continue  # a sum over some sub-procedures states no rate: an uncounted one could change it
        rate, year, c = usage.rate, FiscalYear(usage.fiscal_year), usage.counts
        used = usage.rate_from
        if usage.rows is not None:
            rows, of = usage.rows
            basis = Msg(
                f"個別手続 {of} 件中 {rows} 件の合計 {c.online:,} / {c.total:,} 件",
                f"sum of {rows} of {of} sub-procedures: {c.online:,} of {c.total:,}",
            )
            path = at_procedure(i, "sub_procedures")
        else:
            if used == "counts" and c.online is not None and c.total is not None:
                basis = Msg(f"{c.online:,} / {c.total:,} 件", f"{c.online:,} of {c.total:,}")
            else:
                basis = Msg("公表値", "published rate")
            path = at_procedure(
                i, "counts", usage.own_index or 0, "online" if c.online is not None else "rate"
            )
        # A part year (「11月末現在」) is said with its year, never as the whole year's rate (review s8 F5).
        end = c.period_end
        period = (
            Msg(year.ja(), year.en())
            if end is None
            else Msg(f"{year.ja()}（{period_text(end, 'ja')}）", f"{year.en()} ({period_text(end, 'en')})")
        )
        yield Finding(
            CODE,
            Subject("procedure", p.id),
            Msg(
                f"「{p.name}」の{period.ja}のオンライン利用率は {rate:.1f}%"
                f"（{basis.ja}）で、目標 {shown}% を下回っています",
                f"the online usage rate of '{p.name_en or p.name}' in {period.en} is {rate:.1f}% "
                f"({basis.en}), below the target of {shown}%",
            ),
            "procedures",
            path,
            data={"fiscal_year": int(year), "rate": rate, "target": target, "rate_from": used},
        )
