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
