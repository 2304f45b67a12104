"""Bilingual words for catalogue values that every format shows the same way: (Japanese, English) pairs."""

from __future__ import annotations

PHASE: dict[str, tuple[str, str]] = {
    "planning": ("計画立案", "planning"),
    "selection": ("システム選定", "selection"),
    "migrating": ("移行", "migrating"),
    "operating": ("本格運用", "operating"),
    "not_required": ("対象外", "not required"),
}
PHASE_NOT_RECORDED = ("？ 未記録", "？ not recorded")
"""A backbone (基幹系) system's migration phase that the catalogue does not record: unknown, never 「—」 (which the
page's legend reads 該当なし); ``not_required`` is the catalogue's way to say standardisation does not apply."""
OWN_PROCEDURE = (
    "標準の21手続の外（率には数えません）",
    "outside the 21 standard procedures (not in the rates)",
)
"""A city's own procedure (no ``standard_no``), as ``add`` says it: the tables mark it, the page lists it apart."""
TRACK: dict[str, tuple[str, str]] = {
    "standard": ("令和7年度末（標準）", "end of FY2025 (standard)"),
    "difficult": ("移行困難システム（個別の期限）", "difficult migration (own deadline)"),
    "tokutei": ("特定移行支援システム（個別の期限）", "specified support (own deadline)"),
}
STATE: dict[str, tuple[str, str]] = {
    "not_started": ("未着手", "not started"),
    "in_progress": ("実施中", "in progress"),
    "done": ("完了", "done"),
}
