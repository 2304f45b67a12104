"""A catalogue file cannot be read as YAML.

The loader reports this, before any rule runs: the file is missing, too large, binary (NUL bytes), not UTF-8
(Shift_JIS/CP932 files are recognised and get re-save instructions), or not valid YAML (a tab used for indentation,
an unclosed bracket, several documents, an alias bomb, an unsupported tag such as ``!!python/object``).

Why it matters:
    Nothing else can be checked until the file can be read. A city-hall editor who saved from Excel or Notepad gets
    told exactly what to do, at the line and column where the problem is.

Fails:
    procedures: [
      - id: broken

Passes:
    procedures:
      - id: library-reservation
        name: 図書館の図書貸出予約等
        status: ○
"""

from dxready.catalog.load import UNREADABLE
from dxready.catalog.settings import Severity
from dxready.findings import Msg

CODE = UNREADABLE
NAME = "unreadable-yaml"
SEVERITY = Severity.error
SUMMARY = Msg("カタログファイルを YAML として読めない", "A catalogue file cannot be read as YAML")
DESCRIPTION_JA = (
    "読み込みの段階で、どのルールよりも先に報告されます。"
    "ファイルがない、大きすぎる、バイナリ（NUL バイトを含む）、UTF-8 でない（Shift_JIS/CP932 のファイルはそれと分かり、保存し直す手順を示します）、YAML として正しくない（字下げにタブ、閉じていない括弧、複数の文書、エイリアス爆弾、`!!python/object` のような使えないタグ）のいずれかです。"
)
WHY_JA = "ファイルを読めなければ何も検査できません。文字コード（UTF-8）・字下げ（空白）・括弧の対応を確認してください。"
NEXT_STEP = Msg(
    "示された行・列を直し、UTF-8 で保存してください",
    "Fix the file at the line and column shown and save it as UTF-8",
)
