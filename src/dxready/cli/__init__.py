"""The Typer app: parse options, call the core, pick a renderer, exit. No rule or format logic lives here.

One module per command family registers its commands on the one ``app`` of ``_common`` (imported below in the order
``--help`` lists them); each command reads its options, calls ``commands/`` or ``engine/``, renders the result through
the registry of ``render/`` and turns it into an exit code.
"""

from __future__ import annotations

import sys

# Importing a family registers its commands; --help lists them in this order.
# isort: off
from dxready.cli import report, tables, edit, transfer, compare  # noqa: F401

# isort: on
from dxready.cli._common import _progress, app

__all__ = ["_progress", "app", "main"]


def main() -> None:
    """Console entry point: the Typer app, in the harness every command shares (:func:`dxready.fastpath.harness`)."""
    from dxready.fastpath import harness

    sys.exit(harness(_app))


def _app() -> int:
    app()  # Typer's runner ends the process itself (sys.exit with the command's code)
    return 0
