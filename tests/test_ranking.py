"""Next steps: deterministic, one per subject, parts shown, the plan's commitments and blockers honoured."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dxready.catalog.load import load_catalog
from dxready.engine.ranking import rank
from dxready.engine.run import run
from tests.helpers.catalogs import SHIPPED, copy_shipped

AS_OF = dt.date(2026, 11, 26)


def _steps(catalog_dir: Path = SHIPPED) -> list:  # type: ignore[type-arg]
    return rank(run(load_catalog(catalog_dir), AS_OF))


def test_same_input_same_ranking() -> None:
    first, second = _steps(), _steps()
    assert [(s.subject, s.score, s.parts) for s in first] == [(s.subject, s.score, s.parts) for s in second]


def test_one_step_per_subject_with_all_parts() -> None:
    steps = _steps()
    assert len({s.subject for s in steps}) == len(steps)
    assert [s.rank for s in steps] == list(range(1, len(steps) + 1))
    for s in steps:
        assert set(s.parts) == {"reach", "priority", "commitment", "urgency", "effort"}
        assert all(0.0 <= v <= 1.0 for v in s.parts.values())
        assert s.codes


def test_every_offline_and_partial_row_has_a_step() -> None:
    ids = {s.subject.id for s in _steps() if s.subject.kind == "procedure"}
    offline = {"road-occupancy", "bulky-waste", "dog-registration", "staff-recruitment"}
    offline |= {"absentee-ballot-request", "disclosure-request"}
    assert offline | {"facility-reservation", "event-application"} <= ids


def test_plan_commitment_ranks_facility_and_events_above_uncommitted_gaps() -> None:
    steps = {s.subject.id: s for s in _steps()}
    assert steps["facility-reservation"].parts["commitment"] == 1.0
    assert steps["event-application"].parts["commitment"] == 1.0
    assert steps["facility-reservation"].rank < steps["bulky-waste"].rank
    assert steps["event-application"].rank < steps["road-occupancy"].rank


def test_overdue_standardisation_comes_first_after_the_deadline() -> None:
    top = _steps()[0]
    assert top.subject.kind == "system" and top.parts["urgency"] == 1.0


def test_ties_break_by_standard_number() -> None:
    tied = [s for s in _steps() if s.subject.kind == "procedure" and s.score == 1.0]
    numbers = [s.standard_no for s in tied]
    assert numbers == sorted(numbers) and len(numbers) >= 2


def test_weights_come_from_settings(tmp_path: Path) -> None:
    copy_shipped(tmp_path)
    (tmp_path / "dxready.yaml").write_text(
        "weights: {reach: 10, priority: 0, commitment: 0, urgency: 0, effort: 0}\n", encoding="utf-8"
    )
    steps = _steps(tmp_path)
    assert steps[0].parts["reach"] == max(s.parts["reach"] for s in steps)


def test_blocked_by_a_migrating_system(tmp_path: Path) -> None:
    copy_shipped(tmp_path)
    path = tmp_path / "procedures.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "  - id: bulky-waste\n"
    assert marker in text
    text = text.replace(marker, marker + "    systems: [koseki]\n", 1)
    path.write_text(text, encoding="utf-8")
    step = next(s for s in _steps(tmp_path) if s.subject.id == "bulky-waste")
    assert step.blocked_ids == ("koseki",)
    assert "戸籍情報システム" in step.blocked_by[0].ja


def test_the_shared_channel_is_named_in_the_step_s_language(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dxready.cli import app

    result = CliRunner().invoke(app, ["init", str(tmp_path / "city"), "--name", "館山市"])
    assert result.exit_code == 0, result.stderr
    steps = [s for s in _steps(tmp_path / "city") if "共通基盤" in s.action.ja]
    shared = {
        s.name.en: (s.action.ja.split("）", 1)[0] + "）", s.action.en.split(") ", 1)[0] + ")") for s in steps
    }
    assert shared["Moving out / moving in"] == (
        "（共通基盤: 引越しワンストップサービス）",
        "(shared channel: the moving one-stop service)",
    )
    assert shared["Local tax filing (eLTAX)"] == ("（共通基盤: eLTAX）", "(shared channel: eLTAX)")
    assert (
        shared["Bidding qualification applications"][1] == "(shared channel: the shared e-procurement system)"
    )
    # The note comes first: a step that ends with a command ends with the command, to be pasted as it is.
    assert all(
        s.action.ja.startswith("（共通基盤: ") and s.action.en.startswith("(shared channel: ") for s in steps
    )
    assert any(s.action.ja.endswith("--status 記号") for s in steps)
    assert {en for _, en in shared.values()} >= {"(shared channel: Mynaportal)"}
