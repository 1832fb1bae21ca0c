"""The alias book's scan by automaton finds exactly the spans its big pattern finds, in any text."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from verify.core import entities
from verify.core.entities import AliasBook, _Alternative

BOOK = AliasBook.default()
BOOK.add("Kelvin Labs", ["KLabs", "K&L", "x.ai", "小米科技", "Ünited Chips", "Meta Platforms"], kind="org")
BOOK.add("Chips", ["Platforms", "Labs"], kind="org")  # names that stand inside longer ones
NAMES = sorted({alternative.letters for alternative in BOOK._alternatives()})


def names_in_text():
    name = st.sampled_from(NAMES).flatmap(lambda n: st.sampled_from([n, n.upper(), n.lower(), n.title()]))
    glue = st.sampled_from([" ", "", "&", "-", "'s ", ". ", "x", "_", "9", "’", "\u212a", "ſ", "\u0130", "é", " the "])
    return st.lists(st.one_of(name, glue), max_size=12).map("".join)


def big_pattern_spans(book, text):
    return [match.span() for match in book._compiled().finditer(text)]


@settings(max_examples=400, deadline=None)
@given(names_in_text())
def test_the_automaton_finds_the_spans_of_the_big_pattern(text):
    assert BOOK._finder() is not None
    assert list(BOOK._names_in(text)) == big_pattern_spans(BOOK, text)


def test_names_inside_words_overlapping_or_nested_are_found_as_the_big_pattern_finds_them():
    for text in ["Samsung Electronics and SAMSUNG, samsungs", "Meta Platforms' Meta", "AT&T and T&T-Mobile",
                 "XiaomiXiaomi Xiaomi小米科技", "KLabs K&L K&Labs",
                 "United Chips and Meta Platforms, Kelvin Labs", "The Google Pixel, GOOGLE and google"]:
        assert list(BOOK._names_in(text)) == big_pattern_spans(BOOK, text), text


def test_an_edited_book_scans_with_its_new_names():
    book = AliasBook.default()
    before = list(book._names_in("Zyxcorp ships"))
    book.add("Zyxcorp", ["Zyx"])
    assert before == [] and list(book._names_in("Zyxcorp ships")) == [(0, 7)]


def test_a_case_blind_name_with_a_letter_cased_outside_ascii_is_scanned_by_the_big_pattern(monkeypatch):
    book = AliasBook.default()
    monkeypatch.setattr(book, "_alternatives", lambda: [_Alternative("Ωmega", blind=True, bounded=True)])
    monkeypatch.setattr(book, "_pattern", re.compile(_Alternative("Ωmega", blind=True, bounded=True).source))
    assert book._finder() is None
    assert list(book._names_in("ωMEGA and ΩMEGA")) == [(0, 5), (10, 15)]


def test_an_empty_book_finds_nothing():
    book = entities.AliasBook({})
    assert list(book._names_in("Apple and Samsung")) == [] == big_pattern_spans(book, "Apple and Samsung")
