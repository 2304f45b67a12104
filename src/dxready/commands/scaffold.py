"""``dxready init``: a new municipality's catalogue from the national registry, every status ``unknown``.

The files are written from text templates (not dumped from models) so that they carry the comments a catalogue owner
needs to fill them in. Existing files are never overwritten: each file is created exclusively, and nothing is written
unless every file can be.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from dxready.catalog import codes
from dxready.catalog.load import UNREADABLE, LoadError, Problem
from dxready.catalog.registry import STANDARD_BUSINESSES, STANDARD_PROCEDURES
from dxready.errors import DxreadyError, UsageError
from dxready.findings import Location, Msg

# 都道府県コード (JIS X 0401), the first two digits of a 全国地方公共団体コード.
PREFECTURES: tuple[str, ...] = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
    "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
    "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)  # fmt: skip

# Stable ids for the 21 standard rows, the same as the shipped catalogue's, so that catalogues compare by id too.
STANDARD_IDS: dict[int, str] = {
    1: "library-reservation",
    2: "facility-reservation",
    3: "event-application",
    4: "eltax-filing",
    5: "water-service-start",
    6: "port-procedures",
    7: "road-occupancy",
    8: "building-confirmation",
    9: "bulky-waste",
    10: "industrial-waste-report",
    11: "dog-registration",
    12: "infection-report",
    13: "staff-recruitment",
    14: "bid-qualification",
    15: "e-bidding",
    16: "absentee-ballot-request",
    17: "disclosure-request",
    18: "childcare",
    19: "nursing-care",
    20: "disaster-certificate",
    21: "moving",
}

FILES = ("procedures.yaml", "systems.yaml", "roadmap.yaml", "dxready.yaml")


def _fail(where: str, ja: str, en: str, code: str = UNREADABLE) -> DxreadyError:
    """An option's problem (``where`` is ``--code`` …) is a UsageError; a path's is a catalogue problem."""
    if where.startswith("--"):
        return UsageError(where, Msg(ja, en))
    return LoadError([Problem(code, Location(where), Msg(ja, en))])


def check_code(code: str) -> str:
    """The 6-digit code with a correct check digit, or UsageError (--code) saying what is wrong (full width folded)."""
    text = unicodedata.normalize("NFKC", code).strip()
    if len(text) == 5 and text.isascii() and text.isdigit():
        full = text + str(codes.check_digit(text))
        raise _fail(
            "--code",
            f"団体コード {text!r} は5桁です。検査数字を付けた6桁で指定してください（{full} ではありませんか）",
            f"code {text!r} has 5 digits; give all 6 with the check digit (did you mean {full}?)",
        )
    if not (len(text) == 6 and text.isascii() and text.isdigit()):
        raise _fail(
            "--code",
            f"団体コード {text!r} は6桁の数字で指定してください（例: 342025）",
            f"code {text!r} must be 6 digits (e.g. 342025)",
        )
    if not codes.is_valid(text):
        right = text[:5] + str(codes.check_digit(text[:5]))
        raise _fail(
            "--code",
            f"団体コード {text} の検査数字が違います（{text[:5]} の検査数字は {right[5]}、つまり {right}）",
            f"code {text}: wrong check digit ({text[:5]} takes {right[5]}, i.e. {right})",
        )
    if not 1 <= int(text[:2]) <= len(PREFECTURES):
        raise _fail(
            "--code",
            f"団体コード {text} の都道府県部分 {text[:2]} は 01〜47 ではありません",
            f"code {text}: prefecture part {text[:2]} is not 01–47",
        )
    return text


def prefecture_of(code: str) -> str:
    return PREFECTURES[int(code[:2]) - 1]


def procedures_text(name: str, code: str) -> str:
    from dxready.commands.edit import scalar

    lines = [
        f"# {_comment(name)} procedure catalogue (dxready).",
        "#",
        "# Created by `dxready init` from the national registry: the 21 rows of 「地方公共団体（市町村）が優先的に",
        "# オンライン化を推進すべき手続」 with their sub-procedures. Every status is `unknown` until you record it:",
        "#   dxready set 9 --status ○            (a standard number or an id; REF/SUB for a sub-procedure)",
        "#   dxready set 9 --counts 2023:1200:300 --verified-on 2024-03-31",
        "# status: online ○ | partial 一部 | offline × | not_applicable — (no such affair here) | unknown",
        "# `dxready check` validates the catalogue; `dxready gaps` shows what is not online yet.",
        "",
        "schema_version: 1",
        "municipality:",
        f"  name: {scalar(name)}",
        f'  code: "{code}"',
        f"  prefecture: {prefecture_of(code)}",
        "",
        "# as_of: 2025-03-31  # the date the statuses below describe",
        "",
        "procedures:",
    ]
    for entry in STANDARD_PROCEDURES:
        ident = STANDARD_IDS[entry.no]
        lines += [
            f"  - id: {ident}",
            f"    standard_no: {entry.no}",
            f"    name: {scalar(entry.name)}",
            f"    name_en: {scalar(entry.name_en)}",
            "    status: unknown",
        ]
        if entry.sub_procedures:
            lines.append(f"    note: {len(entry.sub_procedures)} 手続  # 備考, as plans write it")
            lines.append("    sub_procedures:")
            for n, sub in enumerate(entry.sub_procedures, start=1):
                lines += [
                    f"      - id: {ident}-{n:02d}",
                    f"        name: {scalar(sub.name)}",
                    "        status: unknown",
                ]
                if not sub.verified:
                    lines.append(
                        "        name_verified: false  # the national list's wording is not confirmed"
                    )
        lines.append("")
    return "\n".join(lines)


def systems_text(name: str) -> str:
    businesses = "\n".join(f"#   {n:2d}. {b}" for n, b in enumerate(STANDARD_BUSINESSES, start=1))
    return f"""# {_comment(name)} business systems (dxready).
