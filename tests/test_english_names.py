"""In English, things are named in English where the catalogue or the tool has an English name (a system's name_en,
a migration track); a city's own text without one stays as written."""

from __future__ import annotations

from typer.testing import CliRunner

from dxready.cli import app
from dxready.rules import dx301_standard_migration_overdue as dx301

runner = CliRunner()


def test_table_systems_names_a_system_by_its_english_name() -> None:
    out = runner.invoke(app, ["table", "systems", "--lang", "en"], env={"COLUMNS": "200"}).stdout
    assert "AcroCity resident register and tax systems" in out
    assert "アクロシティ、住民基本台帳及び税系システム" not in out
    ja = runner.invoke(app, ["table", "systems"], env={"COLUMNS": "200"}).stdout
    assert "アクロシティ、住民基本台帳及び税系システム" in ja


def test_dx301_next_step_names_the_tracks_in_english() -> None:
    assert "移行困難" not in dx301.NEXT_STEP.en and "特定移行支援" not in dx301.NEXT_STEP.en
    assert "difficult" in dx301.NEXT_STEP.en and "tokutei" in dx301.NEXT_STEP.en  # the values --track takes
