"""`set system|roadmap ID …` and `add system|roadmap ID …`: the same guarantees as `set` on procedures."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dxready.catalog.load import load_catalog
from dxready.cli import app
from tests.helpers.catalogs import copy_shipped

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def kamogawa(tmp_path: Path) -> Path:
    return copy_shipped(tmp_path / "kamogawa")


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    assert _run("init", str(tmp_path / "t"), "--name", "館山市")[0] == 0
    return tmp_path / "t"


def _diff(before: str, after: str) -> list[tuple[str, str]]:
    import difflib

    out = []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line[:2] in ("- ", "+ "):
            out.append((line[0], line[2:]))
    return out


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.iterdir()) if p.is_file()}


def test_set_system_changes_only_its_values(kamogawa: Path) -> None:
    before = (kamogawa / "systems.yaml").read_text(encoding="utf-8")
    code, out, err = _run(
        "set", "system", "koseki", "--phase", "移行", "--migration-target", "R8", "--data-input", "linked",
        "--catalog", str(kamogawa),
    )  # fmt: skip
    assert code == 0, err
    after = (kamogawa / "systems.yaml").read_text(encoding="utf-8")
    assert sorted(_diff(before, after)) == [
        ("+", "      phase: migrating"),
        ("+", "      target_fiscal_year: 令和8年度"),  # written as the file writes fiscal years
        ("+", "    data_input: linked"),
        ("-", "      phase: planning"),
        ("-", "      target_fiscal_year: 令和7年度"),
        ("-", "    data_input: manual"),
    ]
    system = next(s for s in load_catalog(kamogawa).systems if s.id == "koseki")
    assert system.migration.phase.value == "migrating" and int(system.migration.target_fiscal_year) == 2026
    # The file marks these values as inferences: the user is told, the marks are not silently dropped.
    assert "data_input は推定（inferred）と記録されたままです" in out


def test_set_system_serves_edits_the_procedure_too(kamogawa: Path) -> None:
    code, _, err = _run("set", "system", "koseki", "--serves", "bulky-waste", "--catalog", str(kamogawa))
    assert code == 0, err
    procedure = load_catalog(kamogawa).procedure("bulky-waste")
    assert "koseki" in procedure.systems


def test_set_roadmap_state_target_note_and_links(kamogawa: Path) -> None:
    code, _, err = _run(
        "set", "roadmap", "frontyard-e-contract", "--state", "実施中", "--target", "2027", "--start", "2025",
        "--note", "試行中", "--procedure", "e-bidding", "--catalog", str(kamogawa),
    )  # fmt: skip
    assert code == 0, err
    item = next(r for r in load_catalog(kamogawa).roadmap if r.id == "frontyard-e-contract")
    assert item.state.value == "in_progress"
    assert int(item.target) == 2027 and int(item.start_fiscal_year) == 2025
    assert item.note == "試行中" and "e-bidding" in item.procedures
    text = (kamogawa / "roadmap.yaml").read_text(encoding="utf-8")
    assert "target: 令和9年度" in text and "start_fiscal_year: 令和7年度" in text


@pytest.mark.parametrize(
    "args",
    [
        ("set", "system", "koseki", "--tier", "mainframe"),
        ("set", "system", "koseki", "--standard-business", "住民台帳もどき"),
        ("set", "system", "nope", "--tier", "backbone"),
        ("set", "system", "koseki", "--link", "no-such-system"),  # a dangling reference (DX005)
        ("set", "system", "koseki", "--serves", "no-such-procedure"),
        ("set", "system", "koseki", "--status", "○"),  # a procedure's option
        ("set", "system", "koseki"),  # nothing to change
        ("set", "roadmap", "frontyard-e-contract", "--state", "halfway"),
        ("set", "roadmap", "frontyard-e-contract", "--target", "someday"),
        ("set", "roadmap", "frontyard-e-contract", "--system", "nope"),
        ("set", "9", "--tier", "backbone"),  # a system's option on a procedure
        ("add", "system", "koseki", "--name", "x", "--tier", "backbone"),  # id taken
        ("add", "system", "Bad_Id", "--name", "x", "--tier", "backbone"),
        ("add", "system", "new-one", "--name", "x"),  # no tier
        ("add", "roadmap", "new-one", "--title", "x"),  # no area
        ("add", "widget", "new-one"),
        ("set", "system", "koseki", "--unset", "name"),  # required
        ("set", "system", "koseki", "--unset", "colour"),  # no such field
        ("set", "system", "koseki", "--unset", "migration.phase"),  # required inside migration
        ("set", "system", "koseki", "--unset", "vendor", "--vendor", "x"),  # set and removed at once
        ("set", "system", "koseki", "--unset", "migration", "--phase", "operating"),
        ("set", "roadmap", "frontyard-e-contract", "--unset", "title"),
        ("set", "roadmap", "frontyard-e-contract", "--unset", "note", "--note", "x"),
    ],
)
def test_refusals_leave_every_file_byte_identical(kamogawa: Path, args: tuple[str, ...]) -> None:
    before = _snapshot(kamogawa)
    code, out, err = _run(*args, "--catalog", str(kamogawa))
    assert code == 2, out
    assert "Traceback" not in err and err.strip()
    assert _snapshot(kamogawa) == before


def test_add_system_to_a_fresh_catalogue_turns_the_empty_list_into_a_block(fresh: Path) -> None:
    code, _, err = _run(
        "add", "system", "juki", "--name", "住民記録システム", "--tier", "基幹系", "--standard-business",
        "住民基本台帳", "--phase", "planning", "--migration-target", "2025", "--serves", "moving",
        "--catalog", str(fresh),
    )  # fmt: skip
    assert code == 0, err
    assert (
        _run("add", "system", "web", "--name", "Web", "--tier", "standalone", "--catalog", str(fresh))[0] == 0
    )
    text = (fresh / "systems.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 館山市 business systems")  # the guidance comments are kept
    assert "systems: []" not in text
    catalog = load_catalog(fresh)
    assert [s.id for s in catalog.systems] == ["juki", "web"]
    juki = catalog.systems[0]
    assert juki.tier.value == "backbone" and juki.standard_business == "住民基本台帳"
    assert juki.migration.phase.value == "planning" and int(juki.migration.target_fiscal_year) == 2025
    assert catalog.procedure("moving").systems == ["juki"]
    result = runner.invoke(app, ["check", "--catalog", str(fresh)])
    assert "エラー 0 件" in result.stdout


def test_add_roadmap_then_set_it(fresh: Path) -> None:
    code, _, err = _run(
        "add", "roadmap", "e-application", "--area", "1", "--title", "電子申請の拡大", "--start", "令和7年度",
        "--target", "適宜", "--procedure", "bulky-waste", "--catalog", str(fresh),
    )  # fmt: skip
    assert code == 0, err
    code, _, err = _run("set", "roadmap", "e-application", "--state", "done", "--catalog", str(fresh))
    assert code == 0, err
    (item,) = load_catalog(fresh).roadmap
    assert item.target == "recurring" and item.state.value == "done" and item.procedures == ["bulky-waste"]


def test_flow_style_entries_stay_in_flow_style(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "procedures.yaml").write_text(
        'municipality: {name: 鴨川市, code: "122238"}\nprocedures: []\n', encoding="utf-8"
    )
    (root / "systems.yaml").write_text(
        "systems:\n  - {id: a, name: A, tier: backbone}  # keep me\n", encoding="utf-8"
    )
    code, _, err = _run(
        "set", "system", "a", "--phase", "operating", "--data-input", "manual", "--catalog", str(root)
    )
    assert code == 0, err
    text = (root / "systems.yaml").read_text(encoding="utf-8")
    assert text == (
        "systems:\n  - {id: a, name: A, tier: backbone, data_input: manual, migration: {phase: operating}}  # keep me\n"
    )


def test_embedded_catalogue_is_not_edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DXREADY_CATALOG", raising=False)
    code, _, err = _run("set", "system", "koseki", "--tier", "backbone")
    assert code == 2 and "--from-embedded" in err


def test_english_messages(kamogawa: Path) -> None:
    code, out, _ = _run(
        "set",
        "roadmap",
        "frontyard-e-contract",
        "--state",
        "done",
        "--lang",
        "en",
        "--catalog",
        str(kamogawa),
    )
    assert code == 0
    assert "updated roadmap frontyard-e-contract" in out and "state: — → done" in out


# --------------------------------------------------------------------------------------------------- properties

_texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=30)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(owner=_texts, note=_texts, vendor=_texts)
def test_any_text_reads_back_exactly_or_is_refused_untouched(
    tmp_path_factory: pytest.TempPathFactory, owner: str, note: str, vendor: str
) -> None:
    from dxready.commands.edit_entities import run_set_entity
    from dxready.commands.entity_options import system_change
    from dxready.errors import DxreadyError

    root = copy_shipped(tmp_path_factory.mktemp("p") / "c")
    before = _snapshot(root)
    old = load_catalog(root)
    try:
        change = system_change(owner=owner, note=note, vendor=vendor)
        run_set_entity("system", "koseki", change, catalog=root)
    except DxreadyError:
        assert _snapshot(root) == before  # refused: every byte as it was
        return
    new = load_catalog(root)
    koseki = next(s for s in new.systems if s.id == "koseki")
    assert (koseki.owner, koseki.note, koseki.vendor) == (owner, note, vendor)
    # Every other system, the procedures and the roadmap are unchanged.
    assert [s for s in new.systems if s.id != "koseki"] == [s for s in old.systems if s.id != "koseki"]
    assert new.procedures_file == old.procedures_file and new.roadmap_file == old.roadmap_file
    after = (root / "systems.yaml").read_text(encoding="utf-8")
    comments = [
        line for line in before["systems.yaml"].decode("utf-8").splitlines() if line.lstrip().startswith("#")
    ]
    assert all(line in after.splitlines() for line in comments)


def _entity_worker(catalog: str, kind: str, ident: str, n: int) -> None:
    from dxready.commands.edit_entities import run_set_entity
    from dxready.commands.entity_options import roadmap_change, system_change

    for i in range(n):
        change = system_change(owner=f"課{i}") if kind == "system" else roadmap_change(note=f"note {i}")
        run_set_entity(kind, ident, change, catalog=catalog)


def test_concurrent_entity_edits_lose_no_update(kamogawa: Path) -> None:
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    jobs = [
        ctx.Process(target=_entity_worker, args=(str(kamogawa), "system", "koseki", 6)),
        ctx.Process(target=_entity_worker, args=(str(kamogawa), "system", "acrocity-juki-tax", 6)),
        ctx.Process(target=_entity_worker, args=(str(kamogawa), "roadmap", "frontyard-e-contract", 6)),
    ]
    for job in jobs:
        job.start()
    for job in jobs:
        job.join(120)
        assert job.exitcode == 0
    catalog = load_catalog(kamogawa)
    owners = {s.id: s.owner for s in catalog.systems}
    assert owners["koseki"] == "課5" and owners["acrocity-juki-tax"] == "課5"
    assert next(r for r in catalog.roadmap if r.id == "frontyard-e-contract").note == "note 5"


def test_label_is_the_plans_mark(fresh: Path) -> None:
    assert (
        _run(
            "add",
            "system",
            "juki",
            "--name",
            "住民記録",
            "--tier",
            "基幹系",
            "--label",
            "(ア)",
            "--catalog",
            str(fresh),
        )[0]
        == 0
    )
    code, out, err = _run("set", "system", "juki", "--label", "(イ)", "--catalog", str(fresh), "--lang", "en")
    assert code == 0 and "label: (ア) → (イ)" in out, err
    assert next(s for s in load_catalog(fresh).systems if s.id == "juki").label == "(イ)"
    code, _, err = _run("set", "roadmap", "x", "--label", "(ア)", "--catalog", str(fresh))
    assert code == 2 and "--label" in err  # a system's option, refused on a roadmap item


def test_unset_removes_optional_fields_of_a_system_keeping_everything_else(kamogawa: Path) -> None:
    before = (kamogawa / "systems.yaml").read_text(encoding="utf-8")
    code, out, err = _run(
        "set", "system", "koseki", "--unset", "label", "--unset", "migration.track", "--unset", "vendor",
        "--catalog", str(kamogawa), "--lang", "en",
    )  # fmt: skip
    assert code == 0, err
    assert out.splitlines()[1:] == [
        "  label removed",
        "  migration.track removed",
        "  vendor is not recorded",
    ]
    after = (kamogawa / "systems.yaml").read_text(encoding="utf-8")
    assert _diff(before, after) == [("-", "    label: (イ)"), ("-", "      track: standard")]  # comments kept
    koseki = next(s for s in load_catalog(kamogawa).systems if s.id == "koseki")
    assert (
        koseki.label is None and koseki.migration is not None and koseki.migration.phase.value == "planning"
    )
    code, out, _ = _run("set", "system", "koseki", "--unset", "migration", "--catalog", str(kamogawa))
    assert code == 0 and "  移行を削除" in out.splitlines()
    assert next(s for s in load_catalog(kamogawa).systems if s.id == "koseki").migration is None
    assert (
        "inferred: true"
        not in (kamogawa / "systems.yaml").read_text(encoding="utf-8").split("id: koseki")[1][:400]
    )


def test_unset_on_a_roadmap_item_and_in_flow_style(kamogawa: Path, tmp_path: Path) -> None:
    code, _, err = _run(
        "set", "roadmap", "frontyard-e-contract", "--unset", "note", "--unset", "start-fiscal-year",
        "--catalog", str(kamogawa),
    )  # fmt: skip
    assert code == 0, err
    item = next(r for r in load_catalog(kamogawa).roadmap if r.id == "frontyard-e-contract")
    assert item.note is None and item.start_fiscal_year is None and item.title.startswith("書面・押印")
    root = tmp_path / "c"
    root.mkdir()
    (root / "procedures.yaml").write_text('municipality: {name: 鴨川市, code: "122238"}\nprocedures: []\n')
    (root / "systems.yaml").write_text(
        "systems:\n  - {id: a, name: A, tier: backbone, vendor: V}  # keep me\n"
    )
    assert _run("set", "system", "a", "--unset", "vendor", "--catalog", str(root))[0] == 0
    assert (
        root / "systems.yaml"
    ).read_text() == "systems:\n  - {id: a, name: A, tier: backbone}  # keep me\n"


def test_full_width_digits_are_read_in_area_and_cards(tmp_path: Path) -> None:
    """Japanese users type １ and ３００００ (the README promises it); --area went through Typer's int and --cards
    through no normalisation, so both were refused."""
    city = tmp_path / "tateyama"
    assert runner.invoke(app, ["init", str(city), "--name", "館山市"]).exit_code == 0
    result = runner.invoke(
        app, ["add", "roadmap", "e-app", "--area", "１", "--title", "電子申請の拡大", "--catalog", str(city)]
    )
    assert result.exit_code == 0, result.output
    assert load_catalog(city).roadmap[0].area == 1
    result = runner.invoke(
        app,
        [
            "set",
            "municipality",
            "--cards",
            "館山市：３００００：４５０００",
            "--cards-as-of",
            "令和６年３月３１日",
            "--catalog",
            str(city),
        ],
    )
    assert result.exit_code == 0, result.output
    card = load_catalog(city).procedures_file.municipality.mynumber_card
    assert card is not None
    (cards,) = card.rates
    assert (cards.cards, cards.population) == (30000, 45000)
    bad = runner.invoke(app, ["add", "roadmap", "x", "--area", "一", "--title", "t", "--catalog", str(city)])
    assert bad.exit_code == 2 and "--area" in bad.stderr


def test_a_migration_fact_without_a_phase_names_the_option_that_supplies_it(fresh: Path) -> None:
    """`add system s1 --tier backbone` (no --phase), then `set system s1 --gov-cloud`: the schema needs the
    migration's phase; the message says --phase (not DX003 'phase missing' at a line the user never wrote)."""
    assert _run("add", "system", "s1", "--name", "N", "--tier", "backbone", "-c", str(fresh))[0] == 0
    before = (fresh / "systems.yaml").read_bytes()
    code, out, err = _run("set", "system", "s1", "--gov-cloud", "-c", str(fresh))
    said = " ".join(err.split())
    assert code == 2 and out == "" and "DX003" not in said
    assert said.startswith("dxready: --phase も指定してください: --gov-cloud は移行（migration）の項目で")
    code, _, err = _run("set", "system", "s1", "--no-gov-cloud", "-c", str(fresh), "--lang", "en")
    said = " ".join(err.split())
    assert code == 2 and said.startswith(
        "dxready: --phase is needed too: --no-gov-cloud belongs to the migration"
    )
    code, _, err = _run(
        "add", "system", "s2", "--name", "M", "--tier", "backbone", "--track", "difficult", "-c", str(fresh)
    )
    assert code == 2 and "--phase も指定してください: --track" in " ".join(err.split())
    assert (fresh / "systems.yaml").read_bytes() == before
    assert _run("set", "system", "s1", "--gov-cloud", "--phase", "planning", "-c", str(fresh))[0] == 0
    assert _run("set", "system", "s1", "--no-gov-cloud", "-c", str(fresh))[0] == 0  # a phase is recorded now


@pytest.mark.parametrize(
    ("kind", "ident", "said"),
    [
        ("system", "kosek", ("id 'kosek' のシステムはありません（'koseki' の誤りですか？）（", "systems.yaml。一覧: dxready table systems）")),
        ("roadmap", "nope", ("id 'nope' の工程表の項目はありません（", "roadmap.yaml。一覧: dxready table roadmap）")),
    ],
)  # fmt: skip
def test_an_unknown_id_is_the_commands_mistake(
    kamogawa: Path, kind: str, ident: str, said: tuple[str, str]
) -> None:
    """An ID that names no system or roadmap item is a mistake in the command line, worded as set's REF for a
    procedure (with the list to look in), not a catalogue finding with a rule's code."""
    code, out, err = _run("set", kind, ident, "--note", "x", "--catalog", str(kamogawa))
    assert code == 2 and out == ""
    words = "".join(err.split())  # the message as one line, whatever the terminal's width
    assert "DX005" not in err and all("".join(part.split()) in words for part in said), err
