"""A system with standardised businesses has not migrated by its deadline.

A system hosting a standardised business has not moved to a standard-compliant system by its deadline.

The 20 standardised businesses (令和4年政令第1号) must run on standard-compliant systems. The deadline depends
on the system's ``migration.track``: ``standard`` — end of 令和7年度 (2026-03-31); ``difficult``
(移行困難システム) — the end of its own ``target_fiscal_year`` (if none is recorded the deadline is unknown,
which is reported); ``tokutei`` (特定移行支援システム) — the end of its ``target_fiscal_year``, or of 令和12年度
(FY2030, about five years from 2024-12) when none is recorded. A system whose ``phase`` is ``operating`` or
``not_required`` has arrived. A system with standardised businesses and no ``migration`` at all is also
reported (as information), since nothing says whether it is on track.

Why it matters:
    After the deadline the old system loses national support and funding; procedures it processes cannot
    follow national standard changes (forms, data links), so digital work downstream is blocked by it.

Fails:
    now: 2026-11-26
    systems:
      - id: koseki
        name: 戸籍情報システム
        tier: backbone
        standard_business: 戸籍
        migration: {phase: planning, target_fiscal_year: 令和7年度, track: standard}

Passes:
    now: 2026-11-26
    systems:
      - id: koseki
        name: 戸籍情報システム
        tier: backbone
        standard_business: 戸籍
        migration: {phase: operating, target_fiscal_year: 令和7年度, track: standard}
"""

import datetime as dt
from collections.abc import Iterator

from dxready.catalog.fiscal import FiscalYear
from dxready.catalog.load import Catalog
from dxready.catalog.models import Migration, Phase, Track
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, listing

CODE = "DX301"
NAME = "standard-migration-overdue"
SEVERITY = Severity.warning
SUMMARY = Msg(
    "標準化対象業務のシステムが期限までに標準準拠システムへ移行していない",
    "A system with standardised businesses has not migrated by its deadline",
)
DESCRIPTION_JA = (
    "標準化対象業務を担うシステムが、期限までに標準準拠システムへ移行していません。\n\n"
    "20 の標準化対象業務（令和4年政令第1号）は標準準拠システムで動かさなければなりません。"
    "期限はシステムの `migration.track` で決まります：`standard`（標準）は令和7年度末（2026-03-31）、`difficult`（移行困難システム）は自身の `target_fiscal_year` の末（記録がなければ期限は分からず、そのことを報告します）、`tokutei`（特定移行支援システム）は `target_fiscal_year` の末、記録がなければ令和12年度（FY2030、2024-12 からおよそ 5 年）の末です。"
    "`phase` が `operating`（本格運用）か `not_required`（対象外）のシステムは到達済みです。"
    "標準化対象業務を持ちながら `migration` がまったくないシステムも（情報として）報告します。"
    "予定どおりかを示すものが何もないからです。"
)
WHY_JA = (
    "期限を過ぎた現行システムは国の支援の対象外となり、"
    "標準様式やデータ連携の改正に追随できず、その先のデジタル化を止めます。"
)
NEXT_STEP = Msg(
    "移行計画を見直し、移行困難システム・特定移行支援システムに該当するなら track と期限を記録してください",
    "Revise the migration plan; if it is a difficult migration or under specified support, record its track"
    " (difficult, tokutei) and deadline",
)

STANDARD_DEADLINE = FiscalYear(2025)
TOKUTEI_DEFAULT = FiscalYear(2030)
_ARRIVED = (Phase.operating, Phase.not_required)
_PHASE_JA = {
    Phase.planning: "計画立案",
    Phase.selection: "システム選定",
    Phase.migrating: "移行中",
    Phase.operating: "本格運用",
    Phase.not_required: "移行不要",
}
_TRACK = {
    Track.standard: Msg("標準の期限", "the standard deadline"),
    Track.difficult: Msg("移行困難システムの期限", "the deadline for a difficult migration"),
    Track.tokutei: Msg("特定移行支援システムの期限", "the deadline for a supported (tokutei) migration"),
}


def _listing(businesses: list[str]) -> tuple[str, str]:
    shown = listing(businesses, businesses, "業務")
    return shown.ja, shown.en


def deadline(migration: Migration) -> FiscalYear | None:
    """The fiscal year by whose end the system must be on a standard-compliant system (None: not known)."""
    if migration.track is Track.standard:
        return STANDARD_DEADLINE
    if migration.track is Track.tokutei:
        return migration.target_fiscal_year or TOKUTEI_DEFAULT
    return migration.target_fiscal_year


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, s in enumerate(catalog.systems):
        businesses = s.businesses()
        if not businesses:
            continue
        listed, listed_en = _listing(businesses)
        subject = Subject("system", s.id)
        if s.migration is None:
            yield Finding(
                CODE,
                subject,
                Msg(
                    f"「{s.name}」は標準化対象業務（{listed}）を持ちますが、移行（migration）が記録されていません",
                    f"'{s.name_en or s.name}' hosts standardised businesses ({listed_en}) "
                    "but records no migration",
                ),
                "systems",
                ("systems", i, "id"),
                severity=Severity.info,
                data={"businesses": businesses, "deadline": None},
            )
            continue
        m = s.migration
        if m.phase in _ARRIVED:
            continue
        year = deadline(m)
        if year is None:
            yield Finding(
                CODE,
                subject,
                Msg(
                    f"「{s.name}」は移行困難システムですが、移行期限（target_fiscal_year）が記録されていません",
                    f"'{s.name_en or s.name}' is a difficult migration "
                    "but records no deadline (target_fiscal_year)",
                ),
                "systems",
                ("systems", i, "migration", "track"),
                severity=Severity.info,
                data={"businesses": businesses, "deadline": None},
            )
            continue
        due: dt.date = year.end
        if ctx.as_of <= due:
            continue
        track = _TRACK[m.track]
        yield Finding(
            CODE,
            subject,
            Msg(
                f"「{s.name}」（{listed}）は{track.ja} {year.ja()}末（{due.isoformat()}）を過ぎても"
                f"移行段階が「{_PHASE_JA[m.phase]}」です",
                f"'{s.name_en or s.name}' ({listed_en}) "
                f"is still at phase '{m.phase.value}' after "
                f"{track.en}, the end of {year.en()} ({due.isoformat()})",
            ),
            "systems",
            ("systems", i, "migration", "phase"),
            data={"businesses": businesses, "deadline": due.isoformat(), "phase": m.phase.value},
        )
