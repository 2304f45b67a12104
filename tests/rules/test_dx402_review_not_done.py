"""DX402 review-not-done: recurring (適宜) items whose review is due."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxready.rules import dx402_review_not_done as rule
from tests.helpers.catalogs import copy_shipped, run_rule, write_catalog

ROADMAP = """
roadmap:
  - id: security-policy-revision
    area: 4
    title: 市情報セキュリティポリシーを見直し、現状に則した内容に改正
    start_fiscal_year: 令和5年度
    target: 適宜
    review_fiscal_year: 令和9年度
  - id: security-audit
    area: 4
    title: 定期的に監査を実施
    start_fiscal_year: 令和5年度
    target: recurring
    last_reviewed: 2025-06-30
  - id: security-contingency-plan
    area: 4
    title: 緊急時対応計画の策定
    start_fiscal_year: 令和5年度
    target: 適宜
    review_cycle_years: 3
  - id: telework
    area: 6
    title: テレワーク
    target: 令和5年度
"""


def _ids(tmp_path: Path, as_of: str, settings: str | None = None) -> list[str]:
    report = run_rule(write_catalog(tmp_path, roadmap=ROADMAP, settings=settings), rule, as_of)
    assert {f.code for f in report.findings} <= {"DX402"}
    return [f.subject.id for f in report.findings]


def test_missed_scheduled_review_and_lapsed_cycle(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, roadmap=ROADMAP), rule, "2028-05-01")
    assert [(f.code, f.subject.id) for f in report.findings] == [
        ("DX402", "security-policy-revision"),
        ("DX402", "security-audit"),
        ("DX402", "security-contingency-plan"),
    ]
    scheduled, cycle, from_start = report.findings
    assert str(scheduled.location) == f"{tmp_path / 'roadmap.yaml'}:7:25"
    assert scheduled.message.ja == (
        "工程表「市情報セキュリティポリシーを見直し、現状に則した内容に改正」の 令和9年度 の見直し"
        "（2028-03-31 まで）が済んでいません（見直しの記録がありません）"
    )
    assert str(cycle.location) == f"{tmp_path / 'roadmap.yaml'}:13:20"
    assert cycle.data == {"due": "2026-06-30", "last_reviewed": "2025-06-30"}
    assert from_start.data["due"] == "2026-04-01"


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2026-04-01", []),
        ("2026-04-02", ["security-contingency-plan"]),
        ("2026-07-01", ["security-audit", "security-contingency-plan"]),
    ],
)
def test_due_dates(tmp_path: Path, as_of: str, expected: list[str]) -> None:
    assert _ids(tmp_path, as_of) == expected


def test_default_cycle_comes_from_settings(tmp_path: Path) -> None:
    assert _ids(tmp_path, "2026-07-01", "targets:\n  review_cycle_years: 2\n") == [
        "security-contingency-plan"
    ]


def test_review_in_the_scheduled_year_counts(tmp_path: Path) -> None:
    roadmap = ROADMAP.replace(
        "review_fiscal_year: 令和9年度", "review_fiscal_year: 令和9年度\n    last_reviewed: 2027-10-01"
    )
    report = run_rule(write_catalog(tmp_path, roadmap=roadmap), rule, "2028-05-01")
    assert "security-policy-revision" not in [f.subject.id for f in report.findings]


def test_shipped_reviews_are_not_due_yet(tmp_path: Path) -> None:
    assert run_rule(copy_shipped(tmp_path / "data"), rule, "2026-11-26").findings == ()
    late = run_rule(copy_shipped(tmp_path / "late"), rule, "2028-04-01")
    assert [f.subject.id for f in late.findings] == [
        "security-policy-revision",
        "security-external-services",
        "security-contingency-plan",
        "security-audit",
    ]
