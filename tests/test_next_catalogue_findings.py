"""``next`` ranks procedures, systems and roadmap items. With only findings on the catalogue as a whole left (an
emptied procedures list: 21 × DX018, errors), it said 「次の一手はありません（選んだ対象に指摘がありません）」 while
``check`` failed: it now says how many such findings there are and where to see them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import run80


@pytest.fixture
def emptied(tmp_path: Path) -> Path:
    root = tmp_path / "c"
    assert run80("init", str(root), "--name", "館山市")[0] == 0
    text = (root / "procedures.yaml").read_text(encoding="utf-8")
    (root / "procedures.yaml").write_text(
        text[: text.index("procedures:")] + "procedures: []\n", encoding="utf-8"
    )
    return root


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_next_names_the_catalogue_wide_findings(emptied: Path, fmt: str) -> None:
    code, out = run80("next", "-f", fmt, "-c", str(emptied))[:2]
    assert code == 0
    flat = "".join(out.split())
    assert "選んだ対象に指摘がありません" not in flat
    assert "カタログ全体への指摘が21件（うちエラー21件）" in flat and "dxreadycheck" in flat
    code, out = run80("next", "-f", fmt, "--lang", "en", "-c", str(emptied))[:2]
    assert "21 findings on the catalogue as a whole (21 errors)" in " ".join(out.split())


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_gaps_gives_dx018s_command_whole(emptied: Path, lang: str) -> None:
    """DX018's next step named its command inside backquotes with a Japanese placeholder: gaps cut it in two
    (「元の行は ` 新しいディレクトリ --name 団体名` が作る…」 and a bare 「dxready init」)."""
    out = run80("gaps", "--lang", lang, "-c", str(emptied))[1]
    assert "`" not in out
    assert any(line.strip() == "dxready init NEW_DIR --code CODE" for line in out.splitlines())


@pytest.mark.parametrize("columns", ["80", "120"])
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_next_names_catalogue_errors_beside_its_steps(tmp_path: Path, fmt: str, columns: str) -> None:
    """A deleted standard row (DX018, an error: check fails) was mentioned only when no other step was left."""
    root = tmp_path / "c"
    assert run80("init", str(root), "--name", "館山市")[0] == 0
    text = (root / "procedures.yaml").read_text(encoding="utf-8")
    cut = text[text.index("  - id: road-occupancy") : text.index("  - id: building-confirmation")]
    (root / "procedures.yaml").write_text(text.replace(cut, ""), encoding="utf-8")
    from typer.testing import CliRunner

    from dxready.cli import app

    for lang, said in (("ja", "カタログ全体へのエラーが1件あります"), ("en", "1erroronthecatalogueasawhole")):
        result = CliRunner().invoke(
            app, ["next", "-f", fmt, "--lang", lang, "-c", str(root)], env={"COLUMNS": columns}
        )
        assert result.exit_code == 0
        flat = "".join(result.stdout.split())
        assert said in flat and "dxreadycheck" in flat
        assert "1." in result.stdout or "| 1 |" in result.stdout  # the steps are still there
