"""The rule registry: every rule is listed here explicitly, in code order. Nothing is discovered or loaded from disk.

- ``PARSE_CHECKS`` document what the loader itself refuses (DX001–DX003); they have no ``check``.
- ``LOAD_RULES`` run inside the loader; their findings make the catalogue unusable (exit 2).
- ``RULES`` run in the engine and produce findings with severities (exit 1 at ``--fail-on``).
"""

from __future__ import annotations

from dxready.rules import (
    dx001_yaml_syntax,
    dx002_duplicate_key,
    dx003_schema,
    dx004_duplicate_id,
    dx005_unknown_reference,
    dx006_standard_name_mismatch,
    dx007_municipality_code,
    dx008_group_status,
    dx009_impossible_counts,
    dx010_suspicious_text,
    dx011_expired_waiver,
)
from dxready.rules.base import Documented, Rule

PARSE_CHECKS: tuple[Documented, ...] = (dx001_yaml_syntax, dx002_duplicate_key, dx003_schema)
LOAD_RULES: tuple[Rule, ...] = (dx004_duplicate_id, dx005_unknown_reference)
RULES: tuple[Rule, ...] = (
    dx006_standard_name_mismatch,
    dx007_municipality_code,
    dx008_group_status,
    dx009_impossible_counts,
    dx010_suspicious_text,
    dx011_expired_waiver,
)
ALL: tuple[Documented, ...] = (*PARSE_CHECKS, *LOAD_RULES, *RULES)
ALL_CODES: frozenset[str] = frozenset(r.CODE for r in ALL)
BY_CODE: dict[str, Documented] = {r.CODE: r for r in ALL}
