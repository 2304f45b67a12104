"""The console entry point: ``dxready --help`` from a pre-built text and ``--version``, ``check``, ``rules`` and
``explain`` in their usual forms without Typer (:mod:`dxready.fastpath`), everything else through the Typer app.

Importing Typer alone costs several times a bare ``python -c pass``; the top-level help is the same text every time
(per language, at the 80-column layout Click's help uses on any terminal of 80 columns or more; the
program is always named ``dxready``), so it is kept in :mod:`dxready._help` and printed without
importing Typer. ``tests/test_startup.py`` checks that it is exactly what Typer prints, and regenerates it with
``DXREADY_UPDATE_GOLDEN=1``. Any other argument, a narrower terminal or a missing text goes on; a command line that
:func:`dxready.fastpath.fast_command` does not fully understand goes to :func:`dxready.cli.main`.
"""

from __future__ import annotations

import sys
from typing import Any

_PLUGIN_LOADER = "pydantic.plugin._loader"


def _no_plugins(*args: object, **kwargs: object) -> tuple[()]:
    return ()


def _real_loader(name: str) -> Any:
    """Any other name pydantic asks of its plugin loader: the real module's (imported then, in its place). A
    module's own dunders (``__path__``, which the import system looks for) are not asked of it."""
    if name.startswith("__"):
        raise AttributeError(name)
    import importlib

    stub = sys.modules.pop(_PLUGIN_LOADER)
    try:
        real = importlib.import_module(_PLUGIN_LOADER)
    finally:
        sys.modules[_PLUGIN_LOADER] = stub
    return getattr(real, name)


def without_pydantic_plugins() -> None:
    """dxready runs as an application: its models are its own, and no pydantic plugin installed beside it (an
    observability hook, say) is asked to watch them. pydantic looks for plugins when it builds the first model's
    validator, and its loader imports ``importlib.metadata`` (email, zipfile, csv …) and reads the entry points of
    every installed distribution: a tenth of ``check`` on a small catalogue (issue 14). Its loader is replaced by one
    that finds none; any other name asked of it comes from the real module. Written against pydantic 2.14, whose
    ``plugin._schema_validator`` imports ``get_plugins`` from it; the stub takes any arguments, and should a release
    move the loader nothing breaks (the stub is simply not asked) while ``tests/test_startup.py`` fails on the lost
    saving."""
    if _PLUGIN_LOADER in sys.modules:  # already loaded (dxready imported into a process that built a model)
        return
    import types

    loader = types.ModuleType(_PLUGIN_LOADER, "pydantic's plugin loader as dxready runs it: no plugins.")
    loader.get_plugins = _no_plugins  # type: ignore[attr-defined]
    loader.__getattr__ = _real_loader  # type: ignore[method-assign]
    sys.modules[_PLUGIN_LOADER] = loader


def fast_help(argv: list[str]) -> str | None:
    """The top-level help text for these arguments, when it can be given without Typer."""
    if argv not in ([], ["--help"], ["-h"]):  # no arguments: the same help (the app's no_args_is_help)
        return None
    import shutil  # here, not at the top: check's path does not otherwise import it (or fnmatch, bz2, lzma)

    if shutil.get_terminal_size().columns < 80:
        return None
    from dxready._help import HELP
    from dxready.i18n import current_lang

    return HELP.get(current_lang(argv))


def main() -> None:
    argv = sys.argv[1:]
    text = fast_help(argv)
    if text is not None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except UnicodeEncodeError:  # a non-UTF-8 console: let the app set the streams up and print it
            pass
        else:
            return
    if argv == ["--version"]:  # the line the app's eager --version option prints
        from dxready import __version__

        sys.stdout.write(f"dxready {__version__}\n")
        return
    without_pydantic_plugins()
    from dxready.fastpath import fast_command, harness

    action = fast_command(argv)
    if action is not None:
        code = harness(action)
        if code is not None:
            sys.exit(code)
    from dxready.cli import main as cli_main

    cli_main()
