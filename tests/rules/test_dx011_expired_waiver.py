"""DX011 expired-waiver: waivers past their date or naming no rule; waived findings are kept apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxready.catalog.load import load_catalog
from dxready.engine.run import run
from dxready.rules import dx011_expired_waiver as rule
from dxready.rules import dx101_procedure_offline
from tests.helpers.catalogs import run_rule, write_catalog

PROCEDURES = """
procedures:
  - id: road-occupancy
    standard_no: 7
    name: 道路占用許可申請等
    status: ×
"""
SETTINGS = """
waivers:
  - {code: DX101, subject: road-occupancy, reason: 県の共同システム待ち, until: 2025-03-31}
  - {code: DX999, subject: road-occupancy, reason: 誤記}
"""


def test_expired_and_unknown_waivers_are_reported(tmp_path: Path) -> None:
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES, settings=SETTINGS), rule, "2026-11-26")
    path = tmp_path / "dxready.yaml"
    found = [(f.code, str(f.subject), str(f.location)) for f in report.findings]
    assert found == [
        ("DX011", "settings:road-occupancy", f"{path}:2:71"),
        ("DX011", "settings:road-occupancy", f"{path}:3:12"),
    ]
    expired, unknown = report.findings
    assert expired.message.en == "the waiver of DX101 for road-occupancy expired on 2025-03-31"
    assert unknown.message.ja == "ルール DX999 はありません"


def test_a_live_waiver_moves_the_finding_aside(tmp_path: Path) -> None:
    settings = "waivers:\n  - {code: DX101, subject: road-occupancy, reason: 県の共同システム待ち, until: 2027-03-31}\n"
    catalog = load_catalog(write_catalog(tmp_path, procedures=PROCEDURES, settings=settings))
    import datetime as dt

    report = run(catalog, dt.date(2026, 11, 26), rules=(dx101_procedure_offline, rule))
    assert report.findings == ()
    assert [(f.code, f.waived) for f in report.waived] == [("DX101", "県の共同システム待ち")]


def test_a_waiver_whose_subject_is_no_id_is_reported_with_the_id_meant(tmp_path: Path) -> None:
    """Review s7 F16: a mistyped subject waived nothing and nothing said so."""
    settings = "waivers:\n" + "".join(
        f"  - code: DX101\n    subject: {subject}\n    reason: 待ち\n"
        for subject in ("procedure:road-occupanc", "road-occupanc", "全く別のもの")
    )
    report = run_rule(write_catalog(tmp_path, procedures=PROCEDURES, settings=settings), rule, "2026-11-26")
    path = tmp_path / "dxready.yaml"
    assert [(f.code, str(f.location)) for f in report.findings] == [
        ("DX011", f"{path}:3:14"),
        ("DX011", f"{path}:6:14"),
        ("DX011", f"{path}:9:14"),
    ]
    typo, bare, other = report.findings
    assert typo.message.ja == (
        "DX101 の適用除外の対象 'procedure:road-occupanc' に当たる手続・システム・工程表の項目がないため、"
        "何も除外されません（'road-occupancy' の誤りですか？）"
    )
    assert bare.message.en == (
        "the waiver of DX101 names 'road-occupanc', which is no procedure, system or roadmap item: it waives "
        "nothing; did you mean 'road-occupancy'?"
    )
    assert "誤りですか" not in other.message.ja and "did you mean" not in other.message.en


def test_every_kind_of_subject_a_finding_has_is_a_live_waiver(tmp_path: Path) -> None:
    procedures = PROCEDURES + (
        "  - id: childcare\n    standard_no: 18\n    name: 子育て\n    status: unknown\n"
        "    sub_procedures:\n      - {id: childcare-01, name: 児童手当, status: ×}\n"
    )
    systems = "systems:\n  - {id: juki, name: 住基, tier: backbone}\n"
    settings = "waivers:\n" + "".join(
        f"  - {{code: DX101, subject: {subject}, reason: 待ち}}\n"
        for subject in ("road-occupancy", "childcare", "juki", "'122238'", "住民基本台帳", "standard-07")
    )
    root = write_catalog(tmp_path, procedures=procedures, systems=systems, settings=settings)
    assert run_rule(root, rule, "2026-11-26").findings == ()


def test_a_standard_procedure_waiver_is_live_and_a_sub_procedure_one_names_its_group(tmp_path: Path) -> None:
    """Review s7 diffreview F1: DX018's subject standard-07 is waived by the engine, so DX011 accepts it; a waiver
    naming a sub-procedure never matches (its findings carry the group's id), so DX011 reports it with the group."""
    procedures = (
        "procedures:\n  - id: childcare\n    standard_no: 18\n    name: 子育て\n    status: unknown\n"
        "    sub_procedures:\n      - {id: childcare-01, name: 児童手当, status: unknown}\n"
    )
    settings = "waivers:\n  - {code: DX018, subject: standard-07, reason: x}\n  - {code: DX103, subject: childcare-01, reason: x}\n"
    catalog = load_catalog(write_catalog(tmp_path, procedures=procedures, settings=settings))
    import datetime as dt

    from dxready.rules import dx018_standard_procedure_missing, dx103_status_unknown

    report = run(
        catalog, dt.date(2026, 11, 26), rules=(dx018_standard_procedure_missing, dx103_status_unknown, rule)
    )
    assert "standard-07" in {f.subject.id for f in report.waived}
    assert "childcare" in {f.subject.id for f in report.findings if f.code == "DX103"}
    (sub,) = [f for f in report.findings if f.code == "DX011"]
    assert sub.subject.id == "childcare-01"
    assert sub.message.ja == (
        "DX103 の適用除外の対象 'childcare-01' は childcare の下位手続です。指摘は childcare に出るため、"
        "何も除外されません（対象は 'childcare' と書いてください）"
    )
    assert sub.message.en.endswith("so it waives nothing (name 'childcare' instead)")


def test_init_writes_an_example_waiver_that_dx011_accepts_once_uncommented(tmp_path: Path) -> None:
    """Review s7 diffreview F2: init's dxready.yaml taught `subject: procedure:road-occupancy`, which waives nothing."""
    from tests.helpers.cli import run80

    root = tmp_path / "w"
    assert run80("init", str(root), "--name", "館山市")[0] == 0
    assert run80("check", "-c", str(root), "--select", "DX011")[0] == 0
    path = root / "dxready.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(
        "# waivers:                     # accepted findings; reason is required, until is optional"
    )
    path.write_text("\n".join(line[2:] for line in lines[start:]) + "\n", encoding="utf-8")
    code, out, err = run80("check", "-c", str(root), "--select", "DX011")
    assert (code, err) == (0, "")
    assert "DX011" not in out


