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
    """One ``NAME.schema.json`` per file into ``directory`` (created if missing); WriteError when it cannot be.

    Each file is written to a fresh temporary file and renamed over its name, so a symlink already standing there
    is replaced by the file — its target (perhaps outside the repository) is never written through. A non-directory
    ``directory`` and a directory entry that is not a file or a link (a directory, a FIFO) are refused.
    """
    import contextlib
    import os
    import stat
    import tempfile

    from dxready.findings import Msg
    from dxready.fsio import WriteError, cannot_create, cannot_write
    from dxready.inert import oneline

    shown = oneline(str(directory))
    if directory.exists() and not directory.is_dir():
        raise WriteError(
            Msg(
                f"{shown}: ディレクトリではありません（--out には書き出し先のディレクトリを指定します）",
                f"{shown}: not a directory (--out takes the directory to write into)",
            )
        )
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_create(directory, exc) from None
    written = []
    for name, schema in schemas().items():
        path = directory / f"{name}.schema.json"
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            where = oneline(str(path))
            raise WriteError(
                Msg(
                    f"{where}: 通常のファイルではないので書き込みません",
                    f"{where}: not a regular file; not written",
                )
            )
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)  # a symlink at ``path`` is replaced, never followed
            tmp = None
        except OSError as exc:
            raise cannot_write(path, exc) from None
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        written.append(path)
    return written
