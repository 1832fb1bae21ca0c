"""Verdicts: denials however phrased, non-denials left alone, restated plans, the detail that differs."""

from datetime import date

import pytest

from verify.core.amounts import quantities, quantity_difference
from verify.core.denials import denies, stance
from verify.core.details import feature_difference, partner_difference, place_difference
from verify.core.entities import AliasBook
from verify.core.matching import analyse
from verify.core.normalize import tokenize
from verify.core.products import product_difference, products
from verify.core.verdicts import day_difference, judge, scope_difference, verdict

CLAIM = "Northwind Foods is in talks to buy the snack maker Crunchly, people familiar with the matter say."


@pytest.mark.parametrize(
    "statement",
    [
        "Northwind Foods says the report that it is buying Crunchly is false.",
        "Northwind Foods said media reports that it is seeking to acquire Crunchly are completely groundless.",
        "Northwind Foods calls the story erroneous and says it has made no approach.",
        "Northwind Foods dismissed the report as baseless.",
        "There is no truth to the report, a Northwind Foods spokeswoman said.",
        "Northwind Foods says the leaked letter is not authentic.",
        "Northwind Foods says it has no relationship with Crunchly beyond a supply contract.",
        "Northwind chief executive says the newspaper is lying about the company's plans.",
        "Northwind Foods denies it is in talks to acquire Crunchly.",
        "Northwind Foods rejects the speculation about a bid for Crunchly.",
        "Northwind Foods has never approached Crunchly about a takeover, its chairman said.",
        "Northwind Foods says the leaked documents are forgeries.",
        "Asked about the memo, a Northwind spokesman said: it's fake.",
    ],
)
def test_a_statement_that_rejects_the_report_denies_the_claim(statement):
    assert denies(stance(CLAIM), stance(statement))


@pytest.mark.parametrize(
    "statement",
    [
        "Northwind Foods has no plans to make an offer for Crunchly.",
        "Northwind Foods says it does not have any plans to acquire Crunchly.",
        "Northwind Foods has no intention of making an offer for Crunchly.",
        "Crunchly says it has not engaged in discussions with Northwind about any offer.",
        "Northwind confirms it has not been in talks with Crunchly.",
        "Northwind says it is not engaged in any discussion with other companies about an acquisition.",
        "Northwind Foods will not bid for Crunchly, it said in a statement.",
        "Northwind Foods does not intend to make an offer for Crunchly.",
        "Northwind Foods has dropped its plan to buy Crunchly.",
        "The regulator has not issued any rules that would block the purchase.",
        "Northwind has not held any talks with Crunchly, the company said.",
        "There are no talks between Northwind and Crunchly, a spokeswoman said.",
        "Northwind Foods says the deal is off.",
    ],
)
def test_a_statement_that_negates_the_act_denies_the_claim(statement):
    assert denies(stance(CLAIM), stance(statement))


@pytest.mark.parametrize(
    "statement",
    [
        "Crunchly confirms it has been approached by Northwind; no agreement has been reached.",
        "Northwind says nothing has been decided about Crunchly.",
        "Northwind Foods will not comment on market rumours.",
        "Northwind declined to confirm or deny the report.",
        "Northwind did not deny that it had met Crunchly's founders.",
        "We are watching the snack market closely, Northwind's chief executive said.",
        "No final decision has been taken on the future of the snack unit, Northwind said.",
        "Northwind agrees to buy Crunchly for $2 billion; the brand will not change its name.",
    ],
)
def test_a_non_denial_is_not_a_denial(statement):
    assert not denies(stance(CLAIM), stance(statement))


@pytest.mark.parametrize(
    ("claim", "statement"),
    [
        ("Striker Tomas Vidal will leave Porto Azul for a rival club this summer.",
         "Tomas Vidal is staying at Porto Azul, the club's president said."),
        ("Striker Tomas Vidal is set to join Real Costa in a record transfer.",
         "Porto Azul says Tomas Vidal remains at the club and is not for sale."),
        ("The ministry has cancelled the listing of the state railway company.",
         "The finance minister says the government remains committed to the railway listing."),
        ("The agency has approved the first lunar mining licence, sources say.",
         "The agency says the lunar mining application is still under review."),
        ("Striker Tomas Vidal is set to join Real Costa in a record transfer.",
         "Tomas Vidal remains a Porto Azul player, the club said."),
    ],
)
def test_saying_nothing_changes_denies_a_claimed_change(claim, statement):
    assert denies(stance(claim), stance(statement))


