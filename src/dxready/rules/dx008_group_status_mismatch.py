"""A grouped procedure's status disagrees with its sub-procedures.

Rows such as 子育て関係 (15 手続) hold sub-procedures with their own status. The group's status must follow them:
all online → ○ online, some online → 一部 partial, none online → × offline (sub-procedures that are not applicable or
unknown are left out of the comparison).

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
from dxready.catalog.models import Procedure, Status
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure

CODE = "DX008"
NAME = "group-status-mismatch"
SEVERITY = Severity.error
SUMMARY = Msg("まとまりの状況が個別手続と合わない", "A group's status disagrees with its sub-procedures")
WHY_JA = (
    "計画の表にはまとまりの記号しか出ません。個別手続に未オンラインが残るのに○なら、進捗を過大に示します。"
)
NEXT_STEP = Msg(
    "まとまりの status を個別手続の状況に合わせてください",
    "Set the group's status to what its sub-procedures say",
)


def expected_status(procedure: Procedure) -> Status | None:
    """The status the sub-procedures imply, or None when they say nothing."""
    known = [
        s.status for s in procedure.sub_procedures if s.status not in (Status.not_applicable, Status.unknown)
    ]
    if not known:
        return None
    online = sum(s is Status.online for s in known)
    some = any(s in (Status.online, Status.partial) for s in known)
    if online == len(known):
        return Status.online
    return Status.partial if some else Status.offline


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, p in enumerate(catalog.procedures):
        expected = expected_status(p)
        if expected is None or p.status in (expected, Status.unknown):
            continue
        yield Finding(
            CODE,
            Subject("procedure", p.id),
            Msg(
                f"個別手続からは {expected.mark}（{expected.label('ja')}）ですが {p.status.mark} と書かれています",
                f"sub-procedures say {expected.mark} ({expected.label('en')}) but the group says {p.status.mark}",
            ),
            "procedures",
            at_procedure(i, "status"),
            data={"expected": expected.value},
        )
