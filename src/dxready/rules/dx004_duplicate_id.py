"""Two entries share one id.

Ids are how other files, waivers and the command line (``dxready set ID``) name an entry, so each must be unique
within its kind: procedures and their sub-procedures, systems, roadmap items and facts.

Why it matters:
    With two entries under one id, ``dxready set`` would edit one of them at random and references would be
    ambiguous. The catalogue cannot be used until the ids are unique.

Fails:
    procedures:
      - id: library-reservation
        name: 図書館の図書貸出予約等
        status: ○
      - id: library-reservation
        name: 文化・スポーツ施設の利用予約
        status: 一部

Passes:
    procedures:
      - id: library-reservation
        name: 図書館の図書貸出予約等
        status: ○
      - id: facility-reservation
        name: 文化・スポーツ施設の利用予約
        status: 一部
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject, SubjectKind
from dxready.rules.base import Context

CODE = "DX004"
NAME = "duplicate-id"
SEVERITY = Severity.error
SUMMARY = Msg("同じ id が二度使われている", "Two entries share one id")
DESCRIPTION_JA = (
    "id は、他のファイル、適用除外（waiver）、コマンドライン（`dxready set ID`）が項目を名指す手段です。"
    "そのため種類ごと（手続とその個別手続、システム、工程表の項目、事実（facts））に一意でなければなりません。"
)
WHY_JA = (
    "id はほかのファイルやコマンド（dxready set）が項目を指す名前です。重複すると参照があいまいになります。"
)
NEXT_STEP = Msg("どちらかの id を別の名前に変えてください", "Rename one of the two ids")


def _entries(catalog: Catalog) -> Iterator[tuple[SubjectKind, str, str, tuple[str | int, ...]]]:
    for i, p in enumerate(catalog.procedures):
        yield "procedure", p.id, "procedures", ("procedures", i, "id")
        for j, sub in enumerate(p.sub_procedures):
            yield "procedure", sub.id, "procedures", ("procedures", i, "sub_procedures", j, "id")
    for i, f in enumerate(catalog.procedures_file.facts):
        yield "catalog", f.id, "procedures", ("facts", i, "id")
    for i, s in enumerate(catalog.systems):
        yield "system", s.id, "systems", ("systems", i, "id")
    for i, r in enumerate(catalog.roadmap):
        yield "roadmap", r.id, "roadmap", ("roadmap", i, "id")


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    seen: dict[tuple[str, str], tuple[str, tuple[str | int, ...]]] = {}
    for kind, ident, file, path in _entries(catalog):
        where = seen.get((kind, ident))
        if where is None:
            seen[(kind, ident)] = (file, path)  # located only if it turns out to be duplicated
            continue
        first = str(catalog.locate(*where))
        yield Finding(
            CODE,
            Subject(kind, ident),
            Msg(
                f"id '{ident}' が重複しています（最初は {first}）",
                f"duplicate id '{ident}' (first at {first})",
            ),
            file,
            path,
        )
