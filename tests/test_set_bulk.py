"""`dxready set REF...`: several references and patterns, one validation and one atomic write for all."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dxready.catalog.load import load_catalog
from dxready.cli import app
from dxready.commands import bulk
from tests.helpers.catalogs import copy_shipped

runner = CliRunner()


def _set(catalog: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(
        app, ["set", *args, "--catalog", str(catalog)], env={"COLUMNS": "1000"}
    )  # unwrapped
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def kamogawa(tmp_path: Path) -> Path:
    return copy_shipped(tmp_path / "kamogawa")


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every atomic write made by the bulk path."""
    import dxready.fsio

    seen: list[Path] = []
    real = dxready.fsio.atomic_write

    def spy(path: Path, data: bytes) -> None:
        seen.append(path)
        real(path, data)

    monkeypatch.setattr(dxready.fsio, "atomic_write", spy)
    return seen


def _by_no(root: Path) -> dict[int, object]:
    return {p.standard_no: p for p in load_catalog(root).procedures if p.standard_no is not None}


def test_sub_procedure_patterns_of_two_groups_in_one_write(kamogawa: Path, writes: list[Path]) -> None:
    before = (kamogawa / "procedures.yaml").read_text(encoding="utf-8")
    code, out, err = _set(kamogawa, "18/*", "19/*", "--status", "×")
    assert code == 0, err
    assert "26 件のうち 26 件を更新しました（書き込みは 1 回）" in out
    assert len(writes) == 1
    procedures = _by_no(kamogawa)
    for no in (18, 19):
        group = procedures[no]
        assert {s.status.value for s in group.sub_procedures} == {"offline"}  # type: ignore[attr-defined]
        assert group.status.value == "offline"  # type: ignore[attr-defined]  # the group followed them
    after = (kamogawa / "procedures.yaml").read_text(encoding="utf-8")
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b
    ]  # only status lines moved; every comment and other byte stayed
    assert len(changed) == 28
    assert all(a.replace("○", "×") == b for a, b in changed)


def test_several_numbers_verified_together(kamogawa: Path, writes: list[Path]) -> None:
    code, _, err = _set(kamogawa, "7", "9", "11", "--verified-on", "2026-04-01")
    assert code == 0, err
    assert len(writes) == 1
    procedures = _by_no(kamogawa)
    assert [procedures[n].verified_on for n in (7, 9, 11)] == [dt.date(2026, 4, 1)] * 3  # type: ignore[attr-defined]
    assert procedures[8].verified_on != dt.date(2026, 4, 1)  # type: ignore[attr-defined]


def test_id_globs_and_number_ranges(kamogawa: Path) -> None:
    code, _, err = _set(kamogawa, "*-reservation", "1[67]", "--note", "確認中")
    assert code == 0, err
    notes = {p.id: p.note for p in load_catalog(kamogawa).procedures}
    assert {k for k, v in notes.items() if v == "確認中"} == {
        "library-reservation",
        "facility-reservation",
        "absentee-ballot-request",
        "disclosure-request",
    }


@pytest.mark.parametrize(
    "args",
    [
        ("7", "zz*", "--status", "○"),  # a pattern that matches nothing
        ("7", "nope", "--status", "○"),  # an unknown id
        ("7", "9/1", "--status", "○"),  # 9 has no sub-procedures
        ("7", "9", "--status", "maybe"),  # a bad value
        ("7", "18/*", "--verified-on", "2026-04-01"),  # no verified_on on sub-procedures
    ],
)
def test_one_bad_reference_refuses_them_all(kamogawa: Path, args: tuple[str, ...]) -> None:
    before = (kamogawa / "procedures.yaml").read_bytes()
    code, out, err = _set(kamogawa, *args)
    assert code == 2, out
    assert "Traceback" not in err
    assert (kamogawa / "procedures.yaml").read_bytes() == before


def test_nothing_changed_writes_nothing(kamogawa: Path, writes: list[Path]) -> None:
    code, out, _ = _set(kamogawa, "1", "4", "--status", "○")
    assert code == 0
    assert writes == []
    assert "2 件のうち 0 件を更新しました" in out


