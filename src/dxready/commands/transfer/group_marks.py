"""The words of a group row's refused status cell: why the sub-procedures contradict it and the way out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dxready.findings import Msg

if TYPE_CHECKING:
    from typing import Any

    from dxready.catalog.models import Status


def refusal(
    cell: Msg,
    recorded: Status,
    mark: Status | None,
    effective: Status,
    subs: str,
    *,
    contradicted: bool,
    changed: bool,
) -> Msg:
    """Why a group's cell (``cell``: 「手続シートの C19」) is refused: its changed 記録上の状況 ``recorded`` contradicts
    the sub-procedures (``contradicted``), or its オンライン化 ``mark`` is not the ``effective`` status they make with
    the 記録上の状況 (``changed``: that was changed beside it) or by themselves. ``subs``: their tally."""
    from dxready.catalog.models import Status

    if contradicted:
        return Msg(
            f"記録上の状況 {recorded.mark} は個別手続（{subs}）と矛盾します。"
            f"{cell.ja} を空欄にするか、個別手続の状況と合わせてください",
            f"the recorded status {recorded.mark} contradicts the sub-procedures ({subs}); "
            f"leave {cell.en} blank, or change the sub-procedures to agree",
        )
    assert mark is not None  # only a changed 記録上の状況 comes without a mark
    if changed:
        return Msg(
            f"記録上の状況 {recorded.mark} と個別手続（{subs}）からは {effective.mark} です"
            f"（{mark.mark} と矛盾）。{cell.ja} を空欄にするか、記録上の状況と合わせてください",
            f"the recorded status {recorded.mark} and the sub-procedures ({subs}) make {effective.mark}, "
            f"not {mark.mark}; leave {cell.en} blank, or make it agree with the recorded status",
        )
    if mark is Status.unknown:
        return Msg(
            f"個別手続（{subs}）からは {effective.mark} です（？ にはなりません）。"
            f"{cell.ja} を空欄にするか、個別手続の状況と合わせてください",
            f"the sub-procedures ({subs}) make {effective.mark}, not {mark.mark}; leave {cell.en} blank, "
            "or change the sub-procedures to agree",
        )
    return Msg(
        f"{mark.mark} は個別手続（{subs}）と矛盾します。{cell.ja} を空欄にするか、個別手続の状況と合わせてください",
        f"{mark.mark} contradicts the sub-procedures ({subs}); leave {cell.en} blank, "
        "or change the sub-procedures to agree",
    )


def read_pair(
    p: Any, mark: Status | None, recorded: Status | None, cells: Msg, heads: dict[str, str]
) -> tuple[Status | None, Status | None]:
    """A group row's オンライン化 ``mark`` and 記録上の状況 ``recorded`` read together, so that importing one workbook
    twice changes nothing the second time (review s8 D4): a ？ in one beside a known mark in the other says nothing
    (the known one is the row's word; the ？ may be what export wrote beside it, before the first import took it);
    two known marks that differ are refused naming both ``cells``, unless they are what export writes now.
    ``heads``: the two columns' headers by key, as the table has them."""
    from dxready.catalog.models import Status
    from dxready.commands.transfer.cells import CellError

    if mark is None or recorded is None or mark is recorded:
        return mark, recorded
    if mark is Status.unknown:
        return None, recorded
    if recorded is Status.unknown:
        return mark, None
    if mark is p.effective_status and recorded is p.status:
        return mark, recorded
    said, kept = heads.get("mark", "オンライン化"), heads.get("recorded", "記録上の状況")
    raise CellError(
        "recorded",
        f"{said} {mark.mark} と{kept} {recorded.mark} が合いません。"
        f"{cells.ja} のどちらかを空欄にするか、両方を合わせてください",
        f"{said} {mark.mark} and {kept} {recorded.mark} differ; leave one of {cells.en} blank, or make them agree",
    )