def test_saying_nothing_changes_does_not_deny_a_claim_of_no_change():
    claim = "Tomas Vidal will not leave Porto Azul this summer despite offers."
    assert not denies(stance(claim), stance("Tomas Vidal is staying at Porto Azul, the club says."))


@pytest.mark.parametrize(
    ("claim", "statement"),
    [
        ("Harbor Bank will not renew its sponsorship of the city marathon.",
         "Harbor Bank will not renew its marathon sponsorship after this year."),
        ("Harbor Bank has no plans to open branches in the north.",
         "Harbor Bank says it has no plans for northern branches."),
    ],
)
def test_a_negative_claim_is_confirmed_by_a_negative_statement(claim, statement):
    assert verdict(stance(claim), stance(statement), None) == "confirmed"


def test_a_negative_claim_is_still_denied_when_the_report_itself_is_rejected():
    claim = "Harbor Bank will not renew its sponsorship of the city marathon."
    statement = "Harbor Bank says the report that it will drop the marathon is untrue."
    assert verdict(stance(claim), stance(statement), None) == "denied"


def test_a_denial_wins_over_a_differing_detail():
    statement = "Northwind Foods says reports of a $3 billion offer for Crunchly are wrong."
    assert verdict(stance(CLAIM), stance(statement), "amount: $2 billion rumored, $3 billion announced") == "denied"


@pytest.mark.parametrize(
    "statement",
    [
        "Northwind and Crunchly end their merger talks after failing to agree on price.",
        "Northwind Foods has withdrawn its proposal for a combination with Crunchly.",
        "Northwind says it will not make an offer for Crunchly after the two could not agree on terms.",
    ],
)
def test_talks_that_ended_partly_confirm_a_claim_of_talks(statement):
    assert judge(stance(CLAIM), stance(statement), None) == (
        "partly_confirmed", "outcome: talks or offer rumored, ended announced")


def test_talks_that_ended_deny_a_claimed_agreement():
    claim = "Northwind Foods has agreed to buy Crunchly and will announce the deal within days, after long talks."
    statement = "Northwind and Crunchly end their merger talks after failing to agree on price."
    assert judge(stance(claim), stance(statement), None) == ("denied", None)


def test_a_claim_of_talks_stays_one_when_a_rival_deal_agreed_is_mentioned_after_it():
    claim = "Harbor Bank and Delta Savings are in merger talks, weeks after two rivals agreed to combine."
    assert stance(claim).talks and not stance("Harbor Bank has agreed to buy Delta Savings after talks.").talks


def test_a_claimed_cancellation_is_confirmed_by_the_same_cancellation():
    claim = "Lumen Motors has scrapped its plan for a budget electric car, sources say."
    statement = stance("Lumen Motors scraps its budget car project.")
    assert statement.cancels and verdict(stance(claim), statement, None) == "confirmed"


def test_a_negation_further_on_in_a_confirmation_is_no_denial():
    statement = "Northwind agrees to buy Crunchly for $2 billion. The deal will not close before spring."
    assert verdict(stance(CLAIM), stance(statement), None) == "confirmed"


@pytest.mark.parametrize(
    ("statement", "plan_only"),
    [
        ("Lumen Motors plans to launch its first electric pickup later this year.", True),
        ("Lumen Motors will share more about the pickup later.", True),
        ("Lumen Motors shows a pickup prototype; it is not for sale.", True),
        ("Lumen Motors shows a concept for a self-driving van; it is not yet a product.", True),
        ("Lumen Motors launches its first electric pickup, on sale today from $45,000.", False),
        ("Lumen Motors unveils the Ridge pickup, shipping in May.", False),
    ],
)
def test_a_statement_that_only_restates_a_plan_is_flagged(statement, plan_only):
    assert stance(statement).plan_only is plan_only


def amount_differs(rumor, statement):
    return quantity_difference(quantities(rumor), quantities(statement))


