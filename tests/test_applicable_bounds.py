"""「対象手続」 while rows are ？ (review s8 F1): any unknown row may still turn out — (該当なし), so the count of
applicable procedures is its bounds with the unknown part, 「4–21（未確認 17）」, in every view that prints it; one
figure once every row is known. JSON keeps ``applicable`` and adds ``applicable_bounds``."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from rich.cells import cell_len

from dxready.engine.rates import applicable_bounds, applicable_text
from tests.helpers.catalogs import SHIPPED
from tests.helpers.cli import run80


@pytest.fixture
def tateyama(tmp_path: Path) -> Path:
    """The review's half-filled catalogue: ○ 1, × 1, 一部 1, — 1, ？ 17 (3 to 20 applicable)."""
    root = tmp_path / "tateyama"
    assert run80("init", str(root), "--name", "館山市")[0] == 0
    for no, status in (("1", "○"), ("9", "×"), ("2", "一部"), ("4", "—")):
        assert run80("set", no, "--status", status, "-c", str(root))[0] == 0
    return root


def _ok(*args: str) -> str:
    code, out, err = run80(*args)
    assert code == 0, err
    if "-f" not in args:  # the terminal's output fits 80 columns
        assert all(cell_len(line) <= 80 for line in out.splitlines())
    return out


def test_the_words() -> None:
    assert applicable_text(17, 0, "ja") == applicable_text(17, 0, "en") == "17"
    assert applicable_text(21, 17, "ja") == "4–21（未確認 17）"
    assert applicable_text(21, 17, "en") == "4–21 (17 unknown)"
    assert applicable_text(21, 17, "ja", unknown_beside=True) == "4–21"
    assert applicable_text(21, 21, "en") == "0–21 (21 unknown)"
    assert applicable_bounds(21, 17) == [4, 21] and applicable_bounds(17, 0) == [17, 17]


@pytest.mark.parametrize(
    ("lang", "label", "value"),
    [("ja", "対象手続", "3–20（未確認 17）"), ("en", "Applicable procedures", "3–20 (17 unknown)")],
)
def test_gaps_and_table_summary_give_the_bounds(tateyama: Path, lang: str, label: str, value: str) -> None:
    c = ("-c", str(tateyama), "--lang", lang)
    assert f"{label} {value} ·" in _ok("gaps", *c)
    table = next(line for line in _ok("table", "summary", *c).splitlines() if label in line)
    assert table.rstrip("│ ").endswith(value)
    assert f"| {label} | {value} |" in _ok("table", "summary", "-f", "markdown", *c)
    assert f"{label},{value}" in _ok("table", "summary", "-f", "csv", *c)
    data = json.loads(_ok("table", "summary", "-f", "json", *c))["summary"]
    assert (data["applicable"], data["applicable_bounds"]) == (20, [3, 20])
    gaps = json.loads(_ok("gaps", "-f", "json", *c))["summary"]
    assert (gaps["applicable"], gaps["applicable_bounds"]) == (20, [3, 20])


def test_export_and_page(tateyama: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.xlsx"
    assert run80("export", "-o", str(out), "-c", str(tateyama))[0] == 0
    book = openpyxl.load_workbook(out, read_only=True)
    try:
        summary = {r[0]: r[1] for r in book["概況"].iter_rows(values_only=True)}
    finally:
        book.close()
    assert summary["対象手続"] == "3–20（未確認 17）"
    for lang, said in (
        ("ja", "3〜20（未確認 17）"),
        ("en", "3–20 (17 unknown)"),
    ):  # the page's own dash (s8 D8)
        page = tmp_path / f"{lang}.html"
        assert run80("page", "-c", str(tateyama), "--lang", lang, "-o", str(page), "--no-trend")[0] == 0
        text = page.read_text(encoding="utf-8")
        assert f'<td class="num">{said}</td>' in text
        assert "対象手続 20 件" not in text and "The 20 applicable" not in text


def test_every_row_known_is_one_figure_as_before(tmp_path: Path) -> None:
    c = ("-c", str(SHIPPED))
    assert "対象手続 17 ·" in _ok("gaps", *c)
    assert "| 対象手続 | 17 |" in _ok("table", "summary", "-f", "markdown", *c)
    assert json.loads(_ok("gaps", "-f", "json", *c))["summary"]["applicable_bounds"] == [17, 17]
    page = tmp_path / "p.html"
    assert run80("page", *c, "-o", str(page), "--no-trend")[0] == 0
    assert "対象手続 17 件の内訳" in page.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_trend_and_diff(tateyama: Path) -> None:
    repo = tateyama
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo),
        "PATH": "/usr/bin:/bin:/usr/local/bin",
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "four recorded"]):
        subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, check=True)
    assert run80("set", "3", "--status", "○", "-c", str(repo))[0] == 0
    for lang in ("ja", "en"):
        out = _ok("trend", "-c", str(repo), "--lang", lang)
        assert re.search(r"│ +3–20 │", out) and re.search(r"│ +4–20 │", out)
    points = json.loads(_ok("trend", "-c", str(repo), "-f", "json"))["points"]
    assert [(p["applicable"], p["applicable_bounds"]) for p in points] == [(20, [3, 20]), (20, [4, 20])]
    diff = json.loads(_ok("diff", "git:HEAD", "-c", str(repo), "-f", "json"))["summary"]
    assert (diff["base"]["applicable_bounds"], diff["head"]["applicable_bounds"]) == ([3, 20], [4, 20])
