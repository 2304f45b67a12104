"""Review s8 F8/F9/F14: a trend point is dated by the day it was committed, which is not the date its statuses
describe (状況の時点). Every view labels the commit date as such, shows each point's 状況の時点 beside it (記載なし
where the catalogue states none) and says the points come in commit order; the page names no file and gives an
unreadable commit's detail only to the terminal."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from dxready.cli import app
from tests.helpers.pages import git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
runner = CliRunner()


def _commit(repo: Path, message: str, date: str) -> None:
    for args in (["add", "-A"], ["commit", "-q", "-m", message]):
        git(repo, *args, date=date)


def _ok(*args: str, columns: int = 80) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def city(tmp_path: Path) -> Path:
    """館山市, half filled: committed on 2026-11-20 with no status date, then its status date 2025-03-31 recorded
    and three rows set ○ on 2026-11-25 (the survey's date, long before the commit)."""
    repo = tmp_path / "tate"
    _ok("init", str(repo), "--name", "館山市")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    _commit(repo, "記録を始めた", "2026-11-20T10:00:00+09:00")
    _ok("set", "municipality", "--as-of", "2025-03-31", "-c", str(repo))
    _ok("set", "1", "3", "4", "--status", "○", "-c", str(repo))
    _commit(repo, "3件をオンライン化済に", "2026-11-25T10:00:00+09:00")
    return repo


@pytest.mark.parametrize("columns", [80, 160])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_terminal_trend_shows_each_points_status_date_beside_its_commit_date(
    city: Path, lang: str, columns: int
) -> None:
    out = _ok("trend", "-c", str(city), "--lang", lang, columns=columns)
    assert all(cell_len(line) <= columns for line in out.splitlines())
    assert ("記録日" if lang == "ja" else "Recorded") in out
    assert ("コミット順" if lang == "ja" else "commit order") in out
    assert "2026-11-20" in out and "2026-11-25" in out
    assert "2025-03-31" in out  # the second point's 状況の時点
    assert ("記載なし" if lang == "ja" else "not stated") in out  # the first states none
    # the status date is given with its own point, after the first point's commit date
    assert (
        out.index("2026-11-20")
        < out.index("記載なし" if lang == "ja" else "not stated")
        < out.index("2025-03-31")
    )


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_markdown_trend_has_a_status_date_column(city: Path, lang: str) -> None:
    out = _ok("trend", "-c", str(city), "-f", "markdown", "--lang", lang)
    if lang == "ja":
        assert "| 記録日（コミット） | コミット | 状況の時点 | 対象 |" in out
        assert re.search(
            r"\| 2026-11-20 \| \w{8} \| 記載なし \| (?:\d+–)?21 \|", out
        )  # a range while rows are ？
        assert "コミット順" in out
    else:
        assert "| Recorded (commit) | Commit | Status as of | Applicable |" in out
        assert "commit order" in out
    assert re.search(r"\| 2026-11-25 \| \w{8} \| 2025-03-31 \| 3–21 \| 3 \|", out)


def _trend_table(page: str) -> list[list[str]]:
    section = page[page.index('id="trend"') :]
    body = section[section.index("<tbody>") : section.index("</tbody>")]
    return [
        [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body)
    ]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_page_trend_shows_each_points_status_date(city: Path, tmp_path: Path, lang: str) -> None:
    dest = tmp_path / f"p-{lang}.html"
    _ok("page", "-c", str(city), "--as-of", "2026-11-30", "--lang", lang, "-o", str(dest))
    page = dest.read_text(encoding="utf-8")
    heads = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', page[page.index('id="trend"') :])
    if lang == "ja":
        assert heads[:3] == ["記録日（コミット）", "コミット", "状況の時点"]
    else:
        assert heads[:3] == ["Recorded (commit)", "Commit", "Status as of"]
    rows = _trend_table(page)
    assert [(r[0], r[2]) for r in rows] == [
        ("2026-11-20", "記載なし" if lang == "ja" else "not stated"),
        ("2026-11-25", "2025-03-31"),
    ]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_page_names_no_file_with_its_trend(city: Path, tmp_path: Path, lang: str) -> None:
    """F9: the trend's caption said 「オンライン化の推移（procedures.yaml の履歴）」."""
    dest = tmp_path / f"p-{lang}.html"
    _ok("page", "-c", str(city), "--as-of", "2026-11-30", "--lang", lang, "-o", str(dest))
    page = dest.read_text(encoding="utf-8")
    assert ".yaml" not in page
    for caption in re.findall(r"<caption[^>]*>(.*?)</caption>", page):
        assert not re.search(r"\.(?:ya?ml|csv|xlsx|json|html)\b", caption), caption
    assert ("カタログの記録の履歴" if lang == "ja" else "records, in commit order") in page


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_an_unreadable_commit_is_said_in_words_on_the_page(city: Path, tmp_path: Path, lang: str) -> None:
    """F14: the page's row read 「読めません: DX002 キー 'procedures' が重複しています（最初は 19 行 1 列）」."""
    procedures = city / "procedures.yaml"
    good = procedures.read_text(encoding="utf-8")
    procedures.write_text(good + "procedures: [\n", encoding="utf-8")
    _commit(city, "壊れた", "2026-11-26T10:00:00+09:00")
    procedures.write_text(good, encoding="utf-8")
    _commit(city, "戻した", "2026-11-27T10:00:00+09:00")
    terminal = _ok("trend", "-c", str(city), "--lang", lang)
    assert re.search(r"DX00\d", terminal)  # the officer keeps the detail
    dest = tmp_path / f"p-{lang}.html"
    _ok("page", "-c", str(city), "--as-of", "2026-11-30", "--lang", lang, "-o", str(dest))
    rows = _trend_table(dest.read_text(encoding="utf-8"))
    broken = next(r for r in rows if r[-1] == "壊れた")
    said = "この時点の記録は読めませんでした" if lang == "ja" else "This record could not be read"
    assert said in broken
    text = " ".join(broken)
    assert not re.search(r"DX\d{3}|procedures|行 \d+ 列|line \d+|'", text), text


@pytest.mark.parametrize("columns", [60, 80, 160])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_uncommitted_point_claims_no_record_date(city: Path, lang: str, columns: int) -> None:
    """Review s8 D9: the working tree read 「記録日 2026-12-01 working」 (the run's day, nothing recorded on it, and
    an English word in Japanese). It is 「作業中（未コミット）」 as the page says; working only in English."""
    import datetime as dt

    _ok("set", "5", "--status", "×", "-c", str(city))  # not committed
    today = dt.date.today().isoformat()
    out = _ok("trend", "-c", str(city), "--lang", lang, columns=columns)
    md = _ok("trend", "-c", str(city), "--lang", lang, "-f", "markdown")
    for text in (out, md):
        assert today not in text
    if lang == "ja":
        assert "working" not in out and "working" not in md
        assert "作業中" in out
        assert "| 作業中 | 未コミット | 2025-03-31 |" in md
        if columns == 60:  # one record per point
            assert "作業中（未コミット）" in out.splitlines()
    else:
        assert "| working | uncommitted | 2025-03-31 |" in md
        if columns == 60:
            assert "working (uncommitted)" in out.splitlines()
