"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit against a temporary repository.

``language: python`` hooks make pre-commit build a virtualenv and pip-install dxready into it, which needs the
package registry for the dependencies (nothing else is fetched). The ``-system`` hooks use the dxready of this
virtualenv and need nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.catalogs import REPO

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def _has_pre_commit() -> bool:
    import importlib.util

    return importlib.util.find_spec("pre_commit") is not None


pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(not _has_pre_commit(), reason="pre-commit is not installed (pip install pre-commit)"),
]

README = "# 鴨川市\n\n<!-- dxready:summary -->\n<!-- /dxready:summary -->\n"


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        PRE_COMMIT_HOME=str(home / "pre-commit"),
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
        GIT_CONFIG_NOSYSTEM="1",
        HOME=str(home),
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


def _commit_all(repo: Path, env: dict[str, str]) -> None:
    for args in (["git", "add", "-A"], ["git", "commit", "-q", "--allow-empty", "-m", "change"]):
        done = _run(args, repo, env)
        assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, str]]:
    """A committed copy of this project (pre-commit reads hooks from a repository's HEAD), and the env."""
    root = tmp_path_factory.mktemp("hooks")
    env = _env(root / "home")
    source = root / "dxready"
    source.mkdir()
    for name in ("src", "data"):
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(REPO / name, source / name)
    assert _run(["git", "init", "-q"], source, env).returncode == 0
    _commit_all(source, env)
    rev = _run(["git", "rev-parse", "HEAD"], source, env).stdout.strip()
    return source, rev, env


@pytest.fixture()
def consumer(tmp_path: Path, hook_repo: tuple[Path, str, dict[str, str]]) -> Path:
    """Another municipality's repository: a catalogue in data/ and a README with a generated block."""
    _, _, env = hook_repo
    repo = tmp_path / "city"
    repo.mkdir()
    shutil.copytree(REPO / "data", repo / "data")
    (repo / "README.md").write_text(README, encoding="utf-8")
    assert _run(["git", "init", "-q"], repo, env).returncode == 0
    _commit_all(repo, env)
    return repo


def _skip_if_env_failed(done: subprocess.CompletedProcess[str]) -> None:
    output = done.stdout + done.stderr
    if "An unexpected error has occurred" in output and "pip" in output:
        pytest.skip(
            f"pre-commit could not install the hook's environment (package registry unreachable?):\n{output}"
        )


def _break_counts(repo: Path) -> None:
    with (repo / "data" / "procedures.yaml").open("a", encoding="utf-8") as fh:
        fh.write("  - id: broken\n    name: 壊れた手続\n    status: ×\n")
        fh.write("    counts:\n      - {fiscal_year: 2023, total: 1, online: 5}\n")


@pytest.mark.slow
def test_try_repo_runs_dxready_check(consumer: Path, hook_repo: tuple[Path, str, dict[str, str]]) -> None:
    source, _, env = hook_repo
    done = _run([*PRE_COMMIT, "try-repo", str(source), "dxready-check", "--all-files"], consumer, env)
    _skip_if_env_failed(done)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "dxready check" in done.stdout
    assert "Passed" in done.stdout

    _break_counts(consumer)
    _commit_all(consumer, env)
    done = _run([*PRE_COMMIT, "try-repo", str(source), "dxready-check", "--all-files"], consumer, env)
    assert done.returncode == 1
    assert "Failed" in done.stdout
    assert "DX009" in done.stdout
    assert "data/procedures.yaml:" in done.stdout


@pytest.mark.slow
def test_table_check_hook_fails_on_a_stale_table_then_passes(
    consumer: Path, hook_repo: tuple[Path, str, dict[str, str]]
) -> None:
    source, rev, env = hook_repo
    config = (
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n"
        "      - id: dxready-table-check\n        args: [summary, --write, README.md, --check]\n"
    )
    (consumer / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _commit_all(consumer, env)
    done = _run([*PRE_COMMIT, "run", "--all-files"], consumer, env)
    _skip_if_env_failed(done)
    assert done.returncode == 1
    assert "dxready table --check" in done.stdout and "Failed" in done.stdout
    assert "+++ b/README.md" in done.stdout
    assert "dxready table summary --write README.md" in done.stdout
    assert (consumer / "README.md").read_text(encoding="utf-8") == README  # --check never writes

    fixed = _run(
        [str(Path(sys.executable).parent / "dxready"), "table", "summary", "--write", "README.md"],
        consumer,
        env,
    )
    assert fixed.returncode == 0, fixed.stderr
    _commit_all(consumer, env)
    done = _run([*PRE_COMMIT, "run", "--all-files"], consumer, env)
    assert done.returncode == 0, done.stdout
    assert "Passed" in done.stdout


def test_system_hooks_use_the_installed_dxready(
    consumer: Path, hook_repo: tuple[Path, str, dict[str, str]]
) -> None:
    source, _, env = hook_repo
    _break_counts(consumer)
    _commit_all(consumer, env)
    done = _run([*PRE_COMMIT, "try-repo", str(source), "dxready-check-system", "--all-files"], consumer, env)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "dxready check (installed dxready)" in done.stdout
    assert "DX009" in done.stdout


def test_table_hooks_say_which_table_they_check(
    consumer: Path, hook_repo: tuple[Path, str, dict[str, str]]
) -> None:
    source, rev, env = hook_repo
    config = (
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n"
        "      - id: dxready-table-summary-check-system\n        args: [README.md]\n"
        "      - id: dxready-tables-check-system\n        args: [README.md]\n"
    )
    (consumer / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _commit_all(consumer, env)
    done = _run([*PRE_COMMIT, "run", "--all-files"], consumer, env)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "dxready table summary --check (installed dxready)" in done.stdout
    assert "dxready table --all --check (installed dxready)" in done.stdout
    assert "次のコマンドで更新してください: dxready table --all --write README.md" in done.stdout
    fixed = _run(
        [str(Path(sys.executable).parent / "dxready"), "table", "--all", "--write", "README.md"],
        consumer,
        env,
    )
    assert fixed.returncode == 0, fixed.stderr
    _commit_all(consumer, env)
    done = _run([*PRE_COMMIT, "run", "--all-files"], consumer, env)
    assert done.returncode == 0, done.stdout