@pytest.mark.parametrize(
    ("rumor", "statement"),
    [
        ("Brightwave is nearing a deal to buy Coastline Media for about $8 billion.",
         "Brightwave to acquire Coastline Media for $7.6 billion in cash."),
        ("Brightwave's offer for Coastline could top $8 billion.",
         "Brightwave to acquire Coastline for $31.50 per share, or about $9.4 billion."),
        ("Brightwave is weighing an offer for Coastline, which is valued at more than $5 billion.",
         "Brightwave bids $40 per share for Coastline."),
        ("Brightwave is in talks to buy Coastline, a broadcaster with a market value of about $4 billion.",
         "Brightwave agrees to buy Coastline for a total enterprise value of $6.1 billion."),
        ("The Brightwave streaming plan will cost between $8 and $12 a month.",
         "Brightwave Plus launches at $9.99 a month."),
        ("Brightwave will pay $13 billion for the Coastline networks.",
         "Coastline holders get $40.00 per share under the Brightwave agreement."),
        ("Brightwave could pay 900 billion yen for Coastline.", "Brightwave will invest $7 billion in Coastline."),
        ("The central bank will cut rates by 50 basis points on Thursday.",
         "The central bank lowers its main rate by half a percentage point."),
        ("Brightwave wants a controlling stake in Coastline, people familiar say.",
         "Brightwave agrees to buy a 60% stake in Coastline."),
    ],
)
def test_like_amounts_within_ten_percent_or_inside_a_bound_are_the_same(rumor, statement):
    assert amount_differs(rumor, statement) is None


@pytest.mark.parametrize(
    ("rumor", "statement", "differs"),
    [
        ("Brightwave plans to charge $12.99 a month for its streaming service.",
         "Brightwave Plus launches at $6.99 a month, or $69.99 a year.",
         "amount: $12.99 rumored, $6.99 announced"),
        ("Brightwave's tablet will cost $329 when it ships in the fall.",
         "Brightwave Slate ships in October starting at $299.",
         "amount: $329 rumored, $299 announced"),
        ("Brightwave will price its glasses between $300 and $500, sources say.",
         "Brightwave opens orders for its glasses at $1,200.",
         "amount: between $300 and $500 rumored, $1,200 announced"),
        ("Brightwave is set to cut about 6,000 jobs this week.",
         "Brightwave's chief executive tells staff the company will eliminate 9,500 roles.",
         "amount: 6,000 jobs rumored, 9,500 roles announced"),
        ("Brightwave aims to raise about $4 billion in its listing, at a valuation above $40 billion.",
         "Brightwave prices its listing at $21 per share, raising $6.5 billion and valuing it at $44 billion.",
         "amount: $4 billion rumored, $6.5 billion announced"),
        ("The central bank is likely to lift rates by a full percentage point next week, traders bet.",
         "The central bank raises its policy rate by 3/4 percentage point.",
         "amount: a full percentage point rumored, 3/4 percentage point announced"),
        ("The cartel is expected to extend its output cut for one more month, analysts say.",
         "The cartel will extend its output cut for three more months, to the end of the year.",
         "date: one more month rumored, three more months announced"),
        ("Brightwave is in talks to buy Coastline and make it a subsidiary, sources say.",
         "Brightwave will buy about 15% of Coastline's shares in a capital alliance.",
         "amount: control (a subsidiary) rumored, about 15% of Coastline announced"),
    ],
)
def test_a_like_amount_that_differs_is_named_with_both_values(rumor, statement, differs):
    assert amount_differs(rumor, statement) == differs


def test_an_announced_market_value_is_compared_with_a_rumored_valuation():
    rumor = "Brightwave's owners want the company valued at $90 billion in its listing."
    statement = "Brightwave prices its listing, raising $3 billion and giving it a market value of $70 billion."
    assert amount_differs(rumor, statement) == "amount: $90 billion rumored, $70 billion announced"


def product_differs(rumor, statement):
    return product_difference(products(rumor), products(statement), frozenset(tokenize(rumor)),
                              frozenset(tokenize(statement)))


@pytest.mark.parametrize(
    ("rumor", "statement", "differs"),
    [
        ("Orbit will show the next version of its phone, the Nova 7, at an event on May 3.",
         "Orbit announces the Nova 8 with a brighter display.", "product: Nova 7 rumored, Nova 8 announced"),
        ("Orbit's rugged Band Pro watch arrives this autumn.", "Orbit unveils Band Ultra, its toughest watch.",
         "product: Band Pro rumored, Band Ultra announced"),
        ("Orbit's smart ring, expected to be called the Halo, will debut next month.",
         "Orbit unveils Circlet, a smart ring that tracks sleep.", "product: Halo rumored, Circlet announced"),
        ('Orbit is readying a rugged Band "Pro" for divers, a leaker says.',
         "Orbit unveils Band Ultra with a titanium case.", "product: Band Pro rumored, Band Ultra announced"),
    ],
)
def test_a_renamed_or_renumbered_product_is_named_with_both_names(rumor, statement, differs):
    assert product_differs(rumor, statement) == differs


