"""Every enum accepts the Japanese words the tool prints; NFKC-equal catalogues are identical."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxready.catalog import labels
from dxready.catalog.load import LoadError, load_catalog
from dxready.catalog.models import Phase, RoadmapState, Status, Tier
from dxready.commands.schema import schemas
from dxready.render import labels as printed
from tests.helpers.catalogs import copy_shipped

# Letters, digits and the separators people type full-width (not quotes or brackets, which are YAML syntax).
_FULL = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F) if chr(c).isalnum() or chr(c) in "-./_"}


def to_full_width(text: str) -> str:
    return "".join(_FULL.get(ch, ch) for ch in text)


def test_printed_labels_are_accepted() -> None:
    tier = labels.parser(Tier)
    for t in Tier:
        assert tier(t.label("ja")) == t.value
    phase = labels.parser(Phase)
    for value, (ja, _) in printed.PHASE.items():
        assert phase(ja) == value
    state = labels.parser(RoadmapState)
    for value, (ja, _) in printed.STATE.items():
        assert state(ja) == value
    for s in Status:
        assert Status.parse(s.label("ja")) == s.value


def test_schema_lists_the_japanese_labels() -> None:
    text = json.dumps(schemas(), ensure_ascii=False)
    for word in ("基幹系", "計画立案", "マイナポータル", "オンライン化済", "未着手", "押印"):
        assert word in text


def test_japanese_labels_in_yaml_load(tmp_path: Path) -> None:
    root = copy_shipped(tmp_path / "c")
    plain = load_catalog(root)
    systems = root / "systems.yaml"
    text = systems.read_text(encoding="utf-8")
    assert "tier: backbone" in text and "phase: planning" in text
    systems.write_text(
        text.replace("tier: backbone", "tier: 基幹系").replace("phase: planning", "phase: 計画立案")
    )
    roadmap = root / "roadmap.yaml"
    roadmap.write_text(roadmap.read_text(encoding="utf-8").replace("state: done", "state: 完了"))
    labelled = load_catalog(root)
    assert labelled.systems == plain.systems
    assert labelled.roadmap == plain.roadmap


_KEYS = (
    "id",
    "code",
    "systems",
    "procedures",
    "tier",
    "phase",
    "state",
    "as_of",
    "verified_on",
    "target_fiscal_year",
    "start_fiscal_year",
    "fiscal_year",
    "kind",
)


def _widen_file(path: Path, keys: set[str]) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        key = line.split(":", 1)[0].strip(" -")
        if key in keys and ": " in line:
            head, value = line.split(": ", 1)
            lines[i] = head + ": " + to_full_width(value)
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize("keys", [{k} for k in _KEYS] + [set(_KEYS)], ids=[*_KEYS, "all"])
def test_nfkc_equal_catalogues_are_identical(tmp_path: Path, keys: set[str]) -> None:
    """Full-width spellings of ids, codes, references, dates, fiscal years and enum values load as half-width."""
    root = copy_shipped(tmp_path / "c")
    before = load_catalog(root)
    for name in ("procedures.yaml", "systems.yaml", "roadmap.yaml"):
        _widen_file(root / name, keys)
    after = load_catalog(root)
    assert after.procedures_file == before.procedures_file
    assert after.systems == before.systems
    assert after.roadmap == before.roadmap


_PROC = {
    "id": "library-reservation",
    "name": "図書館",
    "status": "online",
    "systems": ["acrocity-juki"],
    "as_of": "2024-03-31",
    "target_fiscal_year": "R7",
    "identity": "mynumber_card",
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_nfkc_equal_procedures_are_identical(data: st.DataObject) -> None:
    from dxready.catalog.models import Procedure
    from dxready.catalog.normalise import normalise_identifiers

    def widen(text: str) -> str:
        flags = data.draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
        return "".join(to_full_width(ch) if f else ch for ch, f in zip(text, flags, strict=True))

    typed = {
        k: [widen(x) for x in v] if isinstance(v, list) else (v if k == "name" else widen(v))
        for k, v in _PROC.items()
    }
    assert Procedure.model_validate(normalise_identifiers(typed)) == Procedure.model_validate(dict(_PROC))


def test_a_refused_enum_value_lists_the_allowed_ones_with_their_words(tmp_path: Path) -> None:
    root = copy_shipped(tmp_path / "c")
    systems = root / "systems.yaml"
    systems.write_text(
        systems.read_text(encoding="utf-8").replace("data_input: manual", "data_input: 手で", 1)
    )
    with pytest.raises(LoadError) as info:
        load_catalog(root)
    message = info.value.problems[0].message
    assert "使える値: manual（手入力）、linked（連携）" in message.ja and " or " not in message.ja
    assert "'manual' or 'linked'" in message.en
