"""The municipality code's check digit is wrong.

全国地方公共団体コード has five digits and a check digit: the last digit of 11 − (Σ digit × weight mod 11), with
weights 6, 5, 4, 3, 2. 鴨川市 is 122238, 呉市 342025.

Why it matters:
    The code is how a catalogue is matched with national statistics and with other catalogues in ``dxready
    compare``; a mistyped code silently joins the wrong municipality.

Fails:
    municipality:
      name: 鴨川市
      code: "122230"

Passes:
    municipality:
      name: 鴨川市
      code: "122238"
"""

from collections.abc import Iterator

from dxready.catalog.codes import check_digit, is_valid
from dxready.catalog.load import Catalog
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context

CODE = "DX007"
NAME = "municipality-code-check-digit"
SEVERITY = Severity.error
SUMMARY = Msg("団体コードの検査数字が合わない", "The municipality code's check digit is wrong")
DESCRIPTION_JA = (
    "全国地方公共団体コードは 5 桁の数字と検査数字からなります。"
    "検査数字は 11 −（各桁 × 重み の和 mod 11）の下一桁で、重みは 6, 5, 4, 3, 2 です。"
    "鴨川市は 122238、呉市は 342025 です。"
)
WHY_JA = "団体コードは国の統計や他団体のカタログと突き合わせる鍵です。打ち間違えると別の団体と結び付きます。"
NEXT_STEP = Msg(
    "総務省の全国地方公共団体コードを確認してください", "Look the code up in the national code list"
)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    m = catalog.procedures_file.municipality
    if is_valid(m.code):
        return
    expected = f"{m.code[:5]}{check_digit(m.code[:5])}"
    yield Finding(
        CODE,
        Subject("catalog", m.code),
        Msg(
            f"団体コード {m.code} の検査数字が合いません（{m.code[:5]} なら {expected}）",
            f"municipality code {m.code} has a wrong check digit ({m.code[:5]} gives {expected})",
        ),
        "procedures",
        ("municipality", "code"),
    )
