"""One registry of views and formats: every entry renders, and every ``--format`` choice is the registry's."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from dxready import render
from dxready.cli import app

runner = CliRunner()

COMMANDS = {
    "check": ("check",),
    "gaps": ("gaps",),
    "next": ("next",),
    "table": tuple(f"table {name}" for name in render.TABLES),
    "diff": ("diff",),
    "compare": ("compare",),
    "trend": ("trend",),
    "rules": ("rules",),
}


@pytest.mark.parametrize(
    ("view", "fmt"), [(view, fmt) for view, formats in render.VIEWS.items() for fmt in formats]
)
def test_every_registered_format_names_a_function(view: str, fmt: str) -> None:
    assert callable(render.renderer(view, fmt))


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_format_choices_come_from_the_registry(command: str) -> None:
    """The help lists exactly the registry's formats, and a format outside them is refused (exit 2)."""
    choices = render.formats(*COMMANDS[command])
    shown = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert "<" + "|".join(choices) + ">" in shown.output
    refused = runner.invoke(
        app, [command, *(["x"] if command in ("table", "diff") else []), "--format", "nope"]
    )
    assert refused.exit_code == 2


def test_a_view_without_the_format_is_refused() -> None:
    with pytest.raises(render.UnsupportedFormat, match="table systems has no mermaid format"):
        render.renderer("table systems", "mermaid")


def test_register_adds_a_format(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(render.VIEWS, "gaps", dict(render.VIEWS["gaps"]))
    render.register("gaps", "text", "dxready.render.text:check")
    assert render.formats("gaps")[-1] == "text"
    assert render.renderer("gaps", "text") is render.renderer("check", "text")
