"""`compare`, `trend` and `page`: many catalogues, a catalogue's history, the published page."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dxready.cli._common import (
    _FORMAT_HELP,
    AsOfOpt,
    CatalogOpt,
    CompareFormat,
    LangOpt,
    TrendFormat,
    _as_of,
    _catalog,
    _fmt,
    _given,
    _guard,
    _lang,
    _metavar,
    _out,
    _parse_date,
    _progress,
    app,
)
from dxready.clitext import DxCommand, examples
from dxready.i18n import t, tr

if TYPE_CHECKING:
    from dxready.commands.trend import Trend


class ByOption(str, enum.Enum):
    prefecture = "prefecture"


def _embedded(wanted: bool) -> list[Path]:
    from dxready.catalog.load import embedded_catalog

    return [embedded_catalog()] if wanted else []


def _raise(exc: Exception) -> None:
    raise exc


EmbeddedOpt = Annotated[
    bool,
    typer.Option(
        "--embedded",
        help=tr("同梱の鴨川市のカタログも比較に入れます。", "Include the shipped 鴨川市 catalogue."),
    ),
]
"""``compare --embedded`` and ``page --compare --embedded``: one option, the same words."""


@app.command(
    cls=DxCommand,
    help=tr(
        "団体 × 標準手続の表: 計画の記号、行と列ごとの率、合計。",
        "Municipality × standard procedure matrix with the plan's marks, rates per row and column, and totals.",
    ),
    epilog=examples(
        "dxready compare tateyama kamogawa",
        "dxready compare tateyama --embedded --by prefecture",
    ),
)
def compare(
    directories: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="DIR...",
            help=tr(
                "カタログのディレクトリ、または多くのカタログを収めた親ディレクトリ（--embedded だけでも可）。",
                "Catalogue directories, or one parent of many (or just --embedded).",
            ),
        ),
    ] = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    format: Annotated[
        CompareFormat | None,
        typer.Option("--format", "-f", metavar=_metavar("compare"), help=_FORMAT_HELP),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help=tr(
                "検証済みカタログのキャッシュを読み書きしません。",
                "Do not read or write the validated-catalogue cache.",
            ),
        ),
    ] = False,
    embedded: EmbeddedOpt = False,
    by: Annotated[
        ByOption | None,
        typer.Option(
            "--by",
            metavar="prefecture",
            help=tr(
                "prefecture: 都道府県別に集計します（団体数は国の団体一覧と比べ、未確認があれば率は下限〜上限）。",
                "prefecture: roll up by prefecture (municipalities against the registry; bounds where unknown).",
            ),
        ),
    ] = None,
) -> None:
    from dxready.commands.compare import run_compare
    from dxready.render import renderer
    from dxready.render.compare import notes

    language = _lang(lang)
    dirs = [*(directories or []), *_embedded(embedded)]
    if not dirs:
        from dxready.errors import UsageError
        from dxready.findings import Msg

        message = Msg(
            "カタログのディレクトリか --embedded を指定してください",
            "give catalogue directories or --embedded",
        )
        _guard(language, lambda: _raise(UsageError("DIR...", message)))
    view = "compare prefecture" if by is not None else "compare"
    render = renderer(view, _fmt(format, "compare"))
    with _progress(t(language, "カタログを読んでいます", "Reading catalogues"), language) as progress:
        comparison = run_compare(dirs, as_of=_as_of(as_of), use_cache=not no_cache, progress=progress)
    if comparison.rows:
        _out(render(comparison, language))
    sys.stderr.write(notes(comparison, language))
    from dxready.render.compare_notes import rollup_notes

    sys.stderr.write(rollup_notes(comparison, language, by=by is not None))
    raise typer.Exit(comparison.exit_code)


@app.command(
    cls=DxCommand,
    help=tr(
        "カタログの git の履歴からたどる準備状況の推移（データベースは不要）。",
        "Readiness over time, from the catalogue's git history (no database).",
    ),
    epilog=examples(
        "git -C tateyama init -q",
        "git -C tateyama add -A",
        ("git -C tateyama commit -q -m 初版", "git -C tateyama commit -q -m first"),
        "dxready trend -c tateyama",
        ("dxready trend -c tateyama --since 令和6年4月1日", "dxready trend -c tateyama --since 2024-04-01"),
    ),
)
def trend(
    catalog: CatalogOpt = None,
    lang: LangOpt = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help=tr(
                "この日以降のコミットだけ（2024-04-01、令和6年4月1日など）。",
                "Only commits from this date (2024-04-01, 令和6年4月1日 …).",
            ),
        ),
    ] = None,
    format: Annotated[
        TrendFormat | None,
        typer.Option("--format", "-f", metavar=_metavar("trend"), help=_FORMAT_HELP),
    ] = None,
) -> None:
    from dxready.commands.trend import run_trend
    from dxready.render import renderer

    language = _lang(lang)
    render = renderer("trend", _fmt(format, "trend"))
    start = _parse_date(since, "--since")

    def read() -> Trend:
        with _progress(t(language, "履歴を読んでいます", "Reading history"), language) as progress:
            return run_trend(catalog=_given(_catalog(catalog)), since=start, progress=progress)

    trend = _guard(language, read)  # an error is said once the bar is gone, on a line of its own
    _out(render(trend, language))


def _check_outputs(output: Path | None, pdf: Path | None) -> None:
    """``-o`` and ``--pdf`` whose ending says another format (``-o p.pdf`` would be HTML in a .pdf): a UsageError."""
    from dxready.errors import UsageError
    from dxready.findings import Msg
    from dxready.fsio import suffix_clash

    for option, path, kind in (("--output", output, "html"), ("--pdf", pdf, "pdf")):
        clash = suffix_clash(path, kind) if path is not None else None
        if path is None or clash is None:
            continue
        hint_ja = "PDF は --pdf FILE で作ります" if clash == "PDF" else f"{kind.upper()} の名前にしてください"
        hint_en = "make the PDF with --pdf FILE" if clash == "PDF" else f"give a {kind.upper()} file name"
        raise UsageError(
            option,
            Msg(
                f"{path.name} は {clash} の名前ですが、書き出すのは {kind.upper()} です（{hint_ja}）",
                f"the name {path.name} says {clash}, but this writes {kind.upper()} ({hint_en})",
            ),
        )


@app.command(
    cls=DxCommand,
    help=tr(
        "公表用の状況ページ（1 つの HTML ファイル）を作ります。",
        "The published status page: one accessible HTML file.",
    ),
    epilog=examples(
        "dxready page -c tateyama -o tateyama.html",
        "dxready page --compare tateyama kamogawa -o chiba.html",
    ),
)
def page(
    directories: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="DIR",
            help=tr(
                "--compare のときに比べるカタログ（または多数の親ディレクトリ。--embedded だけでも可）",
                "With --compare: the catalogues (or one parent of many, or just --embedded).",
            ),
            show_default=False,
        ),
    ] = None,
    catalog: CatalogOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help=tr("HTML の書き出し先（省略時は標準出力）", "Write the HTML here (default: stdout)."),
        ),
    ] = None,
    pdf: Annotated[
        Path | None,
        typer.Option(
            "--pdf",
            metavar="FILE",
            help=tr(
                "ヘッドレス Chromium で A4 の PDF も作る", "Also print an A4 PDF through a headless Chromium."
            ),
        ),
    ] = None,
    compare_: Annotated[
        bool,
        typer.Option(
            "--compare",
            help=tr("複数団体の比較ページを作る", "Make the page comparing several municipalities."),
        ),
    ] = False,
    no_trend: Annotated[
        bool,
        typer.Option(
            "--no-trend", help=tr("git の履歴から推移を描かない", "Leave out the trend from git history.")
        ),
    ] = False,
    embedded: EmbeddedOpt = False,
) -> None:
    from dxready.render import page as pages

    language = _lang(lang)
    if (directories or embedded) and not compare_:
        raise typer.BadParameter(
            tr(
                "ディレクトリと --embedded は --compare と一緒に指定します",
                "directories and --embedded go with --compare",
            )
        )
    directories = [*(directories or []), *_embedded(embedded)]
    if compare_ and not directories:
        raise typer.BadParameter(
            tr(
                "--compare には比べるカタログか --embedded を指定します",
                "--compare needs catalogue directories or --embedded",
            )
        )
    _guard(language, lambda: _check_outputs(output, pdf))
    chromium = pages.find_chromium() if pdf is not None else None
    if pdf is not None and chromium is None:
        sys.stderr.write(pages.no_chromium_message(language))
        raise typer.Exit(2)
    when = _as_of(as_of)
    if compare_:
        result = _guard(language, lambda: pages.build_compare(directories or [], when, language))
        sys.stderr.write(result.notes)  # as compare says them: a code counted twice, catalogues left out
    else:
        result = _guard(
            language, lambda: pages.build_city(_catalog(catalog), when, language, with_trend=not no_trend)
        )
    if output is None and pdf is None:
        _out(result.html)
        raise typer.Exit(result.exit_code)
    if output is not None:
        _guard(language, lambda: pages.write_file(output, result.html.encode("utf-8")))
        sys.stdout.write(f"{output}\n")
    if pdf is not None and chromium is not None:
        _guard(language, lambda: pages.print_pdf(result.html, pdf, chromium, language))
        sys.stdout.write(f"{pdf}\n")
    if (
        result.exit_code
    ):  # a catalogue given could not be read: the page of the others is written, as compare prints
        raise typer.Exit(result.exit_code)
