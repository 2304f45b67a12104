"""``dxready check``, ``gaps -f json``, ``rules``, ``explain`` and ``schema`` in their common forms without Typer, and
the run harness that every command shares.

Importing Typer (with its vendored Click and the pydantic adapters it builds for every option) and building the
command tree of every family costs about as much as ``check``'s real work on a small catalogue. ``check`` is the
command CI runs on every push, so its usual command lines are read here, by a deliberately narrow parser:
the options of ``check`` given as ``--name value``, ``--name=value`` or ``-c/-f value``, with valid choices, a date
that parses and codes that name a rule. Anything else (``--help``, a typo, a bad value, options before the command,
shell completion) returns ``None`` and goes to the Typer app, which words every error. Both paths run the same
:func:`check_exit`; ``tests/test_fastpath.py`` runs many command lines through each and compares the bytes. ``rules``
(``--lang``, ``--format``) and ``explain CODE`` (``--lang``) are read the same way and call the same renderers as
their Typer commands; an unknown code goes to Typer for its message. ``schema`` without ``--out`` prints the schemas.
``gaps --format json`` (``--catalog``, ``--as-of``, ``--lang``, ``--show-waived``, ``-v``; no filter) is the JSON
that CI and dashboards read from large catalogues: :func:`run_gaps_json` does what the Typer command does for it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

_VALUED = {
    "--catalog": "catalog",
    "-c": "catalog",
    "--as-of": "as_of",
    "--lang": "lang",
    "--format": "format",
    "-f": "format",
    "--fail-on": "fail_on",
    "--select": "select",
    "--ignore": "ignore",
}
"""Every option this parser reads and what it is called; each command takes the subset in ``_TAKES``."""
_FLAGS = {"--verbose": "verbose", "-v": "verbose", "--show-waived": "show_waived", "--embedded": "embedded"}
"""Options without a value (counted as an empty value each time they are given)."""
_TAKES = {
    "check": frozenset(_VALUED.values()) | {"verbose", "embedded"},
    # The JSON form only (--format json is required; the terminal views and the filters go to Typer). --verbose
    # changes only the table, so it is read and has no effect, as in the Typer command.
    "gaps": frozenset({"catalog", "as_of", "lang", "format", "show_waived", "verbose"}),
    "rules": frozenset({"lang", "format"}),
    "explain": frozenset({"lang"}),
    # Without --out: the schemas on stdout (--out writes files, and Typer's guard words what goes wrong there).
    "schema": frozenset({"lang"}),
}
_POSITIONAL = {"check": 0, "gaps": 0, "rules": 0, "explain": 1, "schema": 0}
_REPEATED = ("select", "ignore")
_FAIL_ON = ("error", "warning", "info")
_COMPLETE_VAR = "_DXREADY_COMPLETE"


class CheckArgs(NamedTuple):
    """``check``'s options as Typer would pass them (the defaults where not given). A named tuple, not a frozen
    dataclass: a dataclass compiles six generated methods while check starts (issue 14)."""

    catalog: Path | None = None
    as_of: str | None = None
    lang: str | None = None
    format: str = "text"
    fail_on: str = "error"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    verbose: bool = False
    embedded: bool = False


def _words(
    args: Sequence[str], takes: frozenset[str], positional: int
) -> tuple[dict[str, list[str]], list[str]] | None:
    """Each option's values in order (a flag counted as an empty value) and the arguments, or None for anything this
    parser does not plainly understand."""
    found: dict[str, list[str]] = {}
    arguments: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        flag = _FLAGS.get(arg)
        if flag is not None and flag in takes:
            found.setdefault(flag, []).append("")
            continue
        if not arg.startswith("-") and len(arguments) < positional:
            arguments.append(arg)
            continue
        name, eq, value = arg.partition("=")
        if not (eq and name.startswith("--") and name in _VALUED):
            if arg not in _VALUED or i >= len(args):
                return None
            name, value = arg, args[i]
            i += 1
        # An option of another command, an empty value or one that looks like an option: Click's business.
        if _VALUED[name] not in takes or not value or value.startswith("-"):
            return None
        found.setdefault(_VALUED[name], []).append(value)
    return (found, arguments) if len(arguments) == positional else None


def _read(argv: Sequence[str], command: str) -> tuple[dict[str, str], dict[str, list[str]], list[str]] | None:
    """(the last value of each option, every value of each option, the arguments) of ``command``'s line."""
    if not argv or argv[0] != command or os.environ.get(_COMPLETE_VAR):
        return None
    try:
        for arg in argv:
            arg.encode("utf-8")  # an undecodable byte in a path (surrogate escape): Click's business
    except UnicodeEncodeError:
        return None
    words = _words(argv[1:], _TAKES[command], _POSITIONAL[command])
    if words is None:
        return None
    found, arguments = words
    from dxready.i18n import LANGS

    last = {name: values[-1] for name, values in found.items() if name not in _REPEATED}
    if last.get("lang", "ja") not in LANGS:
        return None
    if "format" in last:
        from dxready.render import formats

        if last["format"] not in formats(command):
            return None
    return last, found, arguments


