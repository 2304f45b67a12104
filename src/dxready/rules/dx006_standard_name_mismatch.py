"""standard_no does not match the national list's name.

The built-in registry holds the 21 rows of 地方公共団体が優先的にオンライン化を推進すべき手続 with their official names.
Names are compared after folding full/half width, brackets and 等, so the plan's 「文化・スポーツ施設の利用予約」 matches
the official 「文化・スポーツ施設等の利用予約等」, but a row with the wrong number does not.

Why it matters:
    The standard number is how a catalogue is compared with other municipalities and with national figures; a row
    under the wrong number puts every comparison out by one.

Fails:
    procedures:
      - id: e-bidding
        standard_no: 14
        name: 入札
        status: ○

Passes:
    procedures:
      - id: e-bidding
        standard_no: 15
        name: 入札
        status: ○
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.registry import STANDARD_BY_NO, name_matches
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure

CODE = "DX006"
NAME = "standard-name-mismatch"
SEVERITY = Severity.error
SUMMARY = Msg(
    "標準事務の番号と名称が国の一覧と合わない", "standard_no does not match the national list's name"
)
DESCRIPTION_JA = (
    "組み込みの一覧は「地方公共団体が優先的にオンライン化を推進すべき手続」の 21 行を正式名称とともに持っています。"
    "名称は全角・半角、括弧、「等」をそろえてから比べるので、計画の「文化・スポーツ施設の利用予約」は正式名称「文化・スポーツ施設等の利用予約等」と一致しますが、番号を誤った行は一致しません。"
)
WHY_JA = "標準事務の番号は他団体や国の数値と比べるための鍵です。番号がずれると比較がすべてずれます。"
NEXT_STEP = Msg(
    "standard_no か名称を国の一覧に合わせてください", "Correct standard_no or the name to the national list"
)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, p in enumerate(catalog.procedures):
        if p.standard_no is None or name_matches(p.standard_no, p.name):
            continue
        official = STANDARD_BY_NO[p.standard_no].name
        yield Finding(
            CODE,
            Subject("procedure", p.id),
            Msg(
                f"標準事務 {p.standard_no} の名称は「{official}」です（「{p.name}」と書かれています）",
                f"standard procedure {p.standard_no} is '{official}', not '{p.name}'",
            ),
            "procedures",
            at_procedure(i, "standard_no"),
        )
