"""An attachment holds information the city already has.

An application asks for an attachment whose information the city already holds (once-only).

Reported for attachments marked ``held_by_city: true`` (住民票の写し, 課税証明書, …) that have not been
``abolished``.

Why it matters:
    The once-only principle: a resident should not have to fetch from one counter what another counter of the
    same city already has. Each such attachment is a trip, a fee and a paper copy that back-office lookup
    could replace. It keeps the procedure below level 4.

Fails:
    procedures:
      - id: childcare
        standard_no: 18
        name: 子育て関係（児童手当、保育施設利用等）
        status: ○
        attachments:
          - {name: 課税証明書, held_by_city: true}

Passes:
    procedures:
      - id: childcare
        standard_no: 18
        name: 子育て関係（児童手当、保育施設利用等）
        status: ○
        attachments:
          - {name: 課税証明書, held_by_city: true, abolished: true}
          - {name: 健康保険証の写し}
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure

CODE = "DX201"
NAME = "attachment-held-by-city"
SEVERITY = Severity.warning
SUMMARY = Msg("市が保有する情報の添付を求めている", "An attachment holds information the city already has")
DESCRIPTION_JA = (
    "申請が、市がすでに持っている情報の添付を求めています（ワンスオンリー）。\n\n"
    "`held_by_city: true` と記録され、廃止（`abolished`）されていない添付書類（住民票の写し、課税証明書、…）に報告します。"
)
WHY_JA = (
    "ワンスオンリーの原則では、市がすでに持つ情報を市民に取りに行かせません。"
    "添付のたびに来庁・手数料・紙の写しが生じます。"
)
NEXT_STEP = Msg(
    "庁内の情報連携（住基・税情報の参照）に切り替え、添付を廃止してください",
    "Look the information up in-house (resident register, tax data) and drop the attachment",
)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, p in enumerate(catalog.procedures):
        if not p.applicable or not p.attachments:
            continue
        held = [(k, a) for k, a in enumerate(p.attachments) if a.held_by_city and not a.abolished]
        if not held:
            continue
        names_ja = "、".join(f"「{a.name}」" for _, a in held)
        names_en = ", ".join(f"'{a.name}'" for _, a in held)
        yield Finding(
            CODE,
            Subject("procedure", p.id),
            Msg(
                f"「{p.name}」は市が保有する情報の添付を求めています: {names_ja}",
                f"'{p.name_en or p.name}' asks for attachments the city already holds: {names_en}",
            ),
            "procedures",
            at_procedure(i, "attachments", held[0][0]),
            data={"attachments": [a.name for _, a in held]},
        )
