"""A fee cannot be paid online.

Reported when ``fee: true`` and the recorded ``payment`` methods include no online one (online: pay_easy,
credit_card, qr_code, eltax, e_money, other_online; not online: counter, convenience_store). When no payment
method is recorded the fact is unknown and nothing is reported (the readiness level shows it as unknown).

Why it matters:
    An application that can be sent online but paid only at the counter or a convenience store still needs a
    trip and a paper slip: the procedure is not digitally complete (level 3).

Fails:
    procedures:
      - id: bulky-waste
        standard_no: 9
        name: 粗大ごみ収集の申込
        status: ○
        fee: true
        payment: [counter, convenience_store]

Passes:
    procedures:
      - id: bulky-waste
        standard_no: 9
        name: 粗大ごみ収集の申込
        status: ○
        fee: true
        payment: [counter, credit_card]
"""

from collections.abc import Iterator

from dxready.catalog.load import Catalog
from dxready.catalog.settings import Severity
from dxready.findings import Finding, Msg, Subject
from dxready.rules.base import Context, at_procedure

CODE = "DX107"
NAME = "fee-without-online-payment"
SEVERITY = Severity.warning
SUMMARY = Msg("手数料をオンラインで納付できない", "A fee cannot be paid online")
DESCRIPTION_JA = (
    "`fee: true` で、記録された支払方法（`payment`）にオンラインのものがないときに報告します（オンライン：ペイジー、クレジットカード、二次元コード決済、エルタックス、電子マネー、その他オンライン。"
    "オンラインでない：窓口、コンビニ）。"
    "支払方法が記録されていなければ事実は分からないので、何も報告しません（準備レベルはそれを未確認として示します）。"
)
WHY_JA = "申請がオンラインでも、手数料を窓口やコンビニで払うなら紙と移動が残り、デジタルで完結しません。"
NEXT_STEP = Msg(
    "クレジットカードやペイジー、二次元コード決済などオンライン納付を導入してください",
    "Introduce online payment (credit card, Pay-easy, QR-code payment)",
)

_METHOD_JA = {"counter": "窓口", "convenience_store": "コンビニ"}


def check(catalog: Catalog, ctx: Context) -> Iterator[Finding]:
    for i, p in enumerate(catalog.procedures):
        if not p.applicable or p.fee is not True or p.payment is None:
            continue
        if any(m.online for m in p.payment):
            continue
        if p.payment:
            how_ja = "・".join(_METHOD_JA.get(m.value, m.value) for m in p.payment)
            how_en = ", ".join(m.value for m in p.payment)
            message = Msg(
                f"「{p.name}」の手数料は{how_ja}でしか納付できません",
                f"the fee for '{p.name_en or p.name}' can be paid only by {how_en}",
            )
        else:
            message = Msg(
                f"「{p.name}」には手数料がありますが、納付方法がありません",
                f"'{p.name_en or p.name}' has a fee but no payment method",
            )
        yield Finding(
            CODE,
            Subject("procedure", p.id),
            message,
            "procedures",
            at_procedure(i, "payment"),
            data={"payment": [m.value for m in p.payment]},
        )
