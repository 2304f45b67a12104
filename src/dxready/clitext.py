"""The command line in the reader's language: help texts, the usage line and Click/Typer's own error messages.

Help texts are written once as ``tr("日本語", "English")`` (a ``Bilingual`` string). Typer builds a fresh Click
command tree for every run; ``DxGroup.main`` picks the language of that run (``--lang`` anywhere on the line, then
``$DXREADY_LANG``, then an English ``$LC_ALL``/``$LANG``) and sets every help text in the tree to it before parsing, so
the same tree serves ``--help`` in both languages and in-process test runs never leak one run's language into the next.

Click's messages are plain English f-strings in Typer's vendored Click (no gettext hook), so its exceptions are caught
here and formatted anew from their structured fields (parameter, option name, possibilities), with a small table of
known message shapes for the rest. A message we do not recognise is shown as Click wrote it, never dropped.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

from typer.core import TyperCommand, TyperGroup

from dxready.i18n import HELP_TEXTS, Bilingual, current_lang, t, tr

_HEADINGS_JA = (
    ("Usage: ", "使い方: "),
    ("[OPTIONS]", "[オプション]"),
    ("COMMAND [ARGS]...", "コマンド [引数]..."),
    ("\nArguments:\n", "\n引数:\n"),
    ("\nOptions:\n", "\nオプション:\n"),
    ("\nCommands:\n", "\nコマンド:\n"),
    ("[required]", "［必須］"),
    ("[default: ", "[既定: "),
    ("Show this message and exit.", "このヘルプを表示して終了します。"),
)


_INTERNAL_TYPE = re.compile(r" <(?:str|int|float|bool|[Pp]ath|datetime|list\[(?:str|[Pp]ath|int)\])>")


def help_width() -> int:
    """Cells a help line may use: the terminal's (or $COLUMNS), at most 80 as Click itself does."""
    import shutil

    return min(shutil.get_terminal_size((80, 24)).columns, 80)


def localise_help(text: str, lang: str, width: int | None = None) -> str:
    """Click's fixed help words (Usage, Options, [required] …) in ``lang``; no internal type names; fitted to the
    terminal in cells (Click counts characters, and a Japanese character takes two cells)."""
    from dxready.render.wrap import fit_help

    text = _INTERNAL_TYPE.sub(lambda m: " " * len(m.group()), text)
    return fit_help(
        "\n".join(line.rstrip() for line in headings(text, lang).split("\n")), width or help_width()
    )


# Click's range of a number option ("[default: 10; x>=1]") worded in Japanese, joined with 「、」 (never "; ").
_RANGES_JA = (
    (re.compile(r"(\S+)<=x<=([^\s\]]+)"), r"\1〜\2"),
    (re.compile(r"\bx>=([^\s\]]+)"), r"\1 以上"),
    (re.compile(r"\bx<=([^\s\]]+)"), r"\1 以下"),
    (re.compile(r"(\[既定: [^\]]*?); (?=\S+ 以[上下]\]|\S+〜)"), r"\1、"),
)


def headings(text: str, lang: str) -> str:
    """Click's fixed words in ``lang``."""
    if lang == "ja":
        for en, ja in _HEADINGS_JA:
            text = text.replace(en, ja)
        for pattern, repl in _RANGES_JA:
            text = pattern.sub(repl, text)
    return text


def _unwrapped_help(command: Any, ctx: Any) -> str:
    """Click's help with no wrapping of its own (it counts characters); ``localise_help`` wraps it in cells."""
    ctx.terminal_width = ctx.max_content_width = 100_000
    return str(super(type(command), command).get_help(ctx))


def _pick(value: Any, lang: str) -> Any:
    if isinstance(value, str) and not isinstance(value, Bilingual):
        value = HELP_TEXTS.get(value.strip(), value)
    return value.pick(lang) if isinstance(value, Bilingual) else value


def localise_tree(command: Any, lang: str) -> None:
    """Set every help text of ``command`` and its subcommands to ``lang`` (texts given as ``tr(ja, en)``)."""
    command.help = _pick(command.help, lang)
    command.short_help = _pick(getattr(command, "short_help", None), lang)
    command.epilog = _pick(getattr(command, "epilog", None), lang)
    for param in getattr(command, "params", ()):
        if hasattr(param, "help"):
            param.help = _pick(param.help, lang)
        if getattr(param, "name", None) in ("install_completion", "show_completion"):
            param.help = _COMPLETION_HELP[param.name].pick(lang)
    for sub in getattr(command, "commands", {}).values():
        localise_tree(sub, lang)


_COMPLETION_HELP = {
    "install_completion": Bilingual(
        "使っているシェルに補完を設定します。", "Install completion for the current shell."
    ),
    "show_completion": Bilingual(
        "使っているシェル向けの補完スクリプトを表示します（設定の写しや調整用）。",
        "Show completion for the current shell, to copy it or customize the installation.",
    ),
}

