"""``import`` says what ``check`` will newly report, as ``set`` does (review s7 F9: a counts row for a × procedure
was imported with nothing said, then ``check`` failed with DX012)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout


@pytest.fixture
def sheets(tmp_path: Path) -> tuple[Path, Path]:
    city = tmp_path / "tateyama"
    assert invoke("init", str(city), "--name", "館山市")[0] == 0
    assert invoke("set", "9", "--status", "×", "--catalog", str(city))[0] == 0
    out = tmp_path / "out"
    assert invoke("export", "-f", "csv", "-o", str(out), "--catalog", str(city))[0] == 0
    with (out / "件数.csv").open("a", encoding="utf-8") as f:
        f.write("bulky-waste,,9,粗大ごみ収集の申込,R6,,,12.5,,\n")
    return city, out


def test_import_and_its_dry_run_say_the_new_errors(
    sheets: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    city, out = sheets
    monkeypatch.chdir(city)  # the places short enough to wrap: a path is never split
    before = (city / "procedures.yaml").read_bytes()
    code, text = invoke("import", str(out), "--dry-run", "--catalog", str(city))
    assert code == 0 and (city / "procedures.yaml").read_bytes() == before
    assert "注意: この変更で dxready check が新たに 1 件を報告します:" in text
    assert "DX012 [エラー]" in text.split("注意:")[1]
    code, text = invoke("import", str(out), "--lang", "en")
    assert code == 0 and (city / "procedures.yaml").read_bytes() != before
    assert "note: after this change dxready check reports 1 new finding:" in text
    assert "DX012 [error]" in text and "fix: " in text
    note = text[text.index("note:") :]
    assert all(cell_len(line) <= 80 for line in note.splitlines())  # wrapped as set wraps it
    # The same import again changes nothing: nothing new to say.
    code, text = invoke("import", str(out), "--catalog", str(city))
    assert code == 0 and "注意:" not in text
    code, text = invoke("check", "--catalog", str(city))
    assert code == 1 and "DX012" in text


def test_import_json_lists_the_new_findings(sheets: tuple[Path, Path]) -> None:
    city, out = sheets
    code, text = invoke("import", str(out), "--dry-run", "-f", "json", "--catalog", str(city))
    assert code == 0
    (found,) = json.loads(text)["new_findings"]
    assert found["code"] == "DX012" and found["severity"] == "error"
