"""``diff`` says what changed in a field it cannot show whole: a sub-procedure's change names the sub-procedure,
usage counts show their figures per fiscal year, and "nothing recorded" and "none" read differently (a review saw
「件数」 eleven times with nothing else, and 「添付書類: →」 for attachments recorded as none)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "ja",
            [
                "    添付書類: — → なし",
                "    nursing-care-01 件数: 令和4年度: — → 5 / 10 件",
                "    nursing-care-02: ？ → ○",
                "    件数: 令和2年度: — → 23.2%（公表値、令和2年11月末現在）、令和3年度: — → 20 / 100 件",
            ],
        ),
        (
            "en",
            [
                "    attachments: — → none",
                "    nursing-care-01 counts: FY2022: — → 5 of 10 online",
                "    counts: FY2020: — → 23.2% (published rate; to 2020-11-30); FY2021: — → 20 of 100 online",
            ],
        ),
    ],
)
def test_sub_procedures_and_counts_are_shown(tmp_path: Path, lang: str, expected: list[str]) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    _run("init", str(base), "--name", "館山市")
    _run("init", str(head), "--name", "館山市")
    for args in (
        ["9", "--attachments", "none"],
        ["19", "--counts", "R3:100:20"],
        ["19", "--counts", "令和2年度:23.2%@2020-11-30"],
        ["19/*", "--counts", "R4:10:5"],
        ["19/2", "--status", "○"],
    ):
        _run("set", *args, "--catalog", str(head))
    out = _run("diff", str(base), str(head), "--lang", lang)
    lines = out.splitlines()
    joined = out.replace("\n      ", " ")  # a line wrapped at 80 columns, read whole
    for line in expected:
        assert line in lines or f"\n{line}\n" in joined, out
    assert "    件数" not in lines and "    counts" not in lines


def test_a_group_row_shows_the_status_its_sub_procedures_give_it(tmp_path: Path) -> None:
    """A review: the header said × 2 → 13 while the groups' rows (recorded unknown, every sub-procedure now ×) showed a
    blank オンライン化 cell."""
    base, head = tmp_path / "base", tmp_path / "head"
    _run("init", str(base), "--name", "館山市")
    _run("init", str(head), "--name", "館山市")
    _run("set", "20/*", "--status", "×", "--catalog", str(head))
    data = __import__("json").loads(_run("diff", str(base), str(head), "-f", "json"))
    (entry,) = [e for e in data["procedures"] if e["id"] == "disaster-certificate"]
    status = [c for c in entry["changes"] if c["field"] == "status"]
    assert status == [
        {
            "field": "status",
            "before": "unknown",
            "after": "offline",
            "regression": False,
            "possible_regression": False,
        }
    ]
    assert not [
        c for c in entry["changes"] if c["field"] == "recorded_status"
    ]  # the group's own mark: still ？
    md = _run("diff", str(base), str(head), "-f", "markdown")
    assert "| disaster-certificate | 変更 | ？ → × |" in md


def test_a_known_and_a_possible_fall_of_one_row_are_one_regression(tmp_path: Path) -> None:
    """A review: a sub-procedure ○ → × (known) and the group's level 2–4 → 0–4 (possible) listed the group twice, as
    ⚠ and ⚠？, and counted it in both."""
    from tests.helpers.catalogs import copy_shipped

    base, head = copy_shipped(tmp_path / "base"), copy_shipped(tmp_path / "head")
    text = (head / "procedures.yaml").read_text(encoding="utf-8")
    at = text.index("      - id: nursing-care-03")
    at = text.index("status: ○", at)
    (head / "procedures.yaml").write_text(
        text[:at] + "status: ×" + text[at + len("status: ○") :], encoding="utf-8"
    )
    data = __import__("json").loads(_run("diff", str(base), str(head), "--as-of", "2025-04-01", "-f", "json"))
    mine = [r for r in data["regressions"] if r["id"] == "nursing-care" and "DX008" not in r["message"]]
    assert len(mine) == 1 and mine[0]["possible"] is False
    assert "後退の可能性: レベル" in mine[0]["message"]


@pytest.mark.parametrize(
    ("lang", "echo", "diff"),
    [
        (
            "ja",
            "  件数 令和5年度: 12.5%（公表値、令和5年11月末現在）",
            "    件数: 令和5年度: — → 12.5%（公表値、令和5年11月末現在）",
        ),
        (
            "en",
            "  counts FY2023: 12.5% (published rate; to 2023-11-30)",
            "    counts: FY2023: — → 12.5% (published rate; to 2023-11-30)",
        ),
    ],
)
def test_a_part_year_published_rate_is_never_said_as_the_years(
    tmp_path: Path, lang: str, echo: str, diff: str
) -> None:
    """Review s8 D3: diff said 「令和5年度: — → 12.5%」 (the whole year's rate) and set's echo 「公表された利用率
    12.5%（2023-11-30 現在）」 where every other view says 「12.5%（令和5年度 公表値、令和5年11月末現在）」."""
    base, head = tmp_path / "base", tmp_path / "head"
    _run("init", str(base), "--name", "館山市")
    _run("init", str(head), "--name", "館山市")
    said = _run("set", "5", "--counts", "2023:12.5%@2023-11-30", "--catalog", str(head), "--lang", lang)
    assert echo in said.splitlines(), said
    assert diff in _run("diff", str(base), str(head), "--lang", lang).splitlines()
    md = _run("diff", str(base), str(head), "--lang", lang, "-f", "markdown")
    assert diff.split(": ", 1)[1] in md


def test_every_view_words_a_part_year_rate_with_the_one_helper() -> None:
    """compare, the page and the terminal views build 公表値 and 「…現在」 with catalog.fiscal.rate_notes."""
    import datetime as dt

    from dxready.catalog.fiscal import FiscalYear, rate_notes
    from dxready.catalog.models import Counts
    from dxready.render.html.cells import usage_text
    from dxready.render.views import counts_text

    c = Counts(fiscal_year=FiscalYear(2023), rate=12.5, period_end=dt.date(2023, 11, 30))
    assert rate_notes(True, "2023-11-30", "ja") == ["公表値", "令和5年11月末現在"]
    assert counts_text(c, "ja") == "12.5%（令和5年度 公表値、令和5年11月末現在）"
    assert counts_text(c, "en") == "12.5% (FY2023: published rate; to 2023-11-30)"
    page = {"fiscal_year": 2023, "rate": 12.5, "published_rate": 12.5, "period_end": "2023-11-30"}
    assert usage_text(page, "ja") == "12.5%（令和5年度 公表値、令和5年11月末現在）"
