"""Writes that respect the filesystem: set, table --write and schema --out (issue 13, item 4)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready import fsio
from dxready.cli import app
from tests.helpers.catalogs import REPO, copy_shipped

runner = CliRunner()
README = "# x\n\n<!-- dxready:summary -->\nold\n<!-- /dxready:summary -->\n"


def _temps(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if p.name.endswith(".tmp")]


def _set(catalog: Path, *extra: str) -> object:
    return runner.invoke(
        app, ["set", "9", "--catalog", str(catalog), "--status", "○", "--lang", "en", *extra]
    )


def test_a_read_only_catalogue_is_refused_and_left_alone(tmp_path: Path) -> None:
    catalog = copy_shipped(tmp_path / "c")
    path = catalog / "procedures.yaml"
    before = path.read_bytes()
    path.chmod(0o444)
    result = _set(catalog)
    assert result.exit_code == 2
    assert "the file is read-only; not written" in " ".join(result.stderr.split())  # fitted to COLUMNS
    assert path.read_bytes() == before and _temps(catalog) == []


def test_a_read_only_readme_is_refused_by_table_write(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(README, encoding="utf-8")
    readme.chmod(0o444)
    result = runner.invoke(app, ["table", "summary", "--write", str(readme), "--lang", "en"])
    assert result.exit_code == 2 and "read-only" in result.output
    assert readme.read_text(encoding="utf-8") == README


def test_a_fifo_as_the_table_target_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "README.md"
    os.mkfifo(fifo)
    for check in ([], ["--check"]):
        result = runner.invoke(app, ["table", "summary", "--write", str(fifo), "--lang", "en", *check])
        assert result.exit_code == 2 and "not a regular file (a FIFO)" in result.output


def test_a_symlinked_catalogue_is_written_through_the_link_as_documented(tmp_path: Path) -> None:
    real = copy_shipped(tmp_path / "real")
    linked = tmp_path / "linked"
    linked.mkdir()
    for name in ("procedures.yaml", "systems.yaml", "roadmap.yaml"):
        (linked / name).symlink_to(real / name)
    assert _set(linked).exit_code == 0
    assert (linked / "procedures.yaml").is_symlink()
    assert "status: ○" in (real / "procedures.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (
            OSError(errno.ENOSPC, "No space left on device"),
            "no space left on the device; the file is unchanged",
        ),
        (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
    ],
)
def test_disk_full_or_no_permission_leaves_the_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, says: str
) -> None:
    catalog = copy_shipped(tmp_path / "c")
    before = (catalog / "procedures.yaml").read_bytes()

    def fail(*args: object) -> None:
        raise error

    monkeypatch.setattr(fsio.os, "fsync", fail)
    result = _set(catalog)
    assert result.exit_code == 2
    assert says in " ".join(result.stderr.split()) and "Traceback" not in result.output
    assert (catalog / "procedures.yaml").read_bytes() == before
    assert _temps(catalog) == []


def test_sigterm_while_writing_removes_the_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    target.write_text("old", encoding="utf-8")
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from dxready import fsio\n"
        "real = os.fsync\n"
        "def term(fd):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "fsio.os.fsync = term\n"
        f"fsio.atomic_write(Path({str(target)!r}), b'new')\n"
    )
    for signame in ("SIGTERM", "SIGHUP"):
        done = subprocess.run(
            [sys.executable, "-c", script.replace("SIGTERM", signame)],
            cwd=REPO,
            capture_output=True,
            check=False,
        )
        assert done.returncode == -getattr(__import__("signal"), signame)
        assert target.read_text(encoding="utf-8") == "old"
        assert _temps(tmp_path) == []


def test_two_paths_to_one_file_take_one_lock(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "procedures.yaml").write_text("x", encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "procedures.yaml").symlink_to(real / "procedures.yaml")
    entered = threading.Event()
    release = threading.Event()
    second_in = threading.Event()

    def first() -> None:
        with fsio.locked(real / "procedures.yaml"):
            entered.set()
            release.wait(30)

    def second() -> None:
        entered.wait(30)
        with fsio.locked(other / "procedures.yaml"):
            second_in.set()

    a, b = threading.Thread(target=first), threading.Thread(target=second)
    a.start()
    b.start()
    entered.wait(30)
    assert not second_in.wait(0.3)  # blocked by the lock taken through the other path
    release.set()
    a.join(30)
    b.join(30)
    assert second_in.is_set()


def test_schema_out_replaces_a_planted_symlink_never_its_target(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious", encoding="utf-8")
    out = tmp_path / "schemas"
    out.mkdir()
    (out / "procedures.schema.json").symlink_to(outside)
    result = runner.invoke(app, ["schema", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert outside.read_text(encoding="utf-8") == "precious"
    assert not (out / "procedures.schema.json").is_symlink()
    assert '"$schema"' in (out / "procedures.schema.json").read_text(encoding="utf-8")


def test_schema_out_on_an_existing_file_is_a_message(tmp_path: Path) -> None:
    target = tmp_path / "file.json"
    target.write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["schema", "--out", str(target)], env={"DXREADY_LANG": "en"})
    assert result.exit_code == 2
    assert "not a directory (--out takes the directory to write into)" in " ".join(result.stderr.split())
    assert target.read_text(encoding="utf-8") == "{}"


def test_a_symlinked_readme_is_written_through_the_link_as_documented(tmp_path: Path) -> None:
    real = tmp_path / "docs" / "README.md"
    real.parent.mkdir()
    real.write_text(README, encoding="utf-8")
    link = tmp_path / "README.md"
    link.symlink_to(real)
    result = runner.invoke(app, ["table", "summary", "--write", str(link), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and "old" not in real.read_text(encoding="utf-8")
    assert _temps(real.parent) == [] and _temps(tmp_path) == []
