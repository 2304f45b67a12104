"""Every rule is documented the same way, and its documented examples do what they say."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from dxready.catalog.load import LoadError, load_catalog
from dxready.catalog.settings import Severity
from dxready.findings import Msg
from dxready.rules import ALL, LOAD_RULES, PARSE_CHECKS, RULES
from tests.helpers.catalogs import SECTIONS, doc_sections, example, run_example, write_example


def _id(rule: object) -> str:
    return str(getattr(rule, "CODE", "?"))


def test_codes_are_well_formed_and_unique() -> None:
    codes = [r.CODE for r in ALL]
    assert all(re.fullmatch(r"DX\d{3}", c) for c in codes), codes
    assert len(codes) == len(set(codes))


def test_names_are_kebab_case_and_unique() -> None:
    names = [r.NAME for r in ALL]
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", n) for n in names), names
    assert len(names) == len(set(names))


def test_registries_are_in_code_order() -> None:
    for registry in (PARSE_CHECKS, LOAD_RULES, RULES, ALL):
        codes = [r.CODE for r in registry]
        assert codes == sorted(codes)


@pytest.mark.parametrize("rule", ALL, ids=_id)
def test_module_file_is_named_after_code_and_name(rule: Any) -> None:
    expected = f"{rule.CODE.lower()}_{rule.NAME.replace('-', '_')}"
    assert Path(rule.__file__).stem == expected


@pytest.mark.parametrize("rule", ALL, ids=_id)
def test_docstring_has_summary_and_sections(rule: object) -> None:
    doc = getattr(rule, "__doc__", None) or ""
    for section in SECTIONS:
        assert f"\n{section}\n" in doc, f"{_id(rule)}: no section {section!r}"
    parts = doc_sections(doc)
    assert parts["summary"] and parts["summary"].endswith(".")
    for section in ("Why it matters", "Fails", "Passes"):
        assert parts[section].strip(), f"{_id(rule)}: empty section {section!r}"


@pytest.mark.parametrize("rule", ALL, ids=_id)
def test_constants_are_present(rule: Any) -> None:
    assert isinstance(rule.SEVERITY, Severity)
    for attr in ("SUMMARY", "NEXT_STEP"):
        msg = getattr(rule, attr)
        assert isinstance(msg, Msg) and msg.ja.strip() and msg.en.strip(), attr
    assert rule.WHY_JA.strip()
    assert rule.DESCRIPTION_JA.strip(), "the Japanese of the docstring's description (explain, SARIF)"


@pytest.mark.parametrize("rule", RULES, ids=_id)
def test_fails_example_is_reported(rule: object, tmp_path: Path) -> None:
    report = run_example(example(rule, "Fails"), tmp_path, rule)
    assert [f for f in report.findings if f.code == _id(rule)]


@pytest.mark.parametrize("rule", RULES, ids=_id)
def test_passes_example_is_clean(rule: object, tmp_path: Path) -> None:
    report = run_example(example(rule, "Passes"), tmp_path, rule)
    assert [f for f in report.findings if f.code == _id(rule)] == []


@pytest.mark.parametrize("rule", LOAD_RULES, ids=_id)
def test_load_rule_examples(rule: object, tmp_path: Path) -> None:
    """Integrity rules run in the engine (not in the loader), and their findings make the catalogue unusable."""
    from dxready.engine.integrity import load

    directory, _ = write_example(example(rule, "Fails"), tmp_path / "fails")
    load_catalog(directory)  # the loader alone reads it: cross-file checks are not its job
    with pytest.raises(LoadError) as info:
        load(directory)
    assert _id(rule) in {p.code for p in info.value.problems}
    directory, _ = write_example(example(rule, "Passes"), tmp_path / "passes")
    load(directory)


_HEADER = 'municipality:\n  name: テスト市\n  code: "122238"\n'


def _raw_catalog(text: str, dest: Path) -> Path:
    dest.mkdir(parents=True)
    body = text if "municipality:" in text else _HEADER + text
    (dest / "procedures.yaml").write_text(body, encoding="utf-8")
    return dest


@pytest.mark.parametrize("check", PARSE_CHECKS, ids=_id)
def test_parse_check_examples(check: object, tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        load_catalog(_raw_catalog(example(check, "Fails"), tmp_path / "fails"))
    assert [p.code for p in info.value.problems] == [_id(check)]
    assert load_catalog(_raw_catalog(example(check, "Passes"), tmp_path / "passes")).procedures


@pytest.mark.parametrize("rule", ALL, ids=_id)
def test_the_english_summary_is_written_once(rule: object) -> None:
    first = (getattr(rule, "__doc__", None) or "").strip().splitlines()[0].rstrip(".")
    summary = rule.SUMMARY.en  # type: ignore[attr-defined]
    assert first == summary, "the docstring's first line is the English summary (SUMMARY.en), written once"
