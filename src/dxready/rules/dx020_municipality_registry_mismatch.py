"""The municipality's name, code or prefecture disagrees with the national registry.

The header's ``code`` is looked up in the national registry of municipalities (全国地方公共団体コード of the 1,741
市区町村 and the wards of the designated cities); its ``name`` and ``prefecture`` must be the registry's for that code.
A code the registry does not hold is reported too. A code whose check digit is wrong is left to DX007.

Why it matters:
    ``dxready compare`` names, groups and rolls municipalities up by prefecture from their codes: a header whose name
    and code belong to two different municipalities joins one city's facts to another's name, silently.

Fails:
    municipality:
      name: 館山市
      code: "122238"
      prefecture: 千葉県

Passes:
    municipality:
      name: 鴨川市
      code: "122238"
      prefecture: 千葉県
"""

from collections.abc import Iterator

from dxready.catalog.codes import is_valid
from dxready.catalog.load import Catalog
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context

CODE = "DX020"
NAME = "municipality-registry-mismatch"
SEVERITY = Severity.warning
SUMMARY = Msg(
    "団体名・団体コード・都道府県が国の団体一覧と合わない",
    "The municipality's name, code or prefecture disagrees with the national registry",
)
DESCRIPTION_JA = (
    "見出しの `code` を国の団体一覧（1,741 市区町村と政令指定都市の区の全国地方公共団体コード）で引きます。"
    "`name` と `prefecture` はそのコードについて一覧が持つものでなければなりません。"
    "一覧にないコードも報告します。"
    "検査数字の誤ったコードは DX007 に任せます。"
)
WHY_JA = "compare は団体コードで団体を名付け、都道府県別に集計します。名前とコードが別の団体だと、事実が別の団体に結び付きます。"
NEXT_STEP = Msg(
    "団体名と団体コードを、上に示した登録簿の組と見比べ、違っている方を直してください",
    "Compare the name and code with the registry's pair shown above and correct the one that is wrong",
)


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    from dxready.catalog.municipalities import by_code, find, fold, names

    m = catalog.procedures_file.municipality
    if not is_valid(m.code):
        return
    entry = by_code(m.code)
    subject = Subject("catalog", m.code)
    if entry is None:
        named = find(m.name)
        listing = "、".join(f"{e.full_name} {e.code}" for e in named)
        listing_en = ", ".join(f"{e.full_name} {e.code}" for e in named)
        yield Finding(
            CODE,
            subject,
            Msg(
                f"団体コード {m.code} は国の団体一覧にありません"
                + (f"（{m.name} は {listing}）" if named else ""),
                f"code {m.code} is not in the national registry"
                + (f" ({m.name} is {listing_en})" if named else ""),
            ),
            "procedures",
            ("municipality", "code"),
        )
        return
    if not names(entry, m.name):
        yield Finding(
            CODE,
            subject,
            Msg(
                f"団体コード {m.code} は {entry.full_name} ですが、名前は {m.name} です",
                f"code {m.code} is {entry.full_name}, but the name is {m.name}",
            ),
            "procedures",
            ("municipality", "name"),
        )
    if m.prefecture is not None and fold(m.prefecture) != fold(entry.prefecture):
        yield Finding(
            CODE,
            subject,
            Msg(
                f"団体コード {m.code} は {entry.prefecture} ですが、prefecture は {m.prefecture} です",
                f"code {m.code} is in {entry.prefecture}, but prefecture says {m.prefecture}",
            ),
            "procedures",
            ("municipality", "prefecture"),
        )
