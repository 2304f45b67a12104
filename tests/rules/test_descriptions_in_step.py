"""Every rule's Japanese description (DESCRIPTION_JA) keeps in step with its English docstring, as far as a
machine can tell: the same paragraphs, and every `code` span (a setting or field name) the English names."""

from __future__ import annotations

import re

import pytest

from dxready.render.docs import RuleDoc, docs

RULES = docs()


@pytest.mark.parametrize("doc", RULES, ids=[d.code for d in RULES])
def test_japanese_description_has_the_english_paragraphs(doc: RuleDoc) -> None:
    en = [p for p in doc.description.split("\n\n")[1:] if p.strip()]  # the first paragraph is the summary
    ja = [p for p in doc.description_ja.split("\n\n") if p.strip()]
    assert len(ja) == len(en), (doc.code, en, ja)


@pytest.mark.parametrize("doc", RULES, ids=[d.code for d in RULES])
def test_japanese_description_names_every_code_span_of_the_english(doc: RuleDoc) -> None:
    spans = set(re.findall(r"`([^`\n]+)`", doc.description))
    missing = sorted(s for s in spans if s not in doc.description_ja)
    assert not missing, (doc.code, missing)