def parse_check(argv: Sequence[str]) -> CheckArgs | None:
    """``check``'s options from the whole command line, when this parser fully understands it; else None."""
    read = _read(argv, "check")
    if read is None:
        return None
    last, found, _ = read
    if last.get("fail_on", "error") not in _FAIL_ON:
        return None
    return CheckArgs(
        catalog=Path(last["catalog"]) if "catalog" in last else None,
        as_of=last.get("as_of"),
        lang=last.get("lang"),
        format=last.get("format", "text"),
        fail_on=last.get("fail_on", "error"),
        select=tuple(found.get("select", ())),
        ignore=tuple(found.get("ignore", ())),
        verbose="verbose" in found,
        embedded="embedded" in found,
    )


def given(catalog: Path | None) -> Path | None:
    """``--catalog`` as given; a path that is no directory is a bad option (UsageError), not a catalogue problem."""
    if catalog is not None and not catalog.is_dir():
        from dxready.errors import UsageError
        from dxready.findings import Msg

        if catalog.exists():  # a file (procedures.yaml itself, say): the directory that holds it is meant
            said = Msg(
                f"--catalog {catalog}: ディレクトリではありません（カタログのファイルを含むディレクトリを指定してください）",
                f"--catalog {catalog}: not a directory (give the directory that holds the catalogue files)",
            )
        else:
            said = Msg(
                f"--catalog {catalog}: カタログのディレクトリがありません",
                f"--catalog {catalog}: no such catalogue directory",
            )
        raise UsageError("--catalog", said)
    return catalog


