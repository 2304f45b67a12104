"""Options of ``set system|roadmap ID`` and ``add system|roadmap ID``, and the dispatch that ``set`` and ``add`` use
for them and for several references at once (``set 18/* 19/* …``). The commands themselves are in ``cli/edit.py``."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from dxready.cli._common import _guard, _out, _parse_date
from dxready.i18n import tr

NameOpt = Annotated[
    str | None,
    typer.Option(
        "--name",
        metavar="NAME",
        help=tr(
            "名前（add では必須。set system ではシステム名）。",
            "The name (required by add; set system: the system's).",
        ),
    ),
]
LabelOpt = Annotated[
    str | None,
    typer.Option(
        "--label",
        metavar="TEXT",
        help=tr("system: 計画での記号（(ア) など）。", "system: its mark in the plan, e.g. (ア)."),
    ),
]
TierOpt = Annotated[
    str | None,
    typer.Option(
        "--tier",
        metavar="TIER",
        help=tr(
            "system: backbone 基幹系 | intranet 情報系 | standalone 独立系",
            "system: backbone | intranet | standalone.",
        ),
    ),
]
PhaseOpt = Annotated[
    str | None,
    typer.Option(
        "--phase",
        metavar="PHASE",
        help=tr(
            "system: 移行の段階 planning 計画立案 | selection 選定 | migrating 移行 | operating 本格運用 | not_required 不要",
            "system: migration phase planning | selection | migrating | operating | not_required.",
        ),
    ),
]
MigrationTargetOpt = Annotated[
    str | None,
    typer.Option(
        "--migration-target",
        metavar="FY",
        help=tr(
            "system: 移行の目標年度（令和7年度、2025 など）。",
            "system: migration target fiscal year (2025, 令和7年度 …).",
        ),
    ),
]
TrackOpt = Annotated[
    str | None,
    typer.Option(
        "--track",
        metavar="TRACK",
        help=tr(
            "system: standard 標準 | difficult 移行困難 | tokutei 特定移行支援",
            "system: standard | difficult | tokutei.",
        ),
    ),
]
GovCloudOpt = Annotated[
    bool | None,
    typer.Option(
        "--gov-cloud/--no-gov-cloud",
        help=tr(
            "system: ガバメントクラウドへ移行するか。", "system: whether it moves to the government cloud."
        ),
    ),
]
BusinessOpt = Annotated[
    str | None,
    typer.Option(
        "--standard-business",
        metavar="BUSINESS",
        help=tr(
            "system: 標準化対象の 20 業務のひとつ（住民基本台帳 など）。",
            "system: one of the 20 standardised businesses (住民基本台帳 …).",
        ),
    ),
]
DataInputOpt = Annotated[
    str | None,
    typer.Option(
        "--data-input",
        metavar="INPUT",
        help=tr("system: manual 手入力 | linked 連携", "system: manual | linked."),
    ),
]
OwnerOpt = Annotated[
    str | None,
    typer.Option(
        "--owner",
        metavar="TEXT",
        help=tr("system/roadmap: 担当課。", "system/roadmap: the owning department."),
    ),
]
VendorOpt = Annotated[
    str | None, typer.Option("--vendor", metavar="TEXT", help=tr("system: ベンダー。", "system: the vendor."))
]
LinkOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--link",
        metavar="ID",
        help=tr("system: データをやり取りするシステムの id を追加。", "system: add a linked system's id."),
    ),
]
ServesOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--serves",
        metavar="ID",
        help=tr(
            "system: このシステムで処理する手続の id（その手続の systems に追加）。",
            "system: a procedure it serves (added to that procedure's systems).",
        ),
    ),
]
TitleOpt = Annotated[
    str | None,
    typer.Option(
        "--title",
        metavar="TEXT",
        help=tr("roadmap: 項目名（add では必須）。", "roadmap: the title (required by add)."),
    ),
]
AreaOpt = Annotated[
    str | None,  # read by the command (full-width digits too), not by Typer's int
    typer.Option(
        "--area",
        metavar="N",
        help=tr("roadmap: 取組事項の番号（add では必須）。", "roadmap: the area number (required by add)."),
    ),
]
StateOpt = Annotated[
    str | None,
    typer.Option(
        "--state",
        metavar="STATE",
        help=tr(
            "roadmap: not_started 未着手 | in_progress 実施中 | done 完了",
            "roadmap: not_started | in_progress | done.",
        ),
    ),
]
StartOpt = Annotated[
    str | None,
    typer.Option(
        "--start",
        metavar="FY",
        help=tr("roadmap: 開始年度（令和6年度 など）。", "roadmap: start fiscal year."),
    ),
]
TargetOpt = Annotated[
    str | None,
    typer.Option(
        "--target",
        metavar="FY",
        help=tr(
            "roadmap: 目標年度、none（期限なし）または recurring（適宜）。",
            "roadmap: target fiscal year, none or recurring.",
        ),
    ),
]
ReviewedOpt = Annotated[
    str | None,
    typer.Option(
        "--last-reviewed",
        metavar="DATE",
        help=tr("roadmap: 最後に見直した日。", "roadmap: the day it was last reviewed."),
    ),
]
ProcedureOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--procedure",
        metavar="ID",
        help=tr("roadmap: 進める手続の id を追加。", "roadmap: add a procedure it advances."),
    ),
]
SystemOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--system",
        metavar="ID",
        help=tr("roadmap: 進めるシステムの id を追加。", "roadmap: add a system it advances."),
    ),
]


def entity_values(**given: Any) -> dict[str, Any]:
    """The system/roadmap options as ``commands/entity_options`` names them (lists never None)."""
    lists = {"link": "links", "serves": "serves", "procedure": "procedures", "system": "systems"}
    out: dict[str, Any] = {lists.get(k, k): (v or []) if k in lists else v for k, v in given.items()}
    reviewed = out.get("last_reviewed")
    if isinstance(reviewed, str):
        out["last_reviewed"] = _parse_date(reviewed, "--last-reviewed")
    return out


def given(options: dict[str, Any]) -> bool:
    return any(v not in (None, [], False) for v in options.values())


def set_entity(refs: list[str], options: dict[str, Any], catalog: Any, language: str) -> None:
    """``set system ID …`` / ``set roadmap ID …``."""
    from dxready.commands.edit_entities import set_entity_cli
    from dxready.render.messages import entity_result
    from dxready.render.wrap import fit_message

    _out(
        fit_message(entity_result(_guard(language, lambda: set_entity_cli(refs, options, catalog)), language))
    )


def add_entity(args: list[str], options: dict[str, Any], catalog: Any, language: str) -> None:
    """``add system ID …`` / ``add roadmap ID …``."""
    from dxready.commands.edit_entities import add_entity_cli
    from dxready.render.messages import entity_result
    from dxready.render.wrap import fit_message

    _out(
        fit_message(entity_result(_guard(language, lambda: add_entity_cli(args, options, catalog)), language))
    )


def refuse_stray(options: dict[str, Any], language: str) -> None:
    """A system or roadmap option on a procedure: refused, naming ``set system`` / ``set roadmap``."""
    from dxready.commands.entity_options import procedure_stray

    if given(options):
        _guard(language, lambda: procedure_stray(options))


def refuse_add_usage(args: list[str], name: str | None, language: str) -> None:
    """``add ID --name NAME`` for a procedure: one id, and a name."""
    if len(args) != 1 or name is None:
        from dxready.errors import UsageError
        from dxready.findings import Msg

        message = Msg(
            "dxready add ID --name 名前（または add system ID … / add roadmap ID …）と指定してください",
            "use dxready add ID --name NAME (or add system ID … / add roadmap ID …)",
        )
        _guard(language, lambda: _raise(UsageError("--name" if len(args) == 1 else "ID", message)))


def refuse_with_embedded(name: str | None, code: str | None, language: str) -> None:
    """``init --from-embedded`` copies Kamogawa's catalogue: a --name or --code beside it is refused."""
    if name is not None or code is not None:
        from dxready.errors import UsageError
        from dxready.findings import Msg

        message = Msg(
            "--from-embedded は同梱の鴨川市のカタログを写します。--name / --code と一緒には使えません",
            "--from-embedded copies the shipped Kamogawa catalogue; it takes no --name or --code",
        )
        _guard(language, lambda: _raise(UsageError("--from-embedded", message)))


def _raise(exc: Exception) -> None:
    raise exc


def set_many(refs: list[str], options: dict[str, Any], catalog: Any, language: str) -> None:
    """Several references or patterns (``set 18/* 19/* --status ×``): one validation, one write."""
    from dxready.commands.bulk import run_set_many
    from dxready.render.messages import edit_result
    from dxready.render.wrap import fit_message

    result = _guard(language, lambda: run_set_many(refs, catalog=catalog, **options))
    _out(fit_message(edit_result(result, language)))
