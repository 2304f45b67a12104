"""The command line through Typer's runner: exit codes, formats, the embedded catalogue, languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from tests.helpers.catalogs import copy_shipped

runner = CliRunner()

# The plan's table 標準事務のオンライン化の状況 (令和5年12月末現在), row for row.
PLAN_TABLE = [
    ("1", "図書館の図書貸出予約等", "○", ""),
    ("2", "文化・スポーツ施設の利用予約", "一部", ""),
    ("3", "研修・講習・各種イベント等の申込", "一部", ""),
    ("4", "地方税申告手続（eLTAx）", "○", ""),
    ("5", "水道使用開始届等", "○", ""),
    ("6", "港湾関係手続", "—", ""),
    ("7", "道路占用許可申請等", "×", ""),
    ("8", "建築確認", "—", ""),
    ("9", "粗大ごみ収集の申込", "×", ""),
    ("10", "産業廃棄物の処理、運搬の実績報告", "—", ""),
    ("11", "犬の登録申請、死亡届", "×", ""),
    ("12", "感染症調査報告", "—", ""),
    ("13", "職員採用試験申込", "×", ""),
    ("14", "入札参加資格審査申請等", "○", ""),
    ("15", "入札", "○", ""),
    ("16", "衆議院・参議院選挙の不在者投票用紙等の請求", "×", ""),
    ("17", "公文書開示請求", "×", ""),
    ("18", "子育て関係（児童手当、保育施設利用等）", "○", "15 手続"),
    ("19", "介護関係（介護認定申請等）", "○", "11 手続"),
    ("20", "被災者支援関係（罹災証明書発行申請）", "○", "1 手続"),
    ("21", "転出・転入手続関係", "○", "1 手続"),
]


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_help_for_every_command() -> None:
    code, out, _ = invoke("--help")
    assert code == 0
    for command in (
        "check",
        "gaps",
        "next",
        "table",
        "diff",
        "set",
        "add",
        "init",
        "compare",
        "rules",
        "explain",
        "schema",
        "export",
        "import",
    ):
        assert command in out
        sub_code, sub_out, _ = invoke(command, "--help")
        assert sub_code == 0 and "使い方" in sub_out


def test_embedded_catalogue_from_any_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("table", "procedures", "--format", "markdown")
    assert code == 0
    assert "| 18 | 子育て関係（児童手当、保育施設利用等） | ○ | 15 手続 |" in out


def test_procedures_markdown_matches_the_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from markdown_it import MarkdownIt

    monkeypatch.chdir(tmp_path)
    _, out, _ = invoke("table", "procedures", "--format", "markdown")
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    cells = [t.content for t in tokens if t.type == "inline"]
    header_at = cells.index("No.")
    assert cells[header_at : header_at + 4] == ["No.", "手続の種類", "オンライン化", "備考"]
    body = cells[header_at + 4 :]
    rows = [tuple(body[i : i + 4]) for i in range(0, len(body), 4)]
    assert rows == PLAN_TABLE
    assert "令和5年12月末現在" in out


def test_check_clean_catalogue_exits_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("check", "--embedded", "--as-of", "2024-03-31")
    assert code == 0
    assert out.strip().splitlines()[-1].startswith("同梱カタログ: エラー 0 件")


def test_check_exit_2_for_unusable_catalogue(tmp_path: Path) -> None:
    (tmp_path / "procedures.yaml").write_text("procedures: [\n", encoding="utf-8")
    code, _, err = invoke("check", "--catalog", str(tmp_path))
    assert code == 2
    assert f"{tmp_path / 'procedures.yaml'}:1:13: DX001" in err  # where the bracket opens


def test_check_exit_1_for_rule_errors(tmp_path: Path) -> None:
    copy_shipped(tmp_path)
    path = tmp_path / "procedures.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"122238"', '"122230"'), encoding="utf-8")
    code, out, _ = invoke("check", "--catalog", str(tmp_path), "--lang", "en")
    assert code == 1
    assert "DX007" in out and "122238" in out
    assert ": 1 error, 13 warnings, " in out.splitlines()[-1]  # not "1 errors" (the walk of s4-polish)


def test_check_json_and_github(tmp_path: Path) -> None:
    copy_shipped(tmp_path)
    path = tmp_path / "procedures.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"122238"', '"122230"'), encoding="utf-8")
    code, out, _ = invoke("check", "--catalog", str(tmp_path), "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["schema_version"] == 1 and data["ok"] is False
    dx007 = [f for f in data["findings"] if f["code"] == "DX007"]
    assert dx007 and dx007[0]["location"]["line"] > 0
    code, out, _ = invoke("check", "--catalog", str(tmp_path), "--format", "github")
    assert code == 1
    assert any(
        line.startswith("::error file=") and ",line=" in line and "DX007" in line for line in out.splitlines()
    )


def test_check_github_reports_load_problems(tmp_path: Path) -> None:
    (tmp_path / "procedures.yaml").write_text("procedures: [\n", encoding="utf-8")
    code, out, _ = invoke("check", "--catalog", str(tmp_path), "--format", "github")
    assert code == 2 and out.startswith("::error file=") and "line=1,col=13" in out


def test_gaps_summary_matches_the_plan() -> None:
    code, out, _ = invoke("gaps", "--format", "json", "--as-of", "2024-03-31")
    assert code == 0
    summary = json.loads(out)["summary"]
    assert summary["applicable"] == 17
    assert summary["by_status"] == {"online": 9, "partial": 2, "offline": 6, "unknown": 0}
    assert summary["online_rate"] == 52.9


def test_gaps_terminal_shows_marks_and_counts() -> None:
    code, out, _ = invoke("gaps", "--as-of", "2024-03-31")
    assert code == 0
    assert "17" in out and "52.9%" in out and "道路占用許可申請等" in out


def test_english_output() -> None:
    code, out, _ = invoke("table", "summary", "--lang", "en", "--format", "markdown")
    assert code == 0 and "Applicable procedures" in out and "| 17 |" in out


def test_rules_and_explain() -> None:
    code, out, _ = invoke("rules", "--format", "json")
    codes = [r["code"] for r in json.loads(out)["rules"]]
    assert code == 0 and codes == sorted(codes) and "DX001" in codes
    code, out, _ = invoke("explain", "dx007", "--lang", "en")
    assert code == 0 and "Why it matters:" in out and "Fails:" in out
    code, _, err = invoke("explain", "DX999")
    assert code == 2 and "DX999" in err


def test_bad_option_exits_2() -> None:
    code, _, _ = invoke("gaps", "--format", "pdf")
    assert code == 2
    code, _, _ = invoke("check", "--as-of", "yesterday")
    assert code == 2


def test_schema_out(tmp_path: Path) -> None:
    code, _, _ = invoke("schema", "--out", str(tmp_path))
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "dxready.schema.json",
        "procedures.schema.json",
        "roadmap.schema.json",
        "systems.schema.json",
    ]


def test_every_system_module_and_roadmap_item_of_the_plan_is_tabled() -> None:
    """The plan's 業務システム lists and 工程表 items, each in the systems and roadmap tables."""
    _, systems, _ = invoke("table", "systems", "--format", "json")
    rows = json.loads(systems)["rows"]
    names = {r["name"] for r in rows} | {m["name"] for r in rows for m in r["modules"]}
    for expected in (
        "戸籍情報システム",
        "後期高齢者医療保険システム",
        "固定資産税土地台帳",
        "健康管理システム",
        "住民票システム",
        "印鑑システム",
        "教育システム",
        "選挙システム",
        "国民年金システム",
        "人口統計システム",
        "法人住民税システム",
        "住民税システム",
        "固定資産税システム",
        "軽自動車税システム",
        "国民健康保険税システム",
        "国民健康保険資格システム",
        "収納管理システム",
        "滞納管理システム",
        "既存システムとのデータ連携",
        "要支援者見守りシステム",
        "生活保護システム",
        "狂犬病予防接種",
        "農家台帳システム",
        "グループウェア",
        "文書管理システム",
        "例規等検索システム",
        "財務会計システム",
        "人事給与システム",
        "公有財産台帳システム",
        "公営住宅管理システム",
        "図書館管理システム",
    ):
        assert expected in names, expected
    assert sum("介護保険システム" in n for n in names) >= 2
    tiers = {r["tier"] for r in rows}
    assert tiers == {"backbone", "intranet", "standalone"}
    _, roadmap, _ = invoke("table", "roadmap", "--format", "json")
    items = json.loads(roadmap)["rows"]
    assert len(items) == 24
    assert [(r["area"], r["no"]) for r in items][:5] == [(1, 1), (1, 2), (1, 3), (1, 4), (1, 5)]
    titles = {r["title"] for r in items}
    assert "デジタルデバイド対策" in titles and "本格運用の開始" in titles
    _, md, _ = invoke("table", "roadmap", "--format", "markdown")
    assert "令和9年度 見直し・改正" in md and "期限なし" in md


