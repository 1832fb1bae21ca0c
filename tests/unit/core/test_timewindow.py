"""Time expressions resolve to the window a reporter meant, read against the publication date."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.core.time import GRANULARITIES, TimeWindow, find_windows, parse_date, resolve_window
from verify.core.time import window as timewindow
from verify.errors import InvalidDate

TUE_12_FEB_2013 = date(2013, 2, 12)
D = date.fromisoformat


def window(text: str, published: date = TUE_12_FEB_2013, **kwargs) -> tuple[str, str, str]:
    found = resolve_window(text, published, **kwargs)
    assert found is not None, f"no window in {text!r}"
    return found.start.isoformat(), found.end.isoformat(), found.granularity


def reading(text: str, published: date = TUE_12_FEB_2013, **kwargs) -> tuple[str, str, str]:
    """How the first expression reads, before the claim rules (no clipping, past times kept)."""
    found = find_windows(text, published, **kwargs)
    assert found, f"no window in {text!r}"
    return found[0].start.isoformat(), found[0].end.isoformat(), found[0].granularity


@pytest.mark.parametrize(
    ("text", "start", "end", "granularity"),
    [
        ("Apple will launch the phone this July", "2013-07-01", "2013-07-31", "month"),
        ("The deal closes later this month", "2013-02-12", "2013-02-28", "by"),
        ("by the end of March", "2013-02-12", "2013-03-31", "by"),
        ("at the end of March", "2013-03-21", "2013-03-31", "month"),
        ("in the second half of 2021", "2021-07-01", "2021-12-31", "half"),
        ("first half of next year", "2014-01-01", "2014-06-30", "half"),
        ("results due in H2", "2013-07-01", "2013-12-31", "half"),
        ("shipping in Q3", "2013-07-01", "2013-09-30", "quarter"),
        ("Q3 2022", "2022-07-01", "2022-09-30", "quarter"),
        ("the third quarter", "2013-07-01", "2013-09-30", "quarter"),
        ("next quarter", "2013-04-01", "2013-06-30", "quarter"),
        ("this fall", "2013-09-01", "2013-11-30", "season"),
        ("next year", "2014-01-01", "2014-12-31", "year"),
        ("this year", "2013-01-01", "2013-12-31", "year"),
        ("next month", "2013-03-01", "2013-03-31", "month"),
        ("next week", "2013-02-18", "2013-02-24", "week"),
        ("this week", "2013-02-11", "2013-02-17", "week"),
        ("early 2023", "2023-01-01", "2023-04-30", "year"),
        ("mid-2023", "2023-05-01", "2023-08-31", "year"),
        ("late 2023", "2023-09-01", "2023-12-31", "year"),
        ("early March", "2013-03-01", "2013-03-10", "month"),
        ("mid March", "2013-03-11", "2013-03-20", "month"),
        ("within weeks", "2013-02-12", "2013-03-26", "by"),
        ("within two weeks", "2013-02-12", "2013-02-26", "by"),
        ("within 48 hours", "2013-02-12", "2013-02-14", "by"),
        ("in the coming weeks", "2013-02-12", "2013-03-26", "by"),
        ("over the next two years", "2013-02-12", "2015-02-12", "by"),
        ("in two weeks", "2013-02-26", "2013-02-26", "day"),
        ("before Christmas", "2013-02-12", "2013-12-24", "by"),
        ("by Christmas", "2013-02-12", "2013-12-25", "by"),
        ("Christmas", "2013-12-25", "2013-12-25", "day"),
        ("Thanksgiving", "2013-11-28", "2013-11-28", "day"),
        ("New Year's Eve", "2013-12-31", "2013-12-31", "day"),
        ("Easter", "2013-03-31", "2013-03-31", "day"),
        ("by July 4th", "2013-02-12", "2013-07-04", "by"),
        ("July 4th", "2013-07-04", "2013-07-04", "day"),
        ("the fourth of July", "2013-07-04", "2013-07-04", "day"),
        ("on the 15th", "2013-02-15", "2013-02-15", "day"),
        ("2022-03-28", "2022-03-28", "2022-03-28", "day"),
        ("March 28, 2022", "2022-03-28", "2022-03-28", "day"),
        ("28 March 2022", "2022-03-28", "2022-03-28", "day"),
        ("10/31/1974", "1974-10-31", "1974-10-31", "day"),
        ("in 2022", "2022-01-01", "2022-12-31", "year"),
        ("the 2023-24 season", "2023-01-01", "2024-12-31", "year"),
        ("July 2022", "2022-07-01", "2022-07-31", "month"),
        ("in July", "2013-07-01", "2013-07-31", "month"),
        ("by year-end", "2013-02-12", "2013-12-31", "by"),
        ("the end of the year", "2013-09-01", "2013-12-31", "year"),
        ("tomorrow", "2013-02-13", "2013-02-13", "day"),
        ("Friday", "2013-02-15", "2013-02-15", "day"),
        ("next Friday", "2013-02-22", "2013-02-22", "day"),
        ("last summer", "2012-06-01", "2012-08-31", "season"),
        ("the fourth-quarter results", "2013-10-01", "2013-12-31", "quarter"),
        ("on 2015-3-3", "2015-03-03", "2015-03-03", "day"),
        ("the conference runs July 13-15", "2013-07-13", "2013-07-15", "day"),
        ("from the 13th to the 15th of July", "2013-07-13", "2013-07-15", "day"),
        ("Aug 8 - Aug 12", "2013-08-08", "2013-08-12", "day"),
        ("the first Monday of May", "2013-05-06", "2013-05-06", "day"),
        ("the last Friday in October 2015", "2015-10-30", "2015-10-30", "day"),
        ("the last day of March", "2013-03-31", "2013-03-31", "day"),
        ("the rest of the week", "2013-02-12", "2013-02-17", "by"),
    ],
)
def test_each_form_resolves_against_the_publication_date(text, start, end, granularity):
    assert reading(text) == (start, end, granularity)


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("in July", "2013-10-15", "2014-07-01", "2014-07-31"),
        ("in March", "2013-03-20", "2013-03-20", "2013-03-31"),  # the current month, from publication
        ("next March", "2013-03-20", "2014-03-01", "2014-03-31"),
        ("Friday", "2013-02-15", "2013-02-15", "2013-02-15"),
        ("July 4th", "2013-07-05", "2014-07-04", "2014-07-04"),
        ("the 15th", "2013-02-16", "2013-03-15", "2013-03-15"),
        ("the 31st", "2013-02-16", "2013-03-31", "2013-03-31"),
        ("Christmas", "2013-12-26", "2014-12-25", "2014-12-25"),
        ("this winter", "2013-01-10", "2013-01-10", "2013-02-28"),
        ("this winter", "2013-10-10", "2013-12-01", "2014-02-28"),
    ],
)
def test_underspecified_dates_prefer_the_future(text, published, start, end):
    assert window(text, D(published))[:2] == (start, end)


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("next month", "2013-12-05", "2014-01-01", "2014-01-31"),
        ("Q1", "2013-11-05", "2014-01-01", "2014-03-31"),
        ("Q4", "2013-11-05", "2013-11-05", "2013-12-31"),
        ("next week", "2013-12-30", "2014-01-06", "2014-01-12"),
        ("next year", "2013-12-31", "2014-01-01", "2014-12-31"),
        ("next quarter", "2013-12-01", "2014-01-01", "2014-03-31"),
        ("late February 2024", "2013-01-01", "2024-02-21", "2024-02-29"),
        ("late February 2023", "2013-01-01", "2023-02-21", "2023-02-28"),
        ("by the end of February", "2024-02-01", "2024-02-01", "2024-02-29"),
        ("February 29", "2023-03-01", "2024-02-29", "2024-02-29"),
        ("within a month", "2013-01-31", "2013-01-31", "2013-02-28"),
    ],
)
def test_month_and_year_boundaries_and_leap_days(text, published, start, end):
    assert window(text, D(published))[:2] == (start, end)


@pytest.mark.parametrize(
    ("text", "hemisphere", "start", "end"),
    [
        ("this summer", "north", "2013-06-01", "2013-08-31"),
        ("this summer", "south", "2013-02-12", "2013-02-28"),
        ("next summer", "south", "2013-12-01", "2014-02-28"),
        ("this winter", "south", "2013-06-01", "2013-08-31"),
        ("next autumn", "south", "2013-03-01", "2013-05-31"),
    ],
)
def test_seasons_follow_the_hemisphere(text, hemisphere, start, end):
    assert window(text, hemisphere=hemisphere)[:2] == (start, end)


@pytest.mark.parametrize(
    ("text", "expression", "start"),
    [
        ("Reuters said Friday that the phone ships in July", "July", "2013-07-01"),
        ("Sources told Bloomberg on Monday the merger will close in Q2", "Q2", "2013-04-01"),
        ("Launched in 2012, the service will be sold by March 3", "by March 3", "2013-02-12"),
        ("The phone will ship in July, perhaps on July 15", "July 15", "2013-07-15"),
    ],
)
def test_the_claims_window_is_the_most_specific_future_looking_expression(text, expression, start):
    found = resolve_window(text, TUE_12_FEB_2013)
    assert (found.expression, found.start.isoformat()) == (expression, start)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("On Wednesday, Apple introduced an iPod", "2013-02-06"),
        ("George Lowe died in Ripley on Wednesday", "2013-02-06"),
        ("On Wednesday, Apple will introduce an iPod", "2013-02-13"),
        ("Sunday, Feb 10", "2013-02-10"),
        ("In a New York press conference at 16:15 UTC, June 1st, Fritz Henderson spoke", "2012-06-01"),
    ],
)
def test_context_decides_whether_a_bare_date_lies_ahead_or_behind(text, start):
    assert reading(text)[0] == start


def test_a_past_tense_verb_reads_a_bare_weekday_in_the_past():
    found = find_windows("The company said Friday it will ship in July", TUE_12_FEB_2013)
    assert [(w.expression, w.start.isoformat()) for w in found] == [("Friday", "2013-02-08"), ("July", "2013-07-01")]


def test_find_windows_returns_every_expression_in_text_order():
    found = find_windows("Rumored for early 2023, delayed to Q3, now due by Christmas", date(2022, 6, 1))
    assert [w.expression for w in found] == ["early 2023", "Q3", "by Christmas"]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "Apple will launch a phone", "You may see it soon", "Shares fall as investors march out",
     "Sales rose 2,022 units", "Sold 1/2 of the stock", "Version 2025 is in testing",
     "The company has 2000 employees", "Version 1.2.10 ships"],
)
def test_text_without_a_time_names_no_window(text):
    assert resolve_window(text, TUE_12_FEB_2013) is None


@pytest.mark.parametrize(
    ("text", "start", "end", "granularity"),
    [
        ("Apple lancera son téléphone en juillet 2022", "2022-07-01", "2022-07-31", "month"),
        ("苹果公司将于7月发布新手机", "2013-07-01", "2013-07-31", "month"),
        ("Apple wird das Telefon im Juli vorstellen", "2013-07-01", "2013-07-31", "month"),
        ("El lanzamiento será el 3 de marzo", "2013-03-03", "2013-03-03", "day"),
    ],
)
def test_other_languages_resolve_months_and_dates(text, start, end, granularity):
    assert window(text) == (start, end, granularity)


def test_a_claim_without_time_words_never_calls_dateparser(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("dateparser was called")

    monkeypatch.setattr(timewindow, "DateDataParser", forbidden)
    assert resolve_window("Apple will launch a phone with a bigger screen", date(2031, 5, 4)) is None
    assert window("Apple will launch a phone in Q3 2031", date(2031, 5, 4))[2] == "quarter"


def test_dateparser_reads_each_span_once_per_publication_date(monkeypatch):
    calls = []
    real = timewindow.DateDataParser

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(timewindow, "DateDataParser", counting)
    for _ in range(3):
        resolve_window("Apple will launch a phone on March 28, 2029", date(2029, 1, 7))
    assert len(calls) == 1


def test_a_window_serialises_to_iso_dates():
    found = resolve_window("by the end of March", TUE_12_FEB_2013)
    assert found.to_dict() == {"expression": "by the end of March", "start": "2013-02-12",
                               "end": "2013-03-31", "granularity": "by"}
    assert isinstance(found, TimeWindow) and found.granularity in GRANULARITIES


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2022-03-28", "2022-03-28"),
        ("28 March 2022", "2022-03-28"),
        ("March 28, 2022", "2022-03-28"),
        ("yesterday", "2013-02-11"),
        ("3 days ago", "2013-02-09"),
        ("  2022-03-28 ", "2022-03-28"),
        ("March 28", "2012-03-28"),
    ],
)
def test_parse_date_reads_iso_and_natural_dates(typed, expected):
    assert parse_date(typed, today=TUE_12_FEB_2013) == D(expected)


@pytest.mark.parametrize("typed", ["", "banana", "the thirty-second of Smarch", "2022-13-45"])
def test_parse_date_rejects_unreadable_input_with_a_clear_message(typed):
    with pytest.raises(InvalidDate) as error:
        parse_date(typed, today=TUE_12_FEB_2013)
    assert repr(typed) in str(error.value) and "YYYY-MM-DD" in str(error.value)


def test_a_publication_date_in_the_future_does_not_crash():
    assert window("next year", date(2999, 12, 31))[:2] == ("3000-01-01", "3000-12-31")


TIME_WORDS = ["by ", "the end of ", "early ", "late ", "next ", "last ", "this ", "within ", "a few ", "weeks ",
              "March ", "May ", "Friday ", "Q3 ", "H2 ", "2024 ", "29 ", "31st ", "of ", "Christmas ", "winter ",
              "-", "/", "12", "said ", "will ", "7月", "juillet ", "quarter ", "half ", "year-end ", "Feb 29 "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TIME_WORDS), max_size=12).map("".join),
       st.dates(min_value=date(1901, 1, 1), max_value=date(2998, 12, 31)),
       st.sampled_from(["north", "south"]))
def test_any_text_gives_well_formed_windows_and_never_crashes(text, published, hemisphere):
    for found in find_windows(text, published, hemisphere=hemisphere):
        assert found.start <= found.end
        assert found.granularity in GRANULARITIES
        assert found.expression and found.expression in text


@pytest.mark.parametrize(("published", "start", "end"), [
    (date(2022, 5, 20), date(2022, 5, 20), date(2022, 5, 22)),  # Friday: the rest of the week it is
    (date(2022, 5, 21), date(2022, 5, 23), date(2022, 5, 29)),  # Saturday: the week ahead
    (date(2022, 5, 22), date(2022, 5, 23), date(2022, 5, 29)),  # Sunday: the week ahead
])
def test_this_week_said_on_a_weekend_means_the_week_ahead(published, start, end):
    found = resolve_window("a deal could be announced this week", published)
    assert (found.start, found.end, found.granularity) == (start, end, "week")


@pytest.mark.parametrize(("typed", "expected"), [
    ("25 November", date(2025, 11, 25)),  # a calendar date without a year: the latest one seen
    ("11/25", date(2025, 11, 25)),
    ("tomorrow", date(2026, 11, 25)),  # a relative day stays where it is, so callers can refuse the future
    ("next friday", date(2026, 11, 27)),
])
def test_only_calendar_dates_without_a_year_move_into_the_past(typed, expected):
    assert parse_date(typed, today=date(2026, 11, 24)) == expected
