"""`table`, `rules`, `explain`, `schema` and `diff`: views of one catalogue and of its changes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dxready.cli._common import (
    _FORMAT_HELP,
    AsOfOpt,
    CatalogOpt,
    DiffFormat,
    LangOpt,
    RulesFormat,
    TableFormat,
    TableName,
    _as_of,
    _catalog,
    _fmt,
    _given,
    _guard,
    _lang,
    _load,
    _metavar,
    _out,
    _table_names,
    app,
)
from dxready.clitext import DxCommand, examples
from dxready.completion import complete_codes
from dxready.i18n import t, tr

_TABLES_SAID = {
    "procedures": (
        "手続ごとの状況（○ 一部 × —）: 計画の表と同じ形",
        "each procedure's status (○ 一部 × —), as the plan",
    ),
    "systems": (
        "区分ごとのシステム: 構成と標準化移行の段階",
        "systems by tier: modules and standardisation phase",
    ),
    "roadmap": (
        "工程表: 取組事項ごとの項目、開始、目標年度、状態",
        "the roadmap: items by area, start, target, state",
    ),
    "summary": (
        "概況: 状況ごとの件数、オンライン化率、レベル",
        "the summary: counts by status, online rate, levels",
    ),
}


def _table_listing(lang: str) -> str:
    """A bare ``dxready table``: the tables, one line each, and how to run one."""
    width = max(len(n) for n in _TABLES_SAID)
    lines = [t(lang, "表の名前 NAME を指定してください:", "give a table NAME:")]
    lines += [f"  {n.ljust(width)}  {t(lang, *said)}" for n, said in _TABLES_SAID.items()]
    lines += [
        t(lang, "例: dxready table procedures", "e.g. dxready table procedures"),
        t(
            lang,
            "（markdown の区間をすべて更新するには --write FILE --all）",
            "(to refresh every block of a markdown file: --write FILE --all)",
        ),
    ]
    return "\n".join(lines)


@app.command(
    cls=DxCommand,
    help=tr(
        "計画と同じ形の状況表: 手続（○ 一部 × —）、区分ごとのシステム、工程表、概況。",
        "Status tables as the plan prints them: procedures (○ 一部 × —), systems by tier, the roadmap, a summary.",
    ),
    epilog=examples(
        "dxready table procedures -c tateyama",
        "dxready table summary -c tateyama --format markdown",
        "dxready table roadmap -c tateyama --format mermaid",
    ),
)
def table(
    name: Annotated[
        TableName | None,
        typer.Argument(
            metavar="NAME",
            help=tr(
                "procedures、systems、roadmap、summary のどれか（--all のときは書きません）。",
                "procedures, systems, roadmap or summary (not with --all).",
            ),
            show_default=False,
        ),
    ] = None,
    catalog: CatalogOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    format: Annotated[
        TableFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar=_metavar(*(f"table {name}" for name in _table_names())),
            help=_FORMAT_HELP,
        ),
    ] = None,
    write: Annotated[
        Path | None,
        typer.Option(
            "--write",
            metavar="FILE",
            help=tr(
                "この markdown ファイルの <!-- dxready:NAME --> の区間を書き換えます。",
                "Replace the <!-- dxready:NAME --> block in this markdown file.",
            ),
        ),
    ] = None,
    check_: Annotated[
        bool,
        typer.Option(
            "--check",
            help=tr(
                "--write とともに: 書き込まず、区間が古ければ差分を示して終了コード 1。",
                "With --write: never write; exit 1 with a diff when the block is stale.",
            ),
        ),
    ] = False,
    all_: Annotated[
        bool,
        typer.Option(
            "--all",
            help=tr(
                "--write と共に: ファイル内のすべての dxready ブロックを更新（または --check）。",
                "With --write: refresh (or --check) every dxready block in the file.",
            ),
        ),
    ] = False,
) -> None:
    from dxready.engine.run import run
    from dxready.render import UnsupportedFormat, renderer

    if all_ and (write is None or name is not None):
        raise typer.BadParameter(
            t(
                _lang(lang),
                "--all は --write FILE と共に、NAME なしで使います",
                "--all goes with --write FILE and no NAME",
            ),
            param_hint="--all",
        )
    if name is None and not all_:
        from typer._click.exceptions import UsageError as MissingName

        # What a user tries first: the tables, one line each, and how to run one (a usage error, exit 2, as every
        # command of dxready missing its argument is: set, import, diff …).
        raise MissingName(_table_listing(_lang(lang)))
    language = _lang(lang)
    report = run(_load(catalog, language), _as_of(as_of))
    fmt = _fmt(format or ("markdown" if write else None), "table procedures")  # every table: the same default
    if write is not None and fmt not in ("markdown", "mermaid"):
        raise typer.BadParameter(
            t(
                language,
                "--write は markdown ファイルを書き換えます。--format markdown か mermaid にしてください",
                "--write fills a markdown file: use --format markdown or mermaid",
            ),
            param_hint="--format",
        )

    def render(table: str) -> str:
        try:
            return renderer(f"table {table}", fmt)(report, language)
        except UnsupportedFormat as exc:
            raise typer.BadParameter(t(language, exc.ja, exc.en), param_hint="--format") from None

    if write is None:
        if check_:
            raise typer.BadParameter(
                t(language, "--check は --write FILE と共に使います", "--check goes with --write FILE")
            )
        assert name is not None
        _out(render(name.value))
        return
    from dxready.commands.tablefile import table_argv, update_blocks

    names = [name.value] if name is not None else None
    if names:
        render(names[0])  # an unsupported format is refused before the file is read
    options = (("--catalog", catalog), ("--as-of", as_of), ("--lang", lang), ("--format", format))
    argv = table_argv(name.value if name is not None else None, write, options)
    from dxready.render.messages import block_update

    result = update_blocks(write, render, names, check=check_, argv=argv)
    (sys.stderr if result.code else sys.stdout).write(block_update(result, language))
    raise typer.Exit(result.code)


@app.command(
    cls=DxCommand,
    help=tr(
        "すべてのルールの一覧: コード、名前、重大度、要約。",
        "List every rule: code, name, severity, summary.",
    ),
    epilog=examples(
        "dxready rules",
        "dxready rules --format markdown",
    ),
)
def rules(
    lang: LangOpt = None,
    format: Annotated[
        RulesFormat | None,
        typer.Option("--format", "-f", metavar=_metavar("rules"), help=_FORMAT_HELP),
    ] = None,
) -> None:
    from dxready.render import renderer

    _out(renderer("rules", _fmt(format, "rules"))(_lang(lang)))


@app.command(
    cls=DxCommand,
    help=tr(
        "ルールの説明: なぜ大切か、指摘される例と指摘されない例、次の一手。",
        "Show one rule's documentation: why it matters, failing and passing examples, the next step.",
    ),
    epilog=examples(
        "dxready explain DX102",
        ("dxready explain ＤＸ１０１", "dxready explain dx101"),
    ),
)
def explain(
    code: Annotated[
        str,
        typer.Argument(
            metavar="CODE",
            help=tr("DX101 のようなルールのコード。", "A rule code such as DX101."),
            autocompletion=complete_codes,
        ),
    ],
    lang: LangOpt = None,
) -> None:
    from dxready.engine.filters import normalise_code
    from dxready.render.docs import explain_rule

    text = explain_rule(normalise_code(code), _lang(lang))
    if text is None:
        language = _lang(lang)
        sys.stderr.write(
            f"dxready: ルール {code!r} はありません（一覧: dxready rules）\n"
            if language == "ja"
            else f"dxready: unknown rule {code!r}; see `dxready rules`\n"
        )
        raise typer.Exit(2)
    _out(text)


@app.command(
    cls=DxCommand,
    help=tr(
        "各カタログファイルの JSON Schema（エディタの yaml-language-server や他の検証ツール向け）。",
        "JSON Schema of each catalogue file, for editors (yaml-language-server) and other validators.",
    ),
    epilog=examples(
        "dxready schema --out schemas",
        "dxready schema",
    ),
)
def schema(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="DIR",
            help=tr(
                "ファイルごとに <file>.schema.json を DIR に書き出します。",
                "Write one <file>.schema.json per file into DIR.",
            ),
        ),
    ] = None,
    lang: LangOpt = None,
) -> None:
    del lang  # accepted like everywhere; the schema itself is language-neutral
    from dxready.commands.schema import write_schemas

    if out is None:
        from dxready.fastpath import run_schema

        run_schema()  # what the Typer-free path prints too
        return
    from dxready.render.safe import oneline

    for path in _guard(_lang(None), lambda: write_schemas(out)):
        sys.stdout.write(f"{oneline(str(path))}\n")


@app.command(
    cls=DxCommand,
    help=tr(
        "2 つのカタログの違い: 状況、レベル、チャネル、項目、指摘。",
        "What changed between two catalogues: statuses, levels, channels, entries, findings.",
    ),
    epilog=examples(
        "dxready diff git:HEAD -c tateyama",
        "dxready diff git:HEAD -c tateyama --fail-on-regression",
        "dxready diff kamogawa tateyama",
    ),
)
def diff(
    base: Annotated[
        str,
        typer.Argument(
            metavar="BASE",
            help=tr("比較元のカタログ: ディレクトリか git:REV。", "Base catalogue: a directory or git:REV."),
        ),
    ],
    head: Annotated[
        str | None,
        typer.Argument(
            metavar="HEAD",
            help=tr(
                "比較先のカタログ（既定: 作業中のカタログ）。",
                "Head catalogue (default: the working catalogue).",
            ),
        ),
    ] = None,
    catalog: CatalogOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    format: Annotated[
        DiffFormat | None,
        typer.Option("--format", "-f", metavar=_metavar("diff"), help=_FORMAT_HELP),
    ] = None,
    fail_on_regression: Annotated[
        bool,
        typer.Option(
            "--fail-on-regression",
            help=tr(
                "状況やレベルが下がったか（下がった可能性も）、新しいエラーが出たら終了コード 1。",
                "Exit 1 when a status or level goes down (or may have), or a new error appears.",
            ),
        ),
    ] = False,
) -> None:
    from dxready.commands.diff import run_diff
    from dxready.render import renderer

    language = _lang(lang)
    render = renderer("diff", _fmt(format, "diff"))
    result = _guard(
        language,
        lambda: run_diff(base, head, catalog=_given(_catalog(catalog)), as_of=_as_of(as_of), lang=language),
    )
    _out(render(result, language))
    raise typer.Exit(1 if fail_on_regression and result.regressions() else 0)
