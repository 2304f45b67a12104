"""A bare `dxready table` — what a user tries first — lists the tables, one line each, and how to run one.

It stays a usage error (exit 2), as every dxready command missing its argument is (`set`, `import`, `diff`, `add`)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from dxready.cli import app
from dxready.cli.tables import _TABLES_SAID
from dxready.render import TABLES
from dxready.render.grid import cell_len

runner = CliRunner()


@pytest.mark.parametrize(
    ("lang", "head", "example"),
    [
        ("ja", "表の名前 NAME を指定してください:", "例: dxready table procedures"),
        ("en", "give a table NAME:", "e.g. dxready table procedures"),
    ],
)
def test_a_bare_table_lists_every_table_and_how_to_run_one(lang: str, head: str, example: str) -> None:
    result = runner.invoke(app, ["table", "--lang", lang], env={"COLUMNS": "80"})
    assert result.exit_code == 2 and result.stdout == ""
    err = result.stderr
    assert head in err and example in err and "Traceback" not in err and "内部エラー" not in err
    listed = [
        line.split()[0] for line in err.splitlines() if line.startswith("  ") and line.split()[0] in TABLES
    ]
    assert listed == list(TABLES)  # every table, one line each, in the registry's order
    assert all(cell_len(line) <= 80 for line in err.splitlines())
    for name in ("dxready table --help", "dxready table procedures"):
        assert runner.invoke(app, name.split()[1:]).exit_code == 0


def test_every_table_is_described() -> None:
    assert list(_TABLES_SAID) == list(TABLES)
