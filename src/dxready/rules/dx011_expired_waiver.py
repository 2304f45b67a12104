"""A waiver has expired or names no rule.

Waivers accept a known gap for a stated reason until a date. After ``until`` the waiver no longer applies: the
finding it covered comes back, and the expired waiver is reported itself so that someone renews or removes it.

Why it matters:
    A waiver is a promise with a date on it; a silent expiry would either hide a gap forever or surprise CI.

Fails:
    now: 2026-11-26
    settings:
      waivers:
        - {code: DX101, subject: road-occupancy, reason: 県の共同システム待ち, until: 2025-03-31}

Passes:
    now: 2026-11-26
    settings:
      waivers:
        - {code: DX101, subject: road-occupancy, reason: 県の共同システム待ち, until: 2027-03-31}
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context

CODE = "DX011"
NAME = "expired-waiver"
SEVERITY = Severity.warning
SUMMARY = Msg("適用除外（waiver）の期限切れ、または存在しないルール", "A waiver has expired or names no rule")
WHY_JA = "適用除外は期限付きの約束です。黙って切れると問題を隠し続けるか、突然 CI を止めます。"
NEXT_STEP = Msg(
    "期限を更新するか、適用除外を削除してください", "Renew the waiver's date or delete the waiver"
)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, w in enumerate(catalog.settings.waivers):
        if w.code not in ctx.codes:
            yield Finding(
                CODE,
                Subject("settings", w.subject),
                Msg(f"ルール {w.code} はありません", f"there is no rule {w.code}"),
                "dxready",
                ("waivers", i, "code"),
            )
        elif w.until is not None and w.until < ctx.as_of:
            yield Finding(
                CODE,
                Subject("settings", w.subject),
                Msg(
                    f"{w.code} の適用除外（{w.subject}）は {w.until} に期限切れです",
                    f"the waiver of {w.code} for {w.subject} expired on {w.until}",
                ),
                "dxready",
                ("waivers", i, "until"),
            )
