"""One cell's value: marks, texts, counts, rates, dates and channel cells; CellError names the column's key."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import TYPE_CHECKING

from dxready.commands.transfer.read import Value
from dxready.commands.transfer.tables import fold_header
from dxready.errors import UsageError
from dxready.findings import Msg

if TYPE_CHECKING:
    from dxready.catalog.models import Status


# --------------------------------------------------------------------------------------------------- cell values


class CellError(ValueError):
    def __init__(self, key: str, ja: str, en: str) -> None:
        super().__init__(en)
        self.key = key
        self.msg = Msg(ja, en)


def parse_mark(value: Value) -> Status | None:
    """The plan's marks (〇 ○ ◯ × ✕ 一部 ― － —), status names and the inventory's words; None when blank."""
    from dxready.catalog.models import Status

    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return Status(Status.parse(text))  # the one vocabulary: what set and procedures.yaml read
    except ValueError:
        from dxready.catalog.labels import status_words

        raise CellError(
            "mark",
            f"状況 {text!r} を読めません（{status_words('ja')}）",
            f"cannot read the status {text!r} (use {status_words('en')})",
        ) from None


def cell_text(value: Value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return text.strip() or None


def cell_int(value: Value, key: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError(key, "数値ではありません", "not a number")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise CellError(key, f"件数 {value} が整数ではありません", f"count {value} is not a whole number")
        number = int(value)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "").removesuffix("件").strip()
        if text in ("", "-", "—", "―"):
            return None
        if not text.isdigit():
            raise CellError(key, f"件数 {value!r} を読めません", f"cannot read the count {value!r}")
        number = int(text)
    if number < 0:
        raise CellError(key, f"件数 {number} が負です", f"count {number} is negative")
    from dxready.catalog.limits import MAX_COUNT

    if number > MAX_COUNT:
        raise CellError(key, f"件数は {MAX_COUNT:,} 以下です", f"a count is at most {MAX_COUNT:,}")
    return number


def cell_rate(value: Value) -> float | None:
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        rate = float(value)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().removesuffix("%").strip()
        if text in ("", "-", "—", "―"):
            return None
        try:
            rate = float(text)
        except ValueError:
            raise CellError(
                "rate", f"割合 {value!r} を読めません", f"cannot read the rate {value!r}"
            ) from None
    if not 0.0 <= rate <= 100.0:
        raise CellError("rate", f"割合 {rate} は 0〜100 ではありません", f"rate {rate} is not within 0–100")
    return rate


def cell_date(value: Value, key: str) -> dt.date | None:
    if value is None:
        return None
    from dxready.catalog.dates import DateError, parse_date

    try:
        return parse_date(value.strip() if isinstance(value, str) else value)  # the one date reader, as set's
    except DateError as exc:
        raise CellError(key, exc.ja, exc.en) from None


def cell_channels(value: Value) -> list[tuple[str, str | None, dt.date | None, bool, str | None]]:
    """export's channel cell: one per line, ``kind[:name][ | since=DATE][ | inferred][ | note=TEXT]`` (the note is
    the rest of the line)."""
    from dxready.commands.edit import _channel

    text = cell_text(value)
    if text is None:
        return []
    found = []
    for line in text.splitlines():
        if not line.strip():
            continue
        line, _, note_text = line.partition(" | note=")
        note = note_text.strip() or None
        head, *flags = [part.strip() for part in line.split(" | ")]
        try:
            kind, name = _channel(head)
        except UsageError:  # the same check as set's --channel, said in the sheet's words
            from dxready.catalog.models import ChannelKind

            kind_text = head.partition(":")[0].strip()
            words = "、".join(channel_label(c.value) for c in ChannelKind)
            values = ", ".join(c.value for c in ChannelKind)
            raise CellError(
                "channels",
                f"チャネル {kind_text!r} は使えません。使える値: {words}（名前は 種類:名前）",
                f"{kind_text!r} is not a channel; use {values} (name it KIND:NAME)",
            ) from None
        since, inferred = None, False
        for flag in flags:
            if flag == "inferred":
                inferred = True
            elif flag.startswith("since="):
                since = cell_date(flag[6:], "channels")
            else:
                raise CellError(
                    "channels", f"チャネルの {flag!r} を読めません", f"cannot read the channel flag {flag!r}"
                )
        found.append((kind, name, since, inferred, note))
    return found


def channel_label(kind: str) -> str:
    """A channel kind as the tool prints it in Japanese (e_application → 電子申請), for Japanese messages."""
    from dxready.catalog.labels import LABELS

    return LABELS["ChannelKind"].get(kind, (kind,))[0]


def same_text(new: str, old: str | None) -> bool:
    """A note that differs only in width or spacing (「15手続」, 「15 手続」) says the same: not a change."""
    if old is None:
        return False
    return fold_header(new) == fold_header(old)
