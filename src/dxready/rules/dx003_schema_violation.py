"""A value does not fit the schema (unknown key, type, value).

An unknown key, a value of the wrong type, a value outside the allowed ones, or a missing field.

Why it matters:
    A misspelt key (``stauts``) would otherwise be ignored and the procedure silently read with no status. Every
    key is checked; the message names the allowed keys or values and suggests the closest one.

Fails:
    procedures:
      - id: library-reservation
        name: 図書館の図書貸出予約等
        stauts: ○

Passes:
    procedures:
      - id: library-reservation
        name: 図書館の図書貸出予約等
        status: ○
"""

from dxready.catalog.load import SCHEMA_VIOLATION
from dxready.catalog.settings import Severity
from dxready.findings import Msg

CODE = SCHEMA_VIOLATION
NAME = "schema-violation"
SEVERITY = Severity.error
SUMMARY = Msg(
    "値がスキーマに合わない（未知のキー・型・値）",
    "A value does not fit the schema (unknown key, type, value)",
)
DESCRIPTION_JA = "未知のキー、型の違う値、許された値のどれでもない値、または必須の項目の欠落です。"
WHY_JA = "綴りを誤ったキーは無視されがちです。すべてのキーと値を検査し、近い候補を示します。"
NEXT_STEP = Msg(
    "メッセージに示された使えるキー・値に直してください", "Use one of the keys or values the message lists"
)
