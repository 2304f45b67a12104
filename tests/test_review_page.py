"""The page after the new-user review: ``page --compare --embedded`` as ``compare`` has it."""

from __future__ import annotations

import re
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


def _places(html: str) -> list[list[str]]:
    """The items of each 「ルールコード」 list."""
    blocks = re.findall(r"<summary>ルールコード</summary><ul>(.*?)</ul>", html)
    return [re.findall(r"<li>(.*?)</li>", block) for block in blocks]


def test_one_codes_repeats_are_one_entry_with_count(tmp_path: Path) -> None:
    """Review: 19 DX302 findings at systems.yaml:42:3 were listed 19 times; now once, with their count (and, since
    review 2 of s7, no file positions: they are for the terminal)."""
    city = _city(tmp_path / "t", "館山市")
    code, _, err = invoke(
        "add", "system", "juki", "--name", "住民記録システム", "--tier", "基幹系",
        "--standard-business", "住民基本台帳", "-c", str(city),
    )  # fmt: skip
    assert code == 0, err
    out = tmp_path / "t.html"
    code, _, err = invoke("page", "-c", str(city), "--as-of", AS_OF, "--no-trend", "-o", str(out))
    assert code == 0, err
    lists = _places(out.read_text(encoding="utf-8"))
    for items in lists:
        codes = [re.match(r"<code>(DX\d+)</code>", item).group(1) for item in items]  # type: ignore[union-attr]
        assert len(codes) == len(set(codes)), items
    dx302 = [item for items in lists for item in items if item.startswith("<code>DX302</code>")]
    assert len(dx302) == 1
    assert re.fullmatch(r"<code>DX302</code>（(\d+) 件）", dx302[0])
    assert any("（16 件）" in item for items in lists for item in items)


def test_page_compare_warns_as_compare_does_when_a_code_is_counted_twice(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dxready.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["init", str(tmp_path / "cmp" / "k"), "--from-embedded"]).exit_code == 0
    out = runner.invoke(
        app, ["page", "--compare", str(tmp_path / "cmp"), "--embedded", "-o", str(tmp_path / "c.html")]
    )
    assert out.exit_code == 0
    assert "注意: 団体コード 122238 のカタログが 2 つあります" in out.stderr
