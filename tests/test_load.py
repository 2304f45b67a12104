"""The loader: shipped data, bad input of every kind, located messages, the C parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxready.catalog.load import LoadError, load_catalog
from tests.helpers.catalogs import SHIPPED, copy_shipped

HEADER = 'municipality:\n  name: テスト市\n  code: "122238"\n'


def _write(tmp_path: Path, text: str | bytes, name: str = "procedures.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return tmp_path


def _problem(tmp_path: Path) -> tuple[str, int, int, str]:
    """The first problem of the catalogue as commands load it (the loader, then the integrity rules)."""
    from dxready.engine.integrity import load

    with pytest.raises(LoadError) as info:
        load(tmp_path)
    p = info.value.problems[0]
    return p.code, p.location.line, p.location.column, p.message.en


def test_shipped_catalogue_loads() -> None:
    catalog = load_catalog(SHIPPED)
    assert len(catalog.procedures) == 21
    assert catalog.procedures_file.municipality.code == "122238"


def test_c_parser_is_in_use(monkeypatch: pytest.MonkeyPatch) -> None:
    """ruamel.yaml no longer installs its C parser by itself: the loader must be on ruamel.yaml.clib's CParser."""
    import _ruamel_yaml
    from _ruamel_yaml import CParser

    from dxready.catalog import yaml

    assert yaml.c_parser() is CParser
    assert _ruamel_yaml.__file__.endswith((".so", ".pyd"))  # compiled, not a pure-Python stand-in
    made: list[object] = []

    def spy() -> object:
        made.append(CParser)
        return CParser

    monkeypatch.setattr(yaml, "c_parser", spy)
    load_catalog(SHIPPED)
    assert made  # every catalogue file went through it


def test_syntax_error_is_located(tmp_path: Path) -> None:
    code, line, _, msg = _problem(_write(tmp_path, HEADER + "procedures: [\n  - id: x\n"))
    assert code == "DX001" and line >= 4 and "syntax" in msg


def test_tab_indentation(tmp_path: Path) -> None:
    code, line, _, msg = _problem(_write(tmp_path, HEADER + "procedures:\n\t- id: x\n"))
    assert code == "DX001" and line == 5 and "tab" in msg.lower()


def test_unknown_key_suggests(tmp_path: Path) -> None:
    text = HEADER + "procedures:\n  - id: lib\n    name: 図書館\n    stauts: ○\n"
    code, line, col, msg = _problem(_write(tmp_path, text))
    assert (code, line, col) == ("DX003", 7, 5)
    assert "did you mean 'status'" in msg


def test_wrong_type_is_located(tmp_path: Path) -> None:
    text = HEADER + "procedures:\n  - id: lib\n    name: 図書館\n    status: ○\n    standard_no: first\n"
    code, line, col, _ = _problem(_write(tmp_path, text))
    assert (code, line, col) == ("DX003", 8, 18)


def test_bad_status_lists_expected(tmp_path: Path) -> None:
    text = HEADER + "procedures:\n  - id: lib\n    name: 図書館\n    status: done\n"
    code, line, col, msg = _problem(_write(tmp_path, text))
    assert (code, line, col) == ("DX003", 7, 13)
    assert "○" in msg and "online" in msg


def test_duplicate_key(tmp_path: Path) -> None:
    text = HEADER + "procedures:\n  - id: lib\n    name: 図書館\n    status: ○\n    status: ×\n"
    assert _problem(_write(tmp_path, text))[:3] == ("DX002", 8, 5)


def test_duplicate_id(tmp_path: Path) -> None:
    item = "  - id: lib\n    name: 図書館\n    status: ○\n"
    code, line, col, msg = _problem(_write(tmp_path, HEADER + "procedures:\n" + item + item))
    assert (code, line, col) == ("DX004", 8, 9)
    assert "procedures.yaml:5:9" in msg


def test_dangling_reference_suggests(tmp_path: Path) -> None:
    _write(
        tmp_path,
        HEADER + "procedures:\n  - id: lib\n    name: 図書館\n    status: ○\n    systems: [libary]\n",
    )
    _write(
        tmp_path,
        "systems:\n  - id: library\n    name: 図書館管理システム\n    tier: standalone\n",
        "systems.yaml",
    )
    code, line, col, msg = _problem(tmp_path)
    assert (code, line, col) == ("DX005", 8, 15)
    assert "did you mean 'library'" in msg


