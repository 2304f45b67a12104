"""A reference names an id that does not exist.

Procedures name the systems that process them, systems name the systems they exchange data with, roadmap items name
the procedures and systems they advance, and facts name procedures and roadmap items. Every such id must exist;
the message suggests the closest existing id.

Why it matters:
    A dangling reference silently drops a link: a procedure would no longer be held back by its system, a roadmap
    item would look linked to nothing. Typos in ids are the most common edit mistake.

Fails:
    procedures:
      - id: library-reservation
        name: 図書館の図書貸出予約等
        status: ○
        systems: [libary]
    systems:
      - id: library
        name: 図書館管理システム
        tier: standalone

Passes:
    procedures:
      - id: library-reservation
        name: 図書館の図書貸出予約等
        status: ○
        systems: [library]
    systems:
      - id: library
        name: 図書館管理システム
        tier: standalone
"""

import difflib
from collections.abc import Iterable, Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject, SubjectKind
from dxready.rules.base import Context

CODE = "DX005"
NAME = "unknown-reference"
SEVERITY = Severity.error
SUMMARY = Msg("存在しない id を参照している", "A reference names an id that does not exist")
DESCRIPTION_JA = (
    "手続はそれを処理するシステムを、システムはデータをやり取りするシステムを、工程表の項目は進める手続とシステムを、事実（facts）は手続と工程表の項目を id で名指します。"
    "そのような id はすべて存在しなければなりません。"
    "メッセージは最も近い既存の id を示します。"
)
WHY_JA = "参照先がないと、手続とシステム、工程表の結び付きが黙って失われます。id の打ち間違いは最もよくある誤りです。"
NEXT_STEP = Msg(
    "既存の id に直すか、参照先の項目を追加してください", "Use an existing id or add the missing entry"
)


_WHAT_JA = {"procedure": "手続", "system": "システム", "roadmap": "工程表の項目"}


def _dangling(
    refs: Iterable[str],
    known: set[str],
    kind: SubjectKind,
    ident: str,
    file: str,
    path: tuple[str | int, ...],
) -> Iterator[Finding]:
    what_ja = _WHAT_JA
    for k, ref in enumerate(refs):
        if ref in known:
            continue
        close = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.6)
        hint_en = f"; did you mean '{close[0]}'?" if close else ""
        hint_ja = f"（'{close[0]}' の誤りですか？）" if close else ""
        target = path[-1]
        yield Finding(
            CODE,
            Subject(kind, ident),
            Msg(
                f"{target}: '{ref}' という{what_ja.get(str(target).rstrip('s'), '項目')}はありません{hint_ja}",
                f"{target}: no such id '{ref}'{hint_en}",
            ),
            file,
            (*path, k),
        )


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    procedures = {p.id for p in catalog.procedures}
    systems = {s.id for s in catalog.systems}
    roadmap = {r.id for r in catalog.roadmap}
    for i, p in enumerate(catalog.procedures):
        if systems.issuperset(p.systems):  # nothing dangles (most procedures: no generator made for them)
            continue
        yield from _dangling(
            p.systems, systems, "procedure", p.id, "procedures", ("procedures", i, "systems")
        )
    for i, f in enumerate(catalog.procedures_file.facts):
        yield from _dangling(
            f.procedures, procedures, "catalog", f.id, "procedures", ("facts", i, "procedures")
        )
        yield from _dangling(f.roadmap, roadmap, "catalog", f.id, "procedures", ("facts", i, "roadmap"))
    for i, s in enumerate(catalog.systems):
        yield from _dangling(s.links, systems, "system", s.id, "systems", ("systems", i, "links"))
    areas = {a.no for a in catalog.roadmap_file.areas}
    for i, r in enumerate(catalog.roadmap):
        yield from _dangling(
            r.procedures, procedures, "roadmap", r.id, "roadmap", ("roadmap", i, "procedures")
        )
        yield from _dangling(r.systems, systems, "roadmap", r.id, "roadmap", ("roadmap", i, "systems"))
        if areas and r.area not in areas:
            yield Finding(
                CODE,
                Subject("roadmap", r.id),
                Msg(f"area: 取組事項 ({r.area}) がありません", f"area: no area ({r.area}) is defined"),
                "roadmap",
                ("roadmap", i, "area"),
            )
