"""`dxready set REF --identity/--fee/--payment/--result-delivery/--back-office/--attachments/--life-event`: the facts a
readiness level depends on, recorded in place on a half-filled `init` catalogue, the level settling in `gaps`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.catalog.load import load_catalog
from dxready.cli import app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "1000"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def city(tmp_path: Path) -> Path:
    """A fresh `init` catalogue with bulky-waste (No.9) recorded ○ and nothing else about it."""
    root = tmp_path / "tateyama"
    code, _, err = _run("init", str(root), "--name", "館山市")
    assert code == 0, err
    code, _, err = _run("set", "9", "--status", "○", "--catalog", str(root))
    assert code == 0, err
    return root


def _set(root: Path, *args: str) -> tuple[int, str, str]:
    return _run("set", *args, "--catalog", str(root))


def _proc(root: Path, no: int) -> object:
    return next(p for p in load_catalog(root).procedures if p.standard_no == no)


def _level(root: Path, ident: str) -> tuple[object, object]:
    code, out, err = _run("gaps", "-f", "json", "--catalog", str(root))
    assert code == 0, err
    row = next(p for p in json.loads(out)["procedures"] if p["id"] == ident)
    return row["level"], row["level_bounds"]


def test_facts_settle_the_level_in_gaps(city: Path) -> None:
    assert _level(city, "bulky-waste") == (None, [2, 4])
    code, out, err = _set(
        city,
        "9",
        "--identity",
        "マイナンバーカード",
        "--no-fee",
        "--result-delivery",
        "電子",
        "--back-office",
        "再入力",
    )
    assert code == 0, err
    assert "本人確認: — → マイナンバーカード" in out
    assert "手数料: — → いいえ" in out
    assert "結果の交付: — → 電子" in out
    assert "後続処理: — → 再入力" in out
    assert "レベル 2–4（未確定） → 3" in out
    assert _level(city, "bulky-waste") == (3, [3, 3])
    p = _proc(city, 9)
    assert (p.identity.value, p.fee, p.result_delivery.value, p.back_office.value) == (  # type: ignore[attr-defined]
        "mynumber_card",
        False,
        "electronic",
        "rekeying",
    )


def test_values_and_words_are_both_accepted_and_written_as_given(city: Path) -> None:
    code, _, err = _set(city, "9", "--identity", "seal", "--result-delivery", "paper")
    assert code == 0, err
    text = (city / "procedures.yaml").read_text(encoding="utf-8")
    assert "identity: seal\n" in text and "result_delivery: paper" in text
    # Another spelling of a word gives the word the tool prints; full-width letters are read too.
    code, _, err = _set(city, "9", "--identity", "印鑑証明", "--back-office", "ｒｐａ")
    assert code == 0, err
    text = (city / "procedures.yaml").read_text(encoding="utf-8")
    assert "identity: 押印＋印鑑証明" in text and "back_office: rpa" in text
    assert _proc(city, 9).identity.value == "seal_certificate"  # type: ignore[attr-defined]


def test_payment_states_the_list(city: Path) -> None:
    code, out, err = _set(city, "9", "--fee", "--payment", "窓口", "--payment", "コンビニ")
    assert code == 0, err
    assert "納付方法: — → 窓口、コンビニ" in out
    assert "レベル 2–4（未確定） → 2" in out  # a fee paid only offline: level 3 is out of reach
    code, out, err = _set(city, "9", "--payment", "credit_card", "--lang", "en")
    assert code == 0, err
    assert "payment: counter, convenience_store → credit_card" in out
    assert [m.value for m in _proc(city, 9).payment] == ["credit_card"]  # type: ignore[attr-defined]


def test_block_payment_list_is_replaced_in_place_keeping_comments(city: Path) -> None:
    path = city / "procedures.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "    name_en: Bulky waste collection requests\n"
    assert anchor in text
    text = text.replace(
        anchor,
        anchor
        + "    # payment as the city's page lists it\n    payment:\n      - counter\n      - pay_easy\n",
    )
    path.write_text(text, encoding="utf-8")
    code, _, err = _set(city, "9", "--payment", "クレジットカード", "--payment", "eltax")
    assert code == 0, err
    after = path.read_text(encoding="utf-8")
    assert (
        "    # payment as the city's page lists it\n    payment:\n      - クレジットカード\n      - eltax\n"
        in after
    )
    assert after.replace("クレジットカード\n      - eltax", "counter\n      - pay_easy") == text


def test_comments_and_other_bytes_are_kept(city: Path) -> None:
    path = city / "procedures.yaml"
    before = path.read_text(encoding="utf-8")
    assert "#" in before
    code, _, err = _set(city, "9", "--identity", "none")
    assert code == 0, err
    after = path.read_text(encoding="utf-8")
    assert after.replace("    identity: none\n", "", 1) == before


def test_several_refs_and_patterns_in_one_write(city: Path) -> None:
    code, out, err = _set(city, "9", "1?", "--identity", "マイナンバーカード", "--no-fee")
    assert code == 0, err
    assert "件のうち" in out and "（書き込みは 1 回）" in out
    procedures = {p.standard_no: p for p in load_catalog(city).procedures}
    for no in (9, *range(10, 20)):
        assert procedures[no].identity.value == "mynumber_card"  # type: ignore[union-attr]
        assert procedures[no].fee is False
    assert "レベル 2–4（未確定） → 2–4（未確定）" not in out  # an unchanged span is not said


def test_attachments_none_and_life_events(city: Path) -> None:
    code, out, err = _set(
        city, "9", "--attachments", "なし", "--life-event", "引越し", "--life-event", "出生"
    )
    assert code == 0, err
    assert "添付書類: — → なし" in out and "ライフイベント: 引越し を追加" in out
    p = _proc(city, 9)
    assert p.attachments == [] and p.life_events == ["引越し", "出生"]  # type: ignore[attr-defined]
    code, out, err = _set(city, "9", "--life-event", "出生", "--life-event", "死亡")
    assert code == 0, err
    assert "ライフイベント: 出生 は既にあります" in out
    assert _proc(city, 9).life_events == ["引越し", "出生", "死亡"]  # type: ignore[attr-defined]
    code, _, err = _set(city, "9", "--attachments", "住民票")
    assert code == 2 and "--attachments" in err


def test_same_value_is_said_and_not_written(city: Path) -> None:
    code, _, err = _set(city, "9", "--identity", "マイナンバーカード")
    assert code == 0, err
    before = (city / "procedures.yaml").read_bytes()
    code, out, err = _set(city, "9", "--identity", "mynumber_card")
    assert code == 0, err
    assert "変更なし" in out and "（既にその値です）" in out
    assert (city / "procedures.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "option", "listed"),
    [
        (["--identity", "hanko"], "--identity", "マイナンバーカード"),
        (["--payment", "cash"], "--payment", "クレジットカード"),
        (["--result-delivery", "fax"], "--result-delivery", "電子"),
        (["--back-office", "manual"], "--back-office", "連携済"),
    ],
)
def test_bad_word_is_a_usage_error_listing_the_accepted_words(
    city: Path, args: list[str], option: str, listed: str
) -> None:
    before = (city / "procedures.yaml").read_bytes()
    code, out, err = _set(city, "9", *args)
    assert code == 2 and out == ""
    assert option in err and listed in err and "Traceback" not in err
    code, _, err = _set(city, "9", *args, "--lang", "en")
    assert code == 2 and "is not allowed; use one of" in err
    assert (city / "procedures.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("ref", "where"),
    [(["18/1"], "childcare/"), (["municipality"], "municipality"), (["system", "juki"], "system")],
)
def test_facts_are_refused_off_a_procedure(city: Path, ref: list[str], where: str) -> None:
    before = (city / "procedures.yaml").read_bytes()
    code, _, err = _set(city, *ref, "--no-fee")
    assert code == 2
    assert "--fee/--no-fee は手続の項目です" in err and where in err and "dxready set REF" in err
    code, _, err = _set(city, *ref, "--identity", "none", "--lang", "en")
    assert code == 2 and "--identity is a procedure's fact" in err
    assert (city / "procedures.yaml").read_bytes() == before


def test_unset_removes_a_fact_and_the_level_unsettles(city: Path) -> None:
    code, _, err = _set(city, "9", "--identity", "none", "--no-fee", "--result-delivery", "電子")
    assert code == 0, err
    code, out, err = _set(city, "9", "--unset", "identity", "--lang", "en")
    assert code == 0, err
    assert "identity removed" in out and "level 3–4 (unsettled) → 2–4 (unsettled)" in out
    assert _proc(city, 9).identity is None  # type: ignore[attr-defined]
    code, _, err = _set(city, "9", "--identity", "none", "--unset", "identity")
    assert code == 2 and "--unset identity" in err


def test_english_echo(city: Path) -> None:
    code, out, err = _set(
        city,
        "9",
        "--identity",
        "マイナンバーカード",
        "--no-fee",
        "--result-delivery",
        "electronic",
        "--lang",
        "en",
    )
    assert code == 0, err
    assert "identity: — → mynumber_card" in out and "fee: — → no" in out
    assert "level 2–4 (unsettled) → 3–4 (unsettled)" in out


def test_attachments_none_replaces_a_recorded_list(city: Path) -> None:
    path = city / "procedures.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "    name_en: Bulky waste collection requests\n"
    held = "    attachments:\n      - name: 住民票の写し\n        held_by_city: true\n"
    path.write_text(text.replace(anchor, anchor + held), encoding="utf-8")
    code, out, err = _set(city, "9", "--attachments", "none", "--lang", "en")
    assert code == 0, err
    assert "attachments: 1 item → none" in out
    assert path.read_text(encoding="utf-8") == text.replace(anchor, anchor + "    attachments: []\n")
    assert _proc(city, 9).attachments == []  # type: ignore[attr-defined]


def test_consequences_check_still_runs(city: Path) -> None:
    code, out, err = _set(city, "9", "--fee", "--payment", "窓口")
    assert code == 0, err
    assert "DX107" in out and "dxready check が新たに" in out


def test_add_takes_the_facts_too(city: Path) -> None:
    code, out, err = _run(
        "add", "own-proc", "--name", "自前の手続", "--status", "○", "--identity", "マイナンバーカード", "--no-fee",
        "--result-delivery", "電子", "--catalog", str(city),
    )  # fmt: skip
    assert code == 0, err
    assert "本人確認: — → マイナンバーカード" in out
    assert _level(city, "own-proc") == (None, [3, 4])
    code, _, err = _run("add", "system", "zz", "--no-fee", "--catalog", str(city))
    assert code == 2 and "--fee/--no-fee は手続の項目です" in err


def test_crlf_file_stays_crlf(city: Path) -> None:
    path = city / "procedures.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "    name_en: Bulky waste collection requests\n"
    text = text.replace(anchor, anchor + "    payment:\n      - counter\n      - pay_easy\n")
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    code, _, err = _set(city, "9", "--payment", "eltax", "--payment", "コンビニ", "--attachments", "none")
    assert code == 0, err
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n")
    after = data.decode("utf-8")
    assert (
        "    payment:\r\n      - eltax\r\n      - コンビニ\r\n" in after
        and "    attachments: []\r\n" in after
    )
