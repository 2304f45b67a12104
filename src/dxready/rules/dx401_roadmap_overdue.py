"""A roadmap item is past its target year and not done.

Done means recorded as ``state: done``.

The target year ends on 31 March after it; "now" is ``--as-of``. An item without ``state`` is reported too, as
information, saying that its progress is not recorded (the plan often gives years but no progress); an item
recorded as not started or in progress is a warning.

Why it matters:
    The 工程表 is what the council approved; an item past its year with no recorded result is either late or
    done without anyone noting it, and both need a line in the next progress report.

Fails:
    now: 2026-11-26
    roadmap:
      - id: standardization-migration
        area: 2
        title: 移行
        start_fiscal_year: 令和6年度
        target: 令和7年度
        state: in_progress

Passes:
    now: 2026-11-26
    roadmap:
      - id: standardization-migration
        area: 2
        title: 移行
        start_fiscal_year: 令和6年度
        target: 令和7年度
        state: done
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.models import RoadmapState
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context

CODE = "DX401"
NAME = "roadmap-overdue"
SEVERITY = Severity.warning
SUMMARY = Msg(
    "工程表の目標年度を過ぎても完了していない", "A roadmap item is past its target year and not done"
)
DESCRIPTION_JA = (
    "完了とは `state: done`（完了）と記録されていることです。\n\n"
    "目標年度はその翌年の 3 月 31 日に終わります。"
    "「今」は `--as-of` です。"
    "`state` のない項目も、進捗が記録されていないこととして情報レベルで報告します（計画は年度を示しても進捗を示さないことが多いため）。"
    "未着手か実施中と記録された項目は警告です。"
)
WHY_JA = (
    "工程表は議会に示した約束です。目標年度を過ぎて結果の記録がない項目は、遅れているか、完了の記録漏れです。"
)
NEXT_STEP = Msg(
    "完了していれば state: done を記録し、遅れていれば理由と新しい目標年度を記録してください",
    "Record state: done if it is done; otherwise record why and a new target year",
)

_STATE_JA = {RoadmapState.not_started: "未着手", RoadmapState.in_progress: "実施中"}


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, r in enumerate(catalog.roadmap):
        year = r.target_year
        if year is None or year.end >= ctx.as_of or r.state is RoadmapState.done:
            continue
        if r.state is None:
            state_ja, state_en = "進捗（state）が記録されていません", "its progress (state) is not recorded"
        else:
            state_ja, state_en = f"状態は「{_STATE_JA[r.state]}」です", f"its state is {r.state.value}"
        yield Finding(
            CODE,
            Subject("roadmap", r.id),
            Msg(
                f"工程表「{r.title}」の目標 {year.ja()}（{year.end.isoformat()} まで）"
                f"を過ぎましたが、{state_ja}",
                f"the roadmap item '{r.title_en or r.title}' passed its target {year.en()} "
                f"({year.end.isoformat()}), and {state_en}",
            ),
            "roadmap",
            ("roadmap", i, "target"),
            # Overdue with no recorded state is a gap in the record, not yet a missed deadline: information.
            severity=Severity.info if r.state is None else SEVERITY,
            data={"target_fiscal_year": int(year), "state": r.state.value if r.state else None},
        )
