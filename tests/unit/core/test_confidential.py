"""A confidential name is found and redacted however it is typed; pseudonyms say nothing of the name."""

import pytest

from verify.core.confidential import (
    Hidden,
    identity_key,
    is_pseudonym,
    label_sort_key,
    mentions,
    pseudonym,
    redact,
    source_label,
)

NAME = "Orla Brandt"
HIDE = [Hidden(NAME, pseudonym(7))]


@pytest.mark.parametrize("text, expected", [
    ("The tablet slips to May, according to Orla Brandt.",
     "The tablet slips to May, according to Confidential source #7."),
    ("ORLA BRANDT says the plant closes", "Confidential source #7 says the plant closes"),
    ("orla brandt says so", "Confidential source #7 says so"),
    ("per Órla Brändt, it ships", "per Confidential source #7, it ships"),
    ("per Or\u200bla Bra\u200dndt, it ships", "per Confidential source #7, it ships"),
    ("per \uff2f\uff52\uff4c\uff41 Brandt, it ships", "per Confidential source #7, it ships"),
    ("per Orla    Brandt, it ships", "per Confidential source #7, it ships"),
    ("per Orla\u00a0Brandt, it ships", "per Confidential source #7, it ships"),
    ("per Orla-Brandt's notes", "per Confidential source #7's notes"),
    ("https://news.example/2024/orla-brandt-leak", "https://news.example/2024/Confidential source #7-leak"),
    ("Orla Brandt and orla brandt again", "Confidential source #7 and Confidential source #7 again"),
])
def test_a_confidential_name_is_redacted_however_it_is_spelled(text, expected):
    assert redact(text, HIDE) == expected


@pytest.mark.parametrize("text", [
    "Orlando Brandtner wrote it",  # longer words that merely start like the name
    "Brandt, Orla's neighbour",  # the words in another order are another phrase
    "Nothing about anyone",
    "",
])
def test_text_without_the_name_is_left_exactly_as_it_was(text):
    assert redact(text, HIDE) == text
    assert not mentions(text, HIDE)


def test_the_longer_of_two_hidden_names_wins_where_they_overlap():
    hide = [Hidden("Orla", pseudonym(2)), Hidden("Orla Brandt", pseudonym(9))]
    assert redact("Orla Brandt told Orla", hide) == "Confidential source #9 told Confidential source #2"


@pytest.mark.parametrize("spelling", [
    "Orla Brandt", "ORLA BRANDT", "orla brandt", "Órla Brandt", "Or\u200bla Brandt", "\uff2f\uff52\uff4c\uff41 Brandt",
    "  Orla   Brandt ", "Orla\u00adBrandt".replace("\u00ad", " \u00ad"),
])
def test_every_spelling_of_a_name_has_the_same_identity(spelling):
    assert identity_key(spelling) == identity_key(NAME) == "orla brandt"


def test_pseudonyms_number_by_creation_order_and_sort_by_number_not_by_the_hidden_name():
    labels = [pseudonym(12), "Gizmo Daily", pseudonym(3), "Alpha Wire"]
    assert sorted(labels, key=label_sort_key) == ["Alpha Wire", "Gizmo Daily", "Confidential source #3",
                                                  "Confidential source #12"]
    assert pseudonym(5) == "Confidential source #5"


@pytest.mark.parametrize(("name", "confidential", "reveal", "shown"), [
    ("Orla Brandt", True, False, "Confidential source #7"),
    ("Orla Brandt", True, True, "Orla Brandt"),
    ("XDA Developers", False, False, "XDA Developers"),
    ("XDA Developers", False, True, "XDA Developers"),
])
def test_only_a_confidential_source_unrevealed_is_shown_by_its_pseudonym(name, confidential, reveal, shown):
    assert source_label(name, confidential, 7, reveal=reveal) == shown


@pytest.mark.parametrize(("label", "pseudonymous"), [
    (pseudonym(7), True), (pseudonym(120), True), ("Orla Brandt", False), (None, False),
    ("Confidential source #7 and friends", False),  # a name that only starts like one is a name
    ("Confidential source #", False),
])
def test_a_pseudonym_is_recognised_by_the_same_rule_that_sorts_it(label, pseudonymous):
    assert is_pseudonym(label) is pseudonymous
    assert (label_sort_key(label or "")[0] == 1) is pseudonymous


def test_a_pseudonym_is_the_number_and_nothing_else():
    assert pseudonym(7) == "Confidential source #7"
