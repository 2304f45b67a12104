"""``check --help`` said --catalog falls back to the shipped 鴨川市 catalogue (the help every command shares) while
``check`` exits 2 instead (review s7 R7): its --catalog says what check does."""

from __future__ import annotations

from tests.helpers.cli import run80


def test_check_help_says_it_does_not_fall_back() -> None:
    ja = "".join(run80("check", "--help")[1].split())
    assert "なければ同梱の鴨川市" not in ja and "見つからなければ終了コード2" in ja
    en = " ".join(run80("check", "--help", "--lang", "en")[1].split())
    assert "else the embedded" not in en and "check never falls back to the embedded one" in en
    gaps = "".join(run80("gaps", "--help")[1].split())
    assert "なければ同梱の鴨川市" in gaps  # the other commands keep the fallback
