"""Renderers: each module formats a report for one output format and returns text; none imports rules.

The dicts below are the single place that maps a ``--format`` choice to the function that serves it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

# (view, format) → "module:function". Views: check, gaps, next, table_<name>.
_CHECK: dict[str, str] = {
    "text": "dxready.render.text:check",
    "json": "dxready.render.json_:check",
    "github": "dxready.render.github:check",
    "sarif": "dxready.render.sarif:check",
}
_CHECK_FAILED: dict[str, str] = {
    "text": "dxready.render.text:load_problems",
    "json": "dxready.render.json_:load_problems",
    "github": "dxready.render.github:load_problems",
    "sarif": "dxready.render.sarif:load_problems",
}
_REPORT: dict[tuple[str, str], str] = {
    ("gaps", "table"): "dxready.render.table:gaps",
    ("gaps", "markdown"): "dxready.render.markdown:gaps",
    ("gaps", "json"): "dxready.render.json_:gaps",
    ("gaps", "csv"): "dxready.render.csv_:gaps",
    ("next", "table"): "dxready.render.table:next_steps",
    ("next", "markdown"): "dxready.render.markdown:next_steps",
    ("next", "json"): "dxready.render.json_:next_steps",
    ("next", "csv"): "dxready.render.csv_:next_steps",
}
for _name in ("procedures", "systems", "roadmap", "summary"):
    for _fmt, _mod in (("table", "table"), ("markdown", "markdown"), ("json", "json_"), ("csv", "csv_")):
        _REPORT[(f"table_{_name}", _fmt)] = f"dxready.render.{_mod}:table_{_name}"
_REPORT[("table_roadmap", "mermaid")] = "dxready.render.mermaid:roadmap_gantt"


class UnsupportedFormat(Exception):
    pass


def _resolve(target: str) -> Callable[..., Any]:
    module, func = target.split(":")
    return getattr(importlib.import_module(module), func)  # type: ignore[no-any-return]


def check_renderers(fmt: str, failed: bool = False) -> Callable[..., str]:
    return _resolve((_CHECK_FAILED if failed else _CHECK)[fmt])


def report_renderer(view: str, fmt: str) -> Callable[..., str]:
    target = _REPORT.get((view, fmt))
    if target is None:
        raise UnsupportedFormat(f"{view.replace('table_', 'table ')} has no {fmt} format")
    return _resolve(target)
