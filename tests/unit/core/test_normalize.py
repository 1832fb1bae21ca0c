"""Normalisation: every surface variant the matcher meets reads the same after `normalize`."""

import pytest

from verify.core.normalize import (
    canonical_amounts,
    find_amounts,
    fold,
    glued_words,
    normalize,
    split_words,
    stem,
    strip_company_suffixes,
    strip_noise,
    tokenize,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$7.5B", "usd:7500000000"),
        ("7.5 billion dollars", "usd:7500000000"),
        ("US$7,500 million", "usd:7500000000"),
        ("USD 7.5bn", "usd:7500000000"),
        ("$400 million", "usd:400000000"),
        ("€3 billion", "eur:3000000000"),
        ("3 billion euros", "eur:3000000000"),
        ("£2.5m", "gbp:2500000"),
        ("7.5 billion", "7500000000"),
    ],
)
def test_every_way_of_writing_an_amount_becomes_one_token(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize("text", ["10m sprint", "a 5G phone", "Xiaomi 12S Ultra", "in 2022"])
def test_numbers_that_are_not_money_stay_as_written(text):
    assert find_amounts(text) == []
    assert canonical_amounts(text) == text


def test_an_amount_keeps_its_surface_for_the_editor():
    [amount] = find_amounts("Microsoft offers $3.2 billion for TikTok")
    assert amount.surface == "$3.2 billion"
    assert amount.token == "usd:3200000000"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nvidia Corporation", "Nvidia"),
        ("Apple Inc.", "Apple"),
        ("Intel Corp.", "Intel"),
        ("Foxconn Co., Ltd.", "Foxconn"),
        ("Siemens AG", "Siemens"),
        ("Acme S.A.", "Acme"),
        ("Vodafone Group plc", "Vodafone Group"),
        ("Widgets LLC", "Widgets"),
        ("SoftBank Group Holdings", "SoftBank Group"),
        ("Bosch GmbH", "Bosch"),
    ],
)
def test_legal_suffixes_never_tell_companies_apart(text, expected):
    assert strip_company_suffixes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TikTok's US business", "tiktok us business"),
        ("TikTok\u2019s US business", "tiktok us business"),
        ("the users' data", "the users data"),
        ("\u201cQuoted\u201d \u2014 dash\u2013en", "quoted dash en"),
        ("Nestl\u00e9 and Citro\u00ebn", "nestle and citroen"),
        ("\uff21\uff22\uff23 full width", "abc full width"),
        ("HELLO, World!!!", "hello world"),
    ],
)
def test_case_punctuation_unicode_and_possessives_are_normalised(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Big news https://t.co/abc123 here", "Big news here"),
        ("Thanks @elonmusk for this", "Thanks for this"),
        ("RT @user: the claim", "the claim"),
        ("#TikTok ban is coming", "TikTok ban is coming"),
        ("#BlackLivesMatter now", "Black Lives Matter now"),
        ("The claim pic.twitter.com/xyz", "The claim"),
        ("Alabama wants to deny food stamps. https://t.co/x \u2014 Julie Slama (@Thorsby) March 18, 2016",
         "Alabama wants to deny food stamps."),
    ],
)
def test_social_media_noise_is_stripped(text, expected):
    assert strip_noise(text) == expected


def test_fold_turns_curly_quotes_and_dashes_into_plain_ones():
    assert fold("\u2018a\u2019 \u201cb\u201d c\u2014d e\u2212f") == "'a' \"b\" c-d e-f"


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (["acquire", "acquires", "acquired", "acquiring"], True),
        (["launch", "launches", "launched"], True),
        (["phone", "phones"], True),
        (["business", "businesses"], True),
        (["pro", "process"], False),
    ],
)
def test_the_light_stemmer_joins_inflections_only(words, same):
    assert (len({stem(w) for w in words}) == 1) is same


def test_tokens_drop_stop_words_but_keep_negations_out_of_the_way():
    assert tokenize("Xiaomi will launch the phone in July") == ["xiaomi", "launch", "phon", "july"]
    assert "will" in tokenize("Xiaomi will launch", keep_stop_words=True, stemmed=False)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("FakeNews", "Fake News"),
        ("BlackLivesMatter", "Black Lives Matter"),
        ("realDonaldTrump", "real Donald Trump"),
        ("Rob_Rogers", "Rob Rogers"),
        ("Tokyo2020", "Tokyo 2020"),
        ("NASAMission", "NASA Mission"),
        ("netflix", "netflix"),
        ("fyrefestival", "fyrefestival fyre festival"),
        ("Fyrefestival", "Fyrefestival fyre festival"),
        ("krystinamartelli", "krystinamartelli krystina martelli"),
        ("NoPrideforProudBoys", "No Pridefor pride for Proud Boys"),
        ("whistleblower", "whistleblower"),
        ("cornflakes", "cornflakes"),
    ],
)
def test_glued_words_of_hashtags_and_handles_come_apart(word, expected):
    assert split_words(word) == expected


@pytest.mark.parametrize("word", ["Brexit", "antifa", "basketball", "impeachment", "coronavirus", "Hasselblad",
                                  "iphone14pro", "COVID19"])
def test_one_word_is_never_cut_into_pieces(word):
    assert glued_words(word) == ()


def test_a_hashtag_without_capitals_keeps_its_whole_form_beside_its_words():
    assert normalize("Chaos at #fyrefestival tonight") == "chaos at fyrefestival fyre festival tonight"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#FakeNews media", "fake news media"),
        ("Thanks @BillClinton for this", "thanks bill clinton for this"),
        ("Sad news today. \u2014 Rob Rogers (@Rob_Rogers) June 14, 2018", "sad news today rob rogers"),
        ("Look \u2066@VanityFair\u2069 here", "look vanity fair here"),
        ("#WakandaForeverpic.twitter.com/wiRSCIdfGh", "wakanda forever"),
    ],
)
def test_matching_text_keeps_the_names_in_handles_hashtags_and_the_signature(text, expected):
    assert normalize(text) == expected


def test_entity_text_still_drops_handles_and_the_signature():
    text = "Sad news @netflix \u2014 Rob Rogers (@Rob_Rogers) June 14, 2018"
    assert strip_noise(text) == "Sad news"
