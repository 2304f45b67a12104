"""The Typer app: parse options, call the core, pick a renderer, exit. No rule or format logic lives here.

Heavy modules (pydantic models, rich, the renderers) are imported inside the commands that use them, so that
``--help`` and light commands stay fast.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from dxready.i18n import tr

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog
    from dxready.errors import DxreadyError

T = TypeVar("T")

app = typer.Typer(
    name="dxready",
    help="自治体の手続オンライン化の準備状況を YAML カタログから点検します。"
    " Online-readiness of municipal procedures, from a YAML catalogue.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Lang(str, enum.Enum):
    ja = "ja"
    en = "en"


_CHOICE_TYPES: dict[tuple[str, ...], type[enum.Enum]] = {}


def _choices(name: str, *views: str) -> type[enum.Enum]:
    """A ``--format`` choice type: the formats that the render registry lists for these views.

    Views with the same formats share one type (an Enum class costs start-up time).
    """
    from dxready.render import formats

    key = tuple(formats(*views))
    if key not in _CHOICE_TYPES:
        _CHOICE_TYPES[key] = enum.Enum(name, {f: f for f in key}, type=str)  # type: ignore[assignment]
    return _CHOICE_TYPES[key]


if TYPE_CHECKING:  # to the type checker a format is its name; at run time, one of the registry's choices
    CheckFormat = str
    ReportFormat = str
    NextFormat = str
    TableFormat = str
    DiffFormat = str
    CompareFormat = str
    TrendFormat = str
    RulesFormat = str
else:
    from dxready.render import TABLES

    CheckFormat = _choices("CheckFormat", "check")
    ReportFormat = _choices("ReportFormat", "gaps")
    NextFormat = _choices("NextFormat", "next")
    TableFormat = _choices("TableFormat", *(f"table {name}" for name in TABLES))
    DiffFormat = _choices("DiffFormat", "diff")
    CompareFormat = _choices("CompareFormat", "compare")
    TrendFormat = _choices("TrendFormat", "trend")
    RulesFormat = _choices("RulesFormat", "rules")


def _fmt(value: object, view: str) -> str:
    """The format chosen (an enum member of a choice type above), or the view's default."""
    from dxready.render import default_format

    return default_format(view) if value is None else str(getattr(value, "value", value))


class FailOn(str, enum.Enum):
    error = "error"
    warning = "warning"
    info = "info"


class TableName(str, enum.Enum):
    procedures = "procedures"
    systems = "systems"
    roadmap = "roadmap"
    summary = "summary"


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected a date YYYY-MM-DD, got {value!r}") from None


CatalogOpt = Annotated[
    Path | None,
    typer.Option(
        "--catalog",
        "-c",
        metavar="DIR",
        help="Catalogue directory (default: $DXREADY_CATALOG, ./data if it holds procedures.yaml, else the embedded 鴨川市).",
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Fix 'now' for time-dependent rules (YYYY-MM-DD; default today).",
        show_default=False,
    ),
]
LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", help="Output language (default $DXREADY_LANG or ja).", show_default=False),
]


