"""Two procedures carry the same standard_no.

Each of the 21 standard numbers names one procedure of the national list, so each belongs to one row. A second row
under a number is usually a row renumbered by mistake, which also leaves another number without a row (DX018).
The rates count the first row of each number only; the second one is reported here, at its ``standard_no``.

Why it matters:
    Two rows under one number count one procedure twice and another not at all; tables print the number twice
    and comparisons with other municipalities and national figures go wrong.

Fails:
    procedures:
      - id: port-procedures
        standard_no: 6
        name: 港湾関係手続
        status: —
      - id: road-occupancy
        standard_no: 6
        name: 道路占用許可申請等
        status: ×

Passes:
    procedures:
      - id: port-procedures
        standard_no: 6
        name: 港湾関係手続
        status: —
      - id: road-occupancy
        standard_no: 7
        name: 道路占用許可申請等
        status: ×
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure

CODE = "DX019"
NAME = "duplicate-standard-no"
SEVERITY = Severity.error
SUMMARY = Msg(
    "同じ標準手続の番号（standard_no）が二つの手続に使われている", "Two procedures carry the same standard_no"
)
DESCRIPTION_JA = (
    "21 の標準番号はそれぞれ国の一覧の一つの手続を指すので、一つの行に属します。"
    "同じ番号の二つ目の行はたいてい番号の付け間違いで、別の番号の行がなくなってもいます（DX018）。"
    "率は各番号の最初の行だけを数えます。"
    "二つ目の行はここで、その `standard_no` の位置に報告されます。"
)
WHY_JA = (
    "標準の 21 手続の番号は一つの手続に一つです。同じ番号が二度あると一つの手続を二度数え、別の番号の手続が"
    "抜けます。率には各番号の最初の行だけを数えます。"
)
NEXT_STEP = Msg(
    "どちらかの standard_no を国の一覧の正しい番号に直してください（自団体の手続なら standard_no を消します）",
    "Correct one of the two standard_no values to the national list's number (a city's own procedure has none)",
)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    first: dict[int, tuple[str, str, int]] = {}
    for i, p in enumerate(catalog.procedures):
        no = p.standard_no
        if no is None:
            continue
        seen = first.get(no)
        if seen is None:
            first[no] = (p.id, p.name, i)  # located only if the number turns out to be used again
            continue
        where = str(catalog.locate("procedures", at_procedure(seen[2], "standard_no")))
        # The message in words (the published page shows it); the first row's place is data, for the terminal and
        # the machine formats.
        yield Finding(
            CODE,
            Subject("procedure", p.id),
            Msg(
                f"No.{no} は「{seen[1]}」と同じ番号です。率には最初の行（「{seen[1]}」）だけを数えます",
                f"No.{no} is also the number of '{seen[1]}'; the rates count the first row ('{seen[1]}') only",
            ),
            "procedures",
            at_procedure(i, "standard_no"),
            data={"first": seen[0], "first_at": where},
        )