def test_the_hint_compares_a_bounded_pool_sorted_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review s7 diffreview F7: each mistyped waiver ran difflib over every id, sorting them again (7.9 s of check at
    40,000 procedures and 20 waivers). The hint is still found; difflib sees at most POOL ids a waiver."""
    procedures = "procedures:\n" + "".join(
        f"  - {{id: own-{n:05d}, name: 手続{n}, status: unknown}}\n" for n in range(1, 3001)
    )
    subjects = ("own-00125x", "own-02999", "全く別のもの", "procedure:own-00150x")
    settings = "waivers:\n" + "".join(f"  - {{code: DX101, subject: '{s}', reason: x}}\n" for s in subjects)
    root = write_catalog(tmp_path, procedures=procedures, settings=settings)
    pools: list[int] = []
    real = rule.difflib.get_close_matches

    def counted(word: str, possibilities: list[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
        pools.append(len(possibilities))
        return real(word, possibilities, n=n, cutoff=cutoff)

    monkeypatch.setattr(rule.difflib, "get_close_matches", counted)
    hints = [f.message.en.partition("did you mean ")[2] for f in run_rule(root, rule, "2026-11-26").findings]
    assert hints == ["'own-00125'?", "", "'own-00150'?"]  # own-02999 is an id: no finding
    assert len(pools) == 2 and all(size <= rule.POOL for size in pools)  # not 3,000 each
