"""Entities: the alias book, capitalised phrases, and aliases learned from data."""

import pytest

from verify.core.entities import (
    AliasBook,
    entity_key,
    extract_phrases,
    find_entities,
    frequent_phrases,
    newsroom_alias_book,
    propose_aliases,
)


def names(text, book=None):
    return [(e.name, e.kind) for e in find_entities(text, book or AliasBook.default())]


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [("Facebook Inc", "meta"), ("Facebook", "meta"), ("Google", "alphabet"), ("Nvidia Corporation", "nvidia"),
     ("NVIDIA", "nvidia"), ("Tik Tok", "tiktok"), ("Hewlett-Packard", "hp")],
)
def test_the_default_alias_book_knows_the_usual_other_names(alias, canonical):
    assert AliasBook.default().canonical(alias) == canonical


def test_an_alias_found_in_text_is_reported_under_its_canonical_name():
    assert names("Facebook Inc buys Giphy for $400 million")[0] == ("Meta", "org")


def test_the_alias_book_is_plain_data_that_round_trips():
    book = AliasBook({"Acme": {"kind": "org", "aliases": ["Acme Widgets", "ACW"]}, "Globex": ["Globex Corp"]})
    again = AliasBook(book.to_data())
    assert again.to_data() == book.to_data()
    assert again.canonical("ACW") == "acme" and again.canonical("Globex Corporation") == "globex"


def test_an_unknown_kind_is_refused_with_the_allowed_ones():
    with pytest.raises(ValueError, match="org, product, person, other"):
        AliasBook({"Acme": {"kind": "company"}})


def test_short_aliases_that_are_common_words_match_only_when_capitalised():
    book = AliasBook.default()
    assert [e.key for e in book.find("Apple and Meta talk")] == ["apple", "meta"]
    assert book.find("an apple a day, meta analysis") == []
    assert [e.key for e in book.find("nvidia stock jumps")] == ["nvidia"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The iPhone 14 Pro ships in September", [("iPhone 14 Pro", "product")]),
        ("Xiaomi 12S Ultra launched", [("Xiaomi", "org"), ("Xiaomi 12S Ultra", "product")]),
        ("OnePlus and Hasselblad launch OnePlus 10 Pro",
         [("OnePlus", "org"), ("Hasselblad", "org"), ("OnePlus 10 Pro", "product")]),
        ("Apple M2 chips arrive", [("Apple", "org"), ("Apple M2", "product")]),
        ("Sources say CEO Tim Cook will step down", [("Tim Cook", "person")]),
        ("Analysts at Bank of America expect it", [("Bank of America", "other")]),
        ("Breaking: Intel in talks to acquire Mellanox", [("Intel", "org"), ("Mellanox", "org")]),
    ],
)
def test_names_are_found_with_their_kind(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Breaking news from the market today", "Exclusive: rumors swirl about a deal", "Report says it will ship",
     "Launch is set for July 2022", "Reportedly the phone is ready"],
)
def test_sentence_initial_common_words_are_not_entities(text):
    assert extract_phrases(text) == []


def test_a_capitalised_sentence_start_used_in_lower_case_elsewhere_is_not_a_name():
    text = "Phones sell well. Most phones are cheap. Samsung agrees."
    assert [p.text for p in extract_phrases(text)] == ["Samsung"]


def test_a_shouting_text_yields_no_names_from_its_capitals():
    assert extract_phrases("THIS IS ABSOLUTELY OUTRAGEOUS BEHAVIOUR") == []


def test_entity_keys_ignore_case_suffix_and_possessive():
    assert entity_key("TikTok's") == entity_key("TIKTOK") == entity_key("TikTok Inc.") == "tiktok"


def test_frequent_phrases_are_counted_across_texts():
    texts = ["Globex buys Initech", "Initech shares fall", "Analysts doubt Globex", "Initech agrees"]
    assert frequent_phrases(texts, min_count=2) == [("Initech", 3), ("Globex", 2)]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["Regulators at the Federal Trade Commission sued", "The Federal Trade Commission said",
          "Critics of FTC", "Then FTC ruled", "We asked the FTC"], ("Federal Trade Commission", "FTC", "acronym")),
        (["Shares of Globex Technologies rose", "Globex Technologies said", "Rivals of Globex", "Then Globex",
          "A deal for Globex"],
         ("Globex", "Globex Technologies", "company name with its tail")),
        (["Shares of NVIDIA rose", "Shares of Nvidia fell", "We like Nvidia", "They like NVIDIA", "Also Nvidia"],
         ("Nvidia", "NVIDIA", "case variant")),
    ],
)
def test_aliases_are_proposed_from_data(texts, expected):
    proposals = {(p.canonical, p.alias, p.reason) for p in propose_aliases(texts, min_count=2)}
    assert expected in proposals


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. listed Wakanda as a partner", ["Wakanda"]),
        ("Dear Joe Biden, you said it", ["Joe Biden"]),
    ],
)
def test_single_letters_and_salutations_are_not_names(text, expected):
    assert [p.text for p in extract_phrases(text)] == expected


@pytest.mark.parametrize(("stored", "name", "canonical"), [
    ((), "Facebook", "meta"),  # the shipped defaults stay
    ((("NVIDIA", "Team Green", "org"),), "Team Green", "nvidia"),  # a stored alias is known
    ((("Acme", "Facebook", "org"),), "Facebook", "acme"),  # a stored alias overrides a default
    ((("NVIDIA", "Green", "org"), ("Greenpeace", "Green", "org")), "Green", "greenpeace"),  # the later wins
])
def test_a_newsroom_book_is_the_defaults_then_its_stored_aliases_in_order(stored, name, canonical):
    assert newsroom_alias_book(stored).canonical(name) == canonical


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xiaomi 12S Ultra ships", ["Xiaomi 12S Ultra"]),  # letters and digits: a model
        ("the new M2 chip", ["M2"]),
        ("deal with AT&T closed", ["AT&T"]),  # letters and "&": capitalised, a name
        ("the R&D budget", ["R&D"]),
        ("a 3&4 split and 2024 plans", []),  # digits alone (with "&" or not) never start a name
        ("an iPhone and an eBay listing", ["iPhone", "eBay"]),  # a capital further on
        ("plans for 5g and a4 paper", ["5g", "a4"]),  # digits and letters, whatever the case
    ],
)
def test_words_with_digits_letters_or_ampersands_are_read_as_names_or_not(text, expected):
    assert [p.text for p in extract_phrases(text)] == expected
