"""`check`, `gaps` and `next`: the findings of one catalogue, and the ranked next steps."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated

import typer

from dxready.cli._common import (
    _FORMAT_HELP,
    AsOfOpt,
    CatalogOpt,
    CheckCatalogOpt,
    CheckFormat,
    FailOn,
    LangOpt,
    NextFormat,
    ReportFormat,
    _as_of,
    _catalog,
    _codes,
    _fmt,
    _lang,
    _load,
    _metavar,
    _nfkc,
    _out,
    app,
)
from dxready.cli.numbers import int_option
from dxready.clitext import DxCommand, examples
from dxready.completion import complete_codes, complete_ids
from dxready.i18n import t, tr

if TYPE_CHECKING:
    from dxready.engine.filters import Filters


@app.command(
    cls=DxCommand,
    help=tr(
        "カタログを検証してルールを実行します（file:line:col: コード メッセージ）。終了コード 0 問題なし、1 指摘あり、2 使えない入力。"
        "エラーと警告は 1 件 1 行。同じコードの情報が 4 件以上なら最初の位置に 1 行でまとめます（件数と最初の対象。-v で 1 件ずつ）。"
        "json・github・sarif は常に全件。",
        "Validate the catalogue and run the rules: file:line:col: CODE message. Exit 0 clean, 1 findings, 2 unusable. "
        "Errors and warnings: one line each. Four or more info findings of one code: one line at the first position "
        "(count and first subjects; -v lists each). json, github and sarif always list every finding.",
    ),
    epilog=examples(
        "dxready check -c tateyama",
        "dxready check -c tateyama --format github",
        "dxready check -c kamogawa --fail-on warning",
    ),
)
def check(
    catalog: CheckCatalogOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    format: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", metavar=_metavar("check"), help=tr("出力形式。", "Output format.")),
    ] = "text",
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on",
            metavar="error|warning|info",
            help=tr(
                "この重大度以上の指摘があれば終了コード 1。", "Exit 1 when a finding is at least this severe."
            ),
        ),
    ] = (FailOn.error),
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="CODE",
            help=tr(
                "このコードか接頭辞（DX1 など）のルールだけ（複数可）。",
                "Only these codes or prefixes (repeatable).",
            ),
            autocompletion=complete_codes,
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="CODE",
            help=tr(
                "このコードか接頭辞のルールを除く（複数可）。", "Skip these codes or prefixes (repeatable)."
            ),
            autocompletion=complete_codes,
        ),
    ] = None,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help=tr(
                "情報の指摘もまとめずに 1 件 1 行で表示します（text 形式）。",
                "List every info finding on its own line (text format).",
            ),
        ),
    ] = False,
    embedded: Annotated[
        bool,
        typer.Option(
            "--embedded",
            help=tr(
                "同梱の鴨川市のカタログを検査します（check はカタログが見つからなくても同梱のものを代わりに検査しません）。",
                "Check the shipped 鴨川市 catalogue (check does not fall back to it when no catalogue is found).",
            ),
        ),
    ] = False,
) -> None:
    from dxready.fastpath import check_exit

    language = _lang(lang)
    when = _as_of(as_of)
    select = _codes(select, "--select", language)
    ignore = _codes(ignore, "--ignore", language)
    fmt = _fmt(format, "check")
    # The same run as the Typer-free path of `dxready check` (dxready.fastpath), which reads the usual command lines.
    raise typer.Exit(
        check_exit(_catalog(catalog), when, language, fmt, fail_on.value, select, ignore, verbose, embedded)
    )


class Only(str, enum.Enum):
    procedures = "procedures"
    systems = "systems"
    roadmap = "roadmap"


OnlyOpt = Annotated[
    Only | None,
    typer.Option(
        "--only",
        metavar="procedures|systems|roadmap",
        help=tr("手続・システム・工程表のどれかだけ。", "Only procedures, systems or the roadmap."),
        show_default=False,
    ),
]
StatusFilterOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        metavar="STATUS",
        help=tr(
            "この状況の手続だけ（○ 一部 × ？ や offline など。複数可）。",
            "Only procedures in this status (○ 一部 × ？ or offline …; repeatable).",
        ),
        show_default=False,
    ),
]
MinSeverityOpt = Annotated[
    FailOn | None,
    typer.Option(
        "--min-severity",
        metavar="error|warning|info",
        help=tr("この重大度以上の指摘だけ。", "Only findings at least this severe."),
        show_default=False,
    ),
]
CodeFilterOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--code",
        metavar="CODE",
        help=tr(
            "このコードか接頭辞（DX1 など）の指摘だけ（複数可）。",
            "Only findings of these codes or prefixes such as DX1 (repeatable).",
        ),
        show_default=False,
        autocompletion=complete_codes,
    ),
]
IdFilterOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--id",
        metavar="ID",
        help=tr(
            "この id（手続は標準番号でも可）の指摘だけ（複数可）。",
            "Only findings about these ids, or standard numbers (repeatable).",
        ),
        show_default=False,
        autocompletion=complete_ids,
    ),
]


def _filters(
    only: Only | None,
    status: list[str] | None,
    min_severity: FailOn | None,
    code: list[str] | None,
    ids: list[str] | None,
    lang: str,
) -> Filters:
    from dxready.catalog.settings import Severity
    from dxready.engine.filters import Filters, parse_statuses

    statuses, bad = parse_statuses(status or [])
    if bad:
        from dxready.catalog.labels import status_words

        raise typer.BadParameter(
            t(
                lang,
                f"{bad[0]!r} は状況ではありません（{status_words('ja')}）",
                f"{bad[0]!r} is not a status ({status_words('en')})",
            ),
            param_hint="--status",
        )
    return Filters(
        only=only.value if only else None,
        statuses=statuses,
        min_severity=Severity(min_severity.value) if min_severity else None,
        codes=tuple(_codes(code, "--code", lang) or ()),
        ids=tuple(_nfkc(i) or "" for i in ids or ()),
    )


@app.command(
    cls=DxCommand,
    help=tr(
        "まだオンラインでないものとその理由: 概況と、指摘ごとに 1 行（-v で説明と次のレベルの条件）。",
        "What is not online yet and why: a summary, then one line per finding (-v for explanations and level criteria).",
    ),
    epilog=examples(
        "dxready gaps -c tateyama",
        ("dxready gaps -c tateyama --status 一部 -v", "dxready gaps -c tateyama --status partial -v"),
        "dxready gaps -c tateyama --format markdown",
    ),
)
def gaps(
    catalog: CatalogOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    format: Annotated[
        ReportFormat | None,
        typer.Option("--format", "-f", metavar=_metavar("gaps"), help=_FORMAT_HELP),
    ] = None,
    show_waived: Annotated[
        bool,
        typer.Option(
            "--show-waived", help=tr("適用除外にした指摘も表示します。", "Also list waived findings.")
        ),
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help=tr(
                "指摘ごとの説明と、手続ごとの準備レベルと次のレベルの条件も表示します。",
                "Also show each finding's explanation, and each procedure's level with its next level's criteria.",
            ),
        ),
    ] = False,
    only: OnlyOpt = None,
    status: StatusFilterOpt = None,
    min_severity: MinSeverityOpt = None,
    code: CodeFilterOpt = None,
    ids: IdFilterOpt = None,
) -> None:
    from dxready.engine.filters import apply
    from dxready.engine.run import run
    from dxready.render import renderer

    language = _lang(lang)
    filters = _filters(only, status, min_severity, code, ids, language)
    report = apply(run(_load(catalog, language), _as_of(as_of)), filters)
    fmt = _fmt(format, "gaps")
    render = renderer("gaps", fmt)
    if fmt == "table":
        _out(render(report, language, show_waived=show_waived, verbose=verbose))
    else:
        _out(render(report, language, show_waived=show_waived))


@app.command(
    "next",
    cls=DxCommand,
    help=tr(
        "次に何をどの順で: 対象ごとに 1 つの手順を、点数の内訳と妨げになっているものとともに。",
        "What to do next, in what order: one ranked step per subject, with the score's parts and blockers.",
    ),
    epilog=examples(
        "dxready next -c tateyama",
        "dxready next -c tateyama --top 3 --only procedures",
    ),
)
def next_(
    catalog: CatalogOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    top: Annotated[
        int,
        int_option("--top", "-n", minimum=1, metavar="N", help=tr("表示する手順の数。", "How many steps.")),
    ] = 10,
    format: Annotated[
        NextFormat | None,
        typer.Option("--format", "-f", metavar=_metavar("next"), help=_FORMAT_HELP),
    ] = None,
    only: OnlyOpt = None,
    status: StatusFilterOpt = None,
    min_severity: MinSeverityOpt = None,
    code: CodeFilterOpt = None,
    ids: IdFilterOpt = None,
) -> None:
    from dxready.engine.filters import apply
    from dxready.engine.ranking import rank
    from dxready.engine.run import run
    from dxready.render import renderer

    language = _lang(lang)
    filters = _filters(only, status, min_severity, code, ids, language)
    report = apply(run(_load(catalog, language), _as_of(as_of)), filters)
    steps = rank(report)[:top]
    _out(renderer("next", _fmt(format, "next"))(report, language, steps=steps))
