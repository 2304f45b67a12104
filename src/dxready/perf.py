"""Keep Python's cyclic collector out of hot loops.

Loading and the rules allocate many small, acyclic objects next to a large, long-lived catalogue; every full
collection would walk the whole catalogue again. Pausing the collector around such work cost nothing in memory
here and saves up to a third of the time (``benchmarks/bench_check.py`` measures the engine with it off).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
