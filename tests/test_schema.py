"""The exported JSON Schemas validate the shipped catalogue with an independent validator (jsonschema)."""

from __future__ import annotations

import jsonschema
import pytest
from ruamel.yaml import YAML

from dxready.schema import schemas
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
