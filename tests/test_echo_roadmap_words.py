"""``add``/``set`` of systems and roadmap items echo each field by its Japanese name and the area as ``table roadmap``
numbers it (review s8 F11: 「start_fiscal_year: 令和7年度」 and 「取組事項: 1」 in a Japanese echo)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.catalog.models_systems import Migration, RoadmapItem, System
from dxready.cli import app
from dxready.commands.echo import field_word

runner = CliRunner()


@pytest.mark.parametrize(
    ("kind", "model"), [("system", System), ("system", Migration), ("roadmap", RoadmapItem)], ids=str
)
def test_every_field_has_a_japanese_name(kind: str, model: type) -> None:
    raw = [key for key in model.model_fields if field_word(key, kind) == key]
    assert raw == []


def test_add_and_set_roadmap_echo_in_the_readers_language(tmp_path: Path) -> None:
    city = str(tmp_path / "tateyama")
    assert runner.invoke(app, ["init", city, "--name", "館山市"]).exit_code == 0
    env = {"COLUMNS": "80"}
    add = ["add", "roadmap", "e-app", "--area", "1", "--title", "電子申請の拡大", "--start", "令和7年度"]
    added = runner.invoke(app, [*add, "--target", "適宜", "--procedure", "bulky-waste", "-c", city], env=env)
    assert added.exit_code == 0, added.output
    assert "  取組事項: (1)\n" in added.output and "  開始年度: 令和7年度\n" in added.output
    changed = runner.invoke(
        app, ["set", "roadmap", "e-app", "--start", "令和8年度", "--area", "2", "-c", city], env=env
    )
    assert changed.exit_code == 0, changed.output
    assert (
        "  開始年度: 令和7年度 → 令和8年度\n" in changed.output
        and "  取組事項: (1) → (2)\n" in changed.output
    )
    for out in (added.output, changed.output):
        assert not re.search(r"^\s+[a-z_]+:", out, re.M), out  # no YAML key as a field's name
    english = runner.invoke(
        app, ["set", "roadmap", "e-app", "--area", "3", "-c", city, "--lang", "en"], env=env
    )
    assert (
        "  area: (2) → (3)\n" in english.output
    )  # English names a field by its YAML key, as every echo line does
