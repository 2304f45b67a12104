"""The console entry point: ``dxready --help`` from a pre-built text, everything else through the Typer app.

Importing Typer alone costs several times a bare ``python -c pass``; the top-level help is the same text every time
(per language, at the standard 80-column layout), so it is kept in :mod:`dxready._help` and printed without
importing Typer. ``tests/test_startup.py`` checks that it is exactly what Typer prints, and regenerates it with
``DXREADY_UPDATE_GOLDEN=1``. Any other argument, a narrower terminal or a missing text goes to :func:`dxready.cli.main`.
"""

from __future__ import annotations

import os
import shutil
import sys

PROG = "@PROG@"


def program_name() -> str:
    """The name Typer (click) shows in ``Usage:``: the script's name, or ``python -m dxready``."""
    main = sys.modules.get("__main__")
    path = sys.argv[0]
    package = getattr(main, "__package__", None)
    if package in (None, ""):
        return os.path.basename(path)
    name = os.path.splitext(os.path.basename(path))[0]
    module = package if name == "__main__" else f"{package}.{name}"
    return f"python -m {module.lstrip('.')}"


def fast_help(argv: list[str]) -> str | None:
    """The top-level help text for these arguments, when it can be given without Typer."""
    if argv not in (["--help"], ["-h"]) or shutil.get_terminal_size().columns < 80:
        return None
    from dxready._help import HELP
    from dxready.i18n import current_lang

    text = HELP.get(current_lang(argv))
    return None if text is None else text.replace(PROG, program_name())


def main() -> None:
    text = fast_help(sys.argv[1:])
    if text is not None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except UnicodeEncodeError:  # a non-UTF-8 console: let the app set the streams up and print it
            pass
        else:
            return
    from dxready.cli import main as cli_main

    cli_main()
