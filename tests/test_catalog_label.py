"""The catalogue named as a person recognises it: run inside it (``.``), by its directory's name, never ``カタログ: .``."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from dxready.render.views import catalog_label

runner = CliRunner()


@pytest.fixture
def inside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "tateyama-dx"
    assert runner.invoke(app, ["init", str(root), "--name", "館山市"]).exit_code == 0
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize(
    ("args", "ja", "en"),
    [
        (["check"], "tateyama-dx（このディレクトリ）: エラー 0 件", "tateyama-dx (this directory): 0 errors"),
        (
            ["gaps"],
            "カタログ: tateyama-dx（このディレクトリ） ·",
            "catalogue: tateyama-dx (this directory) ·",
        ),
        (
            ["next"],
            "カタログ: tateyama-dx（このディレクトリ） ·",
            "catalogue: tateyama-dx (this directory) ·",
        ),
        (
            ["gaps", "-f", "markdown"],
            "カタログ: tateyama-dx（このディレクトリ）",
            "catalogue: tateyama-dx (this directory)",
        ),
    ],
)
def test_inside_the_catalogue_it_is_named_by_its_directory(
    inside: Path, args: list[str], ja: str, en: str
) -> None:
    for lang, expected in (("ja", ja), ("en", en)):
        out = runner.invoke(app, [*args, "--lang", lang]).stdout
        assert expected in out, out
        assert "カタログ: . " not in out and "catalogue: . " not in out and not out.startswith(".:")


def test_export_names_it_too(inside: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "-f", "csv", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0 and result.stdout.startswith(
        "tateyama-dx（このディレクトリ） を csv で書き出しました"
    )


def test_labels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "city" / "sub").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "city" / "sub")
    assert catalog_label(".", "en") == "sub (this directory)"
    assert catalog_label("./", "ja") == "sub（このディレクトリ）"
    assert catalog_label("..", "ja") == "city（..）"
    assert catalog_label("data", "ja") == "data"  # a path as given is already recognisable
    assert catalog_label("/", "ja") == "/"