#
# tier: backbone 基幹系 | intranet 情報系（イントラ系） | standalone 独立系
# Give each system (or each module of a suite) the standardised business it serves, with `standard_business`,
# so that `dxready gaps` can tell which of the 20 standardised businesses (令和4年政令第1号) no system covers yet:
#
{businesses}
#
# An entry looks like this (copy it below `systems:` and replace `[]` by the list):
#
#   - id: juki
#     name: 住民記録システム
#     tier: backbone
#     standard_business: 住民基本台帳
#     migration:
#       phase: planning        # planning | selection | migrating | operating | not_required
#       target_fiscal_year: 2025
#       track: standard        # standard (2025年度末) | difficult 移行困難 | tokutei 特定移行支援
#     data_input: manual       # manual | linked

schema_version: 1
systems: []
"""


def roadmap_text(name: str) -> str:
    return f"""# {_comment(name)} DX roadmap (工程表) (dxready).
#
# areas: the plan's areas, e.g. {{no: 1, title: フロントヤード改革の推進}}.
# roadmap: one entry per 工程表 item, e.g.
#
#   - id: frontyard-e-application
#     area: 1
#     title: 簡易な電子申請システムの活用による申込手続きの順次オンライン化
#     start_fiscal_year: 令和6年度
#     target: 令和8年度          # a fiscal year, none (期限なし) or recurring (適宜)
#     state: not_started         # not_started | in_progress | done
#     procedures: [facility-reservation, event-application]

schema_version: 1
areas: []
roadmap: []
"""


def settings_text(today: dt.date | None = None) -> str:
    """dxready.yaml: every line commented. Its example waiver names an id of the init catalogue as findings show it
    (the bare id) and lasts to the end of next fiscal year, so uncommented it is a live waiver DX011 accepts."""
    from dxready.catalog.settings import Targets, Weights

    targets, weights = Targets(), Weights()
    today = today or dt.date.today()
    until = dt.date(today.year + (2 if today.month >= 4 else 1), 3, 31)
    return f"""# dxready settings. Every line is commented: these are the defaults. Uncomment what you change.
