"""``set``/``add`` return result objects (commands never word or print); ``render/messages.edit_result`` words them."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from dxready.commands import bulk, edit
from dxready.commands.edit_result import Edited, EditResult
from dxready.findings import Msg
from dxready.render.messages import edit_result

runner = CliRunner()


@pytest.fixture
def city(tmp_path: Path) -> Path:
    assert runner.invoke(app, ["init", str(tmp_path / "c"), "--name", "館山市"]).exit_code == 0
    return tmp_path / "c"


@pytest.mark.parametrize(
    "command", [edit.run_set, edit.run_set_municipality, edit.run_add, bulk.run_set_many]
)
def test_the_commands_take_no_language(command: object) -> None:
    assert "lang" not in inspect.signature(command).parameters  # type: ignore[arg-type]


def test_set_returns_what_it_did_and_the_renderer_words_it(city: Path) -> None:
    result = edit.run_set("9", catalog=city, status="○", channels=[], counts=[], note=None, verified_on=None)
    assert result == EditResult(
        str(city / "procedures.yaml"),
        (Edited("bulky-waste", 9, True, (Msg("状況: ？ → ○", "status: ？ → ○"),)),),
    )
    shown = city / "procedures.yaml"
    assert edit_result(result, "ja") == f"{shown}: bulky-waste (No.9) を更新しました\n  状況: ？ → ○\n"
    assert edit_result(result, "en") == f"{shown}: updated bulky-waste (No.9)\n  status: ？ → ○\n"


def test_bulk_and_municipality_results(city: Path) -> None:
    result = bulk.run_set_many(
        ["7", "9"], catalog=city, status="×", channels=[], counts=[], note=None, verified_on=None
    )
    assert result.bulk and result.changed == 2 and [e.standard_no for e in result.edits] == [7, 9]
    text = edit_result(result, "en")
    assert text.splitlines()[0].endswith(": updated 2 of 2 targets (one write)")
    same = bulk.run_set_many(
        ["7", "9"], catalog=city, status="×", channels=[], counts=[], note=None, verified_on=None
    )
    assert same.changed == 0 and edit_result(same, "ja").splitlines()[0].endswith(
        "2 件のうち 0 件を更新しました（書き込みなし）"
    )
    header = edit.run_set_municipality(
        catalog=city, counts=[], as_of=None, sources=["条例"], cards=[], unset=[]
    )
    assert header.edits[0].ident == "municipality" and header.edits[0].changed
    assert edit_result(header, "en").startswith(f"{city / 'procedures.yaml'}: updated municipality\n")
