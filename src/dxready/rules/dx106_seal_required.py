"""A seal (or a seal and its certificate) is required.

An application still requires a seal (押印), or a seal and its certificate (押印＋印鑑証明).

Why it matters:
    A seal cannot be affixed online: the procedure stays at level 2 at best, and 押印＋印鑑証明 also sends the
    applicant to the counter for a certificate first. The digital principles ask for 書面・押印・対面 to be
    reviewed (roadmap (1)③ in 鴨川市's plan).

Fails:
    procedures:
      - id: disclosure-request
        standard_no: 17
        name: 公文書開示請求
        status: ○
        identity: seal

Passes:
    procedures:
      - id: disclosure-request
        standard_no: 17
        name: 公文書開示請求
        status: ○
        identity: mynumber_card
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.models import Identity
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure

CODE = "DX106"
NAME = "seal-required"
SEVERITY = Severity.warning
SUMMARY = Msg("押印または押印＋印鑑証明を求めている", "A seal (or a seal and its certificate) is required")
DESCRIPTION_JA = (
    "申請にまだ押印、または押印と印鑑証明（押印＋印鑑証明）が必要です。"
    "該当する手続のうち、`identity` が `seal`（押印）か `seal_certificate`（押印＋印鑑証明）のものに報告します。"
)
WHY_JA = (
    "押印はオンラインではできません。押印＋印鑑証明なら、申請の前に証明書を取りに来庁する必要まであります。"
)
NEXT_STEP = Msg(
    "押印を廃止するか、マイナンバーカードによる電子署名・本人確認に置き換えてください",
    "Abolish the seal or replace it with My Number Card authentication",
)

_WHAT = {
    Identity.seal: Msg("押印", "a seal"),
    Identity.seal_certificate: Msg("押印と印鑑登録証明書", "a seal and a seal-registration certificate"),
}


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, p in enumerate(catalog.procedures):
        what = _WHAT.get(p.identity) if p.identity is not None and p.applicable else None
        if what is None:
            continue
        yield Finding(
            CODE,
            Subject("procedure", p.id),
            Msg(f"「{p.name}」は{what.ja}を求めています", f"'{p.name_en or p.name}' requires {what.en}"),
            "procedures",
            at_procedure(i, "identity"),
            data={"identity": p.identity.value if p.identity else None},
        )
