"""The details, roles and product names of a text read with the word pre-scan are those read with every
pattern run, and a legal form is stripped the same with or without the quick look for one."""

import pytest

from verify.core import details, normalize, products, verdicts
from verify.core.details import read_details
from verify.core.entities import AliasBook, clean_for_entities, find_entities
from verify.core.normalize import strip_company_suffixes
from verify.core.prescan import LazyRuleFilter
from verify.core.products import products as products_of
from verify.core.verdicts import roles

# Texts of our own, in every shape the attribution, partner, feature and deal-verb patterns read.
TEXTS = [
    "Acme to acquire Beta, Reuters reports.", "Bloomberg has learned that Acme will buy Beta.",
    "Acme's sources say a deal is near.", "Acme is in talks with Beta over a joint venture.",
    "A consortium of Acme and Beta bid for Gamma.", "A group led by Acme, backed by Beta and joined by Gamma.",
    "Acme, alongside Beta, invests in Gamma.", "Acme teams up with Beta, including Gamma.",
    "The phone will add an iris scanner and a bigger battery.", "The Pixel 9 launches with a 50MP camera.",
    "Acme unveiled the laptop with an OLED screen.", "The X200 with 4K output ships in May.",
    "Acme hires a new chief; Beta appoints a chair.", "Acme took over Beta; Gamma takes a stake in Delta.",
    "Acme signs Beta's striker; the transfer of the player is done.", "Acme picked Beta as its supplier.",
    "Acme launches a phone.", "Nothing here names a deal.", "The Wall Street Journal wrote that Acme told staff.",
    "Ünited Chips says it will merge with Beta.", "Acme designs chips.",
    "UEFA will move the final to Wembley.", "The summit will be held in the Hague.",
    "Lisbon is the front-runner to host.", "Acme is based at the old mill.",
    "The phone is expected to be called the Zephyr.", "A chip code-named Falcon named Hawk.",
    "A laptop codenamed Orion, to be sold as the Atlas.", "Acme unveils Aurora, its new phone.",
    "Acme introduced the Pixel 9 Pro.", "It will be known as Nova.",
]


@pytest.mark.parametrize("text", TEXTS + [t.lower() for t in TEXTS] + [t.upper() for t in TEXTS])
def test_the_details_and_roles_read_with_the_prescan_are_those_of_every_pattern_run(text, prescan_from):
    entities = find_entities(text, AliasBook.default())
    cleaned = clean_for_entities(text)
    prescan_from(details, 0), prescan_from(verdicts, 0), prescan_from(products, 0)
    with_prescan = read_details(text, entities), roles(cleaned, entities), products_of(text)
    prescan_from(details, 10**9), prescan_from(verdicts, 10**9), prescan_from(products, 10**9)
    assert (read_details(text, entities), roles(cleaned, entities), products_of(text)) == with_prescan


def test_the_texts_above_hold_every_detail_and_role_so_the_comparison_means_something(prescan_from):
    prescan_from(details, 10**9), prescan_from(verdicts, 10**9)
    book = AliasBook.default()
    read = [(read_details(t, find_entities(t, book)), roles(clean_for_entities(t), find_entities(t, book)))
            for t in TEXTS]
    assert any(d.partners for d, _ in read) and any(d.features for d, _ in read) and any(d.place for d, _ in read)
    assert any(r.subjects and r.objects for _, r in read)
    attributed = find_entities(TEXTS[0], book)
    assert len(read_details(TEXTS[0], attributed).parties) < len([e for e in attributed if e.kind != "product"])


    prescan_from(products, 10**9)
    named = [products_of(t) for t in TEXTS]
    assert any(p.rumored for p in named) and any(p.launched for p in named)
    assert products_of("A chip code-named Falcon named Hawk.").rumored == "Hawk"


def test_a_text_without_the_words_the_patterns_need_runs_none_of_them():
    text = "Acme ships a phone."
    for module in (details, verdicts, products):
        assert not any(LazyRuleFilter(module._PRESCAN.patterns, build_from=0).may_match(text))


SUFFIXED = ["Nvidia Corporation", "Siemens AG said", "Acme Inc. and Beta Ltd.", "Sony Group Corp., Tokyo",
            "Foxconn Co., Ltd.", "Beta S.A.; Gamma N.V.", "Delta Holdings (Asia)", "Epsilon plc's shares",
            "Zeta GmbH", "Eta Oyj!", "Theta Pty Ltd", "Iota L.L.C. filed", "Kappa SpA", "Lambda KK?",
            "Mu AB", "Nu ASA", "Xi LP", "Omicron SE", "Pi Inc", "Acme incorporated a unit", "Corporate news",
            "An income rise", "Acme, Inc. reports", "ACME INC. REPORTS", "Acme Co Ltd", "no legal form here"]


@pytest.mark.parametrize("text", SUFFIXED + [t.lower() for t in SUFFIXED] + [t.upper() for t in SUFFIXED])
def test_a_legal_form_is_stripped_as_the_full_pattern_strips_it(text):
    assert strip_company_suffixes(text) == normalize._COMPANY_SUFFIX.sub("", text)


def test_the_texts_above_hold_legal_forms_to_strip_so_the_comparison_means_something():
    assert sum(normalize._COMPANY_SUFFIX.sub("", t) != t for t in SUFFIXED) >= 18
