"""``dxready diff BASE [HEAD]``: changes between two catalogues, from directories or git revisions."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from dxready.cli import app
from tests.helpers.catalogs import copy_shipped, write_example

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
AS_OF = ["--as-of", "2025-04-01"]
LIBRARY_ONLINE = "    standard_no: 1\n    name: 図書館の図書貸出予約等\n    name_en: Library book loan reservations, etc.\n    status: ○\n"


def _git(repo: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo),
        "PATH": "/usr/bin:/bin:/usr/local/bin",
    }
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    copy_shipped(root / "data")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "base")
    return root


def _diff(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["diff", *args, *AS_OF])
    return result.exit_code, result.output


@needs_git
def test_status_down_is_a_regression_and_fixing_it_turns_green(repo: Path) -> None:
    data = repo / "data"
    _edit(data / "procedures.yaml", LIBRARY_ONLINE, LIBRARY_ONLINE.replace("status: ○", "status: ×"))

    code, out = _diff("git:HEAD", "--catalog", str(data), "--fail-on-regression", "--lang", "en")
    assert code == 1
    assert "3 regressions:" in out  # the status, and so the online rate and its lower bound
    assert "⚠ procedure Library book loan reservations, etc. (library-reservation): status ○ → ×" in out
    assert "⚠ catalogue: online rate " in out
    assert "○ 9 → 8" in out

    code, out = _diff("git:HEAD", "--catalog", str(data))
    assert code == 0  # reported, but only --fail-on-regression fails
    assert "後退 3 件" in out

    _edit(
        data / "procedures.yaml",
        "status: ×\n    channels:\n      # The plan does not name",
        "status: ○\n    channels:\n      # The plan does not name",
    )
    code, out = _diff("git:HEAD", "--catalog", str(data), "--fail-on-regression", "--lang", "en")
    assert code == 0
    assert "No changes to the catalogue." in out


@needs_git
def test_git_revisions_on_both_sides_and_json(repo: Path) -> None:
    data = repo / "data"
    _edit(data / "procedures.yaml", LIBRARY_ONLINE, LIBRARY_ONLINE.replace("status: ○", "status: 一部"))
    _git(repo, "commit", "-q", "-am", "library partial")
    code, out = _diff(
        "git:HEAD~1", "git:HEAD", "--catalog", str(data), "--format", "json", "--fail-on-regression"
    )
    assert code == 1
    data_out = json.loads(out)
    assert data_out["base"] == "git:HEAD~1"
    assert data_out["head"] == "git:HEAD"
    [entry] = data_out["procedures"]
    assert entry["id"] == "library-reservation"
    assert entry["change"] == "changed"
    changes = {c["field"]: c for c in entry["changes"]}
    assert (changes["status"]["before"], changes["status"]["after"]) == ("online", "partial")
    assert changes["status"]["regression"] is True
    # ○ with identity, fee and result unrecorded is 2–4 (unsettled: never stated as 2); 一部 is 1
    assert (changes["level"]["before"], changes["level"]["after"]) == ([2, 4], 1)
    assert changes["level"]["regression"] is True  # at most 1 now, at least 2 before
    assert [(r["kind"], r["id"]) for r in data_out["regressions"]] == [
        ("procedure", "library-reservation"),
        ("catalog", ""),  # the online rate
        ("catalog", ""),  # and its lower bound
    ]
    assert data_out["summary"]["base"]["by_status"]["online"] == 9
    assert data_out["summary"]["head"]["by_status"]["online"] == 8

    code, out = _diff(
        "git:HEAD", "git:HEAD~1", "--catalog", str(data), "--format", "json", "--fail-on-regression"
    )
    assert code == 0  # going up is no regression
    assert json.loads(out)["regressions"] == []


@needs_git
def test_added_removed_channels_systems_roadmap_and_findings(repo: Path) -> None:
    data = repo / "data"
    procedures = data / "procedures.yaml"
    text = procedures.read_text(encoding="utf-8")
    # a new procedure whose counts are impossible (DX009, an error), and a changed channel list
    procedures.write_text(
        text
        + "  - id: new-thing\n    name: 新しい手続\n    status: offline\n"
        + "    counts:\n      - {fiscal_year: 2023, total: 1, online: 5}\n",
        encoding="utf-8",
    )
    _edit(
        procedures,
        "      - kind: dedicated\n        inferred: true\n",
        "      - kind: e_application\n        inferred: true\n",
    )
    _edit(
        data / "roadmap.yaml",
        "    title: マイナポータルでの手続きの拡充\n",
        "    title: マイナポータルでの手続きの拡充|改\n",
    )
    code, out = _diff("git:HEAD", "--catalog", str(data), "--format", "markdown", "--fail-on-regression")
    assert code == 1
    assert "新しいエラー DX009" in out
    assert "| 新しい手続 | new-thing | 追加 | → × | → 0 |" in out
    assert "| +e\\_application −dedicated |" in out
    assert "#### 工程表 (1)" in out
    assert "マイナポータルでの手続きの拡充\\|改" in out  # a pipe in catalogue text stays inside its cell
    assert "#### 新しい指摘" in out
    html = MarkdownIt("commonmark").enable("table").render(out)
    assert html.count("<table>") == 2
    assert "<td>マイナポータルでの手続きの拡充|改</td>" in html

    with (data / "systems.yaml").open("a", encoding="utf-8") as fh:
        fh.write("  - id: new-system\n    name: 新システム\n    tier: standalone\n")
    code, out = _diff("git:HEAD", "--catalog", str(data), "--format", "json")
    assert [(s["id"], s["change"], s["name"]) for s in json.loads(out)["systems"]] == [
        ("new-system", "added", "新システム")
    ]


def test_two_directories_removed_entry(tmp_path: Path) -> None:
    base = copy_shipped(tmp_path / "base")
    head = copy_shipped(tmp_path / "head")
    text = (head / "roadmap.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: frontyard-mynaportal-expansion")
    end = text.index("  - id:", start + 5)
    (head / "roadmap.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    code, out = _diff(str(base), str(head), "--format", "json", "--lang", "en")
    assert code == 0
    roadmap = json.loads(out)["roadmap"]
    assert [(r["id"], r["change"]) for r in roadmap] == [("frontyard-mynaportal-expansion", "removed")]
    assert roadmap[0]["name"] == "Expanding the procedures available on Mynaportal"


@needs_git
def test_missing_systems_at_revision_is_fine(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write_example("procedures:\n  - {id: a, name: 手続A, status: ○}\n", root / "cat")
    (root / "cat" / "systems.yaml").unlink()
    (root / "cat" / "roadmap.yaml").unlink()
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "procedures only")
    code, out = _diff("git:HEAD", "--catalog", str(root / "cat"), "--lang", "en")
    assert code == 0, out
    assert "No changes to the catalogue." in out


@needs_git
def test_bad_revision_and_no_repository_exit_2(repo: Path, tmp_path: Path) -> None:
    code, out = _diff("git:no-such-rev", "--catalog", str(repo / "data"), "--lang", "en")
    assert code == 2
    assert "git:no-such-rev: unknown revision 'no-such-rev'" in out

    outside = copy_shipped(tmp_path / "outside" / "data")
    code, out = _diff("git:HEAD", "--catalog", str(outside), "--lang", "en")
    assert code == 2
    assert "not inside a git repository" in out
    assert "Traceback" not in out


def test_broken_base_directory_exits_2_with_location(tmp_path: Path) -> None:
    base = copy_shipped(tmp_path / "base")
    (base / "procedures.yaml").write_text("procedures: [\n", encoding="utf-8")
    code, out = _diff(str(base), str(copy_shipped(tmp_path / "head")), "--lang", "en")
    assert code == 2
    assert f"{base / 'procedures.yaml'}:1:13: DX001 YAML syntax error" in out  # at the open bracket


@needs_git
def test_broken_file_at_revision_is_located_at_the_revision(repo: Path) -> None:
    data = repo / "data"
    good = (data / "roadmap.yaml").read_text(encoding="utf-8")
    (data / "roadmap.yaml").write_text("roadmap: {\n", encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "broken")
    (data / "roadmap.yaml").write_text(good, encoding="utf-8")
    code, out = _diff("git:HEAD", "--catalog", str(data), "--lang", "en")
    assert code == 2
    assert "HEAD:data/roadmap.yaml:1:10: DX001" in out  # at the open brace
    assert "dxready-diff-" not in out  # never the temporary directory


def test_example_workflow_is_a_valid_github_workflow_running_diff() -> None:
    workflow = Path(__file__).resolve().parents[1] / "examples" / "github-actions" / "dxready.yml"
    args = [
        sys.executable,
        "-m",
        "check_jsonschema",
        "--builtin-schema",
        "vendor.github-workflows",
        str(workflow),
    ]
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    text = workflow.read_text(encoding="utf-8")
    assert 'dxready diff "git:origin/$BASE_REF" --format markdown --fail-on-regression' in text
    assert "dxready check --format github" in text
    assert 'dxready table "$name" --write README.md --check' in text


@needs_git
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_row_set_to_not_applicable_says_so_on_the_level_side(
    repo: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """○ → —: the level goes from 2 to no level, and every format says what the row is, never an empty side."""
    data = repo / "data"
    _edit(data / "procedures.yaml", LIBRARY_ONLINE, LIBRARY_ONLINE.replace("status: ○", "status: —"))
    word = "—（該当なし）" if lang == "ja" else "— (not applicable)"
    label = "レベル" if lang == "ja" else "Level"
    span = "2–4（未確定）" if lang == "ja" else "2–4 (unsettled)"  # identity, fee and result unrecorded
    monkeypatch.setenv("COLUMNS", "80")  # records: "レベル: 2–4（未確定） → —（該当なし）", not "レベル: 2 →"
    _, out = _diff("git:HEAD", "--catalog", str(data), "--lang", lang)
    [line] = [x.strip() for x in out.splitlines() if x.strip().startswith(label)]
    assert line.endswith(f"{span} → {word}")
    _, md = _diff("git:HEAD", "--catalog", str(data), "--lang", lang, "--format", "markdown")
    assert f" → {word} |" in md
    _, js = _diff("git:HEAD", "--catalog", str(data), "--format", "json")
    [entry] = json.loads(js)["procedures"]
    level = {c["field"]: c for c in entry["changes"]}["level"]
    assert level["before"] == [2, 4] and level["after"] == "not_applicable"
    assert level["regression"] is False
    # and back: the left side is the word, the right side the level
    _git(repo, "commit", "-q", "-am", "library not applicable")
    _edit(data / "procedures.yaml", "status: —", "status: ○")
    _, out = _diff("git:HEAD", "--catalog", str(data), "--lang", lang)
    [line] = [x.strip() for x in out.splitlines() if x.strip().startswith(label)]
    assert f"{word} → " in line


@needs_git
def test_run_inside_the_catalogue_the_head_is_named_by_its_directory(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "data")
    _edit(Path("procedures.yaml"), LIBRARY_ONLINE, LIBRARY_ONLINE.replace("status: ○", "status: ×"))
    code, out = _diff("git:HEAD")
    assert code == 0 and out.splitlines()[0] == "dxready diff: git:HEAD → data（このディレクトリ）"
    _, md = _diff("git:HEAD", "--format", "markdown", "--lang", "en")
    assert md.startswith("### dxready diff: `git:HEAD` → `data (this directory)`")


def test_two_different_municipalities_are_said_to_be_so(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dxready.cli import app

    runner = CliRunner()
    kure, tateyama = str(tmp_path / "kure"), str(tmp_path / "tateyama")
    assert runner.invoke(app, ["init", kure, "--name", "呉市"]).exit_code == 0
    assert runner.invoke(app, ["init", tateyama, "--name", "館山市"]).exit_code == 0
    out = runner.invoke(app, ["diff", kure, tateyama], env={"COLUMNS": "200"}).stdout
    assert "注意: 別の団体どうしの比較です（団体コード 342025 → 122050）" in out
    md = runner.invoke(app, ["diff", kure, tateyama, "-f", "markdown"]).stdout
    assert "> 注意: 別の団体どうしの比較です" in md
    data = __import__("json").loads(runner.invoke(app, ["diff", kure, tateyama, "-f", "json"]).stdout)
    assert data["different_municipality"] is True
    same = __import__("json").loads(runner.invoke(app, ["diff", kure, kure, "-f", "json"]).stdout)
    assert same["different_municipality"] is False


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        (
            "ja",
            [
                "    本人確認: — → マイナンバーカード",
                "    手数料: — → いいえ",
                "    納付方法: — → クレジットカード, 窓口",
                "    区分: 基幹系 → 独立系",
                "    状態: 実施中 → 完了",
            ],
        ),
        (
            "en",
            [
                "    identity: — → mynumber_card",
                "    fee: — → no",
                "    payment: — → credit_card, counter",
                "    tier: backbone → standalone",
                "    state: in progress → done",
            ],
        ),
    ],
)
def test_values_are_printed_as_the_tool_prints_them(tmp_path: Path, lang: str, shown: list[str]) -> None:
    """The review found ``fee: → False``: a yes/no field in words, an enum value (in Japanese its field too) by the
    words the tool prints for it; JSON keeps the values as they are."""
    base = copy_shipped(tmp_path / "base")
    head = copy_shipped(tmp_path / "head")
    _edit(
        head / "procedures.yaml",
        "    status: ○\n",
        "    status: ○\n    fee: false\n    identity: mynumber_card\n    payment: [credit_card, counter]\n",
    )
    _edit(
        head / "systems.yaml",
        "    label: (ア)\n    tier: backbone\n",
        "    label: (ア)\n    tier: standalone\n",
    )
    _edit(head / "roadmap.yaml", "    state: in_progress\n", "    state: done\n")
    result = CliRunner().invoke(
        app, ["diff", str(base), str(head), "--lang", lang, *AS_OF], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    for line in shown:
        assert line in lines
    assert "True" not in result.stdout and "False" not in result.stdout
    data = json.loads(_diff(str(base), str(head), "--format", "json")[1])
    fee = next(c for c in data["procedures"][0]["changes"] if c["field"] == "fee")
    assert (fee["before"], fee["after"]) == (None, False)


@pytest.mark.parametrize(
    ("lang", "regression", "counts"),
    [
        (
            "ja",
            "  ⚠ 手続 図書館の図書貸出予約等（library-reservation）: ",
            "    件数: 令和4年度: — → 1 / 10 件",
        ),
        (
            "en",
            "  ⚠ procedure Library book loan reservations, etc. (library-reservation): ",
            "    counts: FY2022: — → 1 of 10 online",
        ),
    ],
)
def test_a_regression_and_a_list_field_are_worded_in_the_output_s_language(
    tmp_path: Path, lang: str, regression: str, counts: str
) -> None:
    """The walk found 「図書館の図書貸出予約等 (library-reservation)」 and a bare ``counts`` in Japanese output."""
    base = copy_shipped(tmp_path / "base")
    head = copy_shipped(tmp_path / "head")
    _edit(
        head / "procedures.yaml",
        "    status: ○\n",
        "    status: ×\n    counts:\n      - {fiscal_year: 2022, total: 10, online: 1}\n",
    )
    result = CliRunner().invoke(
        app, ["diff", str(base), str(head), "--lang", lang, *AS_OF], env={"COLUMNS": "80"}
    )
    lines = result.stdout.splitlines()
    assert any(line.startswith(regression) for line in lines), result.stdout
    assert counts in lines


@pytest.mark.parametrize("columns", [100, 110, 130])
def test_the_tables_never_break_an_id_or_a_status(tmp_path: Path, columns: int) -> None:
    """The walk found ``library-reserva`` / ``tion`` at 100 columns: rich narrows the widest columns whatever they
    hold. Tables get widths that keep every id and status whole, or the view is one record per entry."""
    from rich.cells import cell_len

    base = copy_shipped(tmp_path / "base")
    head = copy_shipped(tmp_path / "head")
    text = (head / "procedures.yaml").read_text(encoding="utf-8")
    (head / "procedures.yaml").write_text(
        text.replace("    status: ○\n", "    status: 一部\n"), encoding="utf-8"
    )
    changed = json.loads(_diff(str(base), str(head), "--format", "json")[1])["procedures"]
    assert len(changed) >= 5
    result = CliRunner().invoke(app, ["diff", str(base), str(head), *AS_OF], env={"COLUMNS": str(columns)})
    lines = result.stdout.splitlines()
    assert all(cell_len(line) <= columns for line in lines)
    for entry in changed:
        assert any(entry["id"] in line for line in lines), entry["id"]
    if any("┃ id" in line for line in lines):  # the tables: each id and status change on one line of its cell
        cells = [[c.strip() for c in line.split("│")[1:-1]] for line in lines if line.startswith("│")]
        rows = [c for c in cells if c[1]]
        assert sorted(c[1] for c in rows) == sorted(e["id"] for e in changed)
        assert all(c[3] == "○ → 一部" for c in rows)


@pytest.mark.parametrize(
    ("lang", "said"), [("ja", "団体情報の変更: 時点"), ("en", "Municipality header changed: as_of")]
)
def test_the_header_s_changed_fields_are_named_in_the_output_s_language(
    tmp_path: Path, lang: str, said: str
) -> None:
    base = copy_shipped(tmp_path / "base")
    head = copy_shipped(tmp_path / "head")
    _edit(head / "procedures.yaml", "\nas_of: 2023-12-31\n", "\nas_of: 2024-03-31\n")
    result = CliRunner().invoke(
        app, ["diff", str(base), str(head), "--lang", lang, *AS_OF], env={"COLUMNS": "80"}
    )
    assert said in result.stdout.splitlines()
