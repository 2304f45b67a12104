"""A procedure is not online at all (×).

Reported for every applicable procedure (one that the city has) whose status is ``offline`` (the plan's ×). Sub-procedures of a group
are judged through the group: a group with some online parts is ``partial`` and reported by DX102 instead.

Why it matters:
    Digital First starts with being able to apply online. An × row is level 0 and the first thing a resident
    meets at the counter; it is also what the national dashboard and the council see in the plan's table.

Fails:
    procedures:
      - id: road-occupancy
        standard_no: 7
        name: 道路占用許可申請等
        status: ×

Passes:
    procedures:
      - id: road-occupancy
        standard_no: 7
        name: 道路占用許可申請等
        status: ○
        channels: [e_application]
"""

from collections.abc import Iterator

from dxready.catalog.fiscal import FiscalYear
from dxready.catalog.load import Catalog
from dxready.catalog.models import Status
from dxready.catalog.registry import STANDARD_BY_NO
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure

CODE = "DX101"
NAME = "procedure-offline"
SEVERITY = Severity.warning
SUMMARY = Msg("手続がオンライン化されていない（×）", "A procedure is not online at all (×)")
DESCRIPTION_JA = (
    "該当する手続（市にある手続）のうち、状況が `offline`（計画の ×）のものすべてに報告します。"
    "まとまりの個別手続はまとまりを通して判断します：一部がオンラインのまとまりは `partial`（一部）で、代わりに DX102 が報告します。"
)
WHY_JA = (
    "デジタルファーストの出発点はオンラインで申請できることです。×の手続は窓口に来なければ済ませられません。"
)
NEXT_STEP = Msg(
    "電子申請システムやマイナポータル（ぴったりサービス）での受付を検討し、工程表に目標年度を記録してください",
    "Plan online intake (an e-application system or Mynaportal) and record a target year in the roadmap",
)

_CHANNEL_NAMES = {
    "mynaportal": Msg("マイナポータル（ぴったりサービス）", "Mynaportal (Pittari Service)"),
    "moving_onestop": Msg("引越しワンストップサービス", "the moving one-stop service"),
    "eltax": Msg("eLTAX", "eLTAX"),
    "e_bidding": Msg(
        "共同の電子調達システム（ちば電子調達等）", "the shared e-procurement system (e.g. Chiba's)"
    ),
}


def _planned(catalog: Catalog) -> dict[str, FiscalYear]:
    """Procedure id → the earliest target year of an open roadmap item that links it (the step is then to meet it)."""
    planned: dict[str, FiscalYear] = {}
    for item in catalog.roadmap:
        year = item.target_year
        if year is None or (item.state is not None and item.state.value == "done"):
            continue
        for pid in item.procedures:
            if pid not in planned or year < planned[pid]:
                planned[pid] = year
    return planned


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    planned = _planned(catalog)
    for i, p in enumerate(catalog.procedures):
        if p.effective_status is not Status.offline:
            continue
        label = f"No.{p.standard_no} " if p.standard_no else ""
        target = ""
        target_en = ""
        if p.target_fiscal_year is not None:
            target = f"（目標 {p.target_fiscal_year.ja()}）"
            target_en = f" (target {p.target_fiscal_year.en()})"
        entry = STANDARD_BY_NO.get(p.standard_no) if p.standard_no else None
        channel = _CHANNEL_NAMES.get(entry.shared_channel) if entry and entry.shared_channel else None
        step = None
        year = planned.get(p.id)
        if year is not None:  # the target year is recorded: the step is no longer to record it
            step = Msg(
                f"工程表の目標（{year.ja()}）に向けて、電子申請システムやマイナポータル（ぴったりサービス）での受付を"
                "始めてください",
                f"Start online intake (an e-application system or Mynaportal) by the roadmap's target ({year.en()})",
            )
        if channel is not None:
            step = Msg(
                f"共用されている{channel.ja}で受け付けられないか確認してください",
                f"Check whether {channel.en}, which is shared, can take these applications",
            )
        yield Finding(
            CODE,
            Subject("procedure", p.id),
            Msg(
                f"{label}「{p.name}」はオンラインで申請できません（{p.effective_status.mark}）{target}",
                f"{label}'{p.name_en or p.name}' cannot be applied for online ({p.effective_status.mark}){target_en}",
            ),
            "procedures",
            at_procedure(i, "status"),
            next_step=step,
            data={"standard_no": p.standard_no},
        )
