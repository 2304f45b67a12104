"""A key the composer stops at: one written twice, or a count written with a thousands separator in a flow mapping.

``{total: 1,200, online: 300}`` is well-formed YAML: the comma ends the entry, so it reads as ``total: 1`` and a key
``200`` without a value, which the schema could only call an invalid key. The composer (:mod:`yaml_compose`) calls
:func:`odd_key` when a mapping meets a key it already holds or an integer key (both rare), before the entry is stored.
"""

from __future__ import annotations

from typing import Any

from dxready.catalog.limits import excerpt
from dxready.catalog.problems import SCHEMA_VIOLATION

MAX_GROUPS = 5
"""1,000,000,000,000: the largest count (limits.MAX_COUNT) has five groups; a longer run is no count."""


def odd_key(
    composer: Any, get: Any, key_event: Any, before: Any, result: dict[Any, Any], pos: Any, key: Any
) -> Any:
    """Raise DX002 for a key written twice, DX003 for a number split by a thousands separator; else return the key's
    value event. ``before``: the value event of the entry before (None at the first)."""
    if key in result:
        raise composer.duplicate(key_event, result, pos, key)
    event = get()
    if result:
        said = split_number(get, before, key_event, event, next(reversed(result)))
        if said is not None:
            raise composer.fail(before, *said, SCHEMA_VIOLATION)
    return event


def _digits(event: Any) -> str | None:
    """A plain scalar's digits (no tag, anchor or quotes), else None."""
    if type(event).__name__ != "Scalar":
        return None
    anchor, tag, implicit, text = event.args[:4]
    if anchor is None and tag is None and implicit[0] and text.isascii() and text.isdigit():
        return str(text)
    return None


def split_number(
    get: Any, value: Any, key_event: Any, key_value: Any, name: object
) -> tuple[str, str] | None:
    """The message (ja, en) when ``value`` and the key after it are a number written with a thousands separator.

    Exactly: ``value`` a plain scalar of one to three digits, the key a plain scalar of three digits one character (the
    comma) after it and without a value, and so on for 1,200,000; a key written otherwise (``{a: 1, 200: x}``, a space
    after the comma, ``1,20``, ``1234,567``, a quoted value) is left to the schema. ``get`` reads the events after the
    first such key (the composer stops at the problem); None is returned before any event is read.
    """
    first = _digits(value)
    if first is None or len(first) > 3:
        return None
    run = [value]
    while (
        type(key_value).__name__ == "Scalar"
        and _digits(key_event) is not None
        and len(key_event.args[3]) == 3
        and key_value.args[3] == ""
        and key_value.args[2][0]
        and key_event.args[4].index == run[-1].args[5].index + 1  # one character between them: the comma
    ):
        run.append(key_event)
        key_event = get()
        if type(key_event).__name__ != "Scalar":
            break
        key_value = get()
    if len(run) == 1 or len(run) > MAX_GROUPS:
        return None
    written = ",".join(e.args[3] for e in run)
    digits = written.replace(",", "")
    shown = name if isinstance(name, str) and len(name) <= 40 else excerpt(name)
    return (
        f"{shown}: {written} のような桁区切りのカンマは使えません。{digits} と書いてください",
        f"{shown}: a thousands separator as in {written} cannot be used; write {digits}",
    )