def _version(value: bool) -> None:
    if value:
        from dxready import __version__

        sys.stdout.write(f"dxready {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """自治体の手続オンライン化の準備状況を YAML カタログから点検します。 Online-readiness of municipal procedures, from a YAML catalogue."""


def _lang(lang: Lang | None) -> str:
    if lang is not None:
        return lang.value
    env = os.environ.get("DXREADY_LANG", "ja")
    return env if env in ("ja", "en") else "ja"


def _as_of(value: str | None) -> dt.date:
    return _parse_date(value) or dt.date.today()


def _out(text: str) -> None:
    from dxready.render.safe import write

    write(text)


def _die(exc: DxreadyError, lang: str) -> NoReturn:
    from dxready.render.messages import error

    sys.stderr.write(error(exc, lang))
    raise typer.Exit(2)


def _guard(lang: str, action: Callable[[], T]) -> T:
    """``action()``; an input error of any kind (catalogue, option, git) is worded on stderr with exit 2."""
    from dxready.errors import DxreadyError
    from dxready.fsio import WriteError

    try:
        return action()
    except DxreadyError as exc:
        _die(exc, lang)
    except WriteError as exc:
        sys.stderr.write(f"dxready: {exc.message.get(lang)}\n")
        raise typer.Exit(2) from None


def _given(catalog: Path | None) -> Path | None:
    """``--catalog`` as given; a path that is no directory is a bad option (UsageError), not a catalogue problem."""
    if catalog is not None and not catalog.is_dir():
        from dxready.errors import UsageError
        from dxready.findings import Msg

        raise UsageError(
            "--catalog",
            Msg(
                f"--catalog {catalog}: カタログのディレクトリがありません",
                f"--catalog {catalog}: no such catalogue directory",
            ),
        )
    return catalog


def _load(catalog: Path | None, lang: str) -> Catalog:
    from dxready.engine.integrity import load

    return _guard(lang, lambda: load(_given(catalog)))


@app.command()
def check(
    catalog: CatalogOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = "text",
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Exit 1 when a finding is at least this severe.")
    ] = (FailOn.error),
    select: Annotated[
        list[str] | None,
        typer.Option("--select", metavar="CODE", help="Only these codes or prefixes (repeatable)."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="CODE", help="Skip these codes or prefixes (repeatable)."),
    ] = None,
) -> None:
    """Validate the catalogue and run the rules: file:line:col: CODE message. Exit 0 clean, 1 findings, 2 unusable."""
    from dxready.catalog.load import LoadError
    from dxready.catalog.settings import Severity
    from dxready.engine.integrity import load
    from dxready.engine.run import run
    from dxready.render import failed_renderer, renderer

    language = _lang(lang)
    when = _as_of(as_of)
    fmt = _fmt(format, "check")
    try:
        loaded = load(_guard(language, lambda: _given(catalog)))
    except LoadError as exc:
        if fmt == "text":
            _die(exc, language)
        # Machine formats carry the load problems too, so CI annotations point at the broken line.
        _out(failed_renderer(fmt)(exc, language))
        raise typer.Exit(2) from None
    report = run(loaded, when, select=select, ignore=ignore)
    _out(renderer("check", fmt)(report, language))
    threshold = Severity(fail_on.value).rank
    raise typer.Exit(1 if any(f.severity.rank >= threshold for f in report.findings) else 0)


@app.command()
def gaps(
    catalog: CatalogOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    format: Annotated[
        ReportFormat | None, typer.Option("--format", "-f", help="Output format (default: table).")
    ] = None,
    show_waived: Annotated[bool, typer.Option("--show-waived", help="Also list waived findings.")] = False,
) -> None:
    """What is not online yet and why: a summary, then each procedure with its level, findings and next steps."""
    from dxready.engine.run import run
    from dxready.render import renderer

    language = _lang(lang)
    report = run(_load(catalog, language), _as_of(as_of))
    _out(renderer("gaps", _fmt(format, "gaps"))(report, language, show_waived=show_waived))


@app.command("next")
def next_(
    catalog: CatalogOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    top: Annotated[int, typer.Option("--top", "-n", min=1, metavar="N", help="How many steps.")] = 10,
    format: Annotated[
        NextFormat | None, typer.Option("--format", "-f", help="Output format (default: table).")
    ] = None,
) -> None:
    """What to do next, in what order: one ranked step per subject, with the score's parts and blockers."""
    from dxready.engine.ranking import rank
    from dxready.engine.run import run
    from dxready.render import renderer

    language = _lang(lang)
    report = run(_load(catalog, language), _as_of(as_of))
    steps = rank(report)[:top]
    _out(renderer("next", _fmt(format, "next"))(report, language, steps=steps))


@app.command()
def table(
    name: Annotated[
        TableName | None,
        typer.Argument(
            metavar="NAME",
            help="procedures, systems, roadmap or summary (not with --all).",
            show_default=False,
        ),
    ] = None,
    catalog: CatalogOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    format: Annotated[
        TableFormat | None, typer.Option("--format", "-f", help="Output format (default: table).")
    ] = None,
    write: Annotated[
        Path | None,
        typer.Option(
            "--write", metavar="FILE", help="Replace the <!-- dxready:NAME --> block in this markdown file."
        ),
    ] = None,
    check_: Annotated[
        bool,
        typer.Option(
            "--check", help="With --write: never write; exit 1 with a diff when the block is stale."
        ),
    ] = False,
    all_: Annotated[
        bool,
        typer.Option(
            "--all",
            help=tr(
                "--write と共に: ファイル内のすべての dxready ブロックを更新（または --check）",
                "With --write: refresh (or --check) every dxready block in the file.",
            ),
        ),
    ] = False,
) -> None:
    """Status tables as the plan prints them: procedures (○ 一部 × —), systems by tier, the roadmap, a summary."""
    from dxready.engine.run import run
    from dxready.render import UnsupportedFormat, renderer

    if all_ and (write is None or name is not None):
        raise typer.BadParameter("--all goes with --write FILE and no NAME", param_hint="--all")
    if name is None and not all_:
        raise typer.BadParameter("give a table NAME (or --all with --write FILE)", param_hint="NAME")
    language = _lang(lang)
    report = run(_load(catalog, language), _as_of(as_of))
    fmt = _fmt(format or ("markdown" if write else None), "table procedures")  # every table: the same default
    if write is not None and fmt not in ("markdown", "mermaid"):
        raise typer.BadParameter(
            "--write fills a markdown file: use --format markdown or mermaid", param_hint="--format"
        )

    def render(table: str) -> str:
        try:
            return renderer(f"table {table}", fmt)(report, language)
        except UnsupportedFormat as exc:
            raise typer.BadParameter(str(exc), param_hint="--format") from None

    if write is None:
        if check_:
            raise typer.BadParameter("--check goes with --write FILE")
        assert name is not None
        _out(render(name.value))
        return
    from dxready.commands.tablefile import table_argv, update_blocks

    names = [name.value] if name is not None else None
    if names:
        render(names[0])  # an unsupported format is refused before the file is read
    options = (("--catalog", catalog), ("--as-of", as_of), ("--lang", lang), ("--format", format))
    argv = table_argv(name.value if name is not None else None, write, options)
    code, message = update_blocks(write, render, names, check=check_, argv=argv, lang=language)
    if message:
        (sys.stderr if code else sys.stdout).write(message)
    raise typer.Exit(code)


@app.command()
def rules(
    lang: LangOpt = None,
    format: Annotated[
        RulesFormat | None, typer.Option("--format", "-f", help="Output format (default: table).")
    ] = None,
) -> None:
    """List every rule: code, name, severity, summary."""
    from dxready.render import renderer

    _out(renderer("rules", _fmt(format, "rules"))(_lang(lang)))


@app.command()
def explain(
    code: Annotated[str, typer.Argument(metavar="CODE", help="A rule code such as DX101.")],
    lang: LangOpt = None,
) -> None:
    """Show one rule's documentation: why it matters, failing and passing examples, the next step."""
    from dxready.render.docs import explain_rule

    text = explain_rule(code.upper(), _lang(lang))
    if text is None:
        language = _lang(lang)
        sys.stderr.write(
            f"dxready: ルール {code!r} はありません（一覧: dxready rules）\n"
            if language == "ja"
            else f"dxready: unknown rule {code!r}; see `dxready rules`\n"
        )
        raise typer.Exit(2)
    _out(text)


@app.command()
def schema(
    out: Annotated[
        Path | None,
        typer.Option("--out", metavar="DIR", help="Write one <file>.schema.json per file into DIR."),
    ] = None,
) -> None:
    """JSON Schema of each catalogue file, for editors (yaml-language-server) and other validators."""
    from dxready.commands.schema import schemas, write_schemas

    if out is None:
        import json

        _out(json.dumps(schemas(), ensure_ascii=False, indent=2) + "\n")
        return
    from dxready.render.safe import oneline

    for path in _guard(_lang(None), lambda: write_schemas(out)):
        sys.stdout.write(f"{oneline(str(path))}\n")


@app.command()
def diff(
    base: Annotated[str, typer.Argument(metavar="BASE", help="Base catalogue: a directory or git:REV.")],
    head: Annotated[
        str | None, typer.Argument(metavar="HEAD", help="Head catalogue (default: the working catalogue).")
    ] = None,
    catalog: CatalogOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    format: Annotated[
        DiffFormat | None, typer.Option("--format", "-f", help="Output format (default: table).")
    ] = None,
    fail_on_regression: Annotated[
        bool,
        typer.Option(
            "--fail-on-regression", help="Exit 1 when a status or level goes down or a new error appears."
        ),
    ] = False,
) -> None:
    """What changed between two catalogues: statuses, levels, channels, entries, findings."""
    from dxready.commands.diff import run_diff
    from dxready.render import renderer

    language = _lang(lang)
    render = renderer("diff", _fmt(format, "diff"))
    result = _guard(
        language, lambda: run_diff(base, head, catalog=_given(catalog), as_of=_as_of(as_of), lang=language)
    )
    _out(render(result, language))
    raise typer.Exit(1 if fail_on_regression and result.regressions() else 0)


SetStatusOpt = Annotated[
    str | None,
    typer.Option("--status", help="online|partial|offline|not_applicable|unknown or ○ 一部 × —."),
]
SetChannelOpt = Annotated[
    list[str] | None, typer.Option("--channel", help="Add a channel (mynaportal, eltax, …).")
]
SetCountsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--counts",
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
        help=tr(
            "--counts の件数の出典（文書名や URL）", "Where the --counts figures come from (document or URL)."
        ),
    ),
]
SetNoteOpt = Annotated[str | None, typer.Option("--note", help="The 備考 text.")]
SetVerifiedOpt = Annotated[str | None, typer.Option("--verified-on", help="Date the status was confirmed.")]
SetAsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of", help=tr("状況の時点（YYYY-MM-DD）", "The date the status describes (YYYY-MM-DD).")
    ),
]
SetSourceOpt = Annotated[
    list[str] | None,
    typer.Option("--source", help=tr("出典（文書名や URL）を追加", "Add a source (document or URL).")),
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


@app.command("set")
def set_(
    ref: Annotated[
        str,
        typer.Argument(
            help="A procedure id or standard number; REF/SUB for a sub-procedure; municipality for the header."
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
        typer.Option("--unset", help=tr("項目を削除（繰り返し可）", "Remove a field (repeatable).")),
    ] = None,
    cards: Annotated[
        list[str] | None,
        typer.Option(
            "--cards",
            help=tr(
                "set municipality: マイナンバーカード 範囲:交付枚数:人口",
                "set municipality: My Number Card SCOPE:CARDS:POPULATION.",
            ),
        ),
    ] = None,
) -> None:
    """Edit one procedure in place: comments and formatting kept, validated before writing, atomic."""
    from dxready.commands.edit import run_set

    language = _lang(lang)
    message = _guard(
        language,
        lambda: run_set(
            ref,
            catalog=_given(catalog),
            status=status,
            channels=channel or [],
            counts=counts or [],
            note=note,
            verified_on=_parse_date(verified_on),
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


@app.command()
def add(
    ident: Annotated[
        str, typer.Argument(metavar="ID", help=tr("新しい手続の id", "The new procedure's id."))
    ],
    name: Annotated[str, typer.Option("--name", help=tr("手続の名前", "The procedure's name."))],
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
    """Add one of the city's own procedures (outside the 21 standard rows), with set's options."""
    from dxready.commands.edit import run_add

    language = _lang(lang)
    message = _guard(
        language,
        lambda: run_add(
            ident,
            name=name,
            catalog=catalog,
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


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Directory for the new catalogue.")],
    name: Annotated[str, typer.Option("--name", help="Municipality name, e.g. 呉市.")],
    code: Annotated[
        str, typer.Option("--code", help="全国地方公共団体コード with its check digit, e.g. 342025.")
    ],
    lang: LangOpt = None,
) -> None:
    """Start a catalogue from the national registry: the 21 standard rows, all statuses unknown."""
    from dxready.commands.scaffold import run_init
    from dxready.render.messages import init_result

    language = _lang(lang)
    _out(init_result(_guard(language, lambda: run_init(directory, name=name, code=code)), language))


class ExportFormat(str, enum.Enum):
    xlsx = "xlsx"
    csv = "csv"


class ImportFormat(str, enum.Enum):
    text = "text"
    json = "json"


class Unmatched(str, enum.Enum):
    add = "add"
    refuse = "refuse"


@app.command()
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
        ExportFormat, typer.Option("--format", "-f", help=tr("形式: xlsx または csv", "Format: xlsx or csv."))
    ] = ExportFormat.xlsx,
) -> None:
    """カタログを Excel（xlsx）または CSV に書き出します。 The catalogue as a workbook (xlsx) or CSV files, one per sheet."""
    from dxready.commands.export import run_export
    from dxready.render.transfer import export_report

    language = _lang(lang)
    result = _guard(
        language,
        lambda: run_export(
            catalog=catalog, as_of=_as_of(as_of), lang=language, format=format.value, out=output
        ),
    )
    _out(export_report(result, language))


@app.command("import")
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
            help=tr(
                "どの手続とも一致しない名前: add（自団体の手続として追加）または refuse（拒否）",
                "Names that match no procedure: add (as the city's own) or refuse.",
            ),
        ),
    ] = Unmatched.refuse,
    format: Annotated[
        ImportFormat | None,
        typer.Option(
            "--format", "-f", help=tr("報告の形式: text または json", "Report format: text or json.")
        ),
    ] = None,
) -> None:
    """表計算の表から状況・備考・チャネル・件数を読み込みます。 Statuses, notes, channels and counts from a spreadsheet."""
    from dxready.commands.import_ import run_import
    from dxready.render.transfer import import_report

    language = _lang(lang)
    result = _guard(
        language,
        lambda: run_import(
            source,
            catalog=catalog,
            dry_run=dry_run,
            unmatched=unmatched.value,
            as_of=_as_of(as_of),
            lang=language,
        ),
    )
    if format is ImportFormat.json:
        from dxready.render.transfer import import_json

        _out(import_json(result, language))
    else:
        _out(import_report(result, language))
    raise typer.Exit(1 if result.refused else 0)


@app.command()
def compare(
    directories: Annotated[list[Path], typer.Argument(help="Catalogue directories, or one parent of many.")],
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    format: Annotated[
        CompareFormat | None, typer.Option("--format", "-f", help="Output format (default: table).")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the validated-catalogue cache.")
    ] = False,
) -> None:
    """Municipality × standard procedure matrix with the plan's marks, rates per row and column, and totals."""
    from dxready.commands.compare import run_compare
    from dxready.render import renderer
    from dxready.render.compare import notes

    language = _lang(lang)
    render = renderer("compare", _fmt(format, "compare"))
    comparison = run_compare(directories, as_of=_as_of(as_of), use_cache=not no_cache)
    if comparison.rows:
        _out(render(comparison, language))
    sys.stderr.write(notes(comparison, language))
    raise typer.Exit(comparison.exit_code)


@app.command()
def trend(
    catalog: CatalogOpt = None,
    lang: LangOpt = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="Only commits from this date (YYYY-MM-DD).")
    ] = None,
    format: Annotated[
        TrendFormat | None, typer.Option("--format", "-f", help="Output format (default: table).")
    ] = None,
) -> None:
    """Readiness over time, from the catalogue's git history (no database)."""
    from dxready.commands.trend import run_trend
    from dxready.render import renderer

    language = _lang(lang)
    render = renderer("trend", _fmt(format, "trend"))
    trend = _guard(language, lambda: run_trend(catalog=_given(catalog), since=_parse_date(since)))
    _out(render(trend, language))


