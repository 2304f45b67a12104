"""`dxready set`: in-place edits that keep every other byte, validated before an atomic write."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.catalog.load import LoadError, load_catalog
from dxready.catalog.models import Status
from dxready.cli import app
from dxready.commands import edit
from tests.helpers.catalogs import copy_shipped

runner = CliRunner()


def _set(catalog: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["set", *args, "--catalog", str(catalog)])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def kure(tmp_path: Path) -> Path:
    result = runner.invoke(app, ["init", str(tmp_path / "kure"), "--name", "呉市", "--code", "342025"])
    assert result.exit_code == 0
    return tmp_path / "kure"


@pytest.fixture
def kamogawa(tmp_path: Path) -> Path:
    return copy_shipped(tmp_path / "kamogawa")


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    import difflib

    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def test_init_then_a_dozen_sets_give_the_right_marks_and_rates(kure: Path) -> None:
    edits = [
        ("1", "--status", "○"),
        ("2", "--status", "一部"),
        ("3", "--status", "offline"),
        ("6", "--status", "—"),
        ("8", "--status", "not_applicable"),
        ("9", "--status", "〇", "--counts", "2022:196759:152983", "--channel", "e_application:粗大ごみ受付"),
        ("4", "--status", "online", "--channel", "eltax"),
        ("7", "--status", "×", "--note", "県の共同システム待ち"),
        ("14", "--status", "○", "--verified-on", "2024-03-31"),
        ("21", "--status", "○", "--channel", "moving_onestop"),
        ("21/1", "--status", "○"),
        ("road-occupancy", "--counts", "2023:120:0"),
        ("facility-reservation", "--counts", "R5:1000:123"),
    ]
    for args in edits:
        code, out, err = _set(kure, *args)
        assert code == 0, (args, out, err)
    catalog = load_catalog(kure)
    by_no = {p.standard_no: p for p in catalog.procedures}
    assert by_no[9].status.value == "online"
    assert by_no[9].counts[0].usage_rate == 77.8 and by_no[9].counts[0].rate is None
    assert [c.kind.value for c in by_no[9].channels] == ["e_application"]
    assert by_no[9].channels[0].name == "粗大ごみ受付"
    assert by_no[7].note == "県の共同システム待ち"
    assert str(by_no[14].verified_on) == "2024-03-31"
    assert by_no[21].sub_procedures[0].status.value == "online"

    table = runner.invoke(app, ["table", "procedures", "--catalog", str(kure), "--format", "markdown"])
    assert table.exit_code == 0
    rows = {
        cells[0]: cells for line in table.stdout.splitlines()
        if line.startswith("| ") and (cells := [c.strip() for c in line.strip("|").split("|")])[0].isdigit()
    }  # fmt: skip
    marks = {no: rows[str(no)][2] for no in (1, 2, 3, 4, 6, 7, 8, 9, 14, 21, 5)}
    assert marks == {
        1: "○",
        2: "一部",
        3: "×",
        4: "○",
        6: "—",
        7: "×",
        8: "—",
        9: "○",
        14: "○",
        21: "○",
        5: "？",
    }

    gaps = runner.invoke(app, ["gaps", "--catalog", str(kure), "--format", "json"])
    assert gaps.exit_code == 0
    summary = json.loads(gaps.stdout)["summary"]
    # The usage rate of row 2 (123 of 1,000 in 令和5年度), one decimal, below the 50 % target.
    usage = runner.invoke(app, ["gaps", "--catalog", str(kure), "--format", "markdown"])
    row2 = next(line for line in usage.stdout.splitlines() if line.startswith("| 2 |"))
    assert "12.3%" in row2
    # 19 applicable, 8 known (1 2 3 4 7 9 14 21), ○ 1 4 9 14 21: no single figure is true yet (5 of 8 = 62.5 %
    # was what this printed before); the truth lies between 5/19 (every unknown ×) and 16/19 (every unknown ○).
    assert summary["rate"] is None and summary["online_rate"] is None
    assert summary["rate_bounds"] == [26.3, 84.2] and summary["coverage"] == {
        "known": 8,
        "total": 19,
        "inferred": 0,
    }
    assert summary["rate_with_partial"] is None and summary["rate_with_partial_bounds"] == [31.6, 89.5]
    assert "26.3–84.2%（19件中8件確認）" in usage.stdout
    check = runner.invoke(app, ["check", "--catalog", str(kure)])
    assert check.exit_code == 0, check.stdout


def test_edit_keeps_every_other_byte(kamogawa: Path) -> None:
    path = kamogawa / "procedures.yaml"
    before = path.read_text(encoding="utf-8")
    code, out, _ = _set(kamogawa, "9", "--status", "○")
    assert code == 0 and "状況: × → ○" in out
    after = path.read_text(encoding="utf-8")
    removed, added = _changed_lines(before, after)
    assert removed == ["    status: ×"] and added == ["    status: ○"]


def test_status_keeps_its_trailing_comment(kamogawa: Path) -> None:
    path = kamogawa / "procedures.yaml"
    _set(kamogawa, "port-procedures", "--status", "×")
    assert "    status: ×  # shaded: 本市において該当する事務がないもの\n" in path.read_text(encoding="utf-8")


def test_new_keys_go_inside_the_entry_after_its_comments(kamogawa: Path) -> None:
    path = kamogawa / "procedures.yaml"
    before = path.read_text(encoding="utf-8")
    code, _, err = _set(kamogawa, "2", "--note", "施設予約システム", "--verified-on", "2024-04-01",
                        "--counts", "R5:1000:250")  # fmt: skip
    assert code == 0, err
    after = path.read_text(encoding="utf-8")
    removed, added = _changed_lines(before, after)
    assert removed == []
    assert added == [
        "    counts:",
        "      - fiscal_year: 2023",
        "        total: 1000",
        "        online: 250",
        "    note: 施設予約システム",
        "    verified_on: 2024-04-01",
    ]
    # After the comment lines indented under row 2, before the blank line and row 3.
    block = after.split("  - id: facility-reservation\n")[1].split("  - id: event-application")[0]
    assert block.index("current channel, so no channel is recorded.") < block.index("counts:")
    assert block.endswith("verified_on: 2024-04-01\n\n")


def test_counts_for_a_recorded_year_replace_its_figures_not_merge_them(kure: Path) -> None:
    """The echo says what the file holds: ``2023::300`` over 1,200 / 300 used to keep the total, say 変更なし and
    echo （総件数なし）; a full-year rate over a part-year one kept ``period_end`` with no way to take it off."""
    assert _set(kure, "2", "--counts", "2023:1200:300", "--counts-source", "年報")[0] == 0
    code, out, _ = _set(kure, "2", "--counts", "FY2023::300")
    out = "".join(out.split())  # the echo wraps at the runner's width
    assert code == 0 and "変更なし" not in out and "オンライン300件（総件数なし）" in out
    (entry,) = load_catalog(kure).procedures[1].counts
    assert (entry.total, entry.online, entry.source) == (None, 300, "年報")  # the source stays
    _set(kure, "2", "--counts", "2023:23.2%@2023-11-30")
    code, out, _ = _set(kure, "2", "--counts", "2023:23.2%")
    assert code == 0 and "変更なし" not in "".join(out.split())
    (entry,) = load_catalog(kure).procedures[1].counts
    assert (entry.rate, entry.period_end, entry.online) == (23.2, None, None)
    assert "変更なし" in "".join(_set(kure, "2", "--counts", "2023:23.2%")[1].split())


def test_counts_for_an_existing_year_replace_it(kamogawa: Path) -> None:
    _set(kamogawa, "9", "--counts", "2022:100:10")
    _set(kamogawa, "9", "--counts", "令和4年度:196,759:152,983", "--counts", "2023:5:5")
    counts = {int(c.fiscal_year): (c.total, c.online) for c in load_catalog(kamogawa).procedures[8].counts}
    assert counts == {2022: (196759, 152983), 2023: (5, 5)}


def test_channel_already_there_is_not_duplicated(kamogawa: Path) -> None:
    path = kamogawa / "procedures.yaml"
    before = path.read_bytes()
    code, out, _ = _set(kamogawa, "eltax-filing", "--channel", "eltax")
    assert code == 0 and "変更なし" in out
    assert path.read_bytes() == before


def test_channel_appended_in_the_lists_style(kamogawa: Path) -> None:
    _set(kamogawa, "4", "--channel", "mynaportal")
    text = (kamogawa / "procedures.yaml").read_text(encoding="utf-8")
    assert "      - kind: eltax\n        name: eLTAX\n      - kind: mynaportal\n" in text


def test_sub_procedure_by_position_and_group_follows(kamogawa: Path) -> None:
    code, out, err = _set(kamogawa, "18/3", "--status", "×")
    assert code == 0, err
    assert "childcare/childcare-03" in out and "一部" in out
    childcare = load_catalog(kamogawa).procedures[17]
    assert childcare.sub_procedures[2].status.value == "offline"
    assert childcare.status.value == "partial"  # it followed its sub-procedures: ○ → 一部
    assert runner.invoke(app, ["check", "--catalog", str(kamogawa)]).exit_code == 0


def test_an_unknown_group_follows_its_sub_procedures_only_where_they_settle_it(kure: Path) -> None:
    """A new city fills in sub-procedures; the group (unknown after init) shows their status once it is settled."""
    code, _, err = _set(kure, "20/1", "--status", "○")
    assert code == 0, err
    disaster = load_catalog(kure).procedures[19]
    assert (
        disaster.status.value == "unknown" and disaster.effective_status.value == "online"
    )  # 1 of 1: settled
    code, out, err = _set(kure, "18/3", "--status", "×")
    assert code == 0, err
    childcare = load_catalog(kure).procedures[17]
    # One fact does not decide fifteen: × 1 with 14 unknown could still be all ×, or 一部.
    assert childcare.status.value == "unknown" and childcare.effective_status.value == "unknown"
    assert "？（個別手続 × 1 / ？ 14 / 15）" in out
    code, _, err = _set(kure, "18/1", "--status", "○")
    assert code == 0, err
    childcare = load_catalog(kure).procedures[17]
    assert childcare.effective_status.value == "partial"  # ○ and ×: 一部 whatever the other 13 are
    assert runner.invoke(app, ["check", "--catalog", str(kure)]).exit_code == 0


def test_sub_procedure_by_id(kamogawa: Path) -> None:
    code, _, err = _set(kamogawa, "nursing-care/nursing-care-11", "--note", "窓口のみ")
    assert code == 0, err
    assert load_catalog(kamogawa).procedures[18].sub_procedures[10].note == "窓口のみ"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("99", "--status", "○"), "REF: 標準番号 '99' の手続はありません"),
        (("bulky-wast", "--status", "○"), "bulky-waste"),
        (("9", "--status", "done"), "--status"),
        (("9", "--verified-on", "2999-01-01"), "--verified-on"),
        (("9", "--counts", "2022:10:20"), "--counts"),
        (("9", "--counts", "2022-10-20"), "--counts"),
        (("9", "--counts", "FY1900:1:1"), "--counts"),
        (("9", "--channel", "mynaportl"), "mynaportal"),
        (("9",), "--status"),
        (("18/99", "--status", "○"), "1〜15"),
        (("1/1", "--status", "○"), "REF: library-reservation には個別手続がありません"),  # not 「1〜0」
        (("18/1", "--verified-on", "2024-03-31"), "--verified-on"),
        (("9", "--note", ""), "--unset note"),
        (("9", "--unset", "status"), "--unset"),
        (("9", "--unset", "name"), "--unset"),
        (("9", "--unset", "note", "--note", "x"), "--unset"),
        (("9", "--counts", "2022:100.5%"), "--counts"),
        (("9", "--counts", "2022:23.25%"), "--counts"),
        (("9", "--counts", "2022:10:5:3"), "--counts"),
        (("9", "--counts", "2022::5@2022-13-01"), "--counts"),
        (("9", "--as-of", "2999-01-01"), "--as-of"),
        (("9", "--source", " "), "--source"),
        (("9", "--cards", "a:1:2"), "--cards"),
        (("municipality", "--status", "○"), "--status"),
        (("municipality", "--unset", "name"), "--unset"),
        (("municipality", "--cards", "鴨川市:1:0"), "--cards"),
    ],
)
def test_bad_requests_are_refused_and_the_file_untouched(
    kamogawa: Path, args: tuple[str, ...], expected: str
) -> None:
    path = kamogawa / "procedures.yaml"
    before = path.read_bytes()
    code, _, err = _set(kamogawa, *args)
    assert code == 2
    assert expected in err
    assert "Traceback" not in err
    assert path.read_bytes() == before


def test_an_edit_that_would_be_invalid_is_refused(kamogawa: Path) -> None:
    path = kamogawa / "procedures.yaml"
    before = path.read_text(encoding="utf-8")
    # A note too long for the schema slips past nothing: the loader's validation refuses the new text.
    with pytest.raises(LoadError):
        edit.validate_text(
            before.replace("note: 15 手続", "note: " + "x" * 2001), str(path), load_catalog(kamogawa)
        )
    assert path.read_text(encoding="utf-8") == before


def test_broken_catalogue_is_not_edited(kamogawa: Path) -> None:
    path = kamogawa / "procedures.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: ×\n", "status: maybe\n", 1), encoding="utf-8"
    )
    before = path.read_bytes()
    code, _, err = _set(kamogawa, "1", "--status", "○")
    assert code == 2 and "DX003" in err
    assert path.read_bytes() == before


def test_embedded_catalogue_is_not_edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["set", "9", "--status", "○"])
    assert result.exit_code == 2
    assert "dxready init" in result.stderr and "--catalog" in result.stderr


def test_mode_bom_and_crlf_are_kept(kamogawa: Path) -> None:
    path = kamogawa / "procedures.yaml"
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    os.chmod(path, 0o640)
    code, _, err = _set(kamogawa, "9", "--status", "○", "--note", "受付開始")
    assert code == 0, err
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"    note: \xe5\x8f\x97\xe4\xbb\x98\xe9\x96\x8b\xe5\xa7\x8b\r\n" in data
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in kamogawa.iterdir() if p.name.endswith(".tmp")] == []


def test_quoted_value_keeps_its_quotes(kamogawa: Path) -> None:
    path = kamogawa / "procedures.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("note: 15 手続", "note: '15 手続'"), encoding="utf-8"
    )
    _set(kamogawa, "18", "--note", "15 手続（全て電子）")
    assert "    note: '15 手続（全て電子）'\n" in path.read_text(encoding="utf-8")


def test_failure_between_write_and_rename_leaves_the_old_file(
    kamogawa: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = kamogawa / "procedures.yaml"
    before = path.read_bytes()

    def boom(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(edit.os, "replace", boom)
    with pytest.raises(OSError):
        edit.run_set("9", catalog=kamogawa, status="○", channels=[], counts=[], note=None, verified_on=None)
    assert path.read_bytes() == before
    assert [p.name for p in kamogawa.iterdir() if p.name.endswith(".tmp")] == []


def _worker(catalog: str, ref: str, n: int) -> None:
    for i in range(n):
        edit.run_set(ref, catalog=catalog, status=None, channels=[], counts=[f"{2000 + i}:{i + 1}:{i}"], note=None,
                     verified_on=None)  # fmt: skip


def test_concurrent_sets_lose_no_update(kamogawa: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    jobs = [ctx.Process(target=_worker, args=(str(kamogawa), ref, 8)) for ref in ("7", "9", "13")]
    for job in jobs:
        job.start()
    for job in jobs:
        job.join(60)
        assert job.exitcode == 0
    by_no = {p.standard_no: p for p in load_catalog(kamogawa).procedures}
    for no in (7, 9, 13):
        assert [int(c.fiscal_year) for c in by_no[no].counts] == list(range(2000, 2008))


def test_set_works_on_a_copy_outside_the_repo(tmp_path: Path) -> None:
    # `shutil.copytree` of the shipped data is a user's catalogue, not the embedded one.
    target = tmp_path / "copy"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data", target)
    assert _set(target, "13", "--status", "○")[0] == 0


def test_flow_style_entries_are_edited_in_flow_style(tmp_path: Path) -> None:
    root = tmp_path / "flow"
    root.mkdir()
    text = (
        "municipality: {name: 呉市, code: '342025'}\n"
        "procedures:\n"
        "  - {id: bulky-waste, standard_no: 9, name: 粗大ごみ収集の申込, status: ×}  # row 9\n"
        "  - {id: moving, standard_no: 21, name: 転出・転入手続関係, status: ○,\n"
        "     sub_procedures: [{id: moving-01, name: 転出届・転入予約, status: ○}], channels: []}\n"
    )
    (root / "procedures.yaml").write_text(text, encoding="utf-8")
    code, _, err = _set(root, "9", "--status", "○", "--note", "a, b: {c}", "--counts", "2022:10:5")
    assert code == 0, err
    code, _, err = _set(root, "21", "--channel", "moving_onestop:マイナポータル, 引越し")
    assert code == 0, err
    after = (root / "procedures.yaml").read_text(encoding="utf-8")
    assert after.splitlines()[2] == (
        "  - {id: bulky-waste, standard_no: 9, name: 粗大ごみ収集の申込, status: ○, "
        'counts: [{fiscal_year: 2022, total: 10, online: 5}], note: "a, b: {c}"}  # row 9'
    )
    assert 'channels: [{kind: moving_onestop, name: "マイナポータル, 引越し"}]}' in after
    by_no = {p.standard_no: p for p in load_catalog(root).procedures}
    assert by_no[9].note == "a, b: {c}" and by_no[9].counts[0].online == 5
    assert by_no[21].channels[0].name == "マイナポータル, 引越し"


def test_a_symlinked_file_stays_a_symlink(tmp_path: Path) -> None:
    real = copy_shipped(tmp_path / "real")
    linked = tmp_path / "linked"
    linked.mkdir()
    for name in ("procedures.yaml", "systems.yaml", "roadmap.yaml"):
        (linked / name).symlink_to(real / name)
    assert _set(linked, "9", "--status", "○")[0] == 0
    assert (linked / "procedures.yaml").is_symlink()
    assert load_catalog(real).procedures[8].status.value == "online"


def test_a_group_mark_against_its_sub_procedures_is_written_and_flagged(kamogawa: Path) -> None:
    code, out, _ = _set(kamogawa, "childcare", "--status", "×")
    assert code == 0
    assert "DX008" in out
    assert load_catalog(kamogawa).procedures[17].status.value == "offline"


def test_a_channel_is_accepted_in_the_words_the_tool_prints(kure: Path) -> None:
    for word in ("マイナポータル", "ｅｌｔａｘ", "電子申請"):
        code, _, err = _set(kure, "1", "--channel", word)
        assert code == 0, err
    proc = load_catalog(kure).procedure("library-reservation")
    assert proc is not None
    kinds = [c.kind.value for c in proc.channels]
    assert kinds == ["mynaportal", "eltax", "e_application"]


def test_a_refused_status_lists_every_mark_the_tool_prints(tmp_path: Path) -> None:
    runner = CliRunner()
    city = str(tmp_path / "rn")
    assert runner.invoke(app, ["init", city, "--name", "鴨川市"]).exit_code == 0
    refused = runner.invoke(app, ["set", "9", "--status", "◎", "-c", city])
    assert refused.exit_code == 2
    assert all(f"{status.mark}（" in "".join(refused.output.split()) for status in Status)
