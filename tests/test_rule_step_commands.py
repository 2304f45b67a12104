"""A rule's next step that names a command gives it whole: gaps, next and the page take the ``dxready …`` part out
of the prose (``gapsgroups.split_command``: ASCII words, the marks), so a Japanese placeholder inside it (DX018's
「dxready init 新しいディレクトリ …」, DX020's 「dxready init --name 名前 で…」, a command that did not even run) cut the command in two and left
「（ 名前 で正しい組を…）」 in the prose."""

from __future__ import annotations

import pytest

from dxready.findings import Msg
from dxready.render.gapsgroups import _COMMAND, split_command
from dxready.rules import BY_CODE

_STEPS = [
    (code, name, lang, value.get(lang))
    for code, rule in sorted(BY_CODE.items())
    for name in dir(rule)
    if name.endswith("NEXT_STEP") and isinstance(value := getattr(rule, name), Msg)
    for lang in ("ja", "en")
    if "dxready " in value.get(lang)
]


def test_there_are_steps_with_commands() -> None:
    assert {code for code, *_ in _STEPS} >= {"DX018"}


@pytest.mark.parametrize(("code", "name", "lang", "text"), _STEPS)
def test_the_command_is_whole(code: str, name: str, lang: str, text: str) -> None:
    for m in _COMMAND.finditer(text):
        rest = text[m.end() :]
        # What follows a command: the end, punctuation, or Japanese prose right after it (「… で記録」) — never a
        # space and then more words of the command in another script.
        assert not (rest[:1] == " " and rest[1:2] and not rest[1:2].isascii() and rest[1:2] not in "（(")
    prose, command = split_command(text)
    assert "（ " not in prose and "( " not in prose and "`" not in prose
    assert prose.count("(") == prose.count(")") and prose.count("（") == prose.count("）")  # nothing cut out
    assert command.startswith("dxready ")
    if lang == "en":  # English words are ASCII: a command the prose goes on after would swallow it
        assert text.rstrip(".").endswith(command)
