"""A life event's procedures are only partly online.

Some of them are fully online, this one is not.

For each life event (妊娠, 出生・こども, 引越し, 介護, 死亡・相続 …), the applicable procedures that list it
are compared. When at least one is fully online (○) and others are partial or offline, each of the others is
reported once per event, naming the event and the procedures that are already online. Unknown statuses are
left out.

Why it matters:
    Residents meet procedures by life event, not by division. A move that can be notified online but still
    needs a counter visit for the next step is not one-stop; the bundle is as slow as its slowest procedure
    (level 4).

Fails:
    procedures:
      - id: moving
        standard_no: 21
        name: 転出・転入手続関係
        status: ○
        life_events: [引越し]
      - id: water-service-start
        standard_no: 5
        name: 水道使用開始届等
        status: ×
        life_events: [引越し]

Passes:
    procedures:
      - id: moving
        standard_no: 21
        name: 転出・転入手続関係
        status: ○
        life_events: [引越し]
      - id: water-service-start
        standard_no: 5
        name: 水道使用開始届等
        status: ○
        life_events: [引越し]
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.models import Procedure, Status
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure, listing

CODE = "DX203"
NAME = "life-event-bundle-partial"
SEVERITY = Severity.info
SUMMARY = Msg(
    "ライフイベントの手続が一部しかオンラインでない", "A life event's procedures are only partly online"
)
DESCRIPTION_JA = (
    "そのうち完全にオンラインのものがあるのに、この手続はそうではありません。\n\n"
    "ライフイベント（妊娠、出生・こども、引越し、介護、死亡・相続 …）ごとに、それを挙げる該当手続を比べます。"
    "少なくとも一つが完全にオンライン（○）で、他が一部か未オンラインなら、他の手続をそれぞれイベントごとに一度、イベント名とすでにオンラインの手続を挙げて報告します。"
    "未確認の状況は除きます。"
)
WHY_JA = (
    "市民は課ごとではなくライフイベントごとに手続をします。一つでも窓口が残れば、ワンストップにはなりません。"
)
NEXT_STEP = Msg(
    "同じライフイベントの手続と同じチャネルでオンライン化し、まとめて申請できるようにしてください",
    "Put it online through the same channel as the rest of the life event so they can be done together",
)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    events: dict[str, list[Procedure]] = {}
    for p in catalog.procedures:
        if p.applicable and p.life_events:
            for event in dict.fromkeys(p.life_events):
                events.setdefault(event, []).append(p)
    for i, p in enumerate(catalog.procedures):
        if (
            not p.applicable
            or not p.life_events
            or p.effective_status not in (Status.partial, Status.offline)
        ):
            continue
        for k, event in enumerate(p.life_events):
            if event in p.life_events[:k]:
                continue
            online = [q for q in events.get(event, []) if q.effective_status is Status.online]
            if not online:
                continue
            shown = listing(
                [f"「{q.name}」" for q in online], [f"'{q.name_en or q.name}'" for q in online], "件"
            )
            shown_ja, shown_en = shown.ja, shown.en
            yield Finding(
                CODE,
                Subject("procedure", p.id),
                Msg(
                    f"ライフイベント「{event}」では{shown_ja}がオンラインですが、"
                    f"「{p.name}」は {p.effective_status.mark}（{p.effective_status.label('ja')}）です",
                    f"in the life event '{event}', {shown_en} {'is' if len(online) == 1 else 'are'} online, "
                    f"but '{p.name_en or p.name}' is {p.effective_status.mark} ({p.effective_status.label('en')})",
                ),
                "procedures",
                at_procedure(i, "life_events", k),
                data={"life_event": event, "online": [q.id for q in online]},
            )
