"""What every command of the CLI shares: the app, the common options, the format choices, the guards that
turn an input error into one worded line and exit 2, and the progress bar.

Heavy modules (pydantic models, rich, the renderers) are imported inside the functions that use them, so that
``--help`` and light commands stay fast.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from dxready.clitext import DxGroup, examples
from dxready.fastpath import given
from dxready.i18n import t, tr

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog
    from dxready.errors import DxreadyError

T = TypeVar("T")

app = typer.Typer(
    name="dxready",
    cls=DxGroup,
    help=tr(
        "自治体の手続オンライン化の準備状況を YAML カタログから点検します。",
        "Online-readiness of municipal procedures, from a YAML catalogue.",
    ),
    epilog=examples(
        "dxready init tateyama --name 館山市 --code 122050",
        ("dxready set 9 --status ○ -c tateyama", "dxready set 9 --status online -c tateyama"),
        "dxready check -c tateyama",
        "dxready gaps -c tateyama",
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
CheckCatalogOpt = Annotated[
    Path | None,
    typer.Option(
        "--catalog",
        "-c",
        metavar="DIR",
        help=tr(
            "カタログのディレクトリ（既定: $DXREADY_CATALOG、procedures.yaml のある ./ か ./data。見つからなければ"
            "終了コード 2: check は同梱のカタログを代わりに検査しません）。",
            "Catalogue directory (default: $DXREADY_CATALOG, ./ or ./data if it holds procedures.yaml; none found: "
            "exit 2, check never falls back to the embedded one).",
        ),
        show_default=False,
    ),
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


def _out(text: str | Iterable[str]) -> None:
    """Write a renderer's text, or its pieces (a streaming renderer such as ``gaps -f json``)."""
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
        from dxready.render.messages import write_error

        sys.stderr.write(write_error(exc.message, lang))
        raise typer.Exit(2) from None


_given = given
"""``--catalog`` as given, or UsageError (shared with the Typer-free ``check``)."""


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
