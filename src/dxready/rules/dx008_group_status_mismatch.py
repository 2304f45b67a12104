"""A group's status disagrees with its sub-procedures.

Rows such as 子育て関係 (15 手続) hold sub-procedures with their own status. A group's recorded status must be one
that its sub-procedures allow: all online → ○ online, some online and some not → 一部 partial, all offline → ×
offline. Unknown sub-procedures could still be anything, so the rule fires only when no completion of them agrees
with the group's mark (○ with a sub-procedure ×, × with one ○, 一部 with every one known ○). A group recorded as
unknown takes its sub-procedures' status where it is settled, and is never reported here. Until the contradiction
is fixed the group's status is not known: rates, levels and tables count it as unknown (？), and say why.

Why it matters:
    The plan's table shows only the group's mark; if it says ○ while a sub-procedure is still offline, the table
    over-reports progress.

Fails:
    procedures:
      - id: childcare
        name: 子育て関係（児童手当、保育施設利用等）
        status: ○
        sub_procedures:
          - {id: childcare-01, name: 児童手当等の受給資格及び児童手当の額についての認定請求, status: ○}
          - {id: childcare-15, name: 妊娠の届出, status: ×}

Passes:
    procedures:
      - id: childcare
        name: 子育て関係（児童手当、保育施設利用等）
        status: 一部
        sub_procedures:
          - {id: childcare-01, name: 児童手当等の受給資格及び児童手当の額についての認定請求, status: ○}
          - {id: childcare-15, name: 妊娠の届出, status: ×}
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.models import Procedure, Status, possible_statuses, settled_status, tally
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure

CODE = "DX008"
NAME = "group-status-mismatch"
SEVERITY = Severity.error
SUMMARY = Msg("まとまりの状況が個別手続と合わない", "A group's status disagrees with its sub-procedures")
DESCRIPTION_JA = (
    "子育て関係（15 手続）のような行は、それぞれ状況を持つ個別手続を含みます。"
    "まとまりに記録する状況は、個別手続が許すものでなければなりません：すべてオンライン → ○（オンライン）、一部がオンラインで残りがそうでない → 一部、すべて未オンライン → ×（未オンライン）。"
    "未確認の個別手続はまだどれにもなり得るので、それらをどう埋めてもまとまりの印と合わないときだけ報告します（○ なのに × の個別手続がある、× なのに ○ がある、一部 なのにすべて ○ と分かっている）。"
    "未確認と記録したまとまりは、個別手続で決まるところはその状況を取り、ここでは報告されません。"
    "矛盾を直すまで、まとまりの状況は分かりません：率・レベル・表はそれを未確認（？）と数え、理由を示します。"
)
WHY_JA = (
    "計画の表にはまとまりの記号しか出ません。個別手続に未オンラインが残るのに○なら、進捗を過大に示します。"
)
NEXT_STEP = Msg(
    "まとまりの status を個別手続の状況に合わせてください",
    "Set the group's status to what its sub-procedures say",
)


def expected_status(procedure: Procedure) -> Status | None:
    """The status the sub-procedures settle whatever the unknown ones are, or None when they do not settle it."""
    return settled_status([s.status for s in procedure.sub_procedures])


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, p in enumerate(catalog.procedures):
        if not p.sub_procedures or p.status in (Status.unknown, Status.not_applicable):
            continue
        statuses = [s.status for s in p.sub_procedures]
        if p.status in possible_statuses(statuses):
            continue
        said = tally(statuses)
        yield Finding(
            CODE,
            Subject("procedure", p.id),
            Msg(
                f"まとまりは {p.status.mark}（{p.status.label('ja')}）ですが、個別手続（{said}）と合いません"
                "（直すまで状況は未確認として数えます）",
                f"the group says {p.status.mark} ({p.status.label('en')}) but its sub-procedures ({said}) disagree"
                " (counted as unknown until fixed)",
            ),
            "procedures",
            at_procedure(i, "status"),
            data={
                "expected": settled.value if (settled := settled_status(statuses)) else None,
                "possible": sorted(s.value for s in possible_statuses(statuses)),
            },
        )
