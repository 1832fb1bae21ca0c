"""Arbitrary text through the pure core: the time resolver, `parse_date`, `verify when`, normalisation and
the article suggester answer (or refuse with a VerifyError) quickly, and never crash or hang."""

from __future__ import annotations

import contextlib
import time
from datetime import date

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.cli import main
from verify.core import normalize
from verify.core.suggest import suggest_claims
from verify.core.time import parse_date, resolve_window
from verify.errors import InvalidDate

TODAY = date(2022, 9, 1)
WORDS = ["in", "July", "next", "year", "Q3", "by", "the", "end", "of", "2023", "will", "launch", "said",
         "reportedly", "sources", "say", "Apple", "may", "1.2.10", "2000", "employees", "H2", "week", "—",
         "«", "», ", ".", ",", "?", "\n\n", "第三季度", "сентябре", "été", "\u200b", "\x00", "'); DROP TABLE x"]
texts = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join))
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@given(texts, days)
def test_the_resolver_returns_a_window_in_order_or_nothing(text, published):
    window = resolve_window(text, published)
    assert window is None or window.start <= window.end


@given(st.one_of(st.text(max_size=60), st.sampled_from(
    ["0001-01-01", "9999-12-31", "1899-12-31", "1900-01-01", "2200-12-31", "2201-01-01", "  ", "32/13/2022",
     "yesterday", "10000 years ago", "in 5000 years", "2022-02-30", "-1", "1e9", "NaN"])))
def test_parse_date_reads_a_plausible_date_or_refuses_clearly(value):
    try:
        day = parse_date(value, today=TODAY)
    except InvalidDate as error:
        assert str(error).startswith("Cannot read the date")
    else:  # an ISO date is taken as typed (callers check the range); words are read within 1900..2200
        assert isinstance(day, date)
        assert value.strip()[:4].isdigit() or 1900 <= day.year <= 2200


def setup_module():
    """dateparser loads every language on its first multilingual read (seconds): not the code under test."""
    for value in ("\u00e9t\u00e9 dernier", "\U000377c2\x8b\u00e2 junk"):
        with contextlib.suppress(InvalidDate):
            parse_date(value, today=TODAY)


@settings(max_examples=25)
@given(texts, st.one_of(st.text(max_size=30), days.map(date.isoformat)))
def test_verify_when_prints_a_result_or_one_clear_error(text, published):
    result = CliRunner().invoke(main, ["when", text, "--published", published, "--json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 2)  # done, or the user's input refused (never an unexpected error)
    if result.exit_code:
        assert result.output.startswith("Error: ") and "Traceback" not in result.output


@given(st.text(max_size=2000))
def test_normalisation_never_fails_and_is_stable(text):
    normalised = normalize.normalize(text)
    assert isinstance(normalised, str)
    assert all(isinstance(token, str) and token for token in normalize.tokenize(text))
    assert normalize.fold(normalize.fold(text)) == normalize.fold(text)


@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=40), max_size=200).map(" ".join), days)
def test_the_suggester_returns_sentences_of_the_article(text, published):
    for suggestion in suggest_claims(text, published):
        assert suggestion.sentence and suggestion.sentence.strip() in " ".join(text.split()) or suggestion.sentence


def test_a_huge_article_is_handled_in_bounded_time():
    article = ("Sources say Apple will reportedly launch a car in 2025, according to Bloomberg. " * 2500)[:200_000]
    started = time.perf_counter()
    suggestions = suggest_claims(article, TODAY)
    assert len(suggestions) == 1  # the same sentence, once
    assert time.perf_counter() - started < 20
