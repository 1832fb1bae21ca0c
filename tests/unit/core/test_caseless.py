"""A case-blind pattern scanned as its lower-case twin finds exactly what the case-blind pattern finds."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.core import denials
from verify.core.caseless import Caseless
from verify.core.time.expressions import RULES

PATTERNS = [pattern for pattern, _ in RULES] + [value for value in vars(denials).values()
                                               if isinstance(value, Caseless)]
WORDS = sorted({word for pattern in PATTERNS for word in re.findall(r"[a-z']{2,}", pattern.pattern)} |
               {"March", "Q3", "2H", "EOY", "1st", "the", "not", "n't"})


def spans(matches):
    return [(m.span(), m.groups(), m.groupdict()) for m in matches]


def texts(alphabet_extra=""):
    word = st.sampled_from(WORDS).flatmap(lambda w: st.sampled_from([w, w.upper(), w.title(), w.swapcase()]))
    glue = st.sampled_from([" ", "  ", "", ", ", ". ", "-", "/", "'", "7", " 2025 ", " 12 ", ";", *alphabet_extra])
    return st.lists(st.one_of(word, glue), max_size=14).map("".join)


def test_every_pattern_in_use_has_a_twin_but_the_one_that_reads_some_names_in_capitals_only():
    without = [pattern for pattern in PATTERNS if pattern.twin is None]
    assert len(PATTERNS) > 40
    assert len(without) == 1 and "(?-i:CES)" in without[0].pattern  # "CES", not "ces"


@settings(max_examples=300, deadline=None)
@given(texts())
def test_the_twin_finds_the_same_matches_as_the_case_blind_pattern(text):
    for pattern in PATTERNS:
        assert spans(pattern.finditer(text)) == spans(pattern.compiled.finditer(text)), pattern.pattern[:80]
        found, expected = pattern.search(text), pattern.compiled.search(text)
        assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=100, deadline=None)
@given(texts(alphabet_extra=("’", "é", "\u212a", "ſ")), st.integers(0, 20), st.integers(0, 60))
def test_any_text_and_any_stretch_of_it_gives_what_the_case_blind_pattern_gives(text, pos, endpos):
    for pattern in PATTERNS:
        assert spans(pattern.finditer(text, pos, endpos)) == spans(pattern.compiled.finditer(text, pos, endpos))
        found, expected = pattern.search(text, pos, endpos), pattern.compiled.search(text, pos, endpos)
        assert (found and (found.span(), found.groups())) == (expected and (expected.span(), expected.groups()))


def test_matches_are_of_the_text_as_written():
    pattern = Caseless(r"\bin (?P<month>march|july)\b")
    found = pattern.search("Launch IN July, not in MARCH")
    assert found.group(0, "month") == ("IN July", "July")
    assert [m.group("month") for m in pattern.finditer("in MARCH and In july")] == ["MARCH", "july"]


@pytest.mark.parametrize("source", [
    r"(?i:abc)", r"a(?-i:B)c", r"\x41bc", r"\u00c9t\u00e9", r"\N{LATIN CAPITAL LETTER A}", r"\101",
    r"[A-z]+", r"[K-c]", "\u212aelvin", "caf\u00e9",
])
def test_a_pattern_whose_letters_cannot_simply_be_lowered_runs_case_blind(source):
    pattern = Caseless(source)
    assert pattern.twin is None
    assert spans(pattern.finditer("ABC abc KELVIN Kelvin café CAFÉ Été")) == \
        spans(pattern.compiled.finditer("ABC abc KELVIN Kelvin café CAFÉ Été"))


@pytest.mark.parametrize(("source", "text", "expected"), [
    (r"\bQ(?P<n>[1-4])\b", "results in q3", (11, 13)),
    (r"\b(?P<e>[EB])O(?P<u>[DWMQY])\b", "due eoy", (4, 7)),
    (r"(?P<w>\w+) (?P=w)", "Bye BYE", (0, 7)),
    (r"\bden(?:y|ies)\b\S*", "It DENIES.", (3, 10)),
    (r"[A-Z]{2}\d", "ab1", (0, 3)),
])
def test_escapes_group_names_and_backreferences_keep_their_meaning(source, text, expected):
    pattern = Caseless(source)
    assert pattern.twin is not None
    assert pattern.search(text).span() == expected == pattern.compiled.search(text).span()
