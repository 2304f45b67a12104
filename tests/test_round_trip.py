"""export → a fresh ``init`` → import reproduces the catalogue exactly: every field of every model, compared as model
dumps; a second export is byte-identical (CSV); the workbook is read with a second library (openpyxl)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pydantic import BaseModel
from ruamel.yaml import YAML
from typer.testing import CliRunner

from dxready.catalog import models
from dxready.catalog.load import load_catalog
from dxready.cli import app
from tests.helpers.catalogs import SHIPPED, copy_shipped

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def ok(*args: str) -> str:
    code, out, err = invoke(*args)
    assert code == 0, out + err
    return out


def dumps(root: Path) -> dict[str, Any]:
    c = load_catalog(root)
    return {
        "procedures": c.procedures_file.model_dump(),
        "systems": c.systems_file.model_dump(),
        "roadmap": c.roadmap_file.model_dump(),
    }


def csv_files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def round_trip(
    source: Path, tmp_path: Path, fmt: str, *init: str, unmatched: str = "refuse", lang: str = "ja"
) -> Path:
    """export ``source`` as ``fmt`` → ``init`` a fresh catalogue → import; the fresh catalogue."""
    out = tmp_path / ("book.xlsx" if fmt == "xlsx" else "book")
    ok("export", "-f", fmt, "-o", str(out), "--catalog", str(source), "--lang", lang)
    fresh = tmp_path / f"fresh-{fmt}"
    ok("init", str(fresh), *init)
    ok("import", str(out), "--catalog", str(fresh), "--unmatched", unmatched)
    return fresh


def assert_same(source: Path, fresh: Path, tmp_path: Path) -> None:
    assert dumps(fresh) == dumps(source)
    ok("export", "-f", "csv", "-o", str(tmp_path / "a"), "--catalog", str(source))
    ok("export", "-f", "csv", "-o", str(tmp_path / "b"), "--catalog", str(fresh))
    assert csv_files(tmp_path / "b") == csv_files(tmp_path / "a")
    # And once more: nothing left to change.
    code, report, _ = invoke("import", str(tmp_path / "a"), "--catalog", str(fresh), "--dry-run")
    assert code == 0 and "変更はありません" in report, report


@pytest.mark.parametrize(("fmt", "lang"), [("xlsx", "ja"), ("csv", "ja"), ("xlsx", "en")])
def test_kamogawa_round_trips_exactly(tmp_path: Path, fmt: str, lang: str) -> None:
    fresh = round_trip(SHIPPED, tmp_path, fmt, "--name", "鴨川市", lang=lang)
    assert_same(SHIPPED, fresh, tmp_path)


def test_the_header_sheet_as_a_second_reader_sees_it(tmp_path: Path) -> None:
    out = tmp_path / "k.xlsx"
    ok("export", "-o", str(out), "--catalog", str(SHIPPED))
    rows = list(openpyxl.load_workbook(out, read_only=True)["基本情報"].iter_rows(values_only=True))
    cells = {r[0]: r[1] for r in rows[1:]}
    assert rows[0] == ("項目", "値")
    assert cells["団体コード"] == "122238" and cells["都道府県"] == "千葉県"
    assert cells["時点"] == dt.datetime(2023, 12, 31)  # a real date cell
    assert str(cells["マイナンバーカード"]).startswith("{as_of: 2023-12-31, population_as_of: 2023-01-01")
    assert len(str(cells["事実"]).splitlines()) == len(load_catalog(SHIPPED).procedures_file.facts)
    en = tmp_path / "en.xlsx"
    ok("export", "-o", str(en), "--catalog", str(SHIPPED), "--lang", "en")
    rows = list(openpyxl.load_workbook(en, read_only=True)["Catalogue"].iter_rows(values_only=True))
    assert rows[0] == ("Field", "Value") and rows[1] == ("Municipality", "鴨川市")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_half_filled_catalogue_of_another_city_round_trips(tmp_path: Path, fmt: str) -> None:
    city = tmp_path / "tateyama"
    ok("init", str(city), "--name", "館山市")
    ok("set", "9", "--status", "○", "--channel", "e_application:ちば電子申請", "--catalog", str(city))
    ok(
        "set",
        "1",
        "--status",
        "一部",
        "--note",
        "＝蔵書検索は別",
        "--verified-on",
        "2025-04-01",
        "--catalog",
        str(city),
    )
    ok("set", "1", "--counts", "2023:1200:300", "--counts", "2024::410", "--catalog", str(city))
    ok("set", "18/childcare-01", "--status", "○", "--catalog", str(city))
    ok("set", "20", "--status", "—", "--inferred", "--catalog", str(city))
    ok(
        "set",
        "municipality",
        "--cards",
        "館山市:30000:45000",
        "--cards-as-of",
        "2025-03-31",
        "--catalog",
        str(city),
    )
    ok("add", "system", "juki", "--name", "住民記録システム", "--tier", "基幹系", "--catalog", str(city))
    ok(
        "set",
        "system",
        "juki",
        "--phase",
        "migrating",
        "--migration-target",
        "2025",
        "--vendor",
        "A社",
        "--catalog",
        str(city),
    )
    ok("add", "roadmap", "portal", "--title", "ぴったりサービスの拡充", "--area", "1", "--catalog", str(city))
    # Values a fresh init has but this catalogue lacks: export says （なし）, so import takes them away too.
    ok("set", "9", "--unset", "name_en", "--catalog", str(city))
    ok("set", "municipality", "--unset", "prefecture", "--catalog", str(city))
    fresh = round_trip(city, tmp_path, fmt, "--name", "館山市")
    assert_same(city, fresh, tmp_path)
    assert load_catalog(fresh).procedures_file.municipality.code == "122050"


# --------------------------------------------------------------------------------------------------- every field


def _full(root: Path) -> None:
    """Kamogawa with every optional field of every model given somewhere (checked by _covered)."""
    c = load_catalog(root)
    pf, sf, rf = c.procedures_file, c.systems_file, c.roadmap_file
    card = pf.municipality.mynumber_card
    municipality = pf.municipality.model_copy(
        update={
            "counts": [
                models.CityCounts(
                    fiscal_year=2023,
                    procedures=120,
                    total=5000,
                    online=900,
                    period_end=dt.date(2024, 3, 31),
                    source="条例に基づく公表",
                ),
                models.CityCounts(fiscal_year=2024, rate=21.5),
            ],
            "sources": ["https://example.jp/plan.pdf", '=HYPERLINK("http://x")'],
            "mynumber_card": card,
        }
    )
    facts = [
        pf.facts[0].model_copy(update={"since_fiscal_year": 2023, "roadmap": [rf.roadmap[0].id]}),
        *pf.facts[1:],
    ]
    p0, p18 = pf.procedures[0], pf.procedures[17]
    full = p0.model_copy(
        update={
            "identity": models.Identity.mynumber_card,
            "fee": True,
            "payment": [models.Payment.credit_card, models.Payment.pay_easy],
            "attachments": [
                models.Attachment(name="住民票の写し", held_by_city=True),
                models.Attachment(name="-旧様式", abolished=True),
            ],
            "result_delivery": models.ResultDelivery.electronic,
            "back_office": models.BackOffice.rpa,
            "life_events": ["引越し", "出産"],
            "counts": [
                models.Counts(fiscal_year=2023, total=100, online=20, source="市HP"),
                models.Counts(fiscal_year=2024, rate=23.2, period_end=dt.date(2024, 11, 30)),
            ],
            "target_fiscal_year": 2026,
            "owner": "生涯学習課",
            "note": "@メモ, with a comma: and colon",
            "as_of": dt.date(2024, 3, 31),
            "verified_on": dt.date(2024, 4, 1),
            "sources": ["計画 p.3", "https://example.jp/a?b=1#c"],
            "inferred": ["status", "identity"],
            "channels": [
                models.Channel(
                    kind=models.ChannelKind.dedicated,
                    name="OPAC",
                    since=dt.date(2020, 4, 1),
                    inferred=True,
                    note="Web予約 | 蔵書検索",
                ),
                models.Channel(kind=models.ChannelKind.mynaportal),
            ],
        }
    )
    sub = p18.sub_procedures[0].model_copy(
        update={
            "name_en": None,
            "name_verified": False,
            "note": "個別の備考",
            "counts": [models.Counts(fiscal_year=2023, total=815, online=426)],
            "inferred": ["status"],
            "channels": [models.Channel(kind=models.ChannelKind.mynaportal, note="ぴったり")],
        }
    )
    own = models.Procedure(
        id="own-001",
        name="自団体の手続",
        name_en="Own",
        status=models.Status.offline,
        fee=False,
        owner="総務課",
    )
    procedures = [
        full,
        *pf.procedures[1:17],
        p18.model_copy(update={"sub_procedures": [sub, *p18.sub_procedures[1:]]}),
    ]
    procedures += [*pf.procedures[18:], own]
    s0 = sf.systems[0]
    systems = [
        s0.model_copy(
            update={
                "standard_business": "住民基本台帳",
                "migration": models.Migration(
                    phase=models.Phase.migrating,
                    target_fiscal_year=2025,
                    track=models.Track.difficult,
                    gov_cloud=True,
                    inferred=True,
                ),
                "links": [sf.systems[1].id],
                "owner": "市民課",
                "vendor": "ベンダーA",
                "note": "備考",
                "inferred": ["standard_business"],
            }
        ),
        *sf.systems[1:],
    ]
    r0 = rf.roadmap[0]
    roadmap = [
        r0.model_copy(
            update={
                "no": 3,
                "start_fiscal_year": 2024,
                "target": "recurring",
                "review_fiscal_year": 2027,
                "review_cycle_years": 3,
                "last_reviewed": dt.date(2025, 1, 15),
                "state": models.RoadmapState.in_progress,
                "procedures": [p0.id],
                "systems": [s0.id],
                "owner": "企画政策課",
                "note": "メモ",
                "inferred": ["state"],
            }
        ),
        *rf.roadmap[1:],
    ]
    out = YAML(typ="safe", pure=True)
    out.allow_unicode = True
    out.width = 4096
    out.default_flow_style = False
    files = {
        "procedures": pf.model_copy(
            update={"municipality": municipality, "facts": facts, "procedures": procedures}
        ),
        "systems": sf.model_copy(update={"systems": systems}),
        "roadmap": rf.model_copy(update={"roadmap": roadmap}),
    }
    for name, model in files.items():
        with (root / f"{name}.yaml").open("w", encoding="utf-8") as fh:
            out.dump(model.model_dump(mode="json", exclude_defaults=True), fh)


def _covered(value: Any, found: set[tuple[str, str]]) -> None:
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            v = getattr(value, name)
            if v != info.get_default(call_default_factory=True):
                found.add((type(value).__name__, name))
            _covered(v, found)
    elif isinstance(value, list | tuple):
        for v in value:
            _covered(v, found)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_every_field_of_every_model_round_trips(tmp_path: Path, fmt: str) -> None:
    source = copy_shipped(tmp_path / "full")
    _full(source)
    catalog = load_catalog(source)
    found: set[tuple[str, str]] = set()
    for model in (catalog.procedures_file, catalog.systems_file, catalog.roadmap_file):
        _covered(model, found)
    classes = {
        type(m).__name__: type(m)
        for m in (catalog.procedures_file, catalog.systems_file, catalog.roadmap_file)
    }
    every = {
        (cls.__name__, name)
        for cls in (
            *classes.values(),
            models.Municipality,
            models.MynumberCard,
            models.CardRate,
            models.CityCounts,
            models.Fact,
            models.Procedure,
            models.SubProcedure,
            models.Channel,
            models.Counts,
            models.Attachment,
            models.System,
            models.Module,
            models.Migration,
            models.Area,
            models.RoadmapItem,
        )
        for name in cls.model_fields
        if name != "schema_version"
    }
    assert every - found == set()  # the source gives every field a value somewhere
    fresh = round_trip(source, tmp_path, fmt, "--name", "鴨川市", unmatched="add")
    assert_same(source, fresh, tmp_path)


# --------------------------------------------------------------------------------------------------- marks, formulas


def test_inference_marks_follow_the_sheet_both_ways(tmp_path: Path) -> None:
    root = copy_shipped(tmp_path / "k")
    book_path = tmp_path / "k.xlsx"
    ok("export", "-o", str(book_path), "--catalog", str(root))
    book = openpyxl.load_workbook(book_path)
    procedures, systems = book["手続"], book["システム"]
    assert procedures["X2"].value == "systems" and procedures["E2"].value.startswith("dedicated | inferred")
    procedures["X2"] = "（なし）"  # library-reservation: no field inferred any more
    procedures["E2"] = procedures["E2"].value.replace(" | inferred", "")  # its channel is a fact now
    procedures["X3"] = "status"  # facility-reservation: its status becomes the author's inference
    assert systems["L2"].value == "data_input, migration"
    systems["L2"] = "data_input"  # acrocity-juki-tax: the migration is a fact now
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    before = (root / "procedures.yaml").read_text(encoding="utf-8")
    out = ok("import", str(edited), "--catalog", str(root))
    assert "推定を更新" in out and "チャネルを更新" in out
    c = load_catalog(root)
    library, facility = c.procedure("library-reservation"), c.procedure("facility-reservation")
    assert library is not None and facility is not None
    assert library.inferred == [] and not library.channels[0].inferred
    assert library.channels[0].note is not None  # the rest of the channel as it was
    assert facility.inferred == ["status"]
    juki = c.systems[0]
    assert juki.inferred == ["data_input"] and juki.migration is not None and not juki.migration.inferred
    after = (root / "procedures.yaml").read_text(encoding="utf-8")
    # Every comment is kept but the two inside the channel list that was rewritten (one item a line, flow text).
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    lost = [line for line in comments if line not in after.splitlines()]
    assert len(lost) == 2 and "OPAC" in lost[1], lost
    assert "    channels:\n      - {kind: dedicated, note: " in after


def test_formula_looking_values_in_the_new_cells_are_inert_and_come_back(tmp_path: Path) -> None:
    root = copy_shipped(tmp_path / "k")
    text = (root / "procedures.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  plan: .*$", '  plan: "@cmd|calc"', text, count=1)
    text = text.replace("    standard_no: 1\n", '    standard_no: 1\n    owner: "=SUM(A1:A9)"\n', 1)
    (root / "procedures.yaml").write_text(text, encoding="utf-8")
    source = load_catalog(root)
    assert source.procedures[0].owner == "=SUM(A1:A9)"
    xlsx = tmp_path / "k.xlsx"
    ok("export", "-o", str(xlsx), "--catalog", str(root))
    book = openpyxl.load_workbook(xlsx)
    owner = book["手続"]["V2"]
    assert owner.value == "=SUM(A1:A9)" and owner.data_type == "s" and owner.quotePrefix
    plan = next(r for r in book["基本情報"].iter_rows() if r[0].value == "計画")[1]
    assert plan.value == "@cmd|calc" and plan.data_type == "s" and plan.quotePrefix
    ok("export", "-f", "csv", "-o", str(tmp_path / "csv"), "--catalog", str(root))
    rows = (tmp_path / "csv" / "手続.csv").read_text(encoding="utf-8-sig")
    assert ",'=SUM(A1:A9)," in rows
    for book_path, fmt in ((xlsx, "xlsx"), (tmp_path / "csv", "csv")):
        fresh = tmp_path / f"fresh-{fmt}"
        ok("init", str(fresh), "--name", "鴨川市")
        ok("import", str(book_path), "--catalog", str(fresh))
        assert dumps(fresh) == dumps(root)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_empty_list_is_a_fact_and_comes_back_as_one(tmp_path: Path, fmt: str) -> None:
    """``attachments: []`` (none needed) is a recorded fact that settles a level; no ``attachments`` is an unknown.
    Export wrote both as a blank cell, so the round trip lost the fact and the level fell from 4 to 3–4 (unsettled)."""
    city = tmp_path / "tateyama"
    ok("init", str(city), "--name", "館山市")
    ok(
        "set", "7", "--status", "○", "--identity", "マイナンバーカード", "--no-fee", "--result-delivery", "電子",
        "--back-office", "連携済", "--attachments", "none", "--catalog", str(city),
    )  # fmt: skip
    path = city / "procedures.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("    attachments: []\n") == 1
    path.write_text(
        text.replace("    attachments: []\n", "    attachments: []\n    payment: []\n    life_events: []\n")
    )
    before = load_catalog(city).procedures[6]
    assert (before.attachments, before.payment, before.life_events) == ([], [], [])
    fresh = round_trip(city, tmp_path, fmt, "--name", "館山市")
    assert_same(city, fresh, tmp_path)
    after = load_catalog(fresh).procedures
    assert (after[6].attachments, after[6].payment, after[6].life_events) == ([], [], [])
    assert after[7].attachments is None and after[7].payment is None  # unknown stays unknown
    assert "レベル" not in ok("diff", str(city), str(fresh))
