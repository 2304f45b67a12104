"""``set municipality``'s My Number Card options: the counts (``--cards``) and the date they describe
(``--cards-as-of``), kept apart from the catalogue's status date (``--as-of``)."""

from __future__ import annotations

from typing import Annotated

import typer

from dxready.i18n import tr

CardsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--cards",
        metavar="SCOPE:CARDS:POPULATION",
        help=tr(
            "set municipality: マイナンバーカードの保有枚数 範囲:枚数:人口。範囲は数えた区域の名前（市全体、"
            "○○地区 など。日付や数は不可）、枚数は人口以下。--cards-as-of が要ります。例: 市全体:350000:498000",
            "set municipality: My Number Card counts SCOPE:CARDS:POPULATION. SCOPE names the area counted (the"
            " whole city, a district; not a date or a number); CARDS is at most POPULATION. Needs --cards-as-of."
            " E.g. city:350000:498000",
        ),
    ),
]
CardsAsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--cards-as-of",
        metavar="DATE",
        help=tr(
            "set municipality: --cards の枚数の時点（mynumber_card.as_of）。状況の時点（--as-of）は変えません。",
            "set municipality: the date --cards' counts describe (mynumber_card.as_of); the catalogue's status"
            " date (--as-of) is left as it is.",
        ),
    ),
]
