"""Messages after the s6 new-user review (松戸市, half filled, COLUMNS=80): one language per ``--lang``, full-width
digits in every numeric option, a write failure said as one, and the wording of `add`, `trend` and `compare`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()
ENV = {"COLUMNS": "80", "DXREADY_LANG": "ja"}


def _run(*args: str) -> tuple[int, str]:
    """Exit code and output, with the 80-column wrapping's continuation lines joined back."""
    result = runner.invoke(app, list(args), env=ENV)
    return result.exit_code, (result.stdout + result.stderr).replace("\n    ", "")


def _ok(*args: str) -> str:
    code, out = _run(*args)
    assert code == 0, out
    return out


@pytest.fixture
def city(tmp_path: Path) -> Path:
    c = tmp_path / "matsudo"
    _ok("init", str(c), "--name", "松戸市")
    return c


def test_a_fiscal_year_that_is_a_month_is_refused_in_the_runs_language(city: Path) -> None:
    code, ja = _run("set", "9", "--counts", "令和7年4月:12:5", "-c", str(city))
    assert code == 2
    assert "'令和7年4月' は年度ではありません" in ja and "令和7年度" in ja
    assert "is not a fiscal year" not in ja and "write" not in ja
    code, en = _run("set", "9", "--counts", "令和7年4月:12:5", "-c", str(city), "--lang", "en")
    assert code == 2 and "is not a fiscal year; write 2025, FY2025, R7 or" in en
    assert "年度ではありません" not in en


def test_a_fiscal_year_in_the_catalogue_is_refused_in_the_runs_language(city: Path) -> None:
    _ok("set", "9", "--counts", "2025:12:5", "-c", str(city))
    path = city / "procedures.yaml"
    path.write_text(path.read_text("utf-8").replace("fiscal_year: 2025", "fiscal_year: 令和7年4月"), "utf-8")
    code, ja = _run("check", "-c", str(city))
    assert code == 2 and "年度ではありません" in ja and "not a fiscal year" not in ja


def test_counts_without_online_or_rate_are_refused_in_one_language(city: Path) -> None:
    _ok("set", "9", "--counts", "2025:12:5", "-c", str(city))
    path = city / "procedures.yaml"
    path.write_text(path.read_text("utf-8").replace("        online: 5\n", ""), "utf-8")
    code, ja = _run("check", "-c", str(city))
    assert code == 2 and "どちらかが必要です" in ja and "need" not in ja
    code, en = _run("check", "-c", str(city), "--lang", "en")
    assert code == 2 and "counts need online" in en and "必要" not in en


