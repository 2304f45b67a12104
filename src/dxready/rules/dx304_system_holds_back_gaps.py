"""A system processes procedures that are not fully online.

For each system, the applicable procedures that name it in ``systems`` and whose status is ``offline`` or
``partial`` are counted (an unknown status is not known to be held back, and is not counted); a system holding back at least one is reported with their number and
names, so that the systems can be ranked by the gaps that depend on them (``data.count``).

Why it matters:
    Putting a procedure online often waits on the system that processes it (its migration, an interface for
    online intake). A system on which many gaps depend is where one project unblocks several procedures.

Fails:
    procedures:
      - id: dog-registration
        standard_no: 11
        name: 犬の登録申請、死亡届
        status: ×
        systems: [rabies-vaccination]
    systems:
      - id: rabies-vaccination
        name: 狂犬病予防接種
        tier: backbone

Passes:
    procedures:
      - id: dog-registration
        standard_no: 11
        name: 犬の登録申請、死亡届
        status: ○
        systems: [rabies-vaccination]
    systems:
      - id: rabies-vaccination
        name: 狂犬病予防接種
        tier: backbone
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.models import Procedure, Status
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import SHOWN, Context, listing

CODE = "DX304"
NAME = "system-holds-back-gaps"
SEVERITY = Severity.info
SUMMARY = Msg(
    "システムが未オンラインの手続を抱えている", "A system processes procedures that are not fully online"
)
DESCRIPTION_JA = (
    "システムごとに、`systems` でそのシステムを名指し、状況が `offline`（×）か `partial`（一部）の該当手続を数えます（未確認の状況は足止めされているとは分からないので数えません）。"
    "一つ以上抱えるシステムを、その数と名前とともに報告し、システムをそれに依存するギャップの数で順位付けできるようにします（`data.count`）。"
)
WHY_JA = (
    "手続のオンライン化は、処理するシステムの移行や受付連携を待つことが多く、"
    "多くの手続が依存するシステムほど効果が大きくなります。"
)
NEXT_STEP = Msg(
    "このシステムでオンライン受付を取り込めるか（連携・改修・移行時期）をベンダと確認してください",
    "Check with the vendor how this system can take online applications "
    "(interface, change, migration timing)",
)

_NOT_ONLINE = (Status.offline, Status.partial)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    held: dict[str, list[Procedure]] = {}
    for p in catalog.procedures:
        if p.effective_status in _NOT_ONLINE:
            for ident in dict.fromkeys(p.systems):
                held.setdefault(ident, []).append(p)
    for i, s in enumerate(catalog.systems):
        procs = held.get(s.id)
        if not procs:
            continue
        first = procs[:SHOWN]  # only these are named; the rest are counted
        shown = listing(
            [f"「{p.name}」（{p.effective_status.mark}）" for p in first],
            [f"'{p.name_en or p.name}' ({p.effective_status.mark})" for p in first],
            "件",
            len(procs),
        )
        shown_ja, shown_en = shown.ja, shown.en
        yield Finding(
            CODE,
            Subject("system", s.id),
            Msg(
                f"「{s.name}」で処理する {len(procs)} 件の手続がオンライン化されていません: {shown_ja}",
                f"{len(procs)} procedure(s) processed by '{s.name_en or s.name}' "
                f"are not fully online: {shown_en}",
            ),
            "systems",
            ("systems", i, "id"),
            data={"procedures": [p.id for p in procs], "count": len(procs)},
        )
