"""Matching names to the catalogue's procedures: id, standard number, folded name, then similarity (shown)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dxready.commands.transfer.cells import CellError
from dxready.commands.transfer.results import Said

if TYPE_CHECKING:
    from dxready.catalog.load import Catalog
    from dxready.catalog.models import Procedure


SIMILARITY = 0.75
"""A name at least this similar (difflib ratio of folded names) to one candidate, and closer than to any other."""


# --------------------------------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class Match:
    index: int
    how: Said


class Matcher:
    """Names → catalogue procedures: id, standard number, folded name, then similarity (shown)."""

    def __init__(self, catalog: Catalog) -> None:
        from dxready.catalog.registry import STANDARD_PROCEDURES, fold_name

        self.fold = fold_name
        self.procedures: list[Procedure] = list(catalog.procedures)
        self.by_id = {p.id: i for i, p in enumerate(self.procedures)}
        self.by_no = {p.standard_no: i for i, p in enumerate(self.procedures) if p.standard_no is not None}
        self.by_name: dict[str, int] = {}
        for i, p in enumerate(self.procedures):
            self.by_name.setdefault(fold_name(p.name), i)
        # The registry's official wording too: a city writing 文化・スポーツ施設等の利用予約等 means No.2.
        self.standard = {fold_name(s.name): s.no for s in STANDARD_PROCEDURES}
        self.subs: dict[str, tuple[int, int]] | None = None

    def describe(self, index: int) -> str:
        p = self.procedures[index]
        return (f"No.{p.standard_no} " if p.standard_no else "") + f"{p.name} ({p.id})"

    def find(self, name: str, no: int | None) -> Match | None:
        folded = self.fold(name)
        exact = self.by_name.get(folded)
        if exact is None and folded in self.standard:
            exact = self.by_no.get(self.standard[folded])
        if exact is not None:
            if no is not None and self.procedures[exact].standard_no not in (None, no):
                raise CellError(
                    "no",
                    f"No.{no} ですが、名前は {self.describe(exact)} のものです",
                    f"No.{no}, but the name is that of {self.describe(exact)}",
                )
            same = self.procedures[exact].name == name
            return Match(exact, Said("same_name") if same else Said("variant", (self.describe(exact),)))
        best, score = self._similar(folded)
        if no is not None and no in self.by_no:
            at = self.by_no[no]
            ratio = difflib.SequenceMatcher(None, folded, self.fold(self.procedures[at].name)).ratio()
            if best is not None and best != at and score >= SIMILARITY:
                raise CellError(
                    "no",
                    f"No.{no} ですが、名前は {self.describe(best)} に近いです（類似度 {score:.2f}）",
                    f"No.{no}, but the name is closest to {self.describe(best)} (similarity {score:.2f})",
                )
            if ratio >= 0.5:
                return Match(at, Said("similar_no", (self.describe(at), no, ratio)))
            raise CellError(
                "name",
                f"No.{no}（{self.procedures[at].name}）と名前が合いません（類似度 {ratio:.2f}）",
                f"the name does not fit No.{no} ({self.procedures[at].name}; similarity {ratio:.2f})",
            )
        if best is not None and score >= SIMILARITY:
            return Match(best, Said("similar", (self.describe(best), score)))
        return None

    def find_sub(self, name: str, *, exact: bool = False) -> tuple[int, int, Said] | None:
        """A sub-procedure of a group, by folded name, else (unless ``exact``) by similarity (shown)."""
        if self.subs is None:
            self.subs = {}
            for i, p in enumerate(self.procedures):
                for j, s in enumerate(p.sub_procedures):
                    self.subs.setdefault(self.fold(s.name), (i, j))
        folded = self.fold(name)
        hit = self.subs.get(folded)
        if hit is not None:
            i, j = hit
            sub = self.procedures[i].sub_procedures[j]
            ref = f"{self.procedures[i].id}/{sub.id}"
            how = Said("sub", (ref,)) if sub.name == name else Said("sub_variant", (sub.name, ref))
            return i, j, how
        if exact:
            return None
        best, score = None, 0.0
        for text, (i, j) in self.subs.items():
            ratio = difflib.SequenceMatcher(None, folded, text).ratio()
            if ratio > score:
                best, score = (i, j), ratio
        if best is None or score < SIMILARITY:
            return None
        i, j = best
        sub = self.procedures[i].sub_procedures[j]
        return i, j, Said("sub_similar", (sub.name, f"{self.procedures[i].id}/{sub.id}", score))

    def _similar(self, folded: str) -> tuple[int | None, float]:
        candidates: dict[str, int] = {}
        for text, no in self.standard.items():
            if no in self.by_no:
                candidates[text] = self.by_no[no]
        if len(self.by_name) <= 500:  # a city's own rows too, unless the catalogue is a huge generated one
            for text, i in self.by_name.items():
                candidates.setdefault(text, i)
        best: int | None = None
        score = 0.0
        for text, i in candidates.items():
            m = difflib.SequenceMatcher(None, folded, text)
            if m.real_quick_ratio() < score or m.quick_ratio() < score:
                continue
            ratio = m.ratio()
            if ratio > score:
                best, score = i, ratio
        return best, score


# --------------------------------------------------------------------------------------------------- the plan