# Click/Typer message shapes → Japanese. Each entry: (pattern, ja template with \1 … groups).
_MESSAGES_JA: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.S), ja)
    for p, ja in (
        (r"^'(.*)' is not one of (.*?)\.?$", r"「\1」は使えません。使える値: \2"),
        (r"^Input should be a valid integer.*$", "整数で指定してください"),
        (r"^Input should be a valid number.*$", "数値で指定してください"),
        (r"^Input should be a valid boolean.*$", "true か false で指定してください"),
        (r"^Input should be greater than or equal to (\S+?)\.?$", r"\1 以上で指定してください"),
        (r"^Input should be less than or equal to (\S+?)\.?$", r"\1 以下で指定してください"),
        (r"^Input should be greater than (\S+?)\.?$", r"\1 より大きい値で指定してください"),
        (r"^Option '(.*)' requires an argument\.?$", r"オプション \1 には値が必要です"),
        (r"^Option '(.*)' requires (\d+) arguments\.?$", r"オプション \1 には値が \2 個必要です"),
        (r"^Option '(.*)' does not take a value\.?$", r"オプション \1 は値をとりません"),
        (r"^Got unexpected extra arguments?(?:\(s\))? \((.*)\)$", r"余分な引数があります: \1"),
        (r"^No such command '(.*)'\. Did you mean (.*)\?$", r"コマンド「\1」はありません（もしかして: \2）"),
        (r"^No such command '(.*)'\.$", r"コマンド「\1」はありません（一覧: dxready --help）"),
        (r"^Missing command\.$", "コマンドを指定してください（一覧: dxready --help）"),
        (r"^Path '(.*)' does not exist\.$", r"パス「\1」がありません"),
        (r"^(?:File|Directory|Path) '(.*)' is a directory\.$", r"「\1」はディレクトリです"),
    )
)


def _message(text: str, lang: str) -> str:
    text = re.sub(r"^Value error, ", "", text.strip())
    if lang != "ja":
        return text
    for pattern, ja in _MESSAGES_JA:
        if pattern.match(text):
            return pattern.sub(ja, text)
    return text


def _choices(param: Any, ctx: Any) -> list[str]:
    message = param.get_missing_message(ctx) if param is not None else None
    if not message or "Choose from:" not in message:
        return []
    return [c.strip(" \t\n,") for c in message.split("Choose from:", 1)[1].split(",") if c.strip(" \t\n,")]


def _hint(exc: Any) -> str:
    from typer._click.exceptions import _join_param_hints

    if exc.param_hint is not None:
        return str(_join_param_hints(exc.param_hint))
    if exc.param is not None:
        return str(_join_param_hints(exc.param.get_error_hint()))
    return ""


def error_text(exc: Exception, lang: str) -> str:
    """One Click/Typer error as the reader should see it: usage line, where to get help, the error."""
    try:
        return _error_text(exc, lang)
    except Exception:  # a Click message shape we do not know: show Click's own words rather than fail
        return f"{t(lang, 'エラー', 'Error')}: {getattr(exc, 'format_message', lambda: str(exc))()}\n"


def _value_name(exc: Any) -> str:
    """The option (or argument) a bad value was given to, as typed: ``--as-of``, ``--top``, ``NAME``."""
    hints = [h.strip(" '\"") for h in _hint(exc).split(" / ")]
    return next((h for h in hints if h.startswith("--")), hints[0])


def _error_text(exc: Exception, lang: str) -> str:
    from typer._click import exceptions as cx

    from dxready.render.wrap import fit_message

    if isinstance(exc, cx.BadParameter) and not isinstance(exc, cx.MissingParameter):
        # A value that cannot be used: one line naming the option, as every option error of dxready is worded
        # (render.messages.usage_error: ``dxready: --status …``); the usage banner is for a command line's shape.
        from dxready.inert import oneline

        name, inner = _value_name(exc), _message(exc.message, lang)
        text = inner if not name or inner.startswith(name) else f"{name}: {inner}"
        return fit_message(f"dxready: {oneline(text)}") + "\n"
    head = ""
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, cx.UsageError) and ctx is not None:
        usage = headings(ctx.get_usage(), lang)
        option = ctx.help_option_names[0] if ctx.help_option_names else "--help"
        hint = t(
            lang,
            f"詳しくは「{ctx.command_path} {option}」を見てください。",
            f"Try '{ctx.command_path} {option}' for help.",
        )
        head = f"{usage}\n{hint}\n\n"
    if isinstance(exc, cx.NoSuchOption):
        near = ", ".join(sorted(exc.possibilities or ()))
        body = t(
            lang,
            f"オプション {exc.option_name} はありません" + (f"（もしかして: {near}）" if near else ""),
            exc.format_message(),
        )
    elif isinstance(exc, cx.MissingParameter):
        hint = _hint(exc)
        kind = getattr(exc.param, "param_type_name", "") if exc.param is not None else ""
        choices = _choices(exc.param, ctx)
        if lang == "ja":
            what = "引数" if kind == "argument" else "オプション" if kind == "option" else ""
            body = f"{what} {hint} を指定してください".strip()
            if choices:
                body += "。使える値: " + ", ".join(choices)
        else:
            body = f"Missing {kind} {hint}".replace("  ", " ").strip() + "."
            if choices:
                body += " Choose from: " + ", ".join(choices)
    elif isinstance(exc, cx.ClickException):
        body = _message(exc.format_message(), lang)
    else:  # pragma: no cover - only Click exceptions reach here
        body = str(exc)
    return f"{head}{fit_message(t(lang, 'エラー', 'Error') + ': ' + body)}\n"


