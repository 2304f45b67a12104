"""The Typer app: parse options, call the core, pick a renderer, exit. No rule or format logic lives here.

Heavy modules (pydantic models, rich, the renderers) are imported inside the commands that use them, so that
``--help`` and light commands stay fast.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from dxready.clitext import DxCommand, DxGroup
from dxready.completion import complete_codes, complete_ids, complete_refs
from dxready.i18n import t, tr

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog
    from dxready.engine.filters import Filters
    from dxready.errors import DxreadyError

T = TypeVar("T")

app = typer.Typer(
    name="dxready",
    cls=DxGroup,
    help=tr(
        "自治体の手続オンライン化の準備状況を YAML カタログから点検します。",
        "Online-readiness of municipal procedures, from a YAML catalogue.",
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_ROOT: dict[str, object] = {}
"""--catalog, --as-of and --lang given before the command name: the defaults of this run's command."""


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


def _metavar(*views: str) -> str:
    """A ``--format`` metavar such as ``table|markdown|json``: the registry's formats for the views."""
    from dxready.render import formats

    return "<" + "|".join(formats(*views)) + ">"


def _table_names() -> list[str]:
    from dxready.render import TABLES

    return list(TABLES)


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


def _parse_date(value: str | None, hint: str = "--as-of") -> dt.date | None:
    if value is None:
        return None
    from dxready.catalog.dates import DateError, parse_date

    try:
        return parse_date(value)
    except DateError as exc:
        raise typer.BadParameter(exc.ja if _lang(None) == "ja" else exc.en, param_hint=hint) from None


_CATALOG_HELP = tr(
    "カタログのディレクトリ（既定: $DXREADY_CATALOG、procedures.yaml のある ./data、なければ同梱の鴨川市）。",
    "Catalogue directory (default: $DXREADY_CATALOG, ./data if it holds procedures.yaml, else the embedded 鴨川市).",
)
_AS_OF_HELP = tr(
    "期限を判定する基準日（2024-03-31、令和6年3月31日、R6.3.31 など。既定は今日）。",
    "Fix 'now' for time-dependent rules (2024-03-31, 令和6年3月31日, R6.3.31 …; default today).",
)
_LANG_HELP = tr(
    "出力の言語（既定は $DXREADY_LANG、なければ日本語）。", "Output language (default $DXREADY_LANG or ja)."
)
_FORMAT_HELP = tr("出力形式（既定: table）。", "Output format (default: table).")

CatalogOpt = Annotated[
    Path | None,
    typer.Option("--catalog", "-c", metavar="DIR", help=_CATALOG_HELP, show_default=False),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help=_AS_OF_HELP, show_default=False),
]
LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", metavar="ja|en", help=_LANG_HELP, show_default=False),
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
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help=tr("版を表示して終了します。", "Show the version and exit."),
        ),
    ] = False,
    catalog: CatalogOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> None:
    # Common options before the command name are this run's defaults; the same options after it win.
    _ROOT.clear()
    _ROOT.update(catalog=catalog, as_of=as_of, lang=lang)


def _lang(lang: Lang | None) -> str:
    if lang is None:
        lang = _ROOT.get("lang")  # type: ignore[assignment]
    if lang is not None:
        return lang.value
    from dxready.clitext import current_lang_of

    return current_lang_of(None)  # --lang anywhere on the line, else $DXREADY_LANG, else the locale


def _catalog(catalog: Path | None) -> Path | None:
    return catalog if catalog is not None else _ROOT.get("catalog")  # type: ignore[return-value]


def _as_of(value: str | None) -> dt.date:
    if value is None:
        value = _ROOT.get("as_of")  # type: ignore[assignment]
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

    return _guard(lang, lambda: load(_given(_catalog(catalog))))


def _codes(values: list[str] | None, option: str, lang: str) -> list[str] | None:
    """Rule codes as typed (ＤＸ１, dx101) → DX1, DX101; exit 2 naming the nearest codes when one matches no rule."""
    if not values:
        return values
    from dxready.engine.filters import normalise_code, unknown_codes

    codes = [normalise_code(v) for v in values]
    bad = unknown_codes(codes)
    if bad:
        code, near = bad[0]
        hint = ", ".join(near)
        raise typer.BadParameter(
            t(
                lang,
                f"{code} に当たるルールはありません"
                + (f"（近いもの: {hint}）" if hint else "")
                + "。一覧: dxready rules",
                f"no rule matches {code}" + (f" (nearest: {hint})" if hint else "") + "; see `dxready rules`",
            ),
            param_hint=option,
        )
    return codes


def _nfkc(value: str | None) -> str | None:
    import unicodedata

    return None if value is None else unicodedata.normalize("NFKC", value).strip()


