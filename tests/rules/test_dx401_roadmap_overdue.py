"""DX401 roadmap-overdue: roadmap items past their target year and not done."""

from __future__ import annotations

from pathlib import Path

from dxready.rules import dx401_roadmap_overdue as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

ROADMAP = """
roadmap:
  - id: standardization-planning
    area: 2
    title: 計画立案
    target: 令和6年度
  - id: standardization-migration
    area: 2
    title: 移行
    title_en: Migration
    target: R7
    state: in_progress
  - id: standardization-selection
    area: 2
    title: システム選定
    target: 令和6年度
    state: done
  - id: standardization-operation
    area: 2
    title: 本格運用の開始
    target: 令和8年度
  - id: telework
    area: 6
    title: テレワーク
    target: 期限なし
"""


def test_overdue_items_are_reported_at_their_target(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, roadmap=ROADMAP), rule, "2026-11-26")
    assert [(f.code, f.subject.id) for f in report.findings] == [
        ("DX401", "standardization-planning"),
        ("DX401", "standardization-migration"),
    ]
    unrecorded, late = report.findings
    assert str(unrecorded.location) == f"{tmp_path / 'roadmap.yaml'}:5:13"
    assert unrecorded.message.ja == (
        "工程表「計画立案」の目標 令和6年度（2025-03-31 まで）を過ぎましたが、進捗（state）が記録されていません"
    )
    assert late.message.en == (
        "the roadmap item 'Migration' passed its target FY2025 (2026-03-31), and its state is in_progress"
    )


def test_shipped_roadmap(tmp_path: Path) -> None:
    late = run_rule(copy_shipped(tmp_path / "data"), rule, "2026-11-26")
    assert [f.subject.id for f in late.findings] == [
        "standardization-planning",
        "standardization-selection",
        "standardization-migration",
    ]
    assert run_rule(copy_shipped(tmp_path / "early"), rule, "2024-03-31").findings == ()