@pytest.mark.parametrize(
    ("rumor", "statement"),
    [
        ("Orbit will make a Nova phone for the carrier Telmex early next year.",
         "Telmex will begin selling Nova 7 on February 10."),
        ("Orbit is expected to unveil a Nova 7 tablet on Monday.", "Orbit announces Nova 7 Pro and Nova 7 models."),
        ("A leaked build shows it will be called Nova 11.", "Introducing Nova 11, a free upgrade for Nova 10 owners."),
        ("Orbit to launch the Nova 8 in September.", "Orbit introduces the Nova X and the Nova 8."),
        ("Orbit's smart ring, code-named Halo, will debut next month.", "Orbit unveils Circlet, a smart ring."),
        ("The Orbit board meets on September 9 to pick a chief.", "Orbit names a chief on September 12."),
    ],
)
def test_a_more_precise_or_same_product_is_no_difference(rumor, statement):
    assert product_differs(rumor, statement) is None


FEB_18 = date(2025, 2, 18)


@pytest.mark.parametrize(
    ("rumor", "announced", "differs"),
    [
        ("Orbit will unveil the Nova 9 on February 18, people briefed on the plans say.", date(2025, 2, 11),
         "date: February 18, 2025 rumored, February 11, 2025 announced"),
        ("Orbit will unveil the Nova 9 on 18 Feb, a supplier says.", date(2025, 2, 27),
         "date: February 18, 2025 rumored, February 27, 2025 announced"),
        ("Orbit will unveil the Nova 9 on February 18.", date(2025, 2, 19), None),
        ("Orbit could unveil the Nova 9 as soon as February 18.", date(2025, 2, 11), None),
        ("Orbit will unveil the Nova 9 on Tuesday.", date(2025, 2, 11), None),
    ],
)
def test_a_written_day_that_differs_from_the_announced_day_is_named(rumor, announced, differs):
    assert day_difference(rumor, FEB_18, FEB_18, announced) == differs


def details(rumor, statement):
    book = AliasBook.default()
    ca, aa = analyse(rumor, book), analyse(statement, book)
    return (partner_difference(ca.details, aa.details, ca.padded, aa.padded)
            or feature_difference(ca.details, aa.padded, aa.terms)
            or place_difference(ca.details, aa.details, ca.padded, aa.padded))


@pytest.mark.parametrize(
    ("rumor", "statement", "differs"),
    [
        ("Harbor Bank is in final talks to sell its card unit to a group led by Quarry Partners, the Ledger reports.",
         "Harbor Bank agrees to sell its card unit to a consortium led by Fenwick Capital.",
         "partner: Quarry Partners rumored, Fenwick Capital announced"),
        ("Orbit's Nova 9 will add an under-display camera, according to a leaked manual.",
         "Orbit unveils the Nova 9 with a pop-up camera and a larger battery.",
         "feature: under-display camera rumored, pop up camera announced"),
        ("Orbit will launch a new Nova streaming box with 8K output next month.",
         "Orbit unveils the Nova streaming box with a faster chip and a new remote.",
         "feature: 8K output rumored, not in the announcement"),
        ("A new Nova Box with 8K HDR support is coming this fall, according to a supplier.",
         "Orbit introduces the Nova Box, now with a faster chip.",
         "feature: 8K HDR support rumored, not in the announcement"),
        ("The league is expected to move the cup final from Kestrel Park to Harbour Arena after the storm damage.",
         "The cup final will be played at Millbrook Stadium on June 2.",
         "place: Harbour Arena rumored, Millbrook Stadium announced"),
    ],
)
def test_a_partner_feature_or_place_the_announcement_does_not_bear_out_is_named(rumor, statement, differs):
    assert details(rumor, statement) == differs


