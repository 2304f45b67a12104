"""Shell completion: enabled, and values come from the resolved catalogue and the rule registry."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()


def _complete(monkeypatch: pytest.MonkeyPatch, words: str) -> list[str]:
    monkeypatch.setenv("_DXREADY_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", str(len(words.split()) - 1))
    result = runner.invoke(app, [], prog_name="dxready")
    return result.stdout.split()


def test_completion_is_offered() -> None:
    result = runner.invoke(app, ["--show-completion", "bash"], prog_name="dxready")
    assert result.exit_code == 0 and "_dxready_completion" in result.stdout


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("dxready explain DX10", "DX101"),
        ("dxready check --select DX4", "DX401"),
        ("dxready set lib", "library-reservation"),
        ("dxready set 1", "18"),
        ("dxready gaps --id acro", "acrocity-welfare"),
        ("dxready next --code DX2", "DX201"),
    ],
)
def test_values_complete(monkeypatch: pytest.MonkeyPatch, words: str, expected: str) -> None:
    assert expected in _complete(monkeypatch, words)


def test_an_unreadable_catalogue_completes_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    assert _complete(monkeypatch, f"dxready set --catalog {tmp_path} lib") == []
