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
                "    件数: 令和2年度: — → 23.2%、令和3年度: — → 20 / 100 件",
            ],
        ),
        (
            "en",
            [
                "    attachments: — → none",
                "    nursing-care-01 counts: FY2022: — → 5 of 10 online",
                "    counts: FY2020: — → 23.2%; FY2021: — → 20 of 100 online",
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
    lines = _run("diff", str(base), str(head), "--lang", lang).splitlines()
    for line in expected:
        assert line in lines, "\n".join(lines)
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
