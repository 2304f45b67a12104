"""``table systems`` says what the page says of a system's migration (review 2 of s7: R10, R11)."""

from __future__ import annotations

import re

from tests.helpers.catalogs import SHIPPED
from tests.helpers.pages import AS_OF, invoke


def _table(*extra: str, lang: str = "ja") -> str:
    code, out, err = invoke("table", "systems", "-c", str(SHIPPED), "--lang", lang, *extra)
    assert code == 0, err
    return out


def _page(lang: str = "ja") -> str:
    code, out, err = invoke("page", "-c", str(SHIPPED), "--as-of", AS_OF, "--no-trend", "--lang", lang)
    assert code == 0, err
    return out


def test_an_inferred_phase_is_marked_in_the_tables_as_on_the_page() -> None:
    """R11: the page said 計画立案（推定） where ``table systems`` (terminal and markdown) said 計画立案."""
    page = _page()
    assert "計画立案（推定）" in page
    row = next(line for line in _table("-f", "markdown").splitlines() if "(イ)" in line)
    assert "計画立案（推定） / 令和7年度" in row
    assert "計画立案（推定）" in re.sub(r"[│\s]", "", _table())
    assert "planning (inferred) / FY2025" in _table("-f", "markdown", lang="en")