#
# select: [DX]                 # rule codes or prefixes to run
# ignore: []                   # e.g. [DX110]
# severity:                    # override a rule's severity: error | warning | info
#   DX104: info
# targets:
#   usage_rate: {targets.usage_rate}           # online usage rate (%) below which DX104 reports a procedure
#   staleness_days: {targets.staleness_days}        # a status not confirmed for longer is stale (DX110)
#   review_cycle_years: {targets.review_cycle_years}      # default cycle of a recurring (適宜) roadmap review
# weights:                     # ranking of `dxready next`
#   reach: {weights.reach}
#   priority: {weights.priority}
#   commitment: {weights.commitment}
#   urgency: {weights.urgency}
#   effort: {weights.effort}
# waivers:                     # accepted findings; reason is required, until is optional
#   - code: DX101
#     subject: road-occupancy   # the id a finding shows (a procedure group, system, roadmap item)
#     reason: 県の共同システムの導入待ち
#     until: {until.isoformat()}
"""


def _comment(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class InitResult:
    """What ``dxready init`` made: where, for whom, and how many rows (every status unknown).

    ``prefecture`` is the registry's (empty for a pair the registry does not know; ``registered`` is then False and
    the message asks the user to make sure of the name and code).
    """

    directory: str
    name: str
    code: str
    procedures: int
    sub_procedures: int
    prefecture: str = ""
    registered: bool = True


@dataclass(frozen=True)
class CopyResult:
    """What ``dxready init --from-embedded`` copied: where, and which files (byte for byte)."""

    directory: str
    files: tuple[str, ...]


def run_init(directory: Path, *, name: str | None, code: str | None) -> InitResult:
    """Write the four files into ``directory`` (created if missing); refuse if any of them exists.

    The municipality is settled against the national registry first (commands/identify.py): a name alone finds its
    code, a code alone its name, a pair the registry does not hold together is refused.
    """
    from dxready.commands.identify import identify

    if name is not None and (not name.strip() or not name.strip().isprintable()):
        raise _fail(
            "--name",
            "団体名を指定してください（制御文字は使えません）",
            "give the municipality's name (no control characters)",
        )
    who = identify(name, check_code(code) if code is not None else None)
    clean, checked = who.name, who.code
    _refuse_existing(directory)
    contents = {
        "procedures.yaml": procedures_text(clean, checked),
        "systems.yaml": systems_text(clean),
        "roadmap.yaml": roadmap_text(clean),
        "dxready.yaml": settings_text(),
    }
    from dxready.engine.preflight import validate_texts

    validate_texts(directory, {file.removesuffix(".yaml"): text for file, text in contents.items()})
    _write_new(directory, {file: text.encode("utf-8") for file, text in contents.items()})
    return InitResult(
        directory=str(directory),
        name=_comment(clean),
        code=checked,
        procedures=len(STANDARD_PROCEDURES),
        sub_procedures=sum(len(p.sub_procedures) for p in STANDARD_PROCEDURES),
        prefecture=who.prefecture or "",
        registered=who.entry is not None,
    )


def run_init_embedded(directory: Path) -> CopyResult:
    """Copy the shipped catalogue (鴨川市) into ``directory`` byte for byte, for its own officers to edit."""
    from dxready.catalog.load import embedded_catalog

    source = embedded_catalog()
    contents = {file: (source / file).read_bytes() for file in FILES if (source / file).is_file()}
    _refuse_existing(directory)
    _write_new(directory, contents)
    return CopyResult(directory=str(directory), files=tuple(contents))


def _refuse_existing(directory: Path) -> None:
    """Refuse a directory that is a file, or that already holds any of the catalogue's files."""
    if directory.exists() and not directory.is_dir():
        raise _fail(str(directory), "ディレクトリではありません", "is not a directory")
    existing = [f for f in FILES if (directory / f).exists()]
    if existing:  # the DIR argument names a catalogue already there: a mistake in the command, said once
        names = ", ".join(existing)
        raise UsageError(
            "DIR",
            Msg(
                f"{directory} には既にカタログがあります（{names}）。上書きしません。別のディレクトリを指定してください",
                f"{directory} already holds a catalogue ({names}); not overwritten: choose another directory",
            ),
        )


def _write_new(directory: Path, contents: dict[str, bytes]) -> None:
    """Create each file exclusively in ``directory``; nothing is left behind unless every file is written."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from dxready.fsio import cannot_create

        raise cannot_create(directory, exc) from None
    created: list[Path] = []
    try:
        for file, data in contents.items():
            path = directory / file
            with path.open("xb") as fh:  # "x": never overwrite, even in a race
                created.append(path)
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
    except FileExistsError as exc:
        for path in created:
            path.unlink(missing_ok=True)
        raise _fail(
            str(exc.filename), "既にあります。上書きしません", "already exists; not overwritten"
        ) from None
    except OSError as exc:
        for path in created:
            path.unlink(missing_ok=True)
        from dxready.fsio import cannot_write

        raise cannot_write(Path(exc.filename) if exc.filename else directory, exc) from None
