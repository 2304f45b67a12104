"""Bulk ``set`` in rounds: the targets of one change planned together on one composed text, spliced in one pass and
validated once per round, with the outcome of editing them one after another (:func:`one_by_one`, how bulk ``set``
edited before, kept as the reference and the fallback; ``tests/test_set_bulk_rounds.py`` holds the two to the same
bytes, echo and refusals).

One after another, each target re-reads, re-composes and re-validates the whole file: ten targets of a 10,000-procedure
file took 8 s, ``set '*'`` on 30,000 procedures hours. In rounds, round *k* holds the *k*-th target of each top-level
procedure (``set '*'``: one round; ``set 18/* 19/* --status ×``: a round per sub-procedure, each with one of 18's
and one of 19's; the sub-procedures of a group count as procedures of their own where nothing of one reaches another:
a change without --status, or a group whose own mark is unknown). Within a round every target lies in a different procedure, and an edit of one procedure reads and writes
nothing of another: its splices lie inside the procedure's own lines, its echo reads the procedure's own values. So
the round's splices, each planned on the text before the round, are the splices each would have had on the text as
the targets before it left it, shifted; and a group's sub-procedures still go one per round, each planned on the
group as the one before left it, so a group that follows its sub-procedures ends where they put it, saying so as it
goes. A round's text is valid when each of its procedures is (schema and references are per procedure; set changes
no id or reference), so the one validation per round refuses what validating after every target would.

Where that argument does not hold, :func:`in_rounds` answers None and the caller goes one by one:

- an alias (``*name``) anywhere: an edit of the anchored value would change another procedure's;
- a file whose new block lists take their indentation from inside a procedure (no block list at the top level) or
  whose line breaks are not all ``\\n`` or all ``\\r\\n``: the text-wide choices a splice makes could differ;
- splices of two targets that touch, and a round that could pass the node limit on the way (near the limit, when
  the round's targets could grow by more than its room: ``--unset`` on one target with ``--note`` on another would
  put a text on the way above both ends).

And any refusal met in rounds (an edit that cannot be made, a text that does not validate) is left to the one-by-one
path too, which meets it at the same target with the same words and the same line and column.
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import TYPE_CHECKING

from dxready.commands.edit_doc import Splice, _Doc, apply
from dxready.commands.edit_plan import Target, _find_sub, find_target, plan_splices

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog
    from dxready.commands.edit_change import Change
    from dxready.commands.edit_result import Edited
    from dxready.findings import Msg


class TargetIndex:
    """:func:`dxready.commands.edit_plan.find_target` with the procedures indexed once: the same target for every
    reference (a standard number first, then an id; the first of each), in constant time rather than a pass over
    the procedures each; a reference that names nothing gets find_target's own refusal."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.procedures = catalog.procedures
        self.by_no: dict[int, int] = {}
        self.by_id: dict[str, int] = {}
        for i, p in enumerate(self.procedures):
            if p.standard_no is not None:
                self.by_no.setdefault(p.standard_no, i)
            self.by_id.setdefault(p.id, i)

    def find(self, ref: str, shown: str) -> Target:
        head, _, sub_ref = ref.strip().partition("/")
        head = head.strip()
        found: int | None = None
        if head.isdigit():
            try:
                found = self.by_no.get(int(head))
            except ValueError:  # a digit int() does not read (²): find_target's own outcome
                return find_target(self.catalog, ref, shown)
        if found is None:
            found = self.by_id.get(head)
        if found is None:
            return find_target(self.catalog, ref, shown)
        procedure = self.procedures[found]
        if not sub_ref:
            return Target(found, procedure)
        at = _find_sub(procedure, sub_ref.strip(), shown)
        return Target(found, procedure, at, procedure.sub_procedures[at])


