"""A mapping has the same key twice.

The loader reports this, before any rule runs, at the second key; the message gives the line and column of the
first. The file is not read.

Why it matters:
    YAML parsers differ on which of two equal keys wins; most keep the last one silently, so an edit that adds a
    second ``status:`` instead of changing the first one would be lost without a word.

Fails:
    procedures:
      - id: library-reservation
        name: 図書館の図書貸出予約等
        status: ×
        status: ○

Passes:
    procedures:
      - id: library-reservation
        name: 図書館の図書貸出予約等
        status: ○
"""

from dxready.catalog.load import DUPLICATE_KEY
from dxready.catalog.settings import Severity
from dxready.findings import Msg

CODE = DUPLICATE_KEY
NAME = "duplicate-key"
SEVERITY = Severity.error
SUMMARY = Msg("同じキーが二度書かれている", "A mapping has the same key twice")
DESCRIPTION_JA = (
    "読み込みの段階で、どのルールよりも先に報告されます。"
    "位置は二つ目のキーで、メッセージは最初のキーの行と列を示します。"
    "そのファイルは読み込まれません。"
)
WHY_JA = "同じキーが二つあると、多くのパーサは黙って後の値を使います。編集が失われても気づけません。"
NEXT_STEP = Msg("どちらか一方のキーを消してください", "Delete one of the two keys")
