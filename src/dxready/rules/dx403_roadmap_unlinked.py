"""A roadmap item is linked to no procedure or system.

Linked means listing at least one id under ``procedures`` or ``systems``. The finding is at the item's ``id``.

Why it matters:
    An item linked to nothing cannot be traced: ``dxready next`` cannot credit it as a plan commitment of any
    procedure, and its effect on the status tables is invisible. Linking it (where the plan allows) makes the
    工程表 measurable.

Fails:
    roadmap:
      - id: frontyard-mynaportal-expansion
        area: 1
        title: マイナポータルでの手続きの拡充
        target: 期限なし

Passes:
    procedures:
      - id: facility-reservation
        standard_no: 2
        name: 文化・スポーツ施設の利用予約
        status: 一部
    roadmap:
      - id: frontyard-simple-e-application
        area: 1
        title: 簡易な電子申請システムの活用による申込手続きの順次オンライン化
        target: 期限なし
        procedures: [facility-reservation]
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context

CODE = "DX403"
NAME = "roadmap-unlinked"
SEVERITY = Severity.info
SUMMARY = Msg(
    "工程表の項目がどの手続・システムにも結び付いていない",
    "A roadmap item is linked to no procedure or system",
)
DESCRIPTION_JA = (
    "結び付きとは、`procedures` か `systems` に少なくとも一つの id を挙げていることです。"
    "指摘の位置は項目の `id` です。"
)
WHY_JA = "結び付きのない項目は追跡できません。どの手続の計画としても数えられず、表への効果も見えません。"
NEXT_STEP = Msg(
    "この項目が進める手続（procedures）かシステム（systems）の id を記録してください",
    "Record the ids of the procedures or systems this item advances",
)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, r in enumerate(catalog.roadmap):
        if r.procedures or r.systems:
            continue
        yield Finding(
            CODE,
            Subject("roadmap", r.id),
            Msg(
                f"工程表「{r.title}」はどの手続・システムにも結び付いていません",
                f"the roadmap item '{r.title_en or r.title}' is linked to no procedure or system",
            ),
            "roadmap",
            ("roadmap", i, "id"),
        )
