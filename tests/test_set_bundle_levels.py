"""``set`` says when it moved another procedure's level: level 4 asks that a life event's procedures are all online,
so recording one procedure's status can settle or unsettle its life-event partners' levels (a review found No.4
going from 4 to 3–4 with nothing said)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()


@pytest.fixture
def city(tmp_path: Path) -> Path:
    where = tmp_path / "c"
    assert runner.invoke(app, ["init", str(where), "--name", "館山市"]).exit_code == 0
    return where


def _set(city: Path, *args: str, lang: str = "ja") -> str:
    result = runner.invoke(app, ["set", *args, "--catalog", str(city), "--lang", lang])
    assert result.exit_code == 0, result.output
    return result.output


OTHERS = [str(n) for n in range(1, 21) if n != 4]


def test_a_partner_in_a_life_event_is_named_with_its_level(city: Path) -> None:
    # No.4 has every fact of level 4; No.21 (○) joins its life event, turns unknown, then is recorded. The
    # other rows are ○: none of them can hold a life event back, whatever life events they have.
    _set(city, *OTHERS, "--status", "○")
    _set(city, "4", "--status", "○", "--no-fee", "--result-delivery", "電子", "--back-office", "連携済",
         "--attachments", "none", "--identity", "マイナンバーカード", "--life-event", "引越し")  # fmt: skip
    _set(city, "21", "--status", "○", "--life-event", "引越し")
    out = _set(city, "21", "--status", "？")
    assert "同じライフイベントの No.4（eltax-filing）: レベル 4 → 3–4（未確定）" in out
    out = _set(city, "21", "--status", "○")
    assert "同じライフイベントの No.4（eltax-filing）: レベル 3–4（未確定） → 4" in out
    out = _set(city, "21", "--status", "×", lang="en")
    assert "No.4 (eltax-filing), same life event: level 4 → 3" in out


def test_nothing_is_said_when_no_partner_moves(city: Path) -> None:
    out = _set(city, "9", "--status", "○")  # bulky-waste shares no life event
    assert "同じライフイベント" not in out
    out = _set(city, "21", "--note", "窓口で受付")
    assert "同じライフイベント" not in out


def test_recording_a_row_short_of_o_without_life_events_moves_every_bundle(city: Path) -> None:
    """Review s7 F14: No.21, × with its life events unrecorded, may belong to No.4's life event, so No.4's level 4
    is unsettled; making No.21 ○ settles it although the two share no recorded life event."""
    _set(city, *OTHERS, "--status", "○")
    out = _set(city, "4", "--status", "○", "--no-fee", "--result-delivery", "電子", "--back-office", "連携済",
               "--attachments", "none", "--identity", "マイナンバーカード", "--life-event", "引越し")  # fmt: skip
    assert "レベル 0–4（未確定） → 3–4（未確定）" in out  # No.21 is ？ with no life events recorded
    out = _set(city, "21", "--status", "×")
    assert "同じライフイベント" not in out  # still open: 3–4
    out = _set(city, "21", "--status", "○")
    assert "別のライフイベントの No.4（eltax-filing）: レベル 3–4（未確定） → 4" in out
    out = _set(city, "21", "--status", "一部", lang="en")
    assert "No.4 (eltax-filing), another life event: level 4 → 3–4 (unsettled)" in out


def test_life_event_none_records_that_a_row_is_in_no_life_event(city: Path) -> None:
    """``--life-event none`` writes ``life_events: []``: No.21 (×) then holds no bundle open."""
    _set(city, *OTHERS, "--status", "○")
    _set(city, "4", "--status", "○", "--no-fee", "--result-delivery", "電子", "--back-office", "連携済",
         "--attachments", "none", "--identity", "マイナンバーカード", "--life-event", "引越し")  # fmt: skip
    out = _set(city, "21", "--status", "×", "--life-event", "none")
    assert "ライフイベント: — → なし" in out
    assert "別のライフイベントの No.4（eltax-filing）: レベル 3–4（未確定） → 4" in out
    assert "life_events: []" in (city / "procedures.yaml").read_text(encoding="utf-8")
    out = _set(city, "21", "--life-event", "なし", lang="en")
    assert "life_events: none (already so)" in out
    result = runner.invoke(
        app, ["set", "21", "--life-event", "none", "--life-event", "引越し", "-c", str(city)]
    )
    assert result.exit_code == 2 and "一緒には指定できません" in result.output