def test_expand_keeps_order_and_drops_repeats(kamogawa: Path) -> None:
    catalog = load_catalog(kamogawa)
    refs = bulk.expand(catalog, ["20/*", "20/1", "9", "bulky-waste", "21/?"], "x")
    assert refs == ["disaster-certificate/disaster-certificate-01", "bulky-waste", "moving/moving-01"]


def test_embedded_catalogue_is_not_edited_in_bulk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DXREADY_CATALOG", raising=False)
    result = runner.invoke(app, ["set", "7", "9", "--status", "○", "--lang", "en"])
    assert result.exit_code == 2
    assert "--from-embedded" in result.stderr


_PARTS = [
    "1",
    "9",
    "18",
    "19",
    "2?",
    "1[0-3]",
    "*",
    "*-reservation",
    "nope*",
    "18/*",
    "19/1?",
    "20/1",
    "9/1",
    "zz",
]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    refs=st.lists(st.sampled_from(_PARTS), min_size=1, max_size=4),
    mark=st.sampled_from(["○", "×", "一部", "bad"]),
)
def test_bulk_either_sets_every_target_or_nothing(
    tmp_path_factory: pytest.TempPathFactory, refs: list[str], mark: str
) -> None:
    from dxready.errors import DxreadyError

    root = copy_shipped(tmp_path_factory.mktemp("b") / "c")
    before = (root / "procedures.yaml").read_bytes()
    try:
        bulk.run_set_many(
            refs, catalog=root, status=mark, channels=[], counts=[], note=None, verified_on=None
        )
    except DxreadyError:
        assert (root / "procedures.yaml").read_bytes() == before
        return
    catalog = load_catalog(root)
    for ref in bulk.expand(catalog, refs, "x"):
        head, _, sub = ref.partition("/")
        p = catalog.procedure(head)
        entry = next(s for s in p.sub_procedures if s.id == sub) if sub else p
        assert entry.status.mark == mark or (entry.sub_procedures if not sub else False), ref


def test_nothing_to_change_writes_nothing_and_says_so(kamogawa: Path, writes: list[Path]) -> None:
    assert _set(kamogawa, "18/*", "--status", "×")[0] == 0
    before = (kamogawa / "procedures.yaml").read_bytes()
    writes.clear()
    code, out, _ = _set(kamogawa, "18/*", "--status", "×")
    assert code == 0 and "15 件のうち 0 件を更新しました（書き込みなし）" in out
    assert writes == [] and (kamogawa / "procedures.yaml").read_bytes() == before


def test_an_edit_the_splicer_cannot_make_is_worded_as_single_set_words_it(tmp_path: Path) -> None:
    """A counts entry whose first key is ``total``: a published rate for its year removes total and online, and the
    two removals touch. Single set says 「この編集はできません」; bulk set said 「内部エラー（ValueError）」 (the
    last-resort handler)."""
    from tests.test_set_bulk_rounds import FLOWING

    root = copy_shipped(tmp_path / "flowing")
    text = FLOWING.replace(
        "  status: 一部\n  note: |",
        "  status: 一部\n  counts:\n  - total: 10\n    online: 5\n    fiscal_year: 2022\n  note: |",
    )
    (root / "procedures.yaml").write_text(text, encoding="utf-8")
    (root / "systems.yaml").write_text("systems: []\n", encoding="utf-8")
    (root / "roadmap.yaml").write_text("roadmap: []\n", encoding="utf-8")
    before = (root / "procedures.yaml").read_bytes()
    single = _set(root, "2", "--counts", "2022:50%")
    assert single[0] == 2 and "DX003 この編集はできません: 書き換える箇所が重なります" in single[2]
    assert "overlapping" not in single[2]  # one language per message
    for refs in (["1", "2"], ["2", "1"], ["*"]):
        code, out, err = _set(root, *refs, "--counts", "2022:50%")
        assert code == 2 and out == "" and "内部エラー" not in err, refs
        assert err == single[2]
        assert (root / "procedures.yaml").read_bytes() == before
    code, _, err = _set(root, "1", "2", "--counts", "2022:50%", "--lang", "en")
    assert code == 2 and "cannot make this edit: overlapping edits" in err
