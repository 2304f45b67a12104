"""Empty defaults for the models' list and dict fields, as plain Python functions.

``Field(default_factory=list)`` would be the same value, but pydantic reads each factory's signature while it builds a
model's schema (does it take the validated data?), and for a builtin such as ``list`` Python 3.11 parses that signature
from its text through ``ast``: about a millisecond each, some thirty times on ``check``'s first validation. A Python
function's signature is read from its code object.
"""

from __future__ import annotations

from typing import Any


def new_list() -> list[Any]:
    """A new empty list (a field's default)."""
    return []


def new_dict() -> dict[Any, Any]:
    """A new empty dict (a field's default)."""
    return {}
