"""Every subject a rule's finding has is among ``finding_subjects``: DX011's "waives nothing" and the engine's waiver
matching agree (review s7 diffreview F1)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ruamel.yaml import YAML

from dxready.catalog.load import load_catalog
from dxready.catalog.walk import finding_subjects
from dxready.engine.run import run
from tests.helpers.catalogs import copy_shipped
from tests.helpers.cli import run80


def _subjects_outside(root: Path) -> set[tuple[str, str, str]]:
    catalog = load_catalog(root)
    known = finding_subjects(catalog)
    report = run(catalog, dt.date(2026, 11, 26), select=["DX"], levels=False)
    return {
        (f.code, f.subject.kind, f.subject.id)
        for f in (*report.findings, *report.waived)
        if f.subject.kind != "settings" and f.subject not in known
    }


def test_the_shipped_catalogue_has_no_finding_outside_the_subjects(tmp_path: Path) -> None:
    assert _subjects_outside(copy_shipped(tmp_path / "c")) == set()


def test_a_fresh_init_catalogue_with_a_deleted_row_has_no_finding_outside_the_subjects(
    tmp_path: Path,
) -> None:
    root = tmp_path / "w"
    assert run80("init", str(root), "--name", "館山市")[0] == 0
    path = root / "procedures.yaml"
    yaml = YAML()
    data = yaml.load(path)
    data["procedures"] = [p for p in data["procedures"] if p.get("standard_no") != 7]
    yaml.dump(data, path)
    assert _subjects_outside(root) == set()
