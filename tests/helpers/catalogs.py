"""Write small catalogues for tests: from a rule docstring example, or by copying the shipped one."""

from __future__ import annotations

import datetime as dt
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


# --------------------------------------------------------------------------------------------------- rule docs

SECTIONS = ("Why it matters:", "Fails:", "Passes:")


def doc_sections(doc: str) -> dict[str, str]:
    """A rule docstring → {"summary", "body", "Why it matters", "Fails", "Passes"}; section bodies dedented."""
    import textwrap

    lines = doc.strip("\n").splitlines()
    result: dict[str, str] = {"summary": lines[0].strip() if lines else ""}
    current = "body"
    chunks: dict[str, list[str]] = {current: []}
    for line in lines[1:]:
        if line in SECTIONS:
            current = line[:-1]
            chunks[current] = []
        else:
            chunks[current].append(line)
    for name, body in chunks.items():
        result[name] = textwrap.dedent("\n".join(body)).strip("\n")
    return result


def example(module: object, section: str) -> str:
    """The Fails or Passes example of a rule module."""
    return doc_sections(getattr(module, "__doc__", None) or "")[section] + "\n"


def write_catalog(
    dest: Path,
    *,
    procedures: str | None = None,
    systems: str | None = None,
    roadmap: str | None = None,
    settings: str | None = None,
) -> Path:
    """Write catalogue files verbatim (dedented), so that tests know every line and column.

    ``procedures`` gets the default municipality header prepended unless it has one; a missing procedures file
    is written with the header only.
    """
    import textwrap

    dest.mkdir(parents=True, exist_ok=True)
    header = 'municipality:\n  name: テスト市\n  code: "122238"\n'
    text = textwrap.dedent(procedures or "").lstrip("\n")
    if "municipality:" not in text:
        text = header + text
    (dest / "procedures.yaml").write_text(text, encoding="utf-8")
    for name, content in (("systems", systems), ("roadmap", roadmap), ("dxready", settings)):
        if content is not None:
            (dest / f"{name}.yaml").write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return dest


def run_rule(catalog_dir: Path, rule: Any, as_of: str | dt.date = "2026-11-26") -> Any:
    """Load ``catalog_dir`` with the real loader and run one rule through the engine; returns the Report."""
    from dxready.catalog.load import load_catalog
    from dxready.engine.run import run

    day = as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(as_of)
    return run(load_catalog(catalog_dir), day, rules=(rule,))


def run_example(text: str, dest: Path, rule: Any, default_now: str = "2026-11-26") -> Any:
    """Write a docstring example with :func:`write_example` and run one rule over it; returns the Report."""
    directory, now = write_example(text, dest)
    return run_rule(directory, rule, now or default_now)
