import pytest

from verify.core.confidence import parse_confidence
from verify.core.hedging import hedges_and_confidence
from verify.errors import InvalidInput


@pytest.mark.parametrize(("typed", "expected"), [
    (None, (None, None)), ("", (None, None)), (0.8, (0.8, None)), ("0.25", (0.25, None)), ("80%", (0.8, None)),
    ("all but confirmed", (0.95, "all but confirmed")), ("Very likely", (0.8, "Very likely")),
    ("likely", (0.7, "likely")), ("unlikely", (0.2, "unlikely")), ("rumoured", (0.35, "rumoured")),
    ("it may happen", (0.5, "it may happen")),
])
def test_confidence_reads_numbers_percentages_and_words(typed, expected):
    probability, label = parse_confidence(typed)
    assert label == expected[1]
    assert probability == (None if expected[0] is None else pytest.approx(expected[0]))


@pytest.mark.parametrize("typed", ["1.5", "150%", "-0.1", "a hunch", True])
def test_unreadable_or_out_of_range_confidence_is_refused(typed):
    with pytest.raises(InvalidInput):
        parse_confidence(typed)


@pytest.mark.parametrize(("words", "sentence"), [
    ("all but confirmed", "The Leica deal is all but confirmed, sources say."),
    ("likely", "The phone is likely to launch in July."),
    ("expected", "The phone is expected to launch in July."),
    ("could", "The phone could launch in July."),
    ("may", "The phone may launch in July."),
    ("rumored", "The phone is rumored to launch in July."),
    ("unconfirmed", "An unconfirmed report says the phone launches in July."),
    ("speculation", "Speculation says the phone launches in July."),
    ("unlikely", "The phone is unlikely to launch in July."),
])
def test_the_same_words_give_the_same_confidence_typed_or_read_from_an_article(words, sentence):
    typed, _ = parse_confidence(words)
    _, read = hedges_and_confidence(sentence)
    assert read == typed