def test_an_imported_month_for_a_fiscal_year_gets_the_same_hint(city: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "counts.csv"
    sheet.write_text(
        "手続名,年度,総件数,オンライン件数\n粗大ごみ収集の申込,令和7年4月,12,5\n", encoding="utf-8-sig"
    )
    code, ja = _run("import", str(sheet), "-c", str(city))
    assert code != 0
    assert "'令和7年4月' は年度ではありません。2025、FY2025、R7、令和7年度 のように書いてください" in ja


def test_full_width_digits_are_read_in_next_top(city: Path) -> None:
    narrow = _ok("next", "-c", str(city), "--top", "３")
    assert narrow == _ok("next", "-c", str(city), "--top", "3")
    code, out = _run("next", "-c", str(city), "--top", "０")
    assert code == 2 and "1 以上で指定してください" in out
    code, out = _run("next", "-c", str(city), "--top", "三")
    assert code == 2 and "整数で指定してください" in out


def _commands(group: object) -> list[object]:
    found = []
    for sub in getattr(group, "commands", {}).values():
        found.append(sub)
        found.extend(_commands(sub))
    return found


def test_every_numeric_option_reads_full_width_digits() -> None:
    import typer

    from dxready.cli.numbers import WholeNumber

    numeric = [
        (command, param)
        for command in _commands(typer.main.get_command(app))
        for param in getattr(command, "params", [])
        if getattr(getattr(param, "type_descriptor", None), "annotation", None) in (int, float, int | None)
    ]
    assert numeric, "the --top option at least"
    for command, param in numeric:
        parser = param.type_descriptor.parameter_info.parser
        assert isinstance(parser, WholeNumber), (command.name, param.name)


@pytest.mark.parametrize(("indent", "size"), [("", 1030), ("    ", 1025)])
def test_a_key_over_yamls_limit_is_said_to_be_too_long(city: Path, indent: str, size: int) -> None:
    path = city / "procedures.yaml"
    text = path.read_text("utf-8")
    anchor = "schema_version: 1\n" if not indent else "    status: unknown\n"
    line = text[: text.index(anchor) + len(anchor)].count("\n") + 1
    path.write_text(text.replace(anchor, f"{anchor}{indent}{'k' * size}: 1\n", 1), "utf-8")
    code, ja = _run("check", "-c", str(city))
    assert code == 2
    assert (
        f"procedures.yaml:{line}:{len(indent) + 1}:" in ja
        and f"DX001 キーが長すぎます（{size:,} 文字）" in ja
    )
    assert "1,024 文字まで" in ja and "見つかりません" not in ja
    code, en = _run("check", "-c", str(city), "--lang", "en")
    assert code == 2 and "the key is too long" in en


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc, where no file can be made")
def test_a_write_failure_is_not_called_bad_input(city: Path) -> None:
    code, ja = _run("export", "-o", "/proc/x.xlsx", "-c", str(city))
    assert code == 2
    assert ja.startswith("dxready: /proc/x.xlsx に書き込めません: その場所には作れません")
    assert "No such file" not in ja and "上の箇所を直してください" not in ja and "DX001" not in ja
    code, en = _run("export", "-o", "/proc/x.xlsx", "-c", str(city), "--lang", "en")
    assert code == 2 and en.startswith("dxready: cannot write /proc/x.xlsx: nothing can be made there")


def test_a_missing_output_directory_is_a_write_failure(city: Path, tmp_path: Path) -> None:
    code, ja = _run("export", "-o", str(tmp_path / "nowhere" / "x.xlsx"), "-c", str(city))
    assert code == 2 and "に書き込めません: ディレクトリがありません" in ja
    assert "上の箇所を直してください" not in ja


@pytest.mark.parametrize(
    ("number", "ja", "en"),
    [
        ("ENOENT", "ディレクトリがありません", "no such directory"),
        ("EACCES", "権限がありません", "permission denied"),
        ("EROFS", "読み取り専用のファイルシステムです", "read-only file system"),
        ("ENOSPC", "ディスクの空きがありません", "no space left on the device"),
    ],
)
def test_the_common_reasons_are_said_in_words(number: str, ja: str, en: str, tmp_path: Path) -> None:
    import errno
    import os

    from dxready.fsio import cannot_write

    code = getattr(errno, number)
    made = cannot_write(tmp_path / "gone" / "x.xlsx", OSError(code, os.strerror(code)))
    assert made.message.ja.endswith(f"に書き込めません: {ja}") and made.message.en.endswith(en)
    assert os.strerror(code) not in made.message.ja


@pytest.mark.skipif(__import__("shutil").which("git") is None, reason="git is not installed")
def test_trend_outside_git_names_the_directory_and_says_it_once(
    city: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(city)
    code, ja = _run("trend")
    assert code == 2
    assert ja.startswith("matsudo（このディレクトリ）: trend はカタログの git の履歴から推移を作ります")
    assert "git:REV" not in ja and "上の箇所" not in ja and not ja.startswith(".:")
    assert ja.count("git リポジトリの中にありません") == 1
    code, en = _run("trend", "--lang", "en")
    assert code == 2 and en.startswith("matsudo (this directory): trend reads the catalogue's git history")


@pytest.mark.skipif(__import__("shutil").which("git") is None, reason="git is not installed")
def test_the_page_of_a_catalogue_outside_git_says_plainly_there_is_no_trend(
    city: Path, tmp_path: Path
) -> None:
    page = tmp_path / "p.html"
    _ok("page", "-c", str(city), "-o", str(page))
    html = page.read_text("utf-8")
    assert "推移はまだありません。" in html
    assert "git" not in html and "上の箇所" not in html


def test_a_table_file_without_markers_is_an_error_line_fitted_to_80_columns(
    city: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dxready.render.grid import cell_len

    monkeypatch.chdir(city)
    Path("R.md").write_text("# R\n", "utf-8")
    result = runner.invoke(app, ["table", "procedures", "--write", "R.md"], env=ENV)
    assert result.exit_code == 2
    assert result.stderr.startswith("dxready: ")
    assert max(cell_len(line) for line in result.stderr.splitlines()) <= 80
    assert "の行がありません" in result.stderr.replace("\n    ", "")


def test_a_count_and_its_unit_are_never_split() -> None:
    from dxready.render.wrap import wrap

    for width in range(10, 40):
        for line in wrap("2 団体、読めないカタログ 22 件（標準エラー出力を参照）、42件中0件確認", width):
            assert not line.endswith(("22", "42", "中0")) and not line.startswith("件")


def _git(*args: str, cwd: Path) -> None:
    import subprocess

    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args], cwd=cwd, check=True,
        capture_output=True,
    )  # fmt: skip


@pytest.mark.skipif(__import__("shutil").which("git") is None, reason="git is not installed")
def test_trend_at_80_columns_keeps_a_reiwa_date_in_a_subject_whole(city: Path) -> None:
    _git("init", "-q", cwd=city)
    _git("add", ".", cwd=city)
    _git("commit", "-qm", "初期", cwd=city)
    _ok("set", "9", "--status", "○", "-c", str(city))
    _git(
        "commit",
        "-qam",
        "粗大ごみ収集の申込をオンライン化（令和7年4月1日時点の状況を反映）したので記録する",
        cwd=city,
    )
    result = runner.invoke(app, ["trend", "-c", str(city)], env=ENV)
    assert result.exit_code == 0, result.output
    assert "令和7年4月1日" in result.stdout


def test_compare_keeps_the_count_of_unreadable_catalogues_with_its_unit(city: Path, tmp_path: Path) -> None:
    other = tmp_path / "tateyama"
    _ok("init", str(other), "--name", "館山市")
    broken = []
    for n in range(22):
        bad = tmp_path / f"bad{n:02}"
        bad.mkdir()
        (bad / "procedures.yaml").write_text("x: [\n", "utf-8")
        broken.append(str(bad))
    result = runner.invoke(app, ["compare", str(city), str(other), *broken], env=ENV)
    assert "読めないカタログ 22 件" in result.stdout


def test_compare_in_english_names_the_standard_procedures_in_english(city: Path, tmp_path: Path) -> None:
    other = tmp_path / "tateyama"
    _ok("init", str(other), "--name", "館山市")
    en = runner.invoke(app, ["compare", str(city), str(other), "--lang", "en"], env=ENV).stdout
    assert "Library book" in en and "Bulky waste" in en and "粗大ごみ" not in en and "図書館" not in en
    ja = runner.invoke(app, ["compare", str(city), str(other)], env=ENV).stdout
    assert "粗大ごみ収集の申込" in ja
    md = runner.invoke(
        app, ["compare", str(city), str(other), "--lang", "en", "-f", "markdown"], env=ENV
    ).stdout
    assert "9. Bulky waste collection requests" in md


def test_gaps_in_english_counts_own_procedures_with_ascii_brackets(city: Path) -> None:
    _ok("add", "own-001", "--name", "住民票の写しの交付", "--status", "○", "-c", str(city))
    en = _ok("gaps", "-c", str(city), "--lang", "en")
    line = next(line for line in en.splitlines() if "own procedures" in line)
    assert line.rstrip().endswith("1 (○ 1)") and "（" not in line
    assert "1（○ 1）" in _ok("gaps", "-c", str(city))


def test_compare_with_an_unreadable_catalogue_prints_the_rest_and_exits_2(city: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "procedures.yaml").write_text("x: [\n", "utf-8")
    result = runner.invoke(app, ["compare", str(city), str(bad)], env=ENV)
    assert result.exit_code == 2
    assert "松戸市" in result.stdout and "DX001" in result.stderr
    assert runner.invoke(app, ["compare", str(city)], env=ENV).exit_code == 0


def test_add_says_added(city: Path) -> None:
    ja = _ok("add", "own-001", "--name", "住民票の写しの交付", "-c", str(city))
    assert "own-001 を追加しました" in ja and "更新しました" not in ja
    en = _ok("add", "own-002", "--name", "印鑑登録証明書の交付", "-c", str(city), "--lang", "en")
    assert "added own-002" in en and "updated" not in en
    assert "own-001 を更新しました" in _ok("set", "own-001", "--status", "○", "-c", str(city))


def test_a_file_that_cannot_be_read_is_said_why_in_japanese(city: Path) -> None:
    path = city / "procedures.yaml"
    path.unlink()
    path.symlink_to(path)  # a loop: the system refuses to open it (ELOOP)
    code, ja = _run("check", "-c", str(city))
    assert code == 2 and "読めません: シンボリックリンクが循環しています" in ja
    assert "Too many levels" not in ja


def test_the_last_line_of_defence_fits_80_columns(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    from dxready.guard import report
    from dxready.render.grid import cell_len

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("DXREADY_LANG", "ja")
    monkeypatch.delenv("DXREADY_DEBUG", raising=False)
    assert (
        report(OSError(errno.EIO, "Input/output error", "/tmp/" + "長い名前のフォルダ" * 8 + "/x.yaml")) == 2
    )
    err = capsys.readouterr().err
    assert err.startswith("dxready: ") and max(cell_len(line) for line in err.splitlines()) <= 80


def test_a_long_key_is_cut_with_its_length_in_the_runs_language(city: Path) -> None:
    path = city / "procedures.yaml"
    path.write_text(
        path.read_text("utf-8").replace(
            "schema_version: 1\n", "schema_version: 1\n" + "k" * 1000 + ": 1\n", 1
        ),
        "utf-8",
    )
    code, ja = _run("check", "-c", str(city))
    assert code == 2 and "（1,000 文字）" in ja and "chars" not in ja
    code, en = _run("check", "-c", str(city), "--lang", "en")
    en = runner.invoke(app, ["check", "-c", str(city), "--lang", "en"], env=ENV).stderr
    assert code == 2 and "(1,000 chars)" in " ".join(en.split()) and "文字" not in en


def test_a_format_a_table_lacks_is_refused_in_the_runs_language(city: Path) -> None:
    code, ja = _run("table", "procedures", "-f", "mermaid", "-c", str(city))
    assert code == 2 and "mermaid 形式はありません" in ja and "has no" not in ja
    code, en = _run("table", "procedures", "-f", "mermaid", "-c", str(city), "--lang", "en")
    assert code == 2 and "has no mermaid format" in en
