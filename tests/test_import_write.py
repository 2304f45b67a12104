"""import's write: all or nothing across procedures.yaml, systems.yaml and roadmap.yaml; statuses written as ``set``
writes them; unchanged rows counted (listed with -v)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from tests.helpers.catalogs import SHIPPED

runner = CliRunner()
FILES = ("procedures.yaml", "systems.yaml", "roadmap.yaml")


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def _fresh_and_book(tmp_path: Path) -> tuple[Path, Path]:
    book = tmp_path / "k.xlsx"
    assert invoke("export", "-o", str(book), "--catalog", str(SHIPPED))[0] == 0
    fresh = tmp_path / "fresh"
    assert invoke("init", str(fresh), "--name", "鴨川市")[0] == 0
    return fresh, book


def test_a_failed_second_replace_leaves_all_three_files_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh, book = _fresh_and_book(tmp_path)
    before = {name: (fresh / name).read_bytes() for name in FILES}
    listing = sorted(p.name for p in fresh.iterdir())
    real = os.replace
    calls: list[str] = []

    def failing(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst).name in FILES and str(src).endswith(".tmp"):
            calls.append(Path(dst).name)
            if len(calls) == 2:  # the second file's rename fails: the first was already replaced
                raise OSError(5, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    code, out, err = invoke("import", str(book), "--catalog", str(fresh))
    assert code == 2 and "Traceback" not in out + err, out + err
    assert "どのファイルも元のまま" in err
    assert len(calls) >= 2  # the first was replaced, then put back
    assert {name: (fresh / name).read_bytes() for name in FILES} == before
    assert sorted(p.name for p in fresh.iterdir()) == listing  # no staged or backup file left behind
    monkeypatch.setattr(os, "replace", real)
    code, out, err = invoke("import", str(book), "--catalog", str(fresh))
    assert code == 0 and all(name in out for name in FILES), out + err
    assert all((fresh / name).read_bytes() != before[name] for name in FILES)


def test_import_writes_statuses_as_set_writes_them(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for root in (a, b):
        assert invoke("init", str(root), "--name", "館山市")[0] == 0
    assert invoke("set", "9", "--status", "×", "--catalog", str(a))[0] == 0
    assert invoke("set", "10", "--status", "○", "--catalog", str(a))[0] == 0
    assert invoke("set", "18/childcare-01", "--status", "一部", "--catalog", str(a))[0] == 0
    book = tmp_path / "a.xlsx"
    assert invoke("export", "-o", str(book), "--catalog", str(a))[0] == 0
    code, out, err = invoke("import", str(book), "--catalog", str(b))
    assert code == 0, out + err
    text = (b / "procedures.yaml").read_text(encoding="utf-8")
    assert re.findall(r"^ +status: (\S+)", text, re.MULTILINE).count("○") == 1  # a mark, not `online`
    assert not re.search(r"^ +status: (online|offline|partial)$", text, re.MULTILINE)
    assert (b / "procedures.yaml").read_bytes() == (a / "procedures.yaml").read_bytes()


def test_unchanged_rows_are_counted_and_listed_with_v(tmp_path: Path) -> None:
    book = tmp_path / "k.xlsx"
    assert invoke("export", "-o", str(book), "--catalog", str(SHIPPED))[0] == 0
    code, out, _ = invoke("import", str(book), "--catalog", str(SHIPPED), "--dry-run")
    assert code == 0
    assert "手続: 変更なし 21 行" in out and "個別手続: 変更なし 28 行" in out
    assert "手続 2行" not in out  # not one line per unchanged row
    code, verbose, _ = invoke("import", str(book), "--catalog", str(SHIPPED), "--dry-run", "-v")
    assert code == 0 and "手続 2行: 変更なし" in verbose and "変更なし 21 行" not in verbose
    code, english, _ = invoke("import", str(book), "--catalog", str(SHIPPED), "--dry-run", "--lang", "en")
    assert "手続: 21 rows unchanged (-v lists them)" in english
