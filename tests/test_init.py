"""`dxready init`: a new catalogue from the national registry that passes `dxready check`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxready.catalog.load import load_catalog, load_file
from dxready.catalog.registry import STANDARD_BUSINESSES, STANDARD_PROCEDURES
from dxready.catalog.settings import Settings
from dxready.cli import app

runner = CliRunner()


def _init(path: Path, *args: str) -> tuple[int, str, str]:
    # No $COLUMNS, as in a pipe: messages whole (they are fitted to the terminal otherwise; tests/test_errors.py).
    result = runner.invoke(app, ["init", str(path), *args], env={"COLUMNS": None})
    return result.exit_code, result.stdout, result.stderr


def test_init_writes_the_registry_rows_all_unknown(tmp_path: Path) -> None:
    code, out, _ = _init(tmp_path / "kure", "--name", "呉市", "--code", "342025")
    assert code == 0
    assert "呉市（342025）" in out
    catalog = load_catalog(tmp_path / "kure")
    assert catalog.procedures_file.municipality.name == "呉市"
    assert catalog.procedures_file.municipality.code == "342025"
    assert catalog.procedures_file.municipality.prefecture == "広島県"
    procedures = catalog.procedures
    assert [p.standard_no for p in procedures] == list(range(1, 22))
    assert [p.name for p in procedures] == [e.name for e in STANDARD_PROCEDURES]
    assert {p.status.value for p in procedures} == {"unknown"}
    subs = {p.standard_no: p.sub_procedures for p in procedures if p.sub_procedures}
    assert {no: len(s) for no, s in subs.items()} == {18: 15, 19: 11, 20: 1, 21: 1}
    assert {s.status.value for group in subs.values() for s in group} == {"unknown"}
    unverified = [s.name for s in subs[19] if not s.name_verified]
    assert unverified == [s.name for s in STANDARD_PROCEDURES[18].sub_procedures if not s.verified]
    assert catalog.systems == () and catalog.roadmap == ()


def test_new_catalogue_passes_check(tmp_path: Path) -> None:
    _init(tmp_path / "c", "--name", "鴨川市", "--code", "122238")
    result = runner.invoke(app, ["check", "--catalog", str(tmp_path / "c")])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "エラー 0 件" in result.stdout


def test_systems_file_lists_the_20_standardised_businesses(tmp_path: Path) -> None:
    _init(tmp_path / "c", "--name", "呉市", "--code", "342025")
    text = (tmp_path / "c" / "systems.yaml").read_text(encoding="utf-8")
    comments = [line for line in text.splitlines() if line.startswith("#")]
    for business in STANDARD_BUSINESSES:
        assert any(line.rstrip().endswith(f". {business}") for line in comments), business
    assert "systems: []" in text


def test_settings_file_is_all_defaults(tmp_path: Path) -> None:
    _init(tmp_path / "c", "--name", "呉市", "--code", "342025")
    path = tmp_path / "c" / "dxready.yaml"
    settings, _ = load_file(path, Settings)
    assert settings == Settings()
    text = path.read_text(encoding="utf-8")
    assert all(line.startswith("#") for line in text.splitlines() if line.strip())
    # Uncommenting the documented defaults gives the same settings.
    body = "\n".join(line[2:] for line in text.splitlines() if line.startswith("# ") and ":" in line)
    defaults = "\n".join(
        line for line in body.splitlines()
        if line.split(":")[0].strip() in ("targets", "usage_rate", "staleness_days", "review_cycle_years")
    )  # fmt: skip
    (tmp_path / "t.yaml").write_text(defaults, encoding="utf-8")
    parsed, _ = load_file(tmp_path / "t.yaml", Settings)
    assert parsed.targets == Settings().targets


def test_wrong_check_digit_is_refused_with_the_right_one(tmp_path: Path) -> None:
    code, _, err = _init(tmp_path / "c", "--name", "呉市", "--code", "342024")
    assert code == 2
    assert "--code" in err and "342025" in err and "DX007" not in err
    assert not (tmp_path / "c").exists()


def test_five_digits_get_the_full_code_suggested(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["init", str(tmp_path / "c"), "--name", "x", "--code", "12223", "--lang", "en"]
    )
    assert result.exit_code == 2
    assert "did you mean 122238" in result.stderr


def test_existing_files_are_never_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "c"
    target.mkdir()
    (target / "roadmap.yaml").write_bytes(b"# mine\n")
    code, _, err = _init(target, "--name", "呉市", "--code", "342025")
    assert code == 2
    assert "roadmap.yaml" in err and "上書きしません" in err
    assert err.startswith("dxready: DIR: ") and "DX001" not in err and err.count("\n") == 1  # one usage error
    assert (target / "roadmap.yaml").read_bytes() == b"# mine\n"
    assert sorted(p.name for p in target.iterdir()) == ["roadmap.yaml"]


def test_init_twice_keeps_the_first(tmp_path: Path) -> None:
    _init(tmp_path / "c", "--name", "呉市", "--code", "342025")
    before = (tmp_path / "c" / "procedures.yaml").read_bytes()
    code, _, err = _init(tmp_path / "c", "--name", "鴨川市", "--code", "122238")
    assert code == 2 and "procedures.yaml" in err
    assert (tmp_path / "c" / "procedures.yaml").read_bytes() == before


def test_name_is_data_not_yaml(tmp_path: Path) -> None:
    # A pair the registry does not know at all (349992 is no municipality) is taken as given, with a warning.
    name = "市: [x] # y"
    code, out, _ = _init(tmp_path / "c", "--name", name, "--code", "349992")
    assert code == 0
    assert "国の団体一覧にありません" in out
    assert load_catalog(tmp_path / "c").procedures_file.municipality.name == name


def test_english_message(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "c"), "--code", "342025", "--lang", "en"])
    assert result.exit_code == 0
    assert "created the catalogue of 広島県呉市 (342025)" in result.stdout
    assert "21 standard procedures (28 sub-procedures), every status unknown" in result.stdout


# --------------------------------------------------------------------------------------------------- the registry


def test_name_alone_finds_the_code(tmp_path: Path) -> None:
    code, out, _ = _init(tmp_path / "t", "--name", "館山市")
    assert code == 0, out
    assert "千葉県館山市（122050）" in out
    header = load_catalog(tmp_path / "t").procedures_file.municipality
    assert (header.name, header.code, header.prefecture) == ("館山市", "122050", "千葉県")


def test_code_alone_finds_the_name(tmp_path: Path) -> None:
    code, _out, _ = _init(tmp_path / "t", "--code", "122050")
    assert code == 0
    assert load_catalog(tmp_path / "t").procedures_file.municipality.name == "館山市"


def test_full_width_and_spaced_input_is_folded(tmp_path: Path) -> None:
    code, _, _ = _init(tmp_path / "t", "--name", "　千葉県 館山市", "--code", "１２２０５０")
    assert code == 0
    assert load_catalog(tmp_path / "t").procedures_file.municipality.code == "122050"


def test_disagreeing_pair_is_refused_naming_the_registry_pair(tmp_path: Path) -> None:
    code, _, err = _init(tmp_path / "t", "--name", "館山市", "--code", "122238")
    assert code == 2
    assert err.startswith("dxready: --code: ")  # an option the registry contradicts: no DX code, no position
    assert "122238 は 千葉県鴨川市 122238 です" in err
    assert "千葉県館山市 122050" in err
    assert not (tmp_path / "t").exists()


def test_ambiguous_name_lists_candidates_with_their_prefecture(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "t"), "--name", "府中市", "--lang", "en"])
    assert result.exit_code == 2
    assert "2 municipalities are called 府中市: 東京都府中市 132063, 広島県府中市 342084" in result.stderr
    assert not (tmp_path / "t").exists()
    code, _, err = _init(tmp_path / "t", "--name", "伊達市")
    assert code == 2 and "北海道伊達市 012335" in err and "福島県伊達市 072133" in err


def test_prefecture_or_code_settles_an_ambiguous_name(tmp_path: Path) -> None:
    assert _init(tmp_path / "a", "--name", "東京都府中市")[0] == 0
    assert load_catalog(tmp_path / "a").procedures_file.municipality.code == "132063"
    assert _init(tmp_path / "b", "--name", "府中市", "--code", "342084")[0] == 0
    assert load_catalog(tmp_path / "b").procedures_file.municipality.prefecture == "広島県"


def test_unknown_name_suggests_close_ones(tmp_path: Path) -> None:
    code, _, err = _init(tmp_path / "t", "--name", "館山")
    assert code == 2 and "千葉県館山市 122050 ではありませんか" in err


def test_neither_name_nor_code_is_refused(tmp_path: Path) -> None:
    code, _, err = _init(tmp_path / "t")
    assert code == 2 and "--name" in err


def test_code_outside_the_registry_needs_a_name(tmp_path: Path) -> None:
    code, _, err = _init(tmp_path / "t", "--code", "349992")
    assert code == 2 and "国の団体一覧にありません" in err


def test_from_embedded_copies_byte_for_byte_then_set_and_gaps_work(tmp_path: Path) -> None:
    from dxready.catalog.load import embedded_catalog

    target = tmp_path / "kamogawa"
    code, out, _ = _init(target, "--from-embedded")
    assert code == 0, out
    for file in ("procedures.yaml", "systems.yaml", "roadmap.yaml"):
        assert (target / file).read_bytes() == (embedded_catalog() / file).read_bytes()
    before = runner.invoke(
        app, ["gaps", "--catalog", str(target), "--format", "json", "--as-of", "2024-04-01"]
    )
    assert '"id": "bulky-waste"' in before.stdout
    result = runner.invoke(app, ["set", "9", "--status", "○", "--catalog", str(target)])
    assert result.exit_code == 0, result.stdout + result.stderr
    import json

    def status_of(text: str) -> str:
        data = json.loads(text)
        return next(p["status"] for p in data["procedures"] if p["standard_no"] == 9)

    after = runner.invoke(
        app, ["gaps", "--catalog", str(target), "--format", "json", "--as-of", "2024-04-01"]
    )
    assert status_of(before.stdout) == "offline"
    assert status_of(after.stdout) == "online"
    # A second copy into the same place is refused and changes nothing.
    edited = (target / "procedures.yaml").read_bytes()
    assert _init(target, "--from-embedded")[0] == 2
    assert (target / "procedures.yaml").read_bytes() == edited


def test_from_embedded_takes_no_name(tmp_path: Path) -> None:
    code, _, _ = _init(tmp_path / "t", "--from-embedded", "--name", "館山市")
    assert code == 2
    assert not (tmp_path / "t").exists()


def test_a_long_name_is_shortened_in_the_message(tmp_path: Path) -> None:
    code, _, err = _init(tmp_path / "t", "--name", "あ" * 500, "--code", "342025")
    assert code == 2 and "あ" * 59 + "…" in err and "あ" * 61 not in err


def test_full_width_code_finds_its_name(tmp_path: Path) -> None:
    code, out, _ = _init(tmp_path / "t", "--code", "１２２０５０")
    assert code == 0 and "千葉県館山市（122050）" in out


@pytest.mark.parametrize(
    ("lang", "words"),
    [("ja", "dxready init DIR --from-embedded"), ("en", "dxready init DIR --from-embedded")],
)
@pytest.mark.parametrize(
    "command",
    [
        ["gaps"],
        ["gaps", "-f", "markdown"],
        ["gaps", "-f", "json"],
        ["next"],
        ["next", "-f", "markdown"],
        ["next", "-f", "json"],
    ],
)
def test_gaps_and_next_on_the_shipped_catalogue_say_how_to_edit_a_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], lang: str, words: str
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./procedures.yaml or ./data: the embedded catalogue
    monkeypatch.delenv("DXREADY_CATALOG", raising=False)
    shipped = runner.invoke(app, [*command, "--lang", lang, "--as-of", "2024-04-01"], env={"COLUMNS": "200"})
    assert words in shipped.stdout
    assert ("同梱のカタログ" if lang == "ja" else "shipped catalogue") in shipped.stdout
    assert _init(tmp_path / "k", "--from-embedded")[0] == 0
    copy = runner.invoke(app, [*command, "--catalog", "k", "--lang", lang, "--as-of", "2024-04-01"])
    assert words not in copy.stdout  # the copy is editable: no such note


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("embedded", [False, True])
def test_the_next_step_is_a_sentence_then_one_runnable_command_a_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, embedded: bool
) -> None:
    """The review found 「次に: dxready set … ／ dxready check …」: two commands joined by a padded ／ on one line."""
    import shlex

    monkeypatch.chdir(tmp_path)
    how = ["--from-embedded"] if embedded else ["--name", "館山市"]
    result = runner.invoke(app, ["init", "tate", *how, "--lang", lang], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith(("次に:", "next:")))
    assert lines[head].endswith(("例:", "for example:")) and "dxready" not in lines[head]
    assert "／" not in result.stdout and " / " not in result.stdout
    commands = lines[head + 1 :]
    last = "gaps" if embedded else "check"
    assert commands == ["  dxready set 9 --status ○ --catalog tate", f"  dxready {last} --catalog tate"]
    for command in commands:  # each runs as shown
        ran = runner.invoke(app, [*shlex.split(command)[1:], "--lang", lang])
        assert ran.exit_code in (0, 1), ran.output


@pytest.mark.parametrize(
    ("directory", "shown"), [("呉市", "呉市"), ("my city", "'my city'"), ("a$b", "'a$b'")]
)
def test_the_next_commands_run_as_pasted_into_a_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, directory: str, shown: str
) -> None:
    """A directory the shell would split or expand is quoted in the commands to copy (and only such a one)."""
    import shlex

    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", directory, "--name", "呉市"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    commands = [line.strip() for line in result.stdout.splitlines() if line.startswith("  dxready ")]
    assert commands[-1] == f"dxready check --catalog {shown}"
    for command in commands:
        assert shlex.split(command)[-1] == directory
        assert runner.invoke(app, shlex.split(command)[1:]).exit_code in (0, 1)
