"""The target year has passed and the procedure is not online.

Reported while a procedure is not fully online (○) after its target fiscal year has ended.

The target year ends on 31 March after it (令和7年度 → 2026-03-31); "now" is ``--as-of`` (default: today). Where the
status is unknown, nothing says the target was missed: the rule asks for the status at info level instead.

Why it matters:
    A missed target is a commitment the council and residents were given. It should be either met or moved on
    the record, with a reason, rather than left to lapse silently.

Fails:
    now: 2026-11-26
    procedures:
      - id: bulky-waste
        standard_no: 9
        name: 粗大ごみ収集の申込
        status: ×
        target_fiscal_year: 令和7年度

Passes:
    now: 2026-11-26
    procedures:
      - id: bulky-waste
        standard_no: 9
        name: 粗大ごみ収集の申込
        status: ×
        target_fiscal_year: 令和8年度
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.models import Status
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure, missing_fact

CODE = "DX109"
NAME = "target-passed-not-online"
SEVERITY = Severity.warning
SUMMARY = Msg(
    "目標年度を過ぎてもオンライン化されていない", "The target year has passed and the procedure is not online"
)
DESCRIPTION_JA = (
    "手続が目標年度の終わった後も完全にはオンライン（○）でないあいだ報告します。\n\n"
    "目標年度はその翌年の 3 月 31 日に終わります（令和7年度 → 2026-03-31）。"
    "「今」は `--as-of`（既定は今日）です。"
    "状況が未確認なら目標を逃したとは言えないので、このルールは代わりに情報レベルで状況を求めます。"
)
WHY_JA = (
    "目標年度は議会や市民への約束です。"
    "達成するか、理由を付けて目標を改めるべきで、黙って過ぎさせてはいけません。"
)
NEXT_STEP = Msg(
    "オンライン化を完了するか、理由を記録して target_fiscal_year を改めてください",
    "Finish putting it online, or record why and set a new target_fiscal_year",
)
MISSING_FACT_SUMMARY = Msg(
    "目標年度を過ぎた手続の状況が未記録",
    "The target year has passed and the procedure's status is not recorded",
)
MISSING_FACT_NEXT_STEP = Msg(
    "状況を確認して記録してください（下のコマンド）",
    "Confirm the status and record it (the command below)",
)
"""The heading and shared next step of this rule's "record the status" findings when a view groups them (SUMMARY
would assert that the procedure is not online, which is not recorded)."""


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, p in enumerate(catalog.procedures):
        year = p.target_fiscal_year
        if year is None or not p.applicable or p.effective_status is Status.online or year.end >= ctx.as_of:
            continue
        if p.status_contradicted:  # recorded, but contradicted: DX008 asks to fix it, not to record it
            continue
        if p.effective_status is Status.unknown:
            yield missing_fact(
                CODE,
                Subject("procedure", p.id),
                Msg(
                    f"「{p.name}」の目標 {year.ja()} を過ぎましたが、状況が未記録です。記録してください",
                    f"the target {year.en()} of '{p.name_en or p.name}' has ended, but its status is not recorded",
                ),
                "procedures",
                at_procedure(i, "status"),
                next_step=Msg(
                    f"状況を確認し、確認した記号（○ 一部 × —）で記録してください。例: dxready set {p.id} --status ○",
                    f"Confirm the status and record its mark (○, 一部, × or —), e.g. dxready set {p.id} --status ○",
                ),
                data={"target_fiscal_year": int(year), "status": "unknown"},
            )
            continue
        yield Finding(
            CODE,
            Subject("procedure", p.id),
            Msg(
                f"「{p.name}」の目標 {year.ja()}（{year.end.isoformat()} まで）を過ぎましたが、"
                f"状況は {p.effective_status.mark}（{p.effective_status.label('ja')}）です",
                f"the target {year.en()} of '{p.name_en or p.name}' ended on {year.end.isoformat()}, "
                f"but its status is {p.effective_status.mark} ({p.effective_status.label('en')})",
            ),
            "procedures",
            at_procedure(i, "target_fiscal_year"),
            data={"target_fiscal_year": int(year), "status": p.effective_status.value},
        )