def edit_all(
    text: str, current: Catalog, refs: list[str], change: Change, shown: str
) -> tuple[str, Catalog, list[Edited]]:
    """``change`` on every target of ``refs`` (concrete references): the new text, the catalogue it validates to and
    each target's part, exactly as :func:`one_by_one` makes them (or its refusal), in rounds where that is the same.

    The checks that refuse a change on a kind of entry (a sub-procedure's --verified-on …) are asked of every target
    first: one by one would meet the first refused target after editing those before it, so those are edited (and
    may be refused first, as one by one would be), then that target's refusal is raised."""
    from dxready.commands.edit_plan import precheck
    from dxready.errors import DxreadyError

    index = TargetIndex(current)
    refused: Exception | None = None
    upto = len(refs)
    for i, ref in enumerate(refs):
        try:
            precheck(index.find(ref, shown), change, shown)
        except (DxreadyError, ValueError) as exc:
            refused, upto = exc, i
            break
    try:
        done = in_rounds(text, current, refs[:upto], change, shown)
    except Exception:  # a refusal: one by one meets it at its own target, with its own words and place
        done = None
    from dxready.commands.edit_write import cannot_edit

    try:
        if done is None:
            done = one_by_one(text, current, refs[:upto], change, shown)
    except ValueError as exc:  # the splicer's refusal: worded as single set words it
        raise cannot_edit(shown, exc) from None
    if refused is not None:
        raise cannot_edit(shown, refused) if isinstance(refused, ValueError) else refused
    return done


def one_by_one(
    text: str, current: Catalog, refs: list[str], change: Change, shown: str
) -> tuple[str, Catalog, list[Edited]]:
    """The reference: each target planned on the text the one before left, validated after each that moved."""
    from dxready.commands.edit import edit_text, edited, validate_text

    working = current
    parts: list[Edited] = []
    for ref in refs:
        new_text, target, said = edit_text(text, working, ref, change, shown)
        moved = new_text != text
        if moved:
            # The next target is planned on the text as it is now, so that a group following its
            # sub-procedures ends where all of them put it.
            working = validate_text(new_text, shown, current)
            text = new_text
        parts.append(edited(target, said, changed=moved))
    return text, working, parts


def rounds(found: list[Target], change: Change) -> list[list[int]]:
    """The targets (by position) of each round: round k holds the k-th target of each top-level procedure, in order.

    A group's sub-procedures count apart, each as its own procedure, where nothing of one reaches another: the change
    sets no status, or the group's own mark is unknown (it follows them by itself, nothing is written to it), and the
    group itself is not a target."""
    from dxready.catalog.models import Status

    whole = {t.index for t in found if t.sub is None}

    def apart(t: Target) -> bool:
        return t.index not in whole and (change.status is None or t.procedure.status is Status.unknown)

    seen: dict[tuple[int, int], int] = {}
    out: list[list[int]] = []
    for i, target in enumerate(found):
        key = (target.index, target.sub_index if target.sub_index is not None and apart(target) else -1)
        k = seen[key] = seen.get(key, -1) + 1
        if k == len(out):
            out.append([])
        out[k].append(i)
    return out


def in_rounds(
    text: str, current: Catalog, refs: list[str], change: Change, shown: str
) -> tuple[str, Catalog, list[Edited]] | None:
    """What :func:`one_by_one` makes of ``refs``, in rounds; None where rounds cannot promise the same (see the
    module's docstring). Raises what planning or validating raises (the caller then goes one by one)."""
    from dxready.commands.edit import edited, validate_text

    index = TargetIndex(current)
    found = [index.find(ref, shown) for ref in refs]
    said: dict[int, list[Msg]] = {}
    moved: dict[int, bool] = {}
    working = current
    for order in rounds(found, change):
        if not _breaks_alike(text):
            return None
        doc = _Doc(text)
        if not _plain_doc(doc):
            return None
        if working is not current:
            index = TargetIndex(working)
        owned: list[tuple[Splice, int]] = []
        for i in order:
            target = found[i] = index.find(refs[i], shown)
            splices, said[i] = plan_splices(doc, target, change)
            moved[i] = _moves(text, splices)
            owned += [(s, i) for s in splices]
        new_text = _apply_apart(text, owned)
        if new_text is None or not _within_budget(text, doc, owned):
            return None
        # The round's nodes, not held while the new text is read (a fifth of set's peak at 78,000 procedures).
        del doc, owned
        if new_text != text:
            working = validate_text(new_text, shown, current)
            text = new_text
    return text, working, [edited(found[i], said[i], changed=moved[i]) for i in range(len(refs))]


