"""`set`, `add` and `init`: the commands that write a catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dxready.cli._common import (
    CatalogOpt,
    LangOpt,
    _catalog,
    _given,
    _guard,
    _lang,
    _nfkc,
    _out,
    _parse_date,
    app,
)
from dxready.cli.edit_cards import CardsAsOfOpt, CardsOpt
from dxready.cli.edit_facts import (
    AttachmentsOpt,
    BackOfficeOpt,
    FeeOpt,
    IdentityOpt,
    LifeEventOpt,
    PaymentOpt,
    ResultDeliveryOpt,
)
from dxready.cli.entities import (
    AreaOpt,
    BusinessOpt,
    DataInputOpt,
    GovCloudOpt,
    LabelOpt,
    LinkOpt,
    MigrationTargetOpt,
    NameOpt,
    OwnerOpt,
    PhaseOpt,
    ProcedureOpt,
    ReviewedOpt,
    ServesOpt,
    StartOpt,
    StateOpt,
    SystemOpt,
    TargetOpt,
    TierOpt,
    TitleOpt,
    TrackOpt,
    VendorOpt,
)
from dxready.clitext import DxCommand, examples
from dxready.completion import complete_refs
from dxready.i18n import tr

SetStatusOpt = Annotated[
    str | None,
    typer.Option(
        "--status",
        metavar="STATUS",
        help=tr(
            "○ 一部 × — の記号、または online|partial|offline|not_applicable|unknown。",
            "online|partial|offline|not_applicable|unknown or ○ 一部 × —.",
        ),
    ),
]
SetChannelOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--channel",
        metavar="CHANNEL",
        help=tr("チャネルを追加します（mynaportal、eltax など）。", "Add a channel (mynaportal, eltax, …)."),
    ),
]
SetCountsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--counts",
        metavar="FY:TOTAL:ONLINE",
        help=tr(
            "年度:総件数:オンライン件数、年度::オンライン件数、年度:利用率%（一部期間は @日付）。"
            "記録済みの年度は置き換えます。例: 2022:196759:152983",
            "FY:TOTAL:ONLINE, FY::ONLINE or FY:RATE% (@DATE for a part year); a recorded year is replaced."
            " E.g. 2022:196759:152983.",
        ),
    ),
]
SetCountsSourceOpt = Annotated[
    str | None,
    typer.Option(
        "--counts-source",
        metavar="TEXT",
        help=tr(
            "--counts の件数の出典（文書名や URL）", "Where the --counts figures come from (document or URL)."
        ),
    ),
]
SetNoteOpt = Annotated[
    str | None, typer.Option("--note", metavar="TEXT", help=tr("備考の文。", "The 備考 text."))
]
SetVerifiedOpt = Annotated[
    str | None,
    typer.Option(
        "--verified-on",
        metavar="DATE",
        help=tr(
            "状況を確認した日（2024-03-31、令和6年3月31日、R6.3.31 など）。",
            "Date the status was confirmed (2024-03-31, 令和6年3月31日, R6.3.31 …).",
        ),
    ),
]
SetAsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help=tr(
            "状況の時点（2024-03-31、令和6年3月31日など）。set municipality ではカタログ全体の状況の時点"
            "（as_of）。カードの枚数の時点は --cards-as-of。",
            "The date the status describes (2024-03-31 …); with set municipality, the whole catalogue's status"
            " date (as_of). Card counts are dated by --cards-as-of.",
        ),
    ),
]
SetSourceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--source", metavar="TEXT", help=tr("出典（文書名や URL）を追加。", "Add a source (document or URL).")
    ),
]
SetInferredOpt = Annotated[
    bool | None,
    typer.Option(
        "--inferred/--no-inferred",
        help=tr(
            "状況を作成者の推定として記録する／外す",
            "Mark the status as the author's inference, or unmark it.",
        ),
    ),
]


@app.command(
    "set",
    cls=DxCommand,
    help=tr(
        "手続をその場で編集します（複数・パターン可。set system ID / set roadmap ID でシステム・工程表）:"
        " コメントと書式を保ち、書き込む前に検証し、途中で壊れません。",
        "Edit procedures in place (several or patterns at once; set system ID / set roadmap ID for systems and the"
        " roadmap): comments and formatting kept, validated before writing, atomic.",
    ),
    epilog=examples(
        (
            "dxready set 9 --status ○ --verified-on 令和6年3月31日 -c tateyama",
            "dxready set 9 --status online --verified-on 2024-03-31 -c tateyama",
        ),
        (
            "dxready set '18/*' '19/*' --status × -c tateyama",
            "dxready set '18/*' '19/*' --status offline -c tateyama",
        ),
        (
            "dxready set municipality --counts 令和4年度:196759:152983 -c tateyama",
            "dxready set municipality --counts 2022:196759:152983 -c tateyama",
        ),
        (
            "dxready set system koseki --phase 移行中 -c kamogawa",
            "dxready set system koseki --phase migrating -c kamogawa",
        ),
    ),
)
def set_(
    refs: Annotated[
        list[str],
        typer.Argument(
            metavar="REF...",
            help=tr(
                "手続の id か標準番号。個別手続は REF/SUB、団体の見出しは municipality、システムは system ID、"
                "工程表は roadmap ID。複数や 18/* のようなパターンは 1 回の書き込みでまとめて更新します。",
                "A procedure id or standard number; REF/SUB for a sub-procedure; municipality for the header;"
                " system ID / roadmap ID. Several, or patterns such as 18/*, are edited together in one write.",
            ),
            autocompletion=complete_refs,
        ),
    ],
    catalog: CatalogOpt = None,
    lang: LangOpt = None,
    status: SetStatusOpt = None,
    channel: SetChannelOpt = None,
    counts: SetCountsOpt = None,
    counts_source: SetCountsSourceOpt = None,
    note: SetNoteOpt = None,
    verified_on: SetVerifiedOpt = None,
    as_of: SetAsOfOpt = None,
    source: SetSourceOpt = None,
    inferred: SetInferredOpt = None,
    identity: IdentityOpt = None,
    fee: FeeOpt = None,
    payment: PaymentOpt = None,
    result_delivery: ResultDeliveryOpt = None,
    back_office: BackOfficeOpt = None,
    attachments: AttachmentsOpt = None,
    life_event: LifeEventOpt = None,
    unset: Annotated[
        list[str] | None,
        typer.Option(
            "--unset",
            metavar="FIELD",
            help=tr(
                "任意の項目を削除します（複数可。手続、municipality、system ID、roadmap ID。"
                "システムの移行の項目は migration.target_fiscal_year のように）。",
                "Remove an optional field (repeatable; procedures, municipality, system ID, roadmap ID; a system's"
                " migration fields as migration.target_fiscal_year).",
            ),
        ),
    ] = None,
    cards: CardsOpt = None,
    cards_as_of: CardsAsOfOpt = None,
    name: NameOpt = None,
    tier: TierOpt = None,
    label: LabelOpt = None,
    phase: PhaseOpt = None,
    migration_target: MigrationTargetOpt = None,
    track: TrackOpt = None,
    gov_cloud: GovCloudOpt = None,
    standard_business: BusinessOpt = None,
    data_input: DataInputOpt = None,
    owner: OwnerOpt = None,
    vendor: VendorOpt = None,
    link: LinkOpt = None,
    serves: ServesOpt = None,
    title: TitleOpt = None,
    area: AreaOpt = None,
    state: StateOpt = None,
    start: StartOpt = None,
    target: TargetOpt = None,
    last_reviewed: ReviewedOpt = None,
    procedure: ProcedureOpt = None,
    system: SystemOpt = None,
) -> None:
    from dxready.cli import edit_facts, entities
    from dxready.commands.bulk import needs_bulk
    from dxready.commands.edit import run_set
    from dxready.render.messages import edit_result
    from dxready.render.wrap import fit_message

    language = _lang(lang)
    confirmed = _parse_date(verified_on, "--verified-on")
    entity = entities.entity_values(
        name=name, tier=tier, label=label, phase=phase, migration_target=migration_target, track=track, gov_cloud=gov_cloud,
        standard_business=standard_business, data_input=data_input, owner=owner, vendor=vendor, link=link,
        serves=serves, title=title, area=area, state=state, start=start, target=target,
        last_reviewed=last_reviewed, procedure=procedure, system=system,
    )  # fmt: skip
    common = {
        "status": status, "channels": [_nfkc(c) or c for c in channel or []],
        "counts": [_nfkc(c) or c for c in counts or []], "verified_on": confirmed,
        "unset": unset or [], "as_of": _parse_date(as_of), "sources": source or [], "inferred": inferred,
        "cards": [_nfkc(c) or c for c in cards or []], "counts_source": counts_source,
        "cards_as_of": (cards_day := _parse_date(cards_as_of, "--cards-as-of")),
    }  # fmt: skip
    where = _guard(language, lambda: _given(_catalog(catalog)))
    refs = [_nfkc(r) or r for r in refs]
    facts = edit_facts.fact_values(
        identity=identity, fee=fee, payment=payment, result_delivery=result_delivery, back_office=back_office,
        attachments=attachments, life_event=life_event,
    )  # fmt: skip
    if refs[0] in ("system", "roadmap"):
        edit_facts.refuse_on_entity(refs[0], facts, language)
        entities.set_entity(refs, {**entity, **common, "note": note}, where, language)
        return
    entities.refuse_stray(entity, language)
    if needs_bulk(refs):
        entities.set_many(refs, {**common, "note": note, "facts": facts}, where, language)
        return
    ref = refs[0]
    result = _guard(
        language,
        lambda: run_set(
            ref,
            catalog=where,
            status=status,
            channels=[_nfkc(c) or c for c in channel or []],
            counts=[_nfkc(c) or c for c in counts or []],
            note=note,
            verified_on=confirmed,
            unset=unset or [],
            as_of=_parse_date(as_of),
            sources=source or [],
            inferred=inferred,
            cards=[_nfkc(c) or c for c in cards or []],
            cards_as_of=cards_day,
            counts_source=counts_source,
            facts=facts,
        ),
    )
    _out(fit_message(edit_result(result, language)))


@app.command(
    cls=DxCommand,
    help=tr(
        "自団体の手続（標準の 21 行以外）を set と同じオプションで追加します。add system ID / add roadmap ID で"
        "システム・工程表の項目を追加します。",
        "Add one of the city's own procedures (outside the 21 standard rows), with set's options; add system ID /"
        " add roadmap ID add a system or a roadmap item.",
    ),
    epilog=examples(
        (
            "dxready add own-001 --name コンビニ交付 --status ○ -c tateyama",
            "dxready add own-001 --name コンビニ交付 --status online -c tateyama",
        ),
        (
            "dxready add system juki --name 住民記録システム --tier 基幹系 -c tateyama",
            "dxready add system juki --name 住民記録システム --tier backbone -c tateyama",
        ),
        "dxready add roadmap e-app --area 1 --title 電子申請拡大 -c tateyama",
    ),
)
def add(
    args: Annotated[
        list[str],
        typer.Argument(
            metavar="ID | system ID | roadmap ID",
            help=tr(
                "新しい手続の id（自団体の手続）、または system ID / roadmap ID。",
                "The new procedure's id (one of the city's own), or system ID / roadmap ID.",
            ),
        ),
    ],
    name: NameOpt = None,
    catalog: CatalogOpt = None,
    lang: LangOpt = None,
    status: SetStatusOpt = None,
    channel: SetChannelOpt = None,
    counts: SetCountsOpt = None,
    counts_source: SetCountsSourceOpt = None,
    note: SetNoteOpt = None,
    verified_on: SetVerifiedOpt = None,
    as_of: SetAsOfOpt = None,
    source: SetSourceOpt = None,
    inferred: SetInferredOpt = None,
    identity: IdentityOpt = None,
    fee: FeeOpt = None,
    payment: PaymentOpt = None,
    result_delivery: ResultDeliveryOpt = None,
    back_office: BackOfficeOpt = None,
    attachments: AttachmentsOpt = None,
    life_event: LifeEventOpt = None,
    tier: TierOpt = None,
    label: LabelOpt = None,
    phase: PhaseOpt = None,
    migration_target: MigrationTargetOpt = None,
    track: TrackOpt = None,
    gov_cloud: GovCloudOpt = None,
    standard_business: BusinessOpt = None,
    data_input: DataInputOpt = None,
    owner: OwnerOpt = None,
    vendor: VendorOpt = None,
    link: LinkOpt = None,
    serves: ServesOpt = None,
    title: TitleOpt = None,
    area: AreaOpt = None,
    state: StateOpt = None,
    start: StartOpt = None,
    target: TargetOpt = None,
    procedure: ProcedureOpt = None,
    system: SystemOpt = None,
) -> None:
    from dxready.cli import edit_facts, entities
    from dxready.commands.edit import run_add
    from dxready.render.messages import edit_result
    from dxready.render.wrap import fit_message

    language = _lang(lang)
    entity = entities.entity_values(
        tier=tier, label=label, phase=phase, migration_target=migration_target, track=track, gov_cloud=gov_cloud,
        standard_business=standard_business, data_input=data_input, owner=owner, vendor=vendor, link=link,
        serves=serves, title=title, area=area, state=state, start=start, target=target, procedure=procedure,
        system=system,
    )  # fmt: skip
    where = _guard(language, lambda: _catalog(catalog))
    facts = edit_facts.fact_values(
        identity=identity, fee=fee, payment=payment, result_delivery=result_delivery, back_office=back_office,
        attachments=attachments, life_event=life_event,
    )  # fmt: skip
    if args[0] in ("system", "roadmap"):
        edit_facts.refuse_on_entity(args[0], facts, language)
        procedure_options = {
            "status": status, "channels": channel or [], "counts": counts or [], "counts_source": counts_source,
            "verified_on": verified_on, "as_of": as_of, "sources": source or [], "inferred": inferred,
        }  # fmt: skip
        options = {**entity, **procedure_options, "name": name, "note": note}
        entities.add_entity(args, options, where, language)
        return
    entities.refuse_stray(entity, language)
    entities.refuse_add_usage(args, name, language)
    ident = args[0]
    assert name is not None  # refuse_add_usage made sure
    result = _guard(
        language,
        lambda: run_add(
            ident,
            name=name,
            catalog=where,
            status=status,
            channels=channel or [],
            counts=counts or [],
            note=note,
            verified_on=_parse_date(verified_on),
            as_of=_parse_date(as_of),
            sources=source or [],
            inferred=inferred,
            counts_source=counts_source,
            facts=facts,
        ),
    )
    _out(fit_message(edit_result(result, language)))


@app.command(
    cls=DxCommand,
    help=tr(
        "国の一覧からカタログを始めます: 標準の 21 行、状況はすべて未確認。",
        "Start a catalogue from the national registry: the 21 standard rows, all statuses unknown.",
    ),
    epilog=examples(
        "dxready init tateyama --name 館山市 --code 122050",
        "dxready init kamogawa --from-embedded",
    ),
)
def init(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="DIR", help=tr("新しいカタログのディレクトリ。", "Directory for the new catalogue.")
        ),
    ],
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            metavar="NAME",
            help=tr(
                "団体名（例: 館山市、東京都府中市）。国の団体一覧から団体コードを引きます。",
                "Municipality name, e.g. 館山市 or 東京都府中市; its code comes from the national registry.",
            ),
        ),
    ] = None,
    code: Annotated[
        str | None,
        typer.Option(
            "--code",
            metavar="CODE",
            help=tr(
                "検査数字つきの全国地方公共団体コード（例: 122050）。名前は国の団体一覧から引きます。",
                "全国地方公共団体コード with its check digit, e.g. 122050; the name comes from the registry.",
            ),
        ),
    ] = None,
    from_embedded: Annotated[
        bool,
        typer.Option(
            "--from-embedded",
            help=tr(
                "同梱の鴨川市のカタログをそのまま写して、編集できるようにします。",
                "Copy the shipped 鴨川市 catalogue byte for byte, to edit it.",
            ),
        ),
    ] = False,
    lang: LangOpt = None,
) -> None:
    from dxready.commands.scaffold import run_init, run_init_embedded
    from dxready.render.messages import copy_result, init_result
    from dxready.render.wrap import fit_message

    language = _lang(lang)
    if from_embedded:
        from dxready.cli.entities import refuse_with_embedded

        refuse_with_embedded(name, code, language)
        _out(fit_message(copy_result(_guard(language, lambda: run_init_embedded(directory)), language)))
        return
    given = _nfkc(code) if code is not None else None
    _out(
        fit_message(
            init_result(_guard(language, lambda: run_init(directory, name=name, code=given)), language)
        )
    )
