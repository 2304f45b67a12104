"""No system covers a standardised business.

Each of the 20 standardised businesses (住民基本台帳 … 戸籍の附票) should be hosted by some system, either as
the system's ``standard_business`` or as a module's. Reported only when ``systems.yaml`` lists at least one
system: an empty systems file says nothing about the city's systems.

Why it matters:
    A business no system covers is either missing from the catalogue or unmapped; either way its migration to
    a standard-compliant system is not tracked and DX301 cannot see it.

Fails:
    systems:
      - id: koseki
        name: 戸籍情報システム
        tier: backbone
        standard_business: 戸籍

Passes:
    systems: []
"""

import unicodedata
from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.registry import STANDARD_BUSINESSES
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context

CODE = "DX302"
NAME = "standard-business-uncovered"
SEVERITY = Severity.info
SUMMARY = Msg("標準化対象業務を担うシステムがない", "No system covers a standardised business")
DESCRIPTION_JA = (
    "20 の標準化対象業務（住民基本台帳 … 戸籍の附票）はそれぞれ、システムの `standard_business` かそのモジュールのものとして、どこかのシステムが担うはずです。"
    "`systems.yaml` に少なくとも一つのシステムがあるときだけ報告します：空のシステムファイルは市のシステムについて何も語りません。"
)
WHY_JA = (
    "どのシステムにも対応付けられていない標準化対象業務は、記載漏れか対応付け漏れです。"
    "いずれにせよ移行の進み具合を追えません。"
)
NEXT_STEP = Msg(
    "その業務を処理するシステム（またはモジュール）に standard_business を記録してください",
    "Record standard_business on the system (or module) that processes the business",
)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    if not catalog.systems:
        return
    covered = {unicodedata.normalize("NFKC", b) for s in catalog.systems for b in s.businesses()}
    for business in STANDARD_BUSINESSES:
        if unicodedata.normalize("NFKC", business) in covered:
            continue
        yield Finding(
            CODE,
            Subject("catalog", business),
            Msg(
                f"標準化対象業務「{business}」を担うシステムがありません",
                f"no system covers the standardised business '{business}'",
            ),
            "systems",
            ("systems",),
        )
