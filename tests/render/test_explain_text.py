"""``dxready explain``: the rule's description in Japanese as in English, and prose that flows at any width."""

from __future__ import annotations

import pytest

from dxready.render.docs import RuleDoc, docs, explain_rule

DOCS = docs()


def _id(doc: RuleDoc) -> str:
    return doc.code


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _between(out: str, start: str, end: str) -> str:
    return out.split(start, 1)[1].split(end, 1)[0]


@pytest.mark.parametrize("doc", DOCS, ids=_id)
def test_japanese_explain_gives_the_rules_description(doc: RuleDoc, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a rule checks, which setting tunes it, which date counts: in Japanese as in English (review s8 F19)."""
    assert doc.description_ja.strip(), (
        f"{doc.code}: no DESCRIPTION_JA (the Japanese of the docstring's description)"
    )
    assert not doc.description_ja.startswith(doc.summary_ja), (
        "the summary is shown once, above the description"
    )
    monkeypatch.setenv("COLUMNS", "1000")  # one line a paragraph: the text itself, unbroken
    shown = _between(explain_rule(doc.code, "ja") or "", f"\n\n{doc.summary_ja}\n\n", "なぜ重要か:")
    assert shown.strip().split("\n\n") == _paragraphs(doc.description_ja)


@pytest.mark.parametrize("doc", DOCS, ids=_id)
def test_english_prose_flows_whatever_the_source_line_breaks(
    doc: RuleDoc, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The docstring's lines break where the source is 120 columns wide; the terminal's lines break at its own width
    (DX104's "Why it matters" broke after "or an online"). At 1000 columns each paragraph is one line."""
    monkeypatch.setenv("COLUMNS", "1000")
    out = explain_rule(doc.code, "en") or ""
    why = _between(out, "Why it matters:\n", "\n\nFails:")
    assert [p.strip() for p in why.split("\n\n")] == _paragraphs(doc.sections["Why it matters"])
    description = _between(out, f"\n\n{doc.summary_en}\n\n", "Why it matters:").strip()
    assert description.split("\n\n") == _paragraphs(doc.description)[1:], (
        "the summary is shown once, above it"
    )


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_dx104_why_it_matters_wraps_at_the_terminal_only(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = explain_rule("DX104", lang) or ""
    assert "or an online\n" not in out
    if lang == "en":
        assert "awareness, usability or an online form that still needs a visit, which is\n" in out
