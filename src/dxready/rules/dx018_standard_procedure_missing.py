"""A standard procedure of the national list has no row.

The 21 standard procedures that the national government asks every municipality to put online first are the list
every catalogue starts from (``dxready init`` writes all 21). A number without a row (a row deleted, or its ``standard_no`` changed to another
number) is a procedure whose status nobody has recorded: the rates count it as ？, so their bounds widen rather than
rise, and this rule names it. A row that does not apply to the city stays in the list as ``—`` (not applicable).

Why it matters:
    Without the rule, deleting a × row would leave the denominator silently and raise the published online rate;
    an emptied list would pass ``check``. The national list is the yardstick every comparison uses.

Fails:
    procedures: []

Passes:
    procedures:
      - {id: s1, standard_no: 1, status: unknown,
         name: 図書館の図書貸出予約等}
      - {id: s2, standard_no: 2, status: unknown,
         name: 文化・スポーツ施設等の利用予約等}
      - {id: s3, standard_no: 3, status: unknown,
         name: 研修・講習・各種イベント等の申込}
      - {id: s4, standard_no: 4, status: unknown,
         name: 地方税申告手続（eLTAX）}
      - {id: s5, standard_no: 5, status: unknown,
         name: 水道使用開始届等}
      - {id: s6, standard_no: 6, status: unknown,
         name: 港湾関係手続}
      - {id: s7, standard_no: 7, status: unknown,
         name: 道路占用許可申請等}
      - {id: s8, standard_no: 8, status: unknown,
         name: 建築確認}
      - {id: s9, standard_no: 9, status: unknown,
         name: 粗大ごみ収集の申込}
      - {id: s10, standard_no: 10, status: unknown,
         name: 産業廃棄物の処理、運搬の実績報告}
      - {id: s11, standard_no: 11, status: unknown,
         name: 犬の登録申請、死亡届}
      - {id: s12, standard_no: 12, status: unknown,
         name: 感染症調査報告}
      - {id: s13, standard_no: 13, status: unknown,
         name: 職員採用試験申込}
      - {id: s14, standard_no: 14, status: unknown,
         name: 入札参加資格審査申請等}
      - {id: s15, standard_no: 15, status: unknown,
         name: 入札}
      - {id: s16, standard_no: 16, status: unknown,
         name: 衆議院・参議院選挙の不在者投票用紙等の請求}
      - {id: s17, standard_no: 17, status: unknown,
         name: 公文書開示請求}
      - {id: s18, standard_no: 18, status: unknown,
         name: 子育て関係（児童手当、保育施設利用等）}
      - {id: s19, standard_no: 19, status: unknown,
         name: 介護関係（介護認定申請等）}
      - {id: s20, standard_no: 20, status: unknown,
         name: 被災者支援関係（罹災証明書発行申請）}
      - {id: s21, standard_no: 21, status: unknown,
         name: 転出・転入手続関係}
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.registry import STANDARD_PROCEDURES
from dxready.catalog.settings import Severity
from dxready.catalog.walk import standard_subject
from dxready.findings import Finding, Msg
from dxready.rules.base import Context

CODE = "DX018"
NAME = "standard-procedure-missing"
SEVERITY = Severity.error
SUMMARY = Msg(
    "国の標準手続（21 行）のうち行がないものがある", "A standard procedure of the national list has no row"
)
DESCRIPTION_JA = (
    "国がすべての団体にまずオンライン化を求める 21 の標準手続は、どのカタログも出発点とする一覧です（`dxready init` は 21 行すべてを書きます）。"
    "行のない番号（行が削除された、またはその `standard_no` が別の番号に変えられた）は、だれも状況を記録していない手続です：率はそれを ？ と数えるので、率は上がらずに幅が広がります。"
    "このルールはその番号を名指します。"
    "市に該当しない行は、`—`（該当なし）として一覧に残します。"
)
WHY_JA = (
    "標準の 21 手続は国の一覧で、率の分母です。行を消したり番号を変えたりすると、その手続が分母から黙って抜け、"
    "オンライン化率が実際より高く見えます。行のない手続は状況が未確認（？）として数えます。"
)
NEXT_STEP = Msg(
    "その番号の行を procedures.yaml に戻してください（該当しない手続も status: — として残します）。"
    "元の行は、次のコマンドが新しいディレクトリ NEW_DIR に作る 21 行から写せます（CODE は団体コード）: "
    "dxready init NEW_DIR --code CODE",
    "Put the row back in procedures.yaml (a procedure that does not apply stays, as status: —); this command "
    "writes all 21 rows to a new directory NEW_DIR to copy it from (CODE: the municipality code): "
    "dxready init NEW_DIR --code CODE",
)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    present = {p.standard_no for p in catalog.procedures if p.standard_no is not None}
    for entry in STANDARD_PROCEDURES:
        if entry.no in present:
            continue
        yield Finding(
            CODE,
            standard_subject(entry.no),
            Msg(
                f"標準手続 No.{entry.no}「{entry.name}」の行がありません（率では未確認（？）として数えます）",
                f"standard procedure No.{entry.no} '{entry.name_en}' has no row"
                f" (counted as unknown (？) in the rates)",
            ),
            "procedures",
            ("procedures",),
        )
