"""Write small catalogues for tests: from a rule docstring example, or by copying the shipped one."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "data"

DEFAULT_MUNICIPALITY = {"name": "テスト市", "code": "122238"}
_FILE_OF = {
    "municipality": "procedures",
    "as_of": "procedures",
    "facts": "procedures",
    "procedures": "procedures",
    "systems": "systems",
    "areas": "roadmap",
    "roadmap": "roadmap",
}


def copy_shipped(dest: Path) -> Path:
    """A writable copy of the shipped Kamogawa catalogue."""
    shutil.copytree(SHIPPED, dest, dirs_exist_ok=True)
    return dest


def write_example(text: str, dest: Path) -> tuple[Path, str | None]:
    """Split an example (one YAML mapping mixing the files' top-level keys) into a catalogue directory.

    Keys: those of procedures.yaml (municipality, as_of, facts, procedures), systems.yaml (systems),
    roadmap.yaml (areas, roadmap); ``settings`` becomes dxready.yaml; ``now`` is the --as-of date for the run
    (returned). A missing municipality gets a valid default.
    """
    yaml = YAML(typ="safe", pure=True)
    data: dict[str, Any] = yaml.load(text) or {}
    now = data.pop("now", None)
    files: dict[str, dict[str, Any]] = {"procedures": {}, "systems": {}, "roadmap": {}}
    settings = data.pop("settings", None)
    for key, value in data.items():
        files[_FILE_OF[key]][key] = value
    files["procedures"].setdefault("municipality", dict(DEFAULT_MUNICIPALITY))
    dest.mkdir(parents=True, exist_ok=True)
    out = YAML(typ="safe", pure=True)
    out.allow_unicode = True
    out.default_flow_style = False
    for name, content in files.items():
        with (dest / f"{name}.yaml").open("w", encoding="utf-8") as fh:
            out.dump(content, fh)
    if settings is not None:
        with (dest / "dxready.yaml").open("w", encoding="utf-8") as fh:
            out.dump(settings, fh)
    return dest, (str(now) if now is not None else None)
