"""The page after the new-user review: ``page --compare --embedded`` as ``compare`` has it."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.pages import AS_OF, invoke


def _city(where: Path, name: str) -> Path:
    code, _, err = invoke("init", str(where), "--name", name)
    assert code == 0, err
    return where


def test_compare_page_includes_the_shipped_catalogue_with_embedded(tmp_path: Path) -> None:
    _city(tmp_path / "chiba" / "tateyama", "館山市")
    _city(tmp_path / "hiroshima" / "kure", "呉市")
    out = tmp_path / "c.html"
    args = ("page", "--compare", str(tmp_path / "chiba"), str(tmp_path / "hiroshima"), "--as-of", AS_OF)
    code, stdout, err = invoke(*args, "--embedded", "-o", str(out))
    assert code == 0, err
    assert stdout == f"{out}\n"
    text = out.read_text(encoding="utf-8")
    assert text.count('<tr data-code="') == 3
    assert '<tr data-code="122238"' in text and "鴨川市" in text
    code, _, err = invoke(*args, "-o", str(tmp_path / "without.html"))
    assert code == 0, err
    assert "鴨川市" not in (tmp_path / "without.html").read_text(encoding="utf-8")


def test_compare_page_of_the_shipped_catalogue_alone(tmp_path: Path) -> None:
    out = tmp_path / "k.html"
    code, _, err = invoke("page", "--compare", "--embedded", "--as-of", AS_OF, "-o", str(out))
    assert code == 0, err
    assert out.read_text(encoding="utf-8").count('<tr data-code="122238"') == 1


def test_embedded_goes_with_compare(tmp_path: Path) -> None:
    code, out, err = invoke("page", "--embedded", "-o", str(tmp_path / "x.html"))
    assert code == 2
    assert "--compare" in out + err and "Traceback" not in out + err
    assert not (tmp_path / "x.html").exists()


def test_page_embedded_help_is_compares() -> None:
    _, page_help, _ = invoke("page", "--help")
    _, compare_help, _ = invoke("compare", "--help")

    def option(text: str) -> list[str]:
        return next(x for x in text.splitlines() if x.strip().startswith("--embedded")).split()

    assert option(page_help) == option(compare_help)
