"""Review 2 R18: once a roadmap item with a target year links a procedure, ``next``'s step for it is to meet the
target, not to record it again; ``add``'s echo says 令和8年度 (FY2026), not a bare 2026."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()


def _init(tmp_path: Path) -> str:
    catalog = str(tmp_path / "tateyama")
    assert runner.invoke(app, ["init", catalog, "--name", "館山市"]).exit_code == 0
    return catalog


def _steps(catalog: str, lang: str) -> list[str]:
    import json

    done = runner.invoke(app, ["next", "-c", catalog, "--lang", lang, "--format", "json", "--top", "50"])
    assert done.exit_code == 0, done.stderr
    data = json.loads(done.stdout)
    return [s["action"] for s in data["steps"]]


def test_a_recorded_target_changes_the_step(tmp_path: Path) -> None:
    catalog = _init(tmp_path)
    assert runner.invoke(app, ["set", "9", "--status", "×", "-c", catalog]).exit_code == 0
    [before] = [a for a in _steps(catalog, "ja") if "目標年度を記録" in a]
    added = runner.invoke(
        app,
        [
            *("add", "roadmap", "bulky-online", "--area", "1", "--title", "粗大ごみ申込のオンライン化"),
            *("--procedure", "bulky-waste", "--target", "令和8年度", "-c", catalog),
        ],
    )
    assert added.exit_code == 0, added.stderr
    assert "目標年度: 令和8年度" in added.stdout
    steps = _steps(catalog, "ja")
    assert before not in steps
    assert steps[0] == (
        "工程表の目標（令和8年度）に向けて、電子申請システムやマイナポータル（ぴったりサービス）での受付を始めてください"
    )
    assert _steps(catalog, "en")[0] == (
        "Start online intake (an e-application system or Mynaportal) by the roadmap's target (FY2026)"
    )


def test_add_roadmap_echoes_the_target_as_a_fiscal_year_in_english(tmp_path: Path) -> None:
    catalog = _init(tmp_path)
    added = runner.invoke(
        app,
        [
            *("--lang", "en", "add", "roadmap", "r1", "--area", "1", "--title", "t"),
            *("--procedure", "bulky-waste", "--target", "2026", "-c", catalog),
        ],
    )
    assert added.exit_code == 0, added.stderr
    assert "target: FY2026" in added.stdout
