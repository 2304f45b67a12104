"""A catalogue without a settings file (or without systems.yaml / roadmap.yaml) gets its models' defaults made
without validation (``model_construct``: no validator built on check's start-up). They must be exactly what
validating an empty file gives: a default that a validator would change could not be made that way."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxready.catalog.load import load_catalog
from dxready.catalog.models import FILE_MODELS
from dxready.catalog.settings import Settings


@pytest.mark.parametrize("model", [Settings, *(m for n, m in FILE_MODELS.items() if n != "procedures")])
def test_constructed_defaults_are_the_validated_ones(model: type) -> None:
    made, checked = model.model_construct(), model.model_validate({})
    assert made == checked
    assert made.model_dump() == checked.model_dump()


def test_a_catalogue_without_settings_has_the_validated_defaults(tmp_path: Path) -> None:
    (tmp_path / "procedures.yaml").write_text(
        'municipality: {name: 館山市, code: "122050"}\nprocedures: []\n', encoding="utf-8"
    )
    catalog = load_catalog(tmp_path)
    assert catalog.settings == Settings.model_validate({})
    assert catalog.systems_file == FILE_MODELS["systems"].model_validate({})
    assert catalog.roadmap_file == FILE_MODELS["roadmap"].model_validate({})