@app.command()
def page(
    directories: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="DIR",
            help=tr(
                "--compare のときに比べるカタログ（または多数の親ディレクトリ）",
                "With --compare: the catalogues (or one parent of many).",
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
) -> None:
    """公表用の状況ページ（1 つの HTML ファイル）を作ります。 The published status page: one accessible HTML file."""
    from dxready.render import page as pages

    language = _lang(lang)
    if directories and not compare_:
        raise typer.BadParameter(
            tr("ディレクトリは --compare と一緒に指定します", "directories go with --compare")
        )
    if compare_ and not directories:
        raise typer.BadParameter(
            tr("--compare には比べるカタログを指定します", "--compare needs catalogue directories")
        )
    chromium = pages.find_chromium() if pdf is not None else None
    if pdf is not None and chromium is None:
        sys.stderr.write(pages.no_chromium_message(language))
        raise typer.Exit(2)
    when = _as_of(as_of)
    if compare_:
        result = _guard(language, lambda: pages.build_compare(directories or [], when, language))
    else:
        result = _guard(language, lambda: pages.build_city(catalog, when, language, with_trend=not no_trend))
    if output is None and pdf is None:
        _out(result.html)
        return
    if output is not None:
        _guard(language, lambda: pages.write_file(output, result.html.encode("utf-8")))
        sys.stdout.write(f"{output}\n")
    if pdf is not None and chromium is not None:
        _guard(language, lambda: pages.print_pdf(result.html, pdf, chromium, language))
        sys.stdout.write(f"{pdf}\n")


def main() -> None:
    """Console entry point.

    One command is a short process whose memory is bounded by the input limits (8 MiB a file; compare collects per
    chunk itself): Python's cyclic collector would only walk the loaded catalogue again and again, so it is off, and
    frozen at exit so the interpreter's last pass skips everything the run built.
    """
    import gc

    from dxready.render.safe import prepare_streams

    gc.disable()
    prepare_streams()
    try:
        app()
    except Exception as exc:
        from dxready.guard import report

        sys.exit(report(exc))
    finally:
        gc.freeze()
