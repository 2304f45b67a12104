"""The rule registry: every rule is listed here explicitly, in code order.

Nothing is discovered or loaded from disk.

- ``PARSE_CHECKS`` document what the loader itself refuses (DX001–DX003); they have no ``check``.
- ``LOAD_RULES`` run inside the loader; their findings make the catalogue unusable (exit 2).
- ``RULES`` run in the engine and produce findings with severities (exit 1 at ``--fail-on``).
"""

from __future__ import annotations

from dxready.rules import (
    dx001_unreadable_yaml,
    dx002_duplicate_key,
    dx003_schema_violation,
    dx004_duplicate_id,
    dx005_unknown_reference,
    dx006_standard_name_mismatch,
    dx007_municipality_code_check_digit,
    dx008_group_status_mismatch,
    dx009_impossible_counts,
    dx010_suspicious_text,
    dx011_expired_waiver,
    dx012_offline_with_online_use,
    dx013_online_before_channels,
    dx014_unknown_standard_business,
    dx015_group_counts_mismatch,
    dx016_published_rate_mismatch,
    dx017_impossible_card_counts,
    dx018_standard_procedure_missing,
    dx019_duplicate_standard_no,
    dx020_municipality_registry_mismatch,
    dx101_procedure_offline,
    dx102_procedure_partial,
    dx103_status_unknown,
    dx104_usage_below_target,
    dx105_childcare_care_outside_mynaportal,
    dx106_seal_required,
    dx107_fee_without_online_payment,
    dx108_paper_result,
    dx109_target_passed_not_online,
    dx110_status_stale,
    dx201_attachment_held_by_city,
    dx202_rekeying_back_office,
    dx203_life_event_bundle_partial,
    dx301_standard_migration_overdue,
    dx302_standard_business_uncovered,
    dx303_manual_data_input,
    dx304_system_holds_back_gaps,
    dx401_roadmap_overdue,
    dx402_review_not_done,
    dx403_roadmap_unlinked,
)
from dxready.rules.base import Documented, Rule

PARSE_CHECKS: tuple[Documented, ...] = (dx001_unreadable_yaml, dx002_duplicate_key, dx003_schema_violation)
LOAD_RULES: tuple[Rule, ...] = (dx004_duplicate_id, dx005_unknown_reference)
RULES: tuple[Rule, ...] = (
    dx006_standard_name_mismatch,
    dx007_municipality_code_check_digit,
    dx008_group_status_mismatch,
    dx009_impossible_counts,
    dx010_suspicious_text,
    dx011_expired_waiver,
    dx012_offline_with_online_use,
    dx013_online_before_channels,
    dx014_unknown_standard_business,
    dx015_group_counts_mismatch,
    dx016_published_rate_mismatch,
    dx017_impossible_card_counts,
    dx018_standard_procedure_missing,
    dx019_duplicate_standard_no,
    dx020_municipality_registry_mismatch,
    dx101_procedure_offline,
    dx102_procedure_partial,
    dx103_status_unknown,
    dx104_usage_below_target,
    dx105_childcare_care_outside_mynaportal,
    dx106_seal_required,
    dx107_fee_without_online_payment,
    dx108_paper_result,
    dx109_target_passed_not_online,
    dx110_status_stale,
    dx201_attachment_held_by_city,
    dx202_rekeying_back_office,
    dx203_life_event_bundle_partial,
    dx301_standard_migration_overdue,
    dx302_standard_business_uncovered,
    dx303_manual_data_input,
    dx304_system_holds_back_gaps,
    dx401_roadmap_overdue,
    dx402_review_not_done,
    dx403_roadmap_unlinked,
)
ALL: tuple[Documented, ...] = (*PARSE_CHECKS, *LOAD_RULES, *RULES)
ALL_CODES: frozenset[str] = frozenset(r.CODE for r in ALL)
BY_CODE: dict[str, Documented] = {r.CODE: r for r in ALL}
