"""`set`, `add` and `init`: the commands that write a catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dxready.cli._common import (
    CatalogOpt,
    LangOpt,
    _catalog,
    _given,
    _guard,
    _lang,
    _nfkc,
    _out,
    _parse_date,
    app,
)
from dxready.clitext import DxCommand
from dxready.completion import complete_refs
from dxready.i18n import tr

SetStatusOpt = Annotated[
    str | None,
    typer.Option(
        "--status",
        metavar="STATUS",
        help=tr(
            "○ 一部 × — の記号、または online|partial|offline|not_applicable|unknown。",
            "online|partial|offline|not_applicable|unknown or ○ 一部 × —.",
        ),
    ),
]
SetChannelOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--channel",
        metavar="CHANNEL",
        help=tr("チャネルを追加します（mynaportal、eltax など）。", "Add a channel (mynaportal, eltax, …)."),
    ),
]
SetCountsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--counts",
        metavar="FY:TOTAL:ONLINE",
        help=tr(
            "年度:総件数:オンライン件数、年度::オンライン件数、年度:利用率%（一部期間は @YYYY-MM-DD）。例: 2022:196759:152983",
            "FY:TOTAL:ONLINE, FY::ONLINE or FY:RATE% (@YYYY-MM-DD for a part year), e.g. 2022:196759:152983.",
        ),
    ),
]
SetCountsSourceOpt = Annotated[
    str | None,
    typer.Option(
        "--counts-source",
        metavar="TEXT",
        help=tr(
            "--counts の件数の出典（文書名や URL）", "Where the --counts figures come from (document or URL)."
        ),
    ),
]
SetNoteOpt = Annotated[
    str | None, typer.Option("--note", metavar="TEXT", help=tr("備考の文。", "The 備考 text."))
]
SetVerifiedOpt = Annotated[
    str | None,
    typer.Option(
        "--verified-on",
        metavar="DATE",
        help=tr(
            "状況を確認した日（2024-03-31、令和6年3月31日、R6.3.31 など）。",
            "Date the status was confirmed (2024-03-31, 令和6年3月31日, R6.3.31 …).",
        ),
    ),
]
SetAsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help=tr(
            "状況の時点（2024-03-31、令和6年3月31日など）。", "The date the status describes (2024-03-31 …)."
        ),
    ),
]
SetSourceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--source", metavar="TEXT", help=tr("出典（文書名や URL）を追加。", "Add a source (document or URL).")
    ),
]
SetInferredOpt = Annotated[
    bool | None,
    typer.Option(
        "--inferred/--no-inferred",
        help=tr(
            "状況を作成者の推定として記録する／外す",
            "Mark the status as the author's inference, or unmark it.",
        ),
    ),
]


@app.command(
    "set",
    cls=DxCommand,
    help=tr(
        "手続を 1 つその場で編集します: コメントと書式を保ち、書き込む前に検証し、途中で壊れません。",
        "Edit one procedure in place: comments and formatting kept, validated before writing, atomic.",
    ),
)
def set_(
    ref: Annotated[
        str,
        typer.Argument(
            metavar="REF",
            help=tr(
                "手続の id か標準番号。個別手続は REF/SUB、団体の見出しは municipality。",
                "A procedure id or standard number; REF/SUB for a sub-procedure; municipality for the header.",
            ),
            autocompletion=complete_refs,
        ),
    ],
    catalog: CatalogOpt = None,
    lang: LangOpt = None,
    status: SetStatusOpt = None,
    channel: SetChannelOpt = None,
    counts: SetCountsOpt = None,
    counts_source: SetCountsSourceOpt = None,
    note: SetNoteOpt = None,
    verified_on: SetVerifiedOpt = None,
    as_of: SetAsOfOpt = None,
    source: SetSourceOpt = None,
    inferred: SetInferredOpt = None,
    unset: Annotated[
        list[str] | None,
        typer.Option(
            "--unset",
            metavar="FIELD",
            help=tr("項目を削除します（複数可）。", "Remove a field (repeatable)."),
        ),
    ] = None,
    cards: Annotated[
        list[str] | None,
        typer.Option(
            "--cards",
            metavar="SCOPE:CARDS:POPULATION",
            help=tr(
                "set municipality: マイナンバーカード 範囲:交付枚数:人口",
                "set municipality: My Number Card SCOPE:CARDS:POPULATION.",
            ),
        ),
    ] = None,
) -> None:
    from dxready.commands.edit import run_set

    language = _lang(lang)
    confirmed = _parse_date(verified_on, "--verified-on")
    message = _guard(
        language,
        lambda: run_set(
            _nfkc(ref) or ref,
            catalog=_given(_catalog(catalog)),
            status=status,
            channels=[_nfkc(c) or c for c in channel or []],
            counts=[_nfkc(c) or c for c in counts or []],
            note=note,
            verified_on=confirmed,
            lang=language,
            unset=unset or [],
            as_of=_parse_date(as_of),
            sources=source or [],
            inferred=inferred,
            cards=cards or [],
            counts_source=counts_source,
        ),
    )
    _out(message)


@app.command(
    cls=DxCommand,
    help=tr(
        "自団体の手続（標準の 21 行以外）を set と同じオプションで追加します。",
        "Add one of the city's own procedures (outside the 21 standard rows), with set's options.",
    ),
)
def add(
    ident: Annotated[
        str, typer.Argument(metavar="ID", help=tr("新しい手続の id", "The new procedure's id."))
    ],
    name: Annotated[
        str, typer.Option("--name", metavar="NAME", help=tr("手続の名前。", "The procedure's name."))
    ],
    catalog: CatalogOpt = None,
    lang: LangOpt = None,
    status: SetStatusOpt = None,
    channel: SetChannelOpt = None,
    counts: SetCountsOpt = None,
    counts_source: SetCountsSourceOpt = None,
    note: SetNoteOpt = None,
    verified_on: SetVerifiedOpt = None,
    as_of: SetAsOfOpt = None,
    source: SetSourceOpt = None,
    inferred: SetInferredOpt = None,
) -> None:
    from dxready.commands.edit import run_add

    language = _lang(lang)
    message = _guard(
        language,
        lambda: run_add(
            ident,
            name=name,
            catalog=_catalog(catalog),
            status=status,
            channels=channel or [],
            counts=counts or [],
            note=note,
            verified_on=_parse_date(verified_on),
            lang=language,
            as_of=_parse_date(as_of),
            sources=source or [],
            inferred=inferred,
            counts_source=counts_source,
        ),
    )
    _out(message)


@app.command(
    cls=DxCommand,
    help=tr(
        "国の一覧からカタログを始めます: 標準の 21 行、状況はすべて未確認。",
        "Start a catalogue from the national registry: the 21 standard rows, all statuses unknown.",
    ),
)
def init(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="DIR", help=tr("新しいカタログのディレクトリ。", "Directory for the new catalogue.")
        ),
    ],
    name: Annotated[
        str,
        typer.Option(
            "--name", metavar="NAME", help=tr("団体名（例: 呉市）。", "Municipality name, e.g. 呉市.")
        ),
    ],
    code: Annotated[
        str,
        typer.Option(
            "--code",
            metavar="CODE",
            help=tr(
                "検査数字つきの全国地方公共団体コード（例: 342025）。",
                "全国地方公共団体コード with its check digit, e.g. 342025.",
            ),
        ),
    ],
    lang: LangOpt = None,
) -> None:
    from dxready.commands.scaffold import run_init
    from dxready.render.messages import init_result

    language = _lang(lang)
    code = _nfkc(code) or code
    _out(init_result(_guard(language, lambda: run_init(directory, name=name, code=code)), language))
