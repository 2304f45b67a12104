"""``next`` after the new-user review: a step that only records a fact waits for no migration, a phase is said in
words ``set system --phase`` takes, and the "record a fact" steps are set apart from the real gaps."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()
ENV = {"COLUMNS": "80", "DXREADY_LANG": "ja"}


def _ok(*args: str) -> str:
    result = runner.invoke(app, list(args), env=ENV)
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture
def city(tmp_path: Path) -> Path:
    """館山市 with its 住民記録システム migrating and serving 転出・転入 (the review's finding 7)."""
    c = tmp_path / "t"
    _ok("init", str(c), "--name", "館山市")
    _ok(
        "add", "system", "juki", "--name", "住民記録システム", "--tier", "基幹系",
        "--standard-business", "住民基本台帳", "--phase", "planning", "--migration-target", "令和7年度",
        "--serves", "moving", "-c", str(c),
    )  # fmt: skip
    _ok("set", "system", "juki", "--phase", "移行", "-c", str(c))
    return c


def _step(out: str, name: str) -> str:
    """The record of the step about ``name`` in next's 80-column view."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if name in line and "点数" in line)
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1].isdigit()), len(lines))
    return "\n".join(lines[start:end])


def test_recording_a_status_is_not_blocked_by_a_migration(city: Path) -> None:
    step = _step(_ok("next", "-c", str(city), "--top", "30"), "転出・転入手続関係")
    assert "dxready set moving --status" in step
    assert "⛔" not in step and "待ち" not in step


def test_a_real_gap_waits_for_the_migration_in_words_set_accepts(city: Path) -> None:
    _ok("set", "moving", "--status", "×", "-c", str(city))
    step = _step(_ok("next", "-c", str(city), "--top", "30"), "転出・転入手続関係")
    assert "⛔ 住民記録システム の標準化移行（移行中）待ち" in step
    assert "migrating" not in step
    en = runner.invoke(app, ["next", "-c", str(city), "--lang", "en", "--top", "30"], env=ENV).stdout
    assert "waiting for 住民記録システム to migrate (migrating)" in en


def test_the_record_steps_are_set_apart_from_the_gaps(city: Path) -> None:
    out = _ok("next", "-c", str(city), "--top", "30")
    lines = out.splitlines()
    divider = next(i for i, line in enumerate(lines) if "以下は事実を記録する一手" in line)
    before, after = "\n".join(lines[:divider]), "\n".join(lines[divider:])
    assert "住民記録システム（点数" in before and "DX103" not in before
    assert "DX103" in after and "DX301" not in after
    wide = runner.invoke(app, ["next", "-c", str(city), "--top", "30"], env={**ENV, "COLUMNS": "120"}).stdout
    assert wide.count("以下は事実を記録する一手") == 1


def test_no_step_is_said_not_left_blank(tmp_path: Path) -> None:
    runner = CliRunner()
    city = str(tmp_path / "k")
    assert runner.invoke(app, ["init", city, "--from-embedded"]).exit_code == 0
    for fmt, env in (("table", {"COLUMNS": "80"}), ("table", {"COLUMNS": "140"}), ("markdown", {})):
        out = runner.invoke(app, ["next", "-c", city, "--id", "no-such-id", "-f", fmt], env=env)
        assert out.exit_code == 0 and "次の一手はありません（選んだ対象に指摘がありません）" in out.stdout, (
            fmt,
            env,
        )


def test_ten_steps_or_more_keep_every_text_under_its_heading() -> None:
    """At 80 columns step 10's text began one column left of its heading's (``10. 犬の…`` over ``   電子…``); the
    numbers are right-aligned now and every step's lines start in one column."""
    import re

    lines = _ok("next", "--as-of", "2026-11-30").splitlines()
    heads = [line for line in lines if re.match(r"^ *\d+\. ", line)]
    assert len(heads) >= 10
    assert {len(h) - len(h.lstrip(" ").split(" ", 1)[1]) for h in heads} == {4}  # " 9. " and "10. "
    body = [
        line for line in lines[2:] if line and not re.match(r"^ *\d+\. ", line) and not line.startswith("──")
    ]
    assert body and all(line.startswith("    ") and line[4] != " " for line in body)
