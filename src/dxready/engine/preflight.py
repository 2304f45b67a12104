"""Everything that writes a catalogue writes only what ``check`` then accepts (``init``, ``set``).

The text about to be written is read back the way ``check`` reads it — parsed, validated against the models, the
load rules (duplicate ids, unknown references) — and the text rule that ``check`` reports as an error (DX010: control,
invisible or look-alike characters) is run too: a value ``check`` would refuse is refused before it reaches the disk.
For ``set``, only DX010 findings the edit would add count, so an old problem elsewhere does not block an unrelated
edit.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from dxready.catalog.load import FILES, SETTINGS, Catalog, LoadError, Problem, SourceMap, parse, validate

if TYPE_CHECKING:
    from dxready.findings import Finding


def text_findings(catalog: Catalog) -> list[Finding]:
    """The DX010 findings of ``catalog`` (text ``check`` refuses as an error)."""
    from dxready.rules import dx010_suspicious_text as dx010
    from dxready.rules.base import Context

    return list(dx010.check(catalog, Context(as_of=dt.date.today())))


def _key(f: Finding) -> tuple[str, str, str]:
    return (f.subject.kind, f.subject.id, f.message.en)


def refuse_new_text_findings(before: Catalog | None, after: Catalog) -> None:
    """LoadError (DX010) for each text finding of ``after`` that ``before`` does not have."""
    found = text_findings(after)
    if not found:  # the common case: the catalogue before need not be read through
        return
    old = {_key(f) for f in text_findings(before)} if before is not None else set()
    new = [f for f in found if _key(f) not in old]
    if new:
        raise LoadError(
            [
                Problem(f.code, after.locate(f.file, f.path, key=f.data.get("key") is True), f.message)
                for f in new
            ]
        )


def validate_texts(root: Path, texts: dict[str, str]) -> Catalog:
    """``texts`` (file stem → YAML text) read as ``check`` reads a catalogue in ``root``; LoadError otherwise."""
    from dxready.catalog.models import FILE_MODELS
    from dxready.catalog.settings import Settings
    from dxready.engine.integrity import checked

    models: dict[str, object] = {}
    sources: dict[str, SourceMap] = {}
    problems: list[Problem] = []
    for name in (*FILES, SETTINGS):
        model = Settings if name == SETTINGS else FILE_MODELS[name]
        if name not in texts:
            models[name] = model()
            continue
        shown = str(root / f"{name}.yaml")
        try:
            data, source = parse(texts[name], shown)
            models[name] = validate(model, data, source)
            sources[name] = source
        except LoadError as exc:
            problems.extend(exc.problems)
    if problems:
        raise LoadError(problems)
    catalog = Catalog(
        root=root,
        label=str(root),
        procedures_file=models["procedures"],  # type: ignore[arg-type]
        systems_file=models["systems"],  # type: ignore[arg-type]
        roadmap_file=models["roadmap"],  # type: ignore[arg-type]
        settings=models[SETTINGS],  # type: ignore[arg-type]
        sources=sources,
        paths={n: root / f"{n}.yaml" for n in texts},
    )
    checked(catalog)
    refuse_new_text_findings(None, catalog)
    return catalog
