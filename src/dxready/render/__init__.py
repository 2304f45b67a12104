"""Renderers: each module formats one result for one output format and returns text; none imports rules.

:data:`VIEWS` is the single registry of what can be shown and how: for each view (``check``, ``gaps``, ``next``,
``table procedures`` …, ``diff``, ``compare``, ``trend``, ``rules``) the formats it supports, each naming the
function that renders it as ``"module:function"`` (imported only when used, so start-up stays light). The CLI builds
every ``--format`` choice from it. To add a format, add its entry here; to add a view, :func:`register` it (or add a
line below) and give its command a ``--format`` built with :func:`formats`.

What a renderer is called with depends on its view:

- ``check``: ``(report, lang)``; its ``FAILED`` twin: ``(catalog_error, lang)`` when the catalogue cannot be used;
- ``gaps``: ``(report, lang, show_waived=…)``; ``next``: ``(report, lang, steps=…)``; ``table NAME``: ``(report, lang)``;
- ``diff``: ``(catalog_diff, lang)``; ``compare`` and ``compare prefecture`` (``--by prefecture``):
  ``(comparison, lang)``; ``trend``: ``(trend, lang)``;
- ``rules``: ``(lang,)``.

A renderer returns its text, or (``gaps`` as json, whose output at 10,000 procedures is tens of megabytes) an
iterator of pieces that the CLI writes in turn, so the whole never exists at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

TABLES = ("procedures", "systems", "roadmap", "summary")

VIEWS: dict[str, dict[str, str]] = {
    "check": {
        "text": "dxready.render.text:check",
        "json": "dxready.render.json_:check",
        "github": "dxready.render.github:check",
        "sarif": "dxready.render.sarif:check",
    },
    "gaps": {
        "table": "dxready.render.table:gaps",
        "markdown": "dxready.render.markdown:gaps",
        "json": "dxready.render.json_gaps:gaps_chunks",
        "csv": "dxready.render.csv_:gaps",
    },
    "next": {
        "table": "dxready.render.table:next_steps",
        "markdown": "dxready.render.markdown:next_steps",
        "json": "dxready.render.json_:next_steps",
        "csv": "dxready.render.csv_:next_steps",
    },
    **{
        f"table {name}": {
            "table": f"dxready.render.table:table_{name}",
            "markdown": f"dxready.render.markdown:table_{name}",
            "json": f"dxready.render.json_:table_{name}",
            "csv": f"dxready.render.csv_:table_{name}",
            **({"mermaid": "dxready.render.mermaid:roadmap_gantt"} if name == "roadmap" else {}),
        }
        for name in TABLES
    },
    "diff": {
        "table": "dxready.render.diff_terminal:table",
        "markdown": "dxready.render.diff:markdown",
        "json": "dxready.render.diff:json_",
    },
    "compare": {
        "table": "dxready.render.compare:table",
        "markdown": "dxready.render.compare:markdown",
        "json": "dxready.render.compare:to_json",
        "csv": "dxready.render.compare:to_csv",
    },
    "compare prefecture": {
        "table": "dxready.render.compare_extra:rollup_table",
        "markdown": "dxready.render.compare_extra:rollup_markdown",
        "json": "dxready.render.compare_extra:rollup_json",
        "csv": "dxready.render.compare_extra:rollup_csv",
    },
    "trend": {
        "table": "dxready.render.trend:table",
        "markdown": "dxready.render.trend:markdown",
        "json": "dxready.render.trend:json_",
    },
    "rules": {
        "table": "dxready.render.docs:rules_table",
        "markdown": "dxready.render.docs:rules_markdown",
        "json": "dxready.render.docs:rules_json",
    },
}
"""view → format → renderer; the first format of a view is its default."""

FAILED: dict[str, str] = {
    "text": "dxready.render.text:load_problems",
    "json": "dxready.render.json_:load_problems",
    "github": "dxready.render.github:load_problems",
    "sarif": "dxready.render.sarif:load_problems",
}
"""``check`` when the catalogue cannot be used: the machine formats carry the problems too (CI annotations)."""


class UnsupportedFormat(Exception):
    """A view has no such format; ``ja`` and ``en`` say which it has."""

    def __init__(self, ja: str, en: str) -> None:
        super().__init__(en)
        self.ja = ja
        self.en = en


def register(view: str, fmt: str, target: str) -> None:
    """Add a format to a view (or a new view): ``target`` is ``"module:function"``."""
    VIEWS.setdefault(view, {})[fmt] = target


def formats(*views: str) -> list[str]:
    """The formats of these views, in registry order, each once (a command that serves several views: table)."""
    seen: dict[str, None] = {}
    for view in views:
        seen.update(dict.fromkeys(VIEWS[view]))
    return list(seen)


def default_format(view: str) -> str:
    return next(iter(VIEWS[view]))


def _resolve(target: str) -> Callable[..., Any]:
    import importlib

    module, func = target.split(":")
    return getattr(importlib.import_module(module), func)  # type: ignore[no-any-return]


def renderer(view: str, fmt: str) -> Callable[..., str]:
    """The function that renders ``view`` as ``fmt``; UnsupportedFormat when that view has no such format."""
    target = VIEWS[view].get(fmt)
    if target is None:
        known = ", ".join(VIEWS[view])
        raise UnsupportedFormat(
            f"{view} に {fmt} 形式はありません（使える形式: {known}）",
            f"{view} has no {fmt} format (use {known})",
        )
    return _resolve(target)


def failed_renderer(fmt: str) -> Callable[..., str]:
    return _resolve(FAILED[fmt])
