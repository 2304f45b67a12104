"""`export` and `import`: the catalogue to and from spreadsheets."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from dxready.cli._common import (
    AsOfOpt,
    CatalogOpt,
    LangOpt,
    _as_of,
    _catalog,
    _guard,
    _lang,
    _out,
    app,
)
from dxready.clitext import DxCommand, examples
from dxready.i18n import tr


class ExportFormat(str, enum.Enum):
    xlsx = "xlsx"
    csv = "csv"


class ImportFormat(str, enum.Enum):
    text = "text"
    json = "json"


class Unmatched(str, enum.Enum):
    add = "add"
    refuse = "refuse"


@app.command(
    cls=DxCommand,
    help=tr(
        "カタログを Excel（xlsx）または CSV に書き出します。",
        "The catalogue as a workbook (xlsx) or CSV files, one per sheet.",
    ),
    epilog=examples(
        "dxready export -o tateyama.xlsx -c tateyama",
        "dxready export --format csv -o tateyama-csv -c tateyama",
    ),
)
def export(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help=tr(
                "書き出し先（xlsx はファイル、csv はディレクトリ）",
                "Where to write (a file for xlsx, a directory for csv).",
            ),
        ),
    ],
    catalog: CatalogOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format", "-f", metavar="xlsx|csv", help=tr("形式: xlsx または csv。", "Format: xlsx or csv.")
        ),
    ] = ExportFormat.xlsx,
) -> None:
    from dxready.commands.export import run_export
    from dxready.render.transfer import export_report
    from dxready.render.workbook import build

    language = _lang(lang)
    result = _guard(
        language,
        lambda: run_export(
            catalog=_catalog(catalog),
            as_of=_as_of(as_of),
            lang=language,
            format=format.value,
            out=output,
            build=build,
        ),
    )
    _out(export_report(result, language))


@app.command(
    "import",
    cls=DxCommand,
    help=tr(
        "表計算の表から手続・システム・工程表を読み込みます。",
        "Procedures, systems and the roadmap from a spreadsheet (every field from an export).",
    ),
    epilog=examples(
        "dxready import tateyama.xlsx -c tateyama --dry-run",
        "dxready import tateyama.xlsx -c tateyama",
    ),
)
def import_(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help=tr(
                "xlsx・CSV ファイル、または CSV のディレクトリ",
                "An xlsx or CSV file, or a directory of CSV files.",
            ),
        ),
    ],
    catalog: CatalogOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help=tr("変更点を表示するだけで書き込まない", "Show what would change; write nothing."),
        ),
    ] = False,
    unmatched: Annotated[
        Unmatched,
        typer.Option(
            "--unmatched",
            metavar="add|refuse",
            help=tr(
                "どの手続とも一致しない名前: add（自団体の手続として追加）または refuse（拒否）",
                "Names that match no procedure: add (as the city's own) or refuse.",
            ),
        ),
    ] = Unmatched.refuse,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help=tr(
                "変更のない行も 1 行ずつ表示します（既定は件数だけ。text 形式）。",
                "List every unchanged row too (by default only their count; text format).",
            ),
        ),
    ] = False,
    format: Annotated[
        ImportFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="text|json",
            help=tr("報告の形式: text または json。", "Report format: text or json."),
        ),
    ] = None,
) -> None:
    from dxready.commands.import_ import run_import
    from dxready.render.transfer import import_report
    from dxready.render.workbook import build

    language = _lang(lang)
    result = _guard(
        language,
        lambda: run_import(
            source,
            catalog=_catalog(catalog),
            dry_run=dry_run,
            unmatched=unmatched.value,
            as_of=_as_of(as_of),
            lang=language,
            build=build,
        ),
    )
    if format is ImportFormat.json:
        from dxready.render.transfer import import_json

        _out(import_json(result, language))
    else:
        _out(import_report(result, language, verbose=verbose))
    raise typer.Exit(1 if result.refused else 0)
