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
    from dxready.catalog.load import Catalog, LoadError

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


class CheckFormat(str, enum.Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class ReportFormat(str, enum.Enum):
    table = "table"
    markdown = "markdown"
    json = "json"
    csv = "csv"


class ViewFormat(str, enum.Enum):
    """diff, trend and rules: no csv."""

    table = "table"
    markdown = "markdown"
    json = "json"


class TableFormat(str, enum.Enum):
    table = "table"
    markdown = "markdown"
    json = "json"
    csv = "csv"
    mermaid = "mermaid"


class ByOption(str, enum.Enum):
    prefecture = "prefecture"


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


def _die(exc: LoadError, lang: str) -> NoReturn:
    from dxready.render.text import load_problems

    sys.stderr.write(load_problems(exc, lang))
    raise typer.Exit(2)


def _guard(lang: str, action: Callable[[], T]) -> T:
    from dxready.catalog.load import LoadError
    from dxready.fsio import WriteError

    try:
        return action()
    except LoadError as exc:
        _die(exc, lang)
    except WriteError as exc:
        sys.stderr.write(f"dxready: {exc.message.get(lang)}\n")
        raise typer.Exit(2) from None


def _load(catalog: Path | None, lang: str) -> Catalog:
    from dxready.catalog.load import load_catalog

    return _guard(lang, lambda: load_catalog(catalog))


@app.command()
def check(
    catalog: CatalogOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.text,
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
    from dxready.catalog.load import LoadError, load_catalog
    from dxready.catalog.settings import Severity
    from dxready.engine.run import run
    from dxready.render import check_renderers

    language = _lang(lang)
    when = _as_of(as_of)
    try:
        loaded = load_catalog(catalog)
    except LoadError as exc:
        if format is CheckFormat.text:
            _die(exc, language)
        # Machine formats carry the load problems too, so CI annotations point at the broken line.
        _out(check_renderers(format.value, failed=True)(exc, language))
        raise typer.Exit(2) from None
    report = run(loaded, when, select=select, ignore=ignore)
    _out(check_renderers(format.value)(report, language))
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
    from dxready.render import report_renderer

    language = _lang(lang)
    report = run(_load(catalog, language), _as_of(as_of))
    fmt = (format or ReportFormat.table).value
    _out(report_renderer("gaps", fmt)(report, language, show_waived=show_waived))


@app.command("next")
def next_(
    catalog: CatalogOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    top: Annotated[int, typer.Option("--top", "-n", min=1, metavar="N", help="How many steps.")] = 10,
    format: Annotated[
        ReportFormat | None, typer.Option("--format", "-f", help="Output format (default: table).")
    ] = None,
) -> None:
    """What to do next, in what order: one ranked step per subject, with the score's parts and blockers."""
    from dxready.engine.ranking import rank
    from dxready.engine.run import run
    from dxready.render import report_renderer

    language = _lang(lang)
    report = run(_load(catalog, language), _as_of(as_of))
    steps = rank(report)[:top]
    fmt = (format or ReportFormat.table).value
    _out(report_renderer("next", fmt)(report, language, steps=steps))


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
    from dxready.render import report_renderer

    if all_ and (write is None or name is not None):
        raise typer.BadParameter("--all goes with --write FILE and no NAME", param_hint="--all")
    if name is None and not all_:
        raise typer.BadParameter("give a table NAME (or --all with --write FILE)", param_hint="NAME")
    language = _lang(lang)
    report = run(_load(catalog, language), _as_of(as_of))
    fmt = (format or (TableFormat.markdown if write else TableFormat.table)).value
    if write is not None and fmt not in ("markdown", "mermaid"):
        raise typer.BadParameter(
            "--write fills a markdown file: use --format markdown or mermaid", param_hint="--format"
        )
    from dxready.render import UnsupportedFormat

    def render(table: str) -> str:
        try:
            return report_renderer(f"table_{table}", fmt)(report, language)
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
        ViewFormat | None, typer.Option("--format", "-f", help="Output format (default: table).")
    ] = None,
) -> None:
    """List every rule: code, name, severity, summary."""
    from dxready.render.docs import rule_list

    _out(rule_list(_lang(lang), (format or ViewFormat.table).value))


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
        ViewFormat | None, typer.Option("--format", "-f", help="Output format (default: table).")
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

    language = _lang(lang)
    code = _guard(
        language,
        lambda: run_diff(
            base,
            head,
            catalog=catalog,
            as_of=_as_of(as_of),
            lang=language,
            format=(format or ViewFormat.table).value,
            fail_on_regression=fail_on_regression,
            out=_out,
        ),
    )
    raise typer.Exit(code)


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
    refs: Annotated[
        list[str],
        typer.Argument(
            metavar="REF...",
            help=tr(
                "手続の id か標準番号（個別手続は REF/SUB、見出しは municipality、system ID / roadmap ID）。"
                "複数指定や 18/* のようなパターンで一度に更新します。",
                "A procedure id or standard number; REF/SUB for a sub-procedure; municipality for the header;"
                " system ID / roadmap ID. Several, or patterns such as 18/*, are edited together in one write.",
            ),
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
    name: Annotated[
        str | None, typer.Option("--name", help=tr("set system: システム名", "set system: the name."))
    ] = None,
    tier: Annotated[
        str | None,
        typer.Option(
            "--tier",
            help=tr(
                "set system: backbone 基幹系 | intranet 情報系 | standalone 独立系",
                "set system: backbone | intranet | standalone.",
            ),
        ),
    ] = None,
    phase: Annotated[
        str | None,
        typer.Option(
            "--phase",
            help=tr(
                "set system: 移行の段階 planning | selection | migrating | operating | not_required（計画立案・選定・移行・本格運用・不要）",
                "set system: migration phase planning | selection | migrating | operating | not_required.",
            ),
        ),
    ] = None,
    migration_target: Annotated[
        str | None,
        typer.Option(
            "--migration-target",
            help=tr(
                "set system: 移行の目標年度（例: 令和7年度）",
                "set system: migration target fiscal year (e.g. 2025).",
            ),
        ),
    ] = None,
    track: Annotated[
        str | None,
        typer.Option(
            "--track",
            help=tr(
                "set system: standard | difficult 移行困難 | tokutei 特定移行支援",
                "set system: standard | difficult | tokutei.",
            ),
        ),
    ] = None,
    gov_cloud: Annotated[
        bool | None,
        typer.Option(
            "--gov-cloud/--no-gov-cloud",
            help=tr(
                "set system: ガバメントクラウドへ移行するか",
                "set system: whether it moves to the government cloud.",
            ),
        ),
    ] = None,
    standard_business: Annotated[
        str | None,
        typer.Option(
            "--standard-business",
            help=tr(
                "set system: 標準化対象の20業務のひとつ（例: 住民基本台帳）",
                "set system: one of the 20 standardised businesses.",
            ),
        ),
    ] = None,
    data_input: Annotated[
        str | None,
        typer.Option(
            "--data-input", help=tr("set system: manual 手入力 | linked 連携", "set system: manual | linked.")
        ),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner", help=tr("set system/roadmap: 担当課", "set system/roadmap: the owning department.")
        ),
    ] = None,
    vendor: Annotated[
        str | None, typer.Option("--vendor", help=tr("set system: ベンダー", "set system: the vendor."))
    ] = None,
    link: Annotated[
        list[str] | None,
        typer.Option(
            "--link",
            help=tr(
                "set system: データをやり取りするシステムの id を追加", "set system: add a linked system id."
            ),
        ),
    ] = None,
    serves: Annotated[
        list[str] | None,
        typer.Option(
            "--serves",
            help=tr(
                "set system: このシステムで処理する手続の id（手続の systems に追加）",
                "set system: a procedure id it serves (added to the procedure's systems).",
            ),
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help=tr("set roadmap: 項目名", "set roadmap: the title."))
    ] = None,
    area: Annotated[
        int | None,
        typer.Option("--area", help=tr("set roadmap: 分野の番号", "set roadmap: the area number.")),
    ] = None,
    state: Annotated[
        str | None,
        typer.Option(
            "--state",
            help=tr(
                "set roadmap: not_started 未着手 | in_progress 実施中 | done 完了",
                "set roadmap: not_started | in_progress | done.",
            ),
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--start", help=tr("set roadmap: 開始年度（例: 令和6年度）", "set roadmap: start fiscal year.")
        ),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(
            "--target",
            help=tr(
                "set roadmap: 目標年度、none（期限なし）または recurring（適宜）",
                "set roadmap: target fiscal year, none or recurring.",
            ),
        ),
    ] = None,
    last_reviewed: Annotated[
        str | None,
        typer.Option(
            "--last-reviewed",
            help=tr("set roadmap: 最後に見直した日", "set roadmap: the day it was last reviewed."),
        ),
    ] = None,
    procedure: Annotated[
        list[str] | None,
        typer.Option(
            "--procedure",
            help=tr("set roadmap: 進める手続の id を追加", "set roadmap: add a procedure id it advances."),
        ),
    ] = None,
    system: Annotated[
        list[str] | None,
        typer.Option(
            "--system",
            help=tr("set roadmap: 進めるシステムの id を追加", "set roadmap: add a system id it advances."),
        ),
    ] = None,
) -> None:
    """Edit procedures in place (several at once, or set system ID / set roadmap ID): comments and formatting kept,
    validated before writing, atomic."""
    from dxready.commands.bulk import needs_bulk, run_set_many
    from dxready.commands.edit import run_set

    language = _lang(lang)
    entity = {
        "name": name, "tier": tier, "phase": phase, "migration_target": migration_target, "track": track,
        "gov_cloud": gov_cloud, "standard_business": standard_business, "data_input": data_input, "owner": owner,
        "vendor": vendor, "links": link or [], "serves": serves or [], "title": title, "area": area,
        "state": state, "start": start, "target": target, "last_reviewed": _parse_date(last_reviewed),
        "procedures": procedure or [], "systems": system or [],
    }  # fmt: skip
    if refs[0] in ("system", "roadmap"):
        from dxready.commands.edit_entities import set_entity_cli

        common = {
            "status": status,
            "channels": channel or [],
            "counts": counts or [],
            "verified_on": verified_on,
            "unset": unset or [],
            "as_of": as_of,
            "source": source or [],
            "inferred": inferred,
            "cards": cards or [],
            "counts_source": counts_source,
        }
        _out(
            _guard(
                language, lambda: set_entity_cli(refs, {**entity, **common, "note": note}, catalog, language)
            )
        )
        return
    if any(v not in (None, []) for v in entity.values()):
        from dxready.commands.edit_entities import procedure_stray

        _guard(language, lambda: procedure_stray(entity))
    if needs_bulk(refs):
        options = {
            "status": status,
            "channels": channel or [],
            "counts": counts or [],
            "note": note,
            "verified_on": _parse_date(verified_on),
            "unset": unset or [],
            "as_of": _parse_date(as_of),
            "sources": source or [],
            "inferred": inferred,
            "cards": cards or [],
            "counts_source": counts_source,
        }
        _out(_guard(language, lambda: run_set_many(refs, catalog=catalog, lang=language, **options)))
        return
    message = _guard(
        language,
        lambda: run_set(
            refs[0],
            catalog=catalog,
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
    args: Annotated[
        list[str],
        typer.Argument(
            metavar="ID | system ID | roadmap ID",
            help=tr(
                "新しい手続の id（市独自の手続）、または system ID / roadmap ID",
                "The new procedure's id (one of the city's own), or system ID / roadmap ID.",
            ),
        ),
    ],
    catalog: CatalogOpt = None,
    lang: LangOpt = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            help=tr("手続名・システム名（必須）", "The procedure's or the system's name (required)."),
        ),
    ] = None,
    status: SetStatusOpt = None,
    channel: SetChannelOpt = None,
    counts: SetCountsOpt = None,
    counts_source: SetCountsSourceOpt = None,
    verified_on: SetVerifiedOpt = None,
    as_of: SetAsOfOpt = None,
    source: SetSourceOpt = None,
    inferred: SetInferredOpt = None,
    tier: Annotated[
        str | None,
        typer.Option(
            "--tier",
            help=tr(
                "system: backbone 基幹系 | intranet 情報系 | standalone 独立系（必須）",
                "system: backbone | intranet | standalone (required).",
            ),
        ),
    ] = None,
    phase: Annotated[
        str | None, typer.Option("--phase", help=tr("system: 移行の段階", "system: migration phase."))
    ] = None,
    migration_target: Annotated[
        str | None,
        typer.Option(
            "--migration-target", help=tr("system: 移行の目標年度", "system: migration target fiscal year.")
        ),
    ] = None,
    track: Annotated[
        str | None,
        typer.Option(
            "--track",
            help=tr("system: standard | difficult | tokutei", "system: standard | difficult | tokutei."),
        ),
    ] = None,
    gov_cloud: Annotated[
        bool | None,
        typer.Option(
            "--gov-cloud/--no-gov-cloud",
            help=tr("system: ガバメントクラウドへ移行するか", "system: moves to the government cloud."),
        ),
    ] = None,
    standard_business: Annotated[
        str | None,
        typer.Option(
            "--standard-business",
            help=tr("system: 標準化対象の20業務のひとつ", "system: one of the 20 standardised businesses."),
        ),
    ] = None,
    data_input: Annotated[
        str | None,
        typer.Option(
            "--data-input", help=tr("system: manual 手入力 | linked 連携", "system: manual | linked.")
        ),
    ] = None,
    owner: Annotated[str | None, typer.Option("--owner", help=tr("担当課", "The owning department."))] = None,
    vendor: Annotated[
        str | None, typer.Option("--vendor", help=tr("system: ベンダー", "system: the vendor."))
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help=tr("備考", "A note."))] = None,
    link: Annotated[
        list[str] | None,
        typer.Option("--link", help=tr("system: 連携するシステムの id", "system: a linked system id.")),
    ] = None,
    serves: Annotated[
        list[str] | None,
        typer.Option("--serves", help=tr("system: 処理する手続の id", "system: a procedure id it serves.")),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option("--title", help=tr("roadmap: 項目名（必須）", "roadmap: the title (required).")),
    ] = None,
    area: Annotated[
        int | None,
        typer.Option(
            "--area", help=tr("roadmap: 分野の番号（必須）", "roadmap: the area number (required).")
        ),
    ] = None,
    state: Annotated[
        str | None,
        typer.Option(
            "--state",
            help=tr(
                "roadmap: not_started 未着手 | in_progress 実施中 | done 完了",
                "roadmap: not_started | in_progress | done.",
            ),
        ),
    ] = None,
    start: Annotated[
        str | None, typer.Option("--start", help=tr("roadmap: 開始年度", "roadmap: start fiscal year."))
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(
            "--target",
            help=tr(
                "roadmap: 目標年度、none または recurring", "roadmap: target fiscal year, none or recurring."
            ),
        ),
    ] = None,
    procedure: Annotated[
        list[str] | None,
        typer.Option(
            "--procedure", help=tr("roadmap: 進める手続の id", "roadmap: a procedure id it advances.")
        ),
    ] = None,
    system: Annotated[
        list[str] | None,
        typer.Option(
            "--system", help=tr("roadmap: 進めるシステムの id", "roadmap: a system id it advances.")
        ),
    ] = None,
) -> None:
    """Add one of the city's own procedures (with set's options), a system, or a roadmap (工程表) item: validated,
    atomic, comments kept."""
    from dxready.commands.edit_entities import KINDS, add_entity_cli, procedure_stray

    language = _lang(lang)
    procedure_options = {
        "status": status, "channels": channel or [], "counts": counts or [], "counts_source": counts_source,
        "verified_on": verified_on, "as_of": as_of, "source": source or [], "inferred": inferred,
    }  # fmt: skip
    options = {
        "name": name, "tier": tier, "phase": phase, "migration_target": migration_target, "track": track,
        "gov_cloud": gov_cloud, "standard_business": standard_business, "data_input": data_input, "owner": owner,
        "vendor": vendor, "note": note, "links": link or [], "serves": serves or [], "title": title, "area": area,
        "state": state, "start": start, "target": target, "procedures": procedure or [], "systems": system or [],
    }  # fmt: skip
    if args[0] in KINDS:
        _out(
            _guard(
                language, lambda: add_entity_cli(args, {**options, **procedure_options}, catalog, language)
            )
        )
        return
    from dxready.commands.edit import run_add

    entity = {k: v for k, v in options.items() if k not in ("name", "note")}
    if any(v not in (None, []) for v in entity.values()):
        _guard(language, lambda: procedure_stray(entity))
    if len(args) != 1 or name is None:
        raise typer.BadParameter(
            tr("dxready add ID --name 名前 と指定してください", "use dxready add ID --name NAME"),
            param_hint="ID",
        )
    message = _guard(
        language,
        lambda: run_add(
            args[0],
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
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            help=tr(
                "団体名（例: 館山市、東京都府中市）。国の団体一覧から団体コードを引きます。",
                "Municipality name, e.g. 館山市 or 東京都府中市; its code comes from the national registry.",
            ),
        ),
    ] = None,
    code: Annotated[
        str | None,
        typer.Option(
            "--code",
            help=tr(
                "検査数字付きの全国地方公共団体コード（例: 122050）。名前は国の団体一覧から引きます。",
                "全国地方公共団体コード with its check digit, e.g. 122050; the name comes from the registry.",
            ),
        ),
    ] = None,
    from_embedded: Annotated[
        bool,
        typer.Option(
            "--from-embedded",
            help=tr(
                "同梱の鴨川市のカタログをそのまま写して、編集できるようにします。",
                "Copy the shipped 鴨川市 catalogue byte for byte, to edit it.",
            ),
        ),
    ] = False,
    lang: LangOpt = None,
) -> None:
    """Start a catalogue from the national registry: the 21 standard rows, all statuses unknown."""
    from dxready.commands.scaffold import run_init, run_init_embedded

    language = _lang(lang)
    if from_embedded:
        if name is not None or code is not None:
            raise typer.BadParameter(
                tr(
                    "--from-embedded は --name/--code と一緒に使えません",
                    "--from-embedded takes no --name/--code",
                ),
                param_hint="--from-embedded",
            )
        _out(_guard(language, lambda: run_init_embedded(directory, lang=language)))
        return
    _out(_guard(language, lambda: run_init(directory, name=name, code=code, lang=language)))


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
    directories: Annotated[
        list[Path] | None, typer.Argument(help="Catalogue directories, or one parent of many.")
    ] = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    format: Annotated[
        ReportFormat | None, typer.Option("--format", "-f", help="Output format (default: table).")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the validated-catalogue cache.")
    ] = False,
    embedded: Annotated[
        bool,
        typer.Option(
            "--embedded",
            help=tr("同梱の鴨川市のカタログも比較に入れる", "Include the shipped 鴨川市 catalogue."),
        ),
    ] = False,
    by: Annotated[
        ByOption | None,
        typer.Option(
            "--by",
            help=tr(
                "prefecture: 都道府県別に集計（団体数は全国一覧と比べ、率は未確認があれば下限〜上限）",
                "prefecture: roll up by prefecture (municipalities against the registry; bounds where unknown).",
            ),
        ),
    ] = None,
) -> None:
    """Municipality × standard procedure matrix with the plan's marks, rates per row and column, and totals."""
    from dxready.commands.compare import run_compare

    language = _lang(lang)
    dirs = list(directories or [])
    if embedded:
        from dxready.catalog.load import embedded_catalog

        dirs.append(embedded_catalog())
    if not dirs:
        raise typer.BadParameter(
            tr(
                "カタログのディレクトリか --embedded を指定してください",
                "give catalogue directories or --embedded",
            ),
            param_hint="DIRECTORIES",
        )
    code = run_compare(
        dirs,
        by=by.value if by is not None else None,
        as_of=_as_of(as_of),
        lang=language,
        format=(format or ReportFormat.table).value,
        use_cache=not no_cache,
        out=_out,
    )
    raise typer.Exit(code)


@app.command()
def trend(
    catalog: CatalogOpt = None,
    lang: LangOpt = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="Only commits from this date (YYYY-MM-DD).")
    ] = None,
    format: Annotated[
        ViewFormat | None, typer.Option("--format", "-f", help="Output format (default: table).")
    ] = None,
) -> None:
    """Readiness over time, from the catalogue's git history (no database)."""
    from dxready.commands.trend import run_trend

    language = _lang(lang)
    code = _guard(
        language,
        lambda: run_trend(
            catalog=catalog,
            since=_parse_date(since),
            lang=language,
            format=(format or ViewFormat.table).value,
            out=_out,
        ),
    )
    raise typer.Exit(code)


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
        from dxready.errors import report

        sys.exit(report(exc))
    finally:
        gc.freeze()
