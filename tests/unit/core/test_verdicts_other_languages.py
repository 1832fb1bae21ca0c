"""Verdicts on pairs across languages: a claim in Chinese, German, French, Spanish or Japanese against the English
announcement that settles it. A denial is read as a denial, a different amount or day as a partial
confirmation naming the detail as the claim wrote it. All sentences invented."""

from datetime import date
from decimal import Decimal

import pytest

from verify.core.amounts import quantities
from verify.core.language import detect_language
from verify.core.matching import AnnouncementText, ClaimText, score_pair
from verify.core.time import resolve_window

PUBLISHED = date(2024, 3, 4)


def judged(claim: str, announcement: str, announced_on: date = date(2024, 5, 2)) -> tuple[str, str | None]:
    window = resolve_window(claim, PUBLISHED, language=detect_language(claim))
    proposal = score_pair(ClaimText(1, claim, PUBLISHED, window.start if window else None,
                                    window.end if window else None),
                          AnnouncementText(2, announcement, announced_on))
    return proposal.verdict, proposal.differs


@pytest.mark.parametrize(("written", "value", "currency"), [
    ("350亿美元", Decimal(35_000_000_000), "usd"),
    ("人民币120亿元", Decimal(12_000_000_000), "cny"),
    ("5000億円", Decimal(500_000_000_000), "jpy"),
    ("3兆円", Decimal(3_000_000_000_000), "jpy"),
    ("20億ドル", Decimal(2_000_000_000), "usd"),
    ("eine Milliarde Dollar", Decimal(1_000_000_000), "usd"),
    ("2,5 Milliarden Euro", Decimal(2_500_000_000), "eur"),
    ("800 Mio. Euro", Decimal(800_000_000), "eur"),
    ("1,2 milliard d'euros", Decimal(1_200_000_000), "eur"),
    ("300 millions de dollars", Decimal(300_000_000), "usd"),
    ("1.000 millones de euros", Decimal(1_000_000_000), "eur"),
])
def test_amounts_written_the_way_other_newsrooms_write_them_are_read(written, value, currency):
    found = quantities(f"Le groupe paierait {written} selon nos sources")
    assert [(q.low, q.unit, q.surface) for q in found] == [(value, currency, written)]


def test_an_english_amount_with_a_comma_for_thousands_is_not_read_the_continental_way():
    found = quantities("Nestlé will pay 1,500 million euros for the brand")
    assert [(q.low, q.unit) for q in found] == [(Decimal(1_500_000_000), "eur")]


ACQUIRED = "Northwind Motors will acquire the battery maker Voltaic for $40 billion, the companies said."
DENIED = "Northwind Motors denies reports that it plans to acquire the battery maker Voltaic, calling them groundless."


@pytest.mark.parametrize("claim", [
    "消息称，Northwind Motors将以350亿美元收购电池制造商Voltaic",
    "Northwind Motors soll den Batteriehersteller Voltaic für 35 Milliarden Dollar übernehmen",
    "Northwind Motors va racheter le fabricant de batteries Voltaic pour 35 milliards de dollars",
    "Northwind Motors comprará el fabricante de baterías Voltaic por 35.000 millones de dólares",
    "Northwind Motorsが電池メーカーVoltaicを350億ドルで買収へ",
])
def test_a_claim_in_another_language_is_denied_by_an_english_denial(claim):
    assert judged(claim, DENIED) == ("denied", None)


@pytest.mark.parametrize(("claim", "written"), [
    ("消息称，Northwind Motors将以350亿美元收购电池制造商Voltaic", "350亿美元"),
    ("Northwind Motors soll den Batteriehersteller Voltaic für 25 Milliarden Dollar übernehmen",
     "25 Milliarden Dollar"),
    ("Northwind Motors va racheter le fabricant de batteries Voltaic pour 25 milliards de dollars",
     "25 milliards de dollars"),
    ("Northwind Motors comprará el fabricante de baterías Voltaic por 25.000 millones de dólares",
     "25.000 millones de dolares"),
    ("Northwind Motorsが電池メーカーVoltaicを250億ドルで買収へ", "250億ドル"),
])
def test_a_different_amount_in_another_language_is_a_partial_confirmation_naming_it(claim, written):
    assert judged(claim, ACQUIRED) == ("partly_confirmed", f"amount: {written} rumored, $40 billion announced")


@pytest.mark.parametrize("claim", [
    "消息称，Northwind Motors将以400亿美元收购电池制造商Voltaic",
    "Northwind Motors soll Voltaic für 40 Milliarden Dollar übernehmen",
    "Northwind Motors comprará Voltaic por 40.000 millones de dólares",
])
def test_the_same_amount_in_another_language_confirms(claim):
    assert judged(claim, ACQUIRED) == ("confirmed", None)


UNVEILED = "Lumen unveils the Lumen X7 phone."


@pytest.mark.parametrize("claim", [
    "消息称，Lumen将于3月18日发布Lumen X7手机",
    "Lumen wird das Lumen X7 am 18. März vorstellen",
    "Lumen présentera le Lumen X7 le 18 mars",
    "Lumen presentará el Lumen X7 el 18 de marzo",
    "Lumenは3月18日にLumen X7を発表する",
])
def test_a_day_in_another_language_announced_a_week_later_is_a_partial_confirmation(claim):
    assert judged(claim, UNVEILED, date(2024, 3, 25)) == (
        "partly_confirmed", "date: March 18, 2024 rumored, March 25, 2024 announced")
    assert judged(claim, UNVEILED, date(2024, 3, 18)) == ("confirmed", None)


@pytest.mark.parametrize("claim", [
    "Der Chef von Northwind Motors wird das Unternehmen im Sommer verlassen",
    "Le PDG de Northwind Motors va quitter l'entreprise cet été",
    "El consejero delegado de Northwind Motors dejará la empresa este verano",
    "消息称，Northwind Motors首席执行官将于今年夏天离职",
    "Northwind Motorsの社長が今夏に辞任する見通し",
])
def test_a_departure_claimed_in_another_language_is_denied_by_an_english_statement_that_nothing_changes(claim):
    assert judged(claim, "Northwind Motors says its chief executive remains at the company.") == ("denied", None)


@pytest.mark.parametrize("claim", [
    "Northwind Motors wird Voltaic nicht verkaufen",
    "Northwind Motors ne vendra pas Voltaic",
    "Northwind Motors no venderá Voltaic",
    "消息称，Northwind Motors不会出售Voltaic",
    "Northwind MotorsはVoltaicを売却しない",
])
def test_a_negative_claim_in_another_language_is_confirmed_by_the_same_english_negation(claim):
    assert judged(claim, "Northwind Motors will not sell Voltaic, its chairman said.")[0] == "confirmed"


@pytest.mark.parametrize("announcement", [
    "The exchange suspends the planned listing of Northwind Pay, citing regulatory changes.",
    "Northwind Pay says its Hong Kong listing will also be suspended.",
])
def test_a_listing_claimed_in_another_language_is_denied_when_the_listing_is_suspended(announcement):
    claim = "知情人士称，Northwind Pay将于11月5日在香港上市"
    assert judged(claim, announcement, date(2024, 3, 20)) == ("denied", None)


def test_suspending_trading_alone_is_no_denial_of_a_listing():
    claim = "Northwind Pay wird im Herbst an die Börse gehen"
    assert judged(claim, "Northwind Pay suspended trading in its bonds for an hour.", date(2024, 9, 20))[0] != "denied"
