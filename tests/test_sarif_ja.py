"""Japanese SARIF describes each rule in Japanese (a review found fullDescription and help in English)."""

from __future__ import annotations

import re

import pytest

from dxready.render.sarif import rules_metadata

_JA = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_rule_descriptions_are_in_the_run_s_language(lang: str) -> None:
    for rule in rules_metadata(lang):
        full, text = rule["fullDescription"]["text"], rule["help"]["text"]
        if lang == "ja":
            assert _JA.search(full), rule["id"]
            assert (
                "Fails:" not in rule["help"]["markdown"] and "Why it matters" not in rule["help"]["markdown"]
            )
        else:
            assert full and "Next step" in rule["help"]["markdown"], rule["id"]
            assert text.startswith(rule["shortDescription"]["text"])
