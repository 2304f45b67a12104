"""`dxready init`: a new catalogue from the national registry that passes `dxready check`."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from dxready.catalog.load import load_catalog, load_file
from dxready.catalog.registry import STANDARD_BUSINESSES, STANDARD_PROCEDURES
from dxready.catalog.settings import Settings
from dxready.cli import app

runner = CliRunner()


def _init(path: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["init", str(path), *args])
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
    assert (target / "roadmap.yaml").read_bytes() == b"# mine\n"
    assert sorted(p.name for p in target.iterdir()) == ["roadmap.yaml"]


def test_init_twice_keeps_the_first(tmp_path: Path) -> None:
    _init(tmp_path / "c", "--name", "呉市", "--code", "342025")
    before = (tmp_path / "c" / "procedures.yaml").read_bytes()
    code, _, err = _init(tmp_path / "c", "--name", "別の市", "--code", "122238")
    assert code == 2 and "procedures.yaml" in err
    assert (tmp_path / "c" / "procedures.yaml").read_bytes() == before


def test_name_is_data_not_yaml(tmp_path: Path) -> None:
    name = "市: [x] # y"
    code, _, _ = _init(tmp_path / "c", "--name", name, "--code", "342025")
    assert code == 0
    assert load_catalog(tmp_path / "c").procedures_file.municipality.name == name


def test_english_message(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["init", str(tmp_path / "c"), "--name", "Kure", "--code", "342025", "--lang", "en"]
    )
    assert result.exit_code == 0
    assert "21 standard procedures (28 sub-procedures), every status unknown" in result.stdout
