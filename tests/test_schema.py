"""The exported JSON Schemas validate the shipped catalogue with an independent validator (jsonschema)."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from dxready.commands.schema import schemas
from tests.helpers.catalogs import SHIPPED


@pytest.mark.parametrize("name", ["procedures", "systems", "roadmap"])
def test_shipped_file_validates(name: str) -> None:
    schema = schemas()[name]
    jsonschema.Draft202012Validator.check_schema(schema)
    data = YAML(typ="safe", pure=True).load((SHIPPED / f"{name}.yaml").read_text(encoding="utf-8"))
    data = _jsonable(data)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


def test_broken_file_fails() -> None:
    schema = schemas()["procedures"]
    bad = {
        "municipality": {"name": "x", "code": "12"},
        "procedures": [{"id": "a", "name": "b", "stauts": "○"}],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema, cls=jsonschema.Draft202012Validator)


def _jsonable(value: object) -> object:
    import datetime as dt

    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _check_jsonschema() -> str:
    import shutil
    import sys

    found = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    if not Path(found).exists():
        pytest.skip("check-jsonschema is not installed (it comes with the test extra)")
    return found


def test_check_jsonschema_accepts_shipped_and_refuses_broken(tmp_path: Path) -> None:
    """The editor path: `dxready schema --out` files, validated by check-jsonschema as yaml-language-server would."""
    import subprocess

    from typer.testing import CliRunner

    from dxready.cli import app

    schemas_dir = tmp_path / "schemas"
    assert CliRunner().invoke(app, ["schema", "--out", str(schemas_dir)]).exit_code == 0
    tool = _check_jsonschema()
    for name in ("procedures", "systems", "roadmap"):
        ok = subprocess.run(
            [tool, "--schemafile", str(schemas_dir / f"{name}.schema.json"), str(SHIPPED / f"{name}.yaml")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert ok.returncode == 0, ok.stdout + ok.stderr
    broken = tmp_path / "procedures.yaml"
    text = (SHIPPED / "procedures.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("status: ○", "stauts: ○", 1), encoding="utf-8")
    bad = subprocess.run(
        [tool, "--schemafile", str(schemas_dir / "procedures.schema.json"), str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1 and "stauts" in bad.stdout