@app.command(
    cls=DxCommand,
    help=tr(
        "カタログを検証してルールを実行します（file:line:col: コード メッセージ）。終了コード 0 問題なし、1 指摘あり、2 使えない入力。",
        "Validate the catalogue and run the rules: file:line:col: CODE message. Exit 0 clean, 1 findings, 2 unusable.",
    ),
)
def check(
    catalog: CatalogOpt = None,
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
) -> None:
    from dxready.catalog.load import LoadError
    from dxready.catalog.settings import Severity
    from dxready.engine.integrity import load
    from dxready.engine.run import run
    from dxready.render import failed_renderer, renderer

    language = _lang(lang)
    when = _as_of(as_of)
    select = _codes(select, "--select", language)
    ignore = _codes(ignore, "--ignore", language)
    fmt = _fmt(format, "check")
    try:
        loaded = load(_guard(language, lambda: _given(_catalog(catalog))))
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
        raise typer.BadParameter(
            t(
                lang,
                f"{bad[0]!r} は状況ではありません（○ 一部 × — ？ または online, partial, offline, not_applicable, unknown）",
                f"{bad[0]!r} is not a status (○ 一部 × — ？ or online, partial, offline, not_applicable, unknown)",
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
                "指摘ごとの説明と次のレベルの条件も表示します。",
                "Also show each finding's explanation and the level criteria.",
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
)
def next_(
    catalog: CatalogOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    top: Annotated[
        int, typer.Option("--top", "-n", min=1, metavar="N", help=tr("表示する手順の数。", "How many steps."))
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


@app.command(
    cls=DxCommand,
    help=tr(
        "計画と同じ形の状況表: 手続（○ 一部 × —）、区分ごとのシステム、工程表、概況。",
        "Status tables as the plan prints them: procedures (○ 一部 × —), systems by tier, the roadmap, a summary.",
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
        raise typer.BadParameter(
            t(
                _lang(lang),
                "表の名前 NAME を指定してください（または --write FILE と --all）",
                "give a table NAME (or --all with --write FILE)",
            ),
            param_hint="NAME",
        )
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
            raise typer.BadParameter(str(exc), param_hint="--format") from None

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
    code, message = update_blocks(write, render, names, check=check_, argv=argv, lang=language)
    if message:
        (sys.stderr if code else sys.stdout).write(message)
    raise typer.Exit(code)


@app.command(
    cls=DxCommand,
    help=tr(
        "すべてのルールの一覧: コード、名前、重大度、要約。",
        "List every rule: code, name, severity, summary.",
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
    from dxready.commands.schema import schemas, write_schemas

    if out is None:
        import json

        _out(json.dumps(schemas(), ensure_ascii=False, indent=2) + "\n")
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
                "状況やレベルが下がったか、新しいエラーが出たら終了コード 1。",
                "Exit 1 when a status or level goes down or a new error appears.",
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

    language = _lang(lang)
    result = _guard(
        language,
        lambda: run_export(
            catalog=_catalog(catalog), as_of=_as_of(as_of), lang=language, format=format.value, out=output
        ),
    )
    _out(export_report(result, language))


@app.command(
    "import",
    cls=DxCommand,
    help=tr(
        "表計算の表から状況・備考・チャネル・件数を読み込みます。",
        "Statuses, notes, channels and counts from a spreadsheet.",
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
        ),
    )
    if format is ImportFormat.json:
        from dxready.render.transfer import import_json

        _out(import_json(result, language))
    else:
        _out(import_report(result, language))
    raise typer.Exit(1 if result.refused else 0)


@app.command(
    cls=DxCommand,
    help=tr(
        "団体 × 標準手続の表: 計画の記号、行と列ごとの率、合計。",
        "Municipality × standard procedure matrix with the plan's marks, rates per row and column, and totals.",
    ),
)
def compare(
    directories: Annotated[
        list[Path],
        typer.Argument(
            metavar="DIR...",
            help=tr(
                "カタログのディレクトリ、または多くのカタログを収めた親ディレクトリ。",
                "Catalogue directories, or one parent of many.",
            ),
        ),
    ],
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
) -> None:
    from dxready.commands.compare import run_compare
    from dxready.render import renderer
    from dxready.render.compare import notes

    language = _lang(lang)
    render = renderer("compare", _fmt(format, "compare"))
    with _progress(t(language, "カタログを読んでいます", "Reading catalogues"), language) as progress:
        comparison = run_compare(directories, as_of=_as_of(as_of), use_cache=not no_cache, progress=progress)
    if comparison.rows:
        _out(render(comparison, language))
    sys.stderr.write(notes(comparison, language))
    raise typer.Exit(comparison.exit_code)


@app.command(
    cls=DxCommand,
    help=tr(
        "カタログの git の履歴からたどる準備状況の推移（データベースは不要）。",
        "Readiness over time, from the catalogue's git history (no database).",
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
    with _progress(t(language, "履歴を読んでいます", "Reading history"), language) as progress:
        trend = _guard(
            language, lambda: run_trend(catalog=_given(_catalog(catalog)), since=start, progress=progress)
        )
    _out(render(trend, language))


@app.command(
    cls=DxCommand,
    help=tr(
        "公表用の状況ページ（1 つの HTML ファイル）を作ります。",
        "The published status page: one accessible HTML file.",
    ),
)
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
        result = _guard(
            language, lambda: pages.build_city(_catalog(catalog), when, language, with_trend=not no_trend)
        )
    if output is None and pdf is None:
        _out(result.html)
        return
    if output is not None:
        _guard(language, lambda: pages.write_file(output, result.html.encode("utf-8")))
        sys.stdout.write(f"{output}\n")
    if pdf is not None and chromium is not None:
        _guard(language, lambda: pages.print_pdf(result.html, pdf, chromium, language))
        sys.stdout.write(f"{pdf}\n")


@contextlib.contextmanager
def _progress(label: str, lang: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback (done, total) that draws a bar on stderr, or None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        redirect_stdout=False,  # the result goes to stdout as it is, never into the bar's stream
        redirect_stderr=False,
    ) as bar:
        task = bar.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)
            if total and done >= total:
                bar.stop()  # gone before the result is printed

        yield advance


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
