"""The amounts of a text read with the word pre-scan are those read with every amount pattern run."""

import pytest

from verify.core import amounts
from verify.core.amounts import quantities
from verify.core.prescan import LazyRuleFilter

# Texts of our own, in every shape the amount patterns read, in odd cases and other newsrooms' writing.
TEXTS = [
    "Acme to buy Beta for $7.5B in cash.", "Acme will pay US$7,500 million, or $122 per share.",
    "The plan costs $9.99 a month, or 99 euros yearly.", "A deal that could top $60 billion.",
    "Between $250 and $600 per user.", "Seagen, with a market value of about $30 billion, agreed.",
    "Acme cuts 10,000 jobs and closes 120 stores.", "Rates rise by a full percentage point; then 75 basis points.",
    "Acme takes a 10% stake in Beta.", "Acme acquires about 10 percent of Beta.", "Acme wins majority control.",
    "The trial runs for another three months.", "Extended by one year.", "阿里巴巴以350亿美元收购。",
    "ソフトバンクは5000億円を投じる。", "腾讯以人民币100亿元投资。", "Der Konzern zahlt eine Milliarde Dollar.",
    "Un accord de 1,2 milliard d'euros.", "Una compra de 1.000 millones de euros.", "Acme launches a phone.",
    "No numbers here at all.", "Beta becomes a wholly-owned subsidiary of Acme.", "2,5 Mrd. Euro für das Werk.",
    "Acme hires 300 staff.",
]


@pytest.mark.parametrize("text", TEXTS + [t.lower() for t in TEXTS] + [t.upper() for t in TEXTS])
def test_the_amounts_read_with_the_prescan_are_those_of_every_pattern_run(text, prescan_from):
    prescan_from(amounts, 0)
    with_prescan = quantities(text)
    prescan_from(amounts, 10**9)
    assert quantities(text) == with_prescan


def test_the_texts_above_hold_amounts_of_every_kind_so_the_comparison_means_something(prescan_from):
    prescan_from(amounts, 10**9)
    units = {q.unit for text in TEXTS for q in quantities(text)}
    assert {"usd", "eur", "cny", "jpy", "jobs", "stores", "points", "stake", "term"} <= units


def test_a_text_without_a_digit_or_an_amount_word_runs_none_of_the_patterns():
    assert not any(LazyRuleFilter(amounts._PRESCAN.patterns, build_from=0).may_match("Acme launches a phone."))