def repository_root(catalogue: Path) -> Path | None:
    """The root that GitHub's annotations and SARIF locations are relative to: $GITHUB_WORKSPACE in a workflow, else
    the top of the git work tree that holds the catalogue, else None (paths as the locations show them)."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        return Path(workspace)
    from dxready.commands.git_catalog import git
    from dxready.errors import GitError

    try:
        done = git(["rev-parse", "--show-toplevel"], catalogue)
    except (GitError, OSError):  # no git, or no such directory (the load words that)
        return None
    top = done.stdout.decode("utf-8", "surrogateescape").strip()
    return Path(top) if done.returncode == 0 and top else None


def check_exit(
    catalog: Path | None,
    when: dt.date,
    language: str,
    fmt: str,
    fail_on: str,
    select: list[str] | None,
    ignore: list[str] | None,
    verbose: bool,
    embedded: bool = False,
) -> int:
    """Load, run the rules, write the findings; the exit code (0 clean, 1 findings at ``fail_on`` or worse, 2 unusable).

    The options are already read and checked (by Typer, or by :func:`parse_check` and :func:`run_check`). Unlike the
    other commands, ``check`` (the CI gate) does not fall back to the shipped catalogue: with no catalogue given or
    found it exits 2 unless ``embedded`` asks for the shipped one (a green job must have checked the city's files).
    """
    from dxready.catalog.load import EMBEDDED, LoadError, resolve
    from dxready.catalog.settings import Severity
    from dxready.engine.integrity import load
    from dxready.engine.run import run
    from dxready.errors import DxreadyError, UsageError
    from dxready.findings import Msg
    from dxready.render import failed_renderer, renderer
    from dxready.render.messages import error
    from dxready.render.safe import write

    try:
        directory = given(catalog)
        if embedded and directory is not None:
            raise UsageError(
                "--embedded",
                Msg(
                    "--embedded は同梱のカタログを検査します。--catalog と同時には指定できません",
                    "--embedded checks the shipped catalogue; it cannot be given with --catalog",
                ),
            )
        if not embedded and directory is None and resolve(None)[1] == EMBEDDED:
            raise UsageError(
                "check",
                Msg(
                    "カタログが見つかりません（./procedures.yaml も ./data/procedures.yaml もありません）。"
                    "--catalog DIR で指定するか、同梱の鴨川市のカタログを検査するなら --embedded を付けてください",
                    "no catalogue found here (neither ./procedures.yaml nor ./data/procedures.yaml); give --catalog DIR,"
                    " or --embedded to check the shipped 鴨川市 catalogue",
                ),
            )
    except DxreadyError as exc:
        sys.stderr.write(error(exc, language))
        return 2
    # GitHub's annotations and code scanning place a file by its path in the repository.
    where = (
        {"base": repository_root(resolve(directory, embedded=embedded)[0])}
        if fmt in ("github", "sarif")
        else {}
    )
    try:
        loaded = load(directory, embedded=embedded)
    except LoadError as exc:
        if fmt == "text":
            sys.stderr.write(error(exc, language))
        else:  # Machine formats carry the load problems too, so CI annotations point at the broken line.
            write(failed_renderer(fmt)(exc, language, **where))
        return 2
    # No readiness levels: no format of check shows them.
    report = run(loaded, when, select=select, ignore=ignore, levels=False)
    write(renderer("check", fmt)(report, language, **({"verbose": verbose} if fmt == "text" else where)))
    threshold = Severity(fail_on).rank
    return 1 if any(f.severity.rank >= threshold for f in report.findings) else 0


def run_check(args: CheckArgs, argv: Sequence[str]) -> int | None:
    """``check`` with options from :func:`parse_check`: its exit code, or None (before any output) when a value
    needs Typer's words (a date that does not parse, a code that names no rule)."""
    from dxready.i18n import current_lang

    language = args.lang or current_lang(argv)
    when = _when(args.as_of)
    if when is None:
        return None
    select = ignore = None
    if args.select or args.ignore:
        from dxready.engine.filters import normalise_code, unknown_codes

        select = [normalise_code(v) for v in args.select] or None
        ignore = [normalise_code(v) for v in args.ignore] or None
        if unknown_codes([*(select or ()), *(ignore or ())]):
            return None
    return check_exit(
        args.catalog, when, language, args.format, args.fail_on, select, ignore, args.verbose, args.embedded
    )


def _when(as_of: str | None) -> dt.date | None:
    """``--as-of`` as a date (today when not given), or None when it does not parse (Typer words why)."""
    if as_of is None:
        return dt.date.today()
    from dxready.catalog.dates import DateError, parse_date

    try:
        return parse_date(as_of) or dt.date.today()
    except DateError:
        return None


def run_gaps_json(options: dict[str, str], found: dict[str, list[str]], argv: Sequence[str]) -> int | None:
    """``gaps --format json`` without filters, as the Typer command runs it: exit 0, or 2 (on stderr) for a catalogue
    that cannot be used; None (nothing written) for a date that needs Typer's words or another format."""
    from dxready.i18n import current_lang

    if options.get("format") != "json":
        return None
    when = _when(options.get("as_of"))
    if when is None:
        return None
    from dxready.engine.integrity import load
    from dxready.engine.run import run
    from dxready.errors import DxreadyError
    from dxready.render import renderer
    from dxready.render.safe import write

    language = options.get("lang") or current_lang(argv)
    catalog = options.get("catalog")
    try:
        loaded = load(given(Path(catalog) if catalog is not None else None))
    except DxreadyError as exc:
        from dxready.render.messages import error

        sys.stderr.write(error(exc, language))
        return 2
    write(renderer("gaps", "json")(run(loaded, when), language, show_waived="show_waived" in found))
    return 0


def run_rules(options: dict[str, str], argv: Sequence[str]) -> int:
    """``rules``: the list of rules in the chosen format."""
    from dxready.i18n import current_lang
    from dxready.render import default_format, renderer
    from dxready.render.safe import write

    fmt = options.get("format") or default_format("rules")
    write(renderer("rules", fmt)(options.get("lang") or current_lang(argv)))
    return 0


def run_explain(options: dict[str, str], code: str, argv: Sequence[str]) -> int | None:
    """``explain CODE``: one rule's documentation, or None (nothing written) for a code that names no rule."""
    from dxready.engine.filters import normalise_code
    from dxready.i18n import current_lang
    from dxready.render.docs import explain_rule
    from dxready.render.safe import write

    text = explain_rule(normalise_code(code), options.get("lang") or current_lang(argv))
    if text is None:
        return None
    write(text)
    return 0


def run_schema() -> int:
    """``schema``: every file's JSON Schema on stdout, as the Typer command prints it."""
    import json

    from dxready.commands.schema import schemas
    from dxready.render.safe import write

    write(json.dumps(schemas(), ensure_ascii=False, indent=2) + "\n")
    return 0


def fast_command(argv: Sequence[str]) -> Callable[[], int | None] | None:
    """This command line's run without Typer (returning its exit code, or None to hand it to Typer), or None when it
    is not one of the forms read here."""
    check = parse_check(argv)
    if check is not None:
        return lambda: run_check(check, argv)
    gaps = _read(argv, "gaps")
    if gaps is not None:
        return lambda: run_gaps_json(gaps[0], gaps[1], argv)
    rules = _read(argv, "rules")
    if rules is not None:
        return lambda: run_rules(rules[0], argv)
    explain = _read(argv, "explain")
    if explain is not None:
        return lambda: run_explain(explain[0], explain[2][0], argv)
    if _read(argv, "schema") is not None:
        return run_schema
    return None


def _quiet_broken_pipe() -> None:
    """stdout's reader went away (``| head``): later flushes write to /dev/null instead of raising."""
    null = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            os.dup2(null, stream.fileno())
    os.close(null)


def harness(action: Callable[[], int | None]) -> int | None:
    """Run one command as a short process: the cyclic collector off (and frozen at the end), UTF-8 streams, any
    escaping exception one line with exit 2 (``guard``), Ctrl-C exit 130, a closed pipe exit 1, as Typer's runner
    does. ``action`` returns the exit code, or None to hand the command line to Typer.

    One command is a short process whose memory is bounded by the input limits (8 MiB a file; compare collects per
    chunk itself): Python's cyclic collector would only walk the loaded catalogue again and again, so it is off, and
    frozen at exit so the interpreter's last pass skips everything the run built.
    """
    import gc

    from dxready.render.safe import prepare_streams

    gc.disable()
    prepare_streams()
    try:
        return action()
    except KeyboardInterrupt:
        return 130
    except EOFError:
        from dxready.i18n import current_lang, t

        sys.stderr.write("\n" + t(current_lang(), "中断しました。\n", "Aborted!\n"))
        return 1
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            from dxready.guard import report

            return report(exc)
        _quiet_broken_pipe()
        return 1
    except Exception as exc:
        from dxready.guard import report

        return report(exc)
    finally:
        gc.freeze()