def examples(*lines: str | tuple[str, str]) -> str:
    """The 例 / Examples section that ends a command's help (Click's ``epilog``): command lines to paste, in the order
    they run (tests/test_help_examples.py runs them all). A line is the same in both languages, or a ``(ja, en)`` pair
    where the Japanese help shows what a Japanese user types (○ 一部 ×, 令和 dates)."""
    ja = "".join(f"\n  {line if isinstance(line, str) else line[0]}" for line in lines)
    en = "".join(f"\n  {line if isinstance(line, str) else line[1]}" for line in lines)
    return tr(f"例:{ja}", f"Examples:{en}")


def fit_examples(text: str, width: int) -> str:
    """Example command lines fitted to ``width`` cells without changing what they run: a line too wide breaks only
    before a word or an option with its value and goes on, indented, after a shell continuation (`` \\``); never
    inside a word, as prose is. No example quotes a space (tests/test_help_examples.py checks)."""
    from dxready.render.grid import cell_len

    out: list[str] = []
    for line in text.split("\n"):
        lead = "  " if line.startswith("  ") else ""
        words: list[str] = []
        for word in line[len(lead) :].split(" "):  # an option stays with its value
            if words and words[-1].startswith("-") and " " not in words[-1] and not word.startswith("-"):
                words[-1] += f" {word}"
            else:
                words.append(word)
        row = lead + words[0]
        for n, word in enumerate(words[1:], 2):
            if cell_len(f"{row} {word}") + (2 if n < len(words) else 0) > width:
                out.append(f"{row} \\")
                row = f"{lead}    {word}"
            else:
                row = f"{row} {word}"
        out.append(row)
    return "\n".join(out)


def _help(command: Any, ctx: Any) -> str:
    """``command``'s help in the run's language, fitted to the terminal; the examples kept whole (``fit_examples``)."""
    text, lang, epilog = _unwrapped_help(command, ctx), current_lang_of(ctx), command.epilog
    if epilog and text.endswith(epilog):
        return localise_help(text[: -len(epilog)], lang) + fit_examples(epilog, help_width())
    return localise_help(text, lang)


def _write_epilog(command: Any, formatter: Any) -> None:
    """The examples as written, one command line a line (Click would join and rewrap them as a paragraph)."""
    if command.epilog:
        formatter.write_paragraph()
        formatter.write(f"{command.epilog}\n")


class DxCommand(TyperCommand):
    """A command whose help text is in the run's language (see ``DxGroup``)."""

    def get_help(self, ctx: Any) -> str:
        return _help(self, ctx)

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        _write_epilog(self, formatter)


_RUN_LANG: list[str] = []


def current_lang_of(ctx: Any) -> str:
    """The language ``DxGroup.main`` chose for this run (one run at a time per process)."""
    return _RUN_LANG[-1] if _RUN_LANG else current_lang()


class DxGroup(TyperGroup):
    """The root command: localises the tree, shows Click's errors in the reader's language."""

    def get_help(self, ctx: Any) -> str:
        return _help(self, ctx)

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        _write_epilog(self, formatter)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        from typer import Abort
        from typer._click import exceptions as cx

        argv = list(sys.argv[1:] if args is None else args)
        lang = current_lang(argv)
        localise_tree(self, lang)
        _RUN_LANG[:] = [lang]
        try:
            rv = super().main(
                args=argv,
                prog_name=prog_name or "dxready",
                complete_var=complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except cx.NoArgsIsHelpError as exc:
            if not standalone_mode:
                raise
            sys.stdout.write(exc.ctx.get_help() + "\n")
            sys.exit(0)
        except cx.ClickException as exc:
            if not standalone_mode:
                raise
            sys.stderr.write(error_text(exc, lang))
            sys.exit(exc.exit_code)
        except Abort:  # pragma: no cover - Ctrl-C at a prompt; dxready does not prompt
            sys.stderr.write(t(lang, "中断しました。\n", "Aborted!\n"))
            sys.exit(1)
        if not standalone_mode:
            return rv
        sys.exit(rv if isinstance(rv, int) else 0)
