"""Catalogues and runs for the status-page tests: a catalogue with git history, a partial one, an injection-laden
one and a set of cities to compare; the CLI run in-process."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from dxready.cli import app
from tests.helpers.catalogs import REPO, copy_shipped

AS_OF = "2026-11-30"
ARTIFACTS = REPO / "test-artifacts"
"""Screenshots and pages written for review (git-ignored)."""

runner = CliRunner()

HOSTILE = (
    '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    "<b>太字</b> [x](javascript:window.__pwned=3) \u202eevil\u202c \"' onmouseover=window.__pwned=4 "
    '<a href="javascript:window.__pwned=5">link</a><iframe src="https://example.org/"></iframe>'
    "<style>body{display:none}</style>"
)
"""A name that would run, load or draw something if any output treated it as markup."""


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def gaps_json(catalog: Path, lang: str = "ja") -> dict[str, Any]:
    code, out, err = invoke(
        "gaps", "--catalog", str(catalog), "--as-of", AS_OF, "--lang", lang, "--format", "json"
    )
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def trend_json(catalog: Path) -> dict[str, Any]:
    code, out, err = invoke("trend", "--catalog", str(catalog), "--format", "json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def make_page(catalog: Path, dest: Path, *extra: str, lang: str = "ja") -> Path:
    code, _, err = invoke(
        "page", "--catalog", str(catalog), "--as-of", AS_OF, "--lang", lang, "-o", str(dest), *extra
    )
    assert code == 0, err
    return dest


def git(repo: Path, *args: str, date: str = "2024-01-15T10:00:00+09:00") -> None:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo),
        "PATH": "/usr/bin:/bin:/usr/local/bin",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, check=True)


def with_history(root: Path) -> Path:
    """The shipped catalogue in a git repository with three commits: two rows × then ○, then as shipped."""
    repo = root / "repo"
    data = copy_shipped(repo / "data")
    procedures = data / "procedures.yaml"
    shipped = procedures.read_text(encoding="utf-8")
    git(repo, "init", "-q")
    online = "\n    status: ○\n"
    procedures.write_text(shipped.replace(online, "\n    status: ×\n", 2), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first record", date="2024-01-15T10:00:00+09:00")
    procedures.write_text(shipped.replace(online, "\n    status: ×\n", 1), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "library online", date="2024-06-01T10:00:00+09:00")
    procedures.write_text(shipped, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "as shipped", date="2025-04-01T10:00:00+09:00")
    return data


def partial(root: Path, name: str = "呉市", code: str = "342025") -> Path:
    """``dxready init`` and a few ``set``: most statuses still unknown."""
    where = root / f"city-{code}"
    rc, _, err = invoke("init", str(where), "--name", name, "--code", code)
    assert rc == 0, err
    for ref, status in (("1", "○"), ("5", "○"), ("9", "×"), ("6", "—")):
        rc, _, err = invoke("set", ref, "--catalog", str(where), "--status", status)
        assert rc == 0, err
    return where


def cities(root: Path) -> list[Path]:
    """Three catalogues to compare: Kamogawa as shipped, and two partial ones."""
    kamogawa = copy_shipped(root / "kamogawa")
    return [kamogawa, partial(root, "呉市", "342025"), partial(root, "千代田区", "131016")]


def hostile(root: Path) -> Path:
    """The shipped catalogue with catalogue text full of markup, script and bidi overrides."""
    data = copy_shipped(root / "hostile")
    procedures = data / "procedures.yaml"
    text = procedures.read_text(encoding="utf-8")
    quoted = json.dumps(HOSTILE, ensure_ascii=True)  # a YAML double-quoted scalar
    text = text.replace("  name: 鴨川市\n", f"  name: {quoted}\n", 1)
    text = text.replace("name: 図書館の図書貸出予約等", f"name: {quoted}", 1)
    text = text.replace("plan: 鴨川市DX推進計画（令和6年3月）", f"plan: {quoted}", 1)
    procedures.write_text(text, encoding="utf-8")
    systems = data / "systems.yaml"
    systems.write_text(
        systems.read_text(encoding="utf-8").replace("name: 戸籍情報システム", f"name: {quoted}", 1),
        encoding="utf-8",
    )
    roadmap = data / "roadmap.yaml"
    roadmap.write_text(
        roadmap.read_text(encoding="utf-8").replace("title: 計画立案", f"title: {quoted}", 1),
        encoding="utf-8",
    )
    return data
