"""The regression gate cannot be walked around: a rename, a removal, a lost standard number or a falling rate fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from tests.helpers.catalogs import copy_shipped

LIBRARY = "  - id: library-reservation\n    standard_no: 1\n"


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[Path, Path]:
    return copy_shipped(tmp_path / "base"), copy_shipped(tmp_path / "head")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _gate(base: Path, head: Path, *extra: str) -> tuple[int, str]:
    args = ["diff", str(base), str(head), "--as-of", "2025-04-01", "--lang", "en", "--fail-on-regression"]
    result = CliRunner().invoke(app, [*args, *extra])
    return result.exit_code, result.output


def test_no_change_passes(pair: tuple[Path, Path]) -> None:
    assert _gate(*pair)[0] == 0


def test_a_renamed_online_row_is_reported_as_renamed_and_its_fall_fails(pair: tuple[Path, Path]) -> None:
    base, head = pair
    _edit(head / "procedures.yaml", LIBRARY, "  - id: library-renamed\n    standard_no: 1\n")
    code, out = _gate(base, head)
    assert code == 0  # a rename alone is no regression …
    assert "renamed" in out and "regression" not in out
    _edit(
        head / "procedures.yaml",
        "    name_en: Library book loan reservations, etc.\n    status: ○\n",
        "    name_en: Library book loan reservations, etc.\n    status: ×\n",
    )
    code, out = _gate(base, head)
    assert code == 1  # … but the status going down under the new id is
    assert "(library-renamed): status ○ → ×" in out
    assert "⚠ catalogue: online rate " in out


def test_a_deleted_online_row_fails(pair: tuple[Path, Path]) -> None:
    base, head = pair
    text = (head / "procedures.yaml").read_text(encoding="utf-8")
    start = text.index(LIBRARY)
    end = text.index("\n  - id: ", start + 1) + 1
    (head / "procedures.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    code, out = _gate(base, head)
    assert code == 1
    assert "the procedure row was removed" in out
    assert "online rate" in out


def test_a_standard_row_losing_its_number_fails(pair: tuple[Path, Path]) -> None:
    base, head = pair
    _edit(head / "procedures.yaml", LIBRARY, "  - id: library-reservation\n")
    code, out = _gate(base, head)
    assert code == 1
    assert "standard number No.1 was removed" in out


def test_a_fall_of_the_lower_bound_alone_fails(pair: tuple[Path, Path]) -> None:
    """An ○ row becoming unknown leaves the known-only rate able to rise, but the lower bound falls."""
    base, head = pair
    _edit(
        head / "procedures.yaml",
        "    name_en: Library book loan reservations, etc.\n    status: ○\n",
        "    name_en: Library book loan reservations, etc.\n    status: unknown\n",
    )
    code, out = _gate(base, head, "--format", "json")
    assert code == 1
    assert "lower bound of the online rate" in out