def _breaks_alike(text: str) -> bool:
    """Every line break ``\\n``, or every one ``\\r\\n``: an edit then keeps the one kind the file uses."""
    crs = text.count("\r")
    return crs == 0 or crs == text.count("\r\n") == text.count("\n")


def _plain_doc(doc: _Doc) -> bool:
    """No alias, and the indentation of new block lists read from a top-level block list (which set never changes)."""
    from dxready.catalog.yaml_nodes import has_aliases

    root = doc.root
    if root is None or not doc.is_map(root) or has_aliases(root):
        return False
    return any(doc.is_seq(v) and not v.flow_style and v.value for _, v in root.value)


def _moves(text: str, splices: list[Splice]) -> bool:
    """Whether ``splices`` change ``text`` (compared over the stretch they touch, not the whole text)."""
    if not splices:
        return False
    lo, hi = min(s.start for s in splices), max(s.end for s in splices)
    shifted = [Splice(s.start - lo, s.end - lo, s.text) for s in splices]
    return apply(text[lo:hi], shifted) != text[lo:hi]


def _apply_apart(text: str, owned: list[tuple[Splice, int]]) -> str | None:
    """The text with every target's splices, or None when two targets' splices touch."""
    ordered = sorted(owned, key=lambda so: (so[0].start, so[0].end))
    for (a, i), (b, j) in itertools.pairwise(ordered):
        if i != j and b.start <= a.end:
            return None
    return apply(text, [s for s, _ in ordered])


_QUOTED = re.compile(r"""(?:^|(?<=[\s\[{,:]))(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')""")
_PIECE = re.compile(r"[^\s:,\[\]{}]+")
_INDICATOR = re.compile(r":(?=\s|$)|(?:^|(?<=\s))-(?=\s|$)|[,\[{]")


def _nodes_at_most(text: str) -> int:
    """At most how many nodes ``text`` (what a splice writes) holds: each scalar covers a piece between indicators
    and spaces (a quoted one counts as one), each collection starts at an indicator (``:``, ``-``, ``,``, ``[``,
    ``{``), and an empty value sits beside one; so pieces + twice the indicators, and never more than three a
    character."""
    plain = _QUOTED.sub(" q ", text)
    return len(_PIECE.findall(plain)) + 2 * len(_INDICATOR.findall(plain))


def _within_budget(text: str, doc: _Doc, owned: list[tuple[Splice, int]]) -> bool:
    """Whether every text on the way from ``text`` to the round's result (the targets applied in order) holds no more
    nodes than the composer allows: MAX_NODES, and its budget of the text's length + 10,000.

    A text on the way holds at most the round's first count plus each target's growth where it grows, a target's
    growth at most the nodes its splices write less those starting in the stretches they replace."""
    from dxready.catalog.limits import MAX_NODES
    from dxready.catalog.yaml_nodes import node_count, node_starts

    nodes = node_count(doc.root)
    limit = min(len(text) - sum(s.end - s.start for s, _ in owned) + 10_000, MAX_NODES)
    if nodes + 3 * sum(len(s.text) for s, _ in owned) <= limit:  # far from it: the common case, no counting
        return True
    starts = node_starts(doc.root)
    growth: dict[int, int] = {}
    for s, i in owned:
        gone = bisect.bisect_left(starts, s.end) - bisect.bisect_left(starts, s.start)
        growth[i] = growth.get(i, 0) + _nodes_at_most(s.text) - gone
    return nodes + sum(g for g in growth.values() if g > 0) <= limit
