"""The words of a group row's refused status cell: why the sub-procedures contradict it and the way out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dxready.findings import Msg

if TYPE_CHECKING:
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
