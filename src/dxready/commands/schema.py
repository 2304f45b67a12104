"""JSON Schema of each catalogue file, generated from the models (for yaml-language-server and other validators)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def schemas() -> dict[str, dict[str, Any]]:
    """File stem → JSON Schema (procedures, systems, roadmap, dxready)."""
    from pydantic import BaseModel

    from dxready.catalog.models import FILE_MODELS
    from dxready.catalog.settings import Settings

    models: dict[str, type[BaseModel]] = {**FILE_MODELS, "dxready": Settings}
    out: dict[str, dict[str, Any]] = {}
    for name, model in models.items():
        model.model_rebuild()
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = SCHEMA_URI
        schema["$id"] = f"https://dxready.invalid/schemas/{name}.schema.json"
        schema.setdefault("title", f"dxready {name}.yaml")
        out[name] = schema
    return out


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = directory / f"{name}.schema.json"
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