def test_a_catalogue_in_the_current_directory_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's walk-through: init, cd into it, then set and gaps without --catalog."""
    assert invoke("init", str(tmp_path / "kure"), "--name", "呉市", "--code", "342025")[0] == 0
    monkeypatch.chdir(tmp_path / "kure")
    code, _, err = invoke("set", "9", "--status", "○")
    assert code == 0, err
    code, out, _ = invoke("gaps", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["municipality"] == {"name": "呉市", "code": "342025"} and data["catalog"] == "."
    assert data["summary"]["by_status"]["online"] == 1


def test_usage_rate_shows_in_gaps_and_tables(tmp_path: Path) -> None:
    kure = tmp_path / "kure"
    assert invoke("init", str(kure), "--name", "呉市", "--code", "342025")[0] == 0
    assert (
        invoke("set", "1", "--catalog", str(kure), "--status", "○", "--counts", "2022:196759:152983")[0] == 0
    )
    _, out, _ = invoke("gaps", "--catalog", str(kure), "--format", "json")
    lib = json.loads(out)["procedures"][0]
    assert lib["usage"] == {
        "fiscal_year": 2022,
        "total": 196759,
        "online": 152983,
        "rate": 77.8,
        "rate_from": "counts",
        "published_rate": None,
        "period_end": None,
        "source": None,
    }
    _, md, _ = invoke("gaps", "--catalog", str(kure), "--format", "markdown")
    assert "77.8%（令和4年度 152,983/196,759件）" in md
    _, table, _ = invoke("table", "procedures", "--catalog", str(kure), "--format", "markdown")
    assert "| No. | 手続の種類 | オンライン化 | オンライン利用率 | 備考 |" in table
    assert "| 1 | 図書館の図書貸出予約等 | ○ | 77.8%（令和4年度 152,983/196,759件） |" in table
