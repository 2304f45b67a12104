"""`import --dry-run` with no catalogue given or found tries the shipped one: the report says whose it is (鴨川市, the
embedded catalogue) and how to name one's own, not the directory it is installed in."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.catalog.load import embedded_catalog
from dxready.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("lang", "said", "diff"),
    [
        (
            "ja",
            "dxready import: ok.csv → 同梱のカタログ（鴨川市）。自分のカタログは --catalog DIR で指定します",
            "dxready diff: 同梱カタログ →",
        ),
        (
            "en",
            "dxready import: ok.csv → the embedded catalogue (Kamogawa); name your own with --catalog DIR",
            "dxready diff: embedded catalogue →",
        ),
    ],
)
def test_the_shipped_catalogue_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: str, diff: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DXREADY_CATALOG", raising=False)
    Path("ok.csv").write_text("No.,手続の種類,オンライン化,備考\n9,粗大ごみ収集の申込,○,\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "ok.csv", "--dry-run", "--lang", lang], env={"COLUMNS": "500"})
    assert result.exit_code == 0, result.stdout + result.stderr
    head = result.stdout.splitlines()[0]
    assert head == said and str(embedded_catalog()) not in head
    assert diff in result.stdout
