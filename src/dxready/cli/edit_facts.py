"""``set``'s options for the digital-principle facts a readiness level depends on (``commands/edit_facts.py``)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from dxready.i18n import tr

IdentityOpt = Annotated[
    str | None,
    typer.Option(
        "--identity",
        metavar="WORD",
        help=tr(
            "本人確認: マイナンバーカード、アカウント、押印、押印＋印鑑証明、署名、本人確認書類、不要"
            "（mynumber_card, account, seal, seal_certificate, signature, id_document, none）。",
            "Identity: mynumber_card, account, seal, seal_certificate, signature, id_document, none (or the"
            " Japanese words the tool prints).",
        ),
    ),
]
FeeOpt = Annotated[
    bool | None,
    typer.Option(
        "--fee/--no-fee",
        help=tr("手数料がある／ない。", "The procedure has a fee, or has none."),
    ),
]
PaymentOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--payment",
        metavar="METHOD",
        help=tr(
            "納付方法（複数可）: 指定した分が一覧になり、記録済みの一覧を置き換えます。窓口、コンビニ、ペイジー、"
            "クレジットカード、二次元コード決済、エルタックス、電子マネー、その他オンライン（英語の値も可）。",
            "Payment method (repeatable): the methods given replace the recorded list. counter, convenience_store,"
            " pay_easy, credit_card, qr_code, eltax, e_money, other_online (or the Japanese words).",
        ),
    ),
]
ResultDeliveryOpt = Annotated[
    str | None,
    typer.Option(
        "--result-delivery",
        metavar="WORD",
        help=tr(
            "結果の受け取り: 電子、紙、なし（electronic, paper, none）。",
            "How the result is delivered: electronic, paper, none (or the Japanese words the tool prints).",
        ),
    ),
]
BackOfficeOpt = Annotated[
    str | None,
    typer.Option(
        "--back-office",
        metavar="WORD",
        help=tr(
            "受付後の処理: 連携済、RPA、再入力（integrated, rpa, rekeying）。",
            "The back office: integrated, rpa, rekeying (or the Japanese words the tool prints).",
        ),
    ),
]
AttachmentsOpt = Annotated[
    str | None,
    typer.Option(
        "--attachments",
        metavar="none",
        help=tr(
            "none（なし）: 添付書類が要らないと記録します（attachments: []）。",
            "none: no attachment is needed (attachments: []).",
        ),
    ),
]
LifeEventOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--life-event",
        metavar="TEXT",
        help=tr(
            "ライフイベントを追加（複数可）。none（なし）: どのライフイベントにも属さない。",
            "Add a life event (repeatable); none: the procedure belongs to no life event.",
        ),
    ),
]


def fact_values(
    *,
    identity: str | None,
    fee: bool | None,
    payment: list[str] | None,
    result_delivery: str | None,
    back_office: str | None,
    attachments: str | None,
    life_event: list[str] | None,
) -> dict[str, Any]:
    """The fact options as ``commands/edit_facts.parse_facts`` takes them (text NFKC-normalised)."""
    from dxready.cli._common import _nfkc

    def norm(text: str | None) -> str | None:
        return None if text is None else (_nfkc(text) or text)

    return {
        "identity": norm(identity),
        "fee": fee,
        "payment": [norm(p) or p for p in payment or []],
        "result_delivery": norm(result_delivery),
        "back_office": norm(back_office),
        "attachments": norm(attachments),
        "life_events": [norm(e) or e for e in life_event or []],
    }


def refuse_on_entity(kind: str, facts: dict[str, Any], language: str) -> None:
    """A fact option on ``set system`` / ``set roadmap``: refused, naming where it belongs."""
    from dxready.commands import edit_facts

    if edit_facts.given(facts):
        from dxready.cli._common import _guard

        _guard(language, lambda: edit_facts.refuse_elsewhere(kind, facts))
