"""Shell completion of values from the resolved catalogue: procedure ids and standard numbers, system and roadmap
ids, rule codes. Completion must never fail loudly (it runs on every Tab): a catalogue that cannot be read offers
nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _catalog_dir(ctx: Any) -> Path | None:
    params: dict[str, Any] = {}
    while ctx is not None:
        params = {**getattr(ctx, "params", {}), **params}
        ctx = getattr(ctx, "parent", None)
    value = params.get("catalog")
    return Path(value) if value else None


def _catalog(ctx: Any) -> Any:
    from dxready.catalog.load import LoadError, load_catalog

    try:
        return load_catalog(_catalog_dir(ctx))
    except (LoadError, OSError, ValueError):
        return None


def complete_codes(incomplete: str) -> list[str]:
    """Rule codes starting with what was typed (case and width ignored)."""
    from dxready.engine.filters import normalise_code
    from dxready.rules import ALL

    typed = normalise_code(incomplete)
    return [r.CODE for r in ALL if r.CODE.startswith(typed)]


def complete_refs(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Procedure ids and standard numbers (with the name as the help), for ``set REF``."""
    catalog = _catalog(ctx)
    if catalog is None:
        return []
    out = []
    for p in catalog.procedures:
        for ref in (p.id, str(p.standard_no) if p.standard_no else None):
            if ref and ref.startswith(incomplete):
                out.append((ref, p.name))
    return out


def complete_ids(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Every subject id (procedures with their standard numbers, systems, roadmap items)."""
    catalog = _catalog(ctx)
    if catalog is None:
        return []
    out = complete_refs(ctx, incomplete)
    out += [(s.id, s.name) for s in catalog.systems if s.id.startswith(incomplete)]
    out += [(r.id, r.title) for r in catalog.roadmap if r.id.startswith(incomplete)]
    return out