def test_cp932_file_gets_resave_advice(tmp_path: Path) -> None:
    code, _, _, msg = _problem(_write(tmp_path, (HEADER + "procedures: []\n# 図書館\n").encode("cp932")))
    assert code == "DX001" and "Shift_JIS" in msg and "UTF-8" in msg


def test_nul_bytes_are_refused(tmp_path: Path) -> None:
    code, line, _, msg = _problem(_write(tmp_path, HEADER.encode() + b"procedures: []\n\x00\x01"))
    assert (code, line) == ("DX001", 5) and "NUL" in msg


def test_utf16_is_recognised(tmp_path: Path) -> None:
    code, _, _, msg = _problem(_write(tmp_path, (HEADER + "procedures: []\n").encode("utf-16")))
    assert code == "DX001" and "UTF-16" in msg


def test_alias_bomb_is_bounded(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    code, _, _, msg = _problem(_write(tmp_path, "\n".join(lines) + "\n"))
    assert code == "DX001" and "alias" in msg


def test_empty_file_says_what_is_missing(tmp_path: Path) -> None:
    code, line, col, msg = _problem(_write(tmp_path, ""))
    assert (code, line, col) == ("DX003", 1, 1) and "municipality" in msg


def test_list_where_mapping_belongs(tmp_path: Path) -> None:
    code, line, col, msg = _problem(_write(tmp_path, "- id: lib\n- id: other\n"))
    assert (code, line, col) == ("DX003", 1, 1) and "mapping" in msg


def test_missing_catalogue(tmp_path: Path) -> None:
    code, _, _, msg = _problem(tmp_path / "nowhere")
    assert code == "DX001" and "not found" in msg
    assert _problem(tmp_path)[3] == "file not found"


def test_ten_megabyte_file_is_refused_quickly(tmp_path: Path) -> None:
    code, line, col, msg = _problem(_write(tmp_path, HEADER + "# " + "x" * (10 * 1024 * 1024) + "\n"))
    # The whole file is at fault: no position is shown (never a made-up :1:1).
    assert (code, line, col) == ("DX001", 0, 0) and "too large" in msg


def test_bom_and_crlf_copy_of_shipped_catalogue_passes(tmp_path: Path) -> None:
    copy_shipped(tmp_path)
    for path in tmp_path.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    catalog = load_catalog(tmp_path)
    assert [p.status.mark for p in catalog.procedures] == [
        p.status.mark for p in load_catalog(SHIPPED).procedures
    ]


def test_unsupported_tag(tmp_path: Path) -> None:
    code, line, _, msg = _problem(_write(tmp_path, HEADER + "procedures: !!python/object:os.system []\n"))
    assert (code, line) == ("DX001", 4) and "not supported" in msg


def test_multiple_documents(tmp_path: Path) -> None:
    code, line, _, _ = _problem(_write(tmp_path, HEADER + "procedures: []\n---\nprocedures: []\n"))
    assert code == "DX001" and line == 5


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [("yes", "yes"), ("on", "on"), ("no", "no"), ("'0123'", "0123"), ("1:20", "1:20")],
)
def test_yaml_1_2_scalars_stay_strings(tmp_path: Path, scalar: str, expected: str) -> None:
    """YAML 1.2, not 1.1: yes/no/on are strings, 1:20 is not base-60 (the same as `set`'s round-trip parser)."""
    _write(tmp_path, HEADER + f"procedures:\n  - id: lib\n    name: {scalar}\n    status: ○\n")
    assert load_catalog(tmp_path).procedures[0].name == expected


def test_invalid_date_is_located(tmp_path: Path) -> None:
    text = HEADER + "as_of: 2023-02-30\nprocedures: []\n"
    assert _problem(_write(tmp_path, text))[:3] == ("DX001", 4, 8)


def test_settings_unknown_key_is_located(tmp_path: Path) -> None:
    copy_shipped(tmp_path)
    (tmp_path / "dxready.yaml").write_text("targets:\n  usage_rat: 40\n", encoding="utf-8")
    code, line, col, msg = _problem(tmp_path)
    assert (code, line, col) == ("DX003", 2, 3) and "usage_rate" in msg