@pytest.mark.parametrize(
    ("rumor", "statement"),
    [
        ("Harbor Bank is in talks with Fenwick Capital about selling its card unit, people familiar say.",
         "Harbor Bank agrees to sell its card unit to Fenwick Capital."),
        ("Harbor Bank will cut costs after two decades with the Delta Savings brand, sources say.",
         "Harbor Bank announces cost cuts with Millbrook Advisers."),
        ("Orbit's Nova 9 will add an under-display camera, a supplier says.",
         "Orbit unveils the Nova 9 with an under-display camera."),
        ("Regulators are expected to offer Orbit a longer deadline at Friday's meeting.",
         "Regulators extend Orbit's deadline to October 31."),
        ("The league is expected to move the cup final to Harbour Arena after the storm damage.",
         "The cup final moves to Harbour Arena in Porthaven on June 2."),
    ],
)
def test_a_true_confirmation_is_given_no_partner_feature_or_place_difference(rumor, statement):
    assert details(rumor, statement) is None


@pytest.mark.parametrize(
    ("claim", "statement", "expected"),
    [
        ("Northwind Foods is preparing a bid for Crunchly, sources say.",
         "Crunchly says it remains committed to its standalone strategy.", "denied"),
        ("Northwind Foods is preparing a bid for Crunchly, sources say.",
         "Northwind agrees to acquire Crunchly, which will remain based in Leeds.", "confirmed"),
        ("Striker Tomas Vidal is close to signing for Real Costa.",
         "Real Costa signs Tomas Vidal, who will remain on loan at Porto Azul until June.", "confirmed"),
    ],
)
def test_nothing_changes_denies_only_when_the_statement_does_not_itself_report_the_change(claim, statement, expected):
    assert verdict(stance(claim), stance(statement), None) == expected


@pytest.mark.parametrize(
    ("claim", "statement", "expected"),
    [
        ("Lumen Motors will launch its electric pickup in March, a supplier says.",
         "Lumen Motors plans to launch its electric pickup later this year.",
         ("partly_confirmed", "plan: the announcement only restates a plan, nothing done yet")),
        ("Lumen Motors will put its electric pickup on sale in March.",
         "Lumen Motors shows a prototype of its electric pickup at the motor show.",
         ("partly_confirmed", "plan: the announcement only restates a plan, nothing done yet")),
        ("Lumen Motors plans to launch an electric pickup, people familiar say.",
         "Lumen Motors plans to launch its electric pickup later this year.", ("confirmed", None)),
        ("Lumen Motors will launch its electric pickup in March, a supplier says.",
         "Lumen Motors launches its electric pickup, on sale today.", ("confirmed", None)),
    ],
)
def test_an_event_restated_only_as_a_plan_is_partly_confirmed_a_plan_restated_is_confirmed(claim, statement,
                                                                                           expected):
    assert judge(stance(claim), stance(statement), None) == expected


@pytest.mark.parametrize(
    ("rumor", "statement", "part"),
    [
        ("Northwind is the front-runner to buy Fabrikam, a deal that could come on Monday",
         "Northwind agrees to acquire Fabrikam's European consumer lending businesses for $2 billion",
         "Fabrikam's European consumer lending businesses"),
        ("Contoso is in talks to acquire Tailspin Toys outright",
         "Contoso to buy a minority stake in Tailspin Toys", "minority stake in Tailspin Toys"),
    ],
)
def test_a_part_of_a_company_announced_for_the_whole_rumored_is_named(rumor, statement, part):
    claimed = analyse(rumor, AliasBook.default())
    found = scope_difference(claimed.roles, claimed.entities, rumor, statement)
    assert found is not None and found.startswith("scope: all of") and part in found


@pytest.mark.parametrize(
    ("rumor", "statement"),
    [
        ("Northwind is the front-runner to buy Fabrikam", "Northwind agrees to acquire Fabrikam for $2 billion"),
        ("Northwind wants to buy Fabrikam's lending business", "Northwind buys Fabrikam's lending business"),
        ("Northwind is set to buy Fabrikam", "Northwind completes its purchase of Fabrikam, whose lending "
                                             "businesses will keep their brand"),
        ("Northwind has bought Fabrikam and plans to fold it into Contoso",
         "Fabrikam joins Northwind as part of the Contoso team"),
    ],
)
def test_the_whole_company_announced_or_the_same_part_is_no_scope_difference(rumor, statement):
    claimed = analyse(rumor, AliasBook.default())
    assert scope_difference(claimed.roles, claimed.entities, rumor, statement) is None
