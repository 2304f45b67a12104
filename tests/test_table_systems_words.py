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


def test_an_unrecorded_phase_of_a_backbone_system_reads_unknown_not_not_applicable() -> None:
    """R10: (エ) 固定資産税土地台帳 has no recorded migration; the page showed 「—」, which its legend reads 該当なし."""
    page = _page()
    row = re.search(r'<td class="nw">\(エ\)</td>.*?</tr>', page)
    assert row is not None
    assert "？ 未記録" in row.group(0) and ">—<" not in row.group(0)
    groupware = re.search(r"グループウェア</th>.*?</tr>", page)  # 情報系: standardisation does not apply
    assert groupware is not None and ">—<" in groupware.group(0)
    assert "| 基幹系 | (エ) | 固定資産税土地台帳 |  | ？ 未記録 |" in _table("-f", "markdown")
    assert "| Backbone | (エ) | Fixed asset tax land ledger |  | ？ not recorded |" in _table(
        "-f", "markdown", lang="en"
    )
    assert "？ not recorded" in re.sub(r"<[^>]+>", "", _page("en"))
