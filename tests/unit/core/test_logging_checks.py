from datetime import date

import pytest

from verify.core.logging_checks import past_time_warning

MID_JUNE = date(2022, 6, 15)


@pytest.mark.parametrize(("text", "named"), [
    ("The chipmaker closed the takeover last week, two bankers said", "last week"),
    ("The carmaker opened its new plant in March", "March"),
    ("The league will approve the sale in Q1 2021", "Q1 2021"),
    ("Board members met yesterday to weigh a bid", "yesterday"),
])
def test_a_claim_whose_time_ended_before_publication_gets_a_warning_naming_that_time(text, named):
    warning = past_time_warning(text, MID_JUNE)
    assert warning is not None and named in warning and "2022-06-15" in warning


@pytest.mark.parametrize("text", [
    "The streaming service will launch in July",
    "The bank is expected to announce cuts later this year",
    "The phone maker plans a foldable model, people familiar said",  # no time at all: nothing to warn about
    "The airline will confirm the order today",  # a window that contains the publication day is not past
])
def test_a_claim_looking_ahead_or_naming_no_time_gets_no_warning(text):
    assert past_time_warning(text, MID_JUNE) is None


def test_the_same_words_read_against_an_earlier_publication_date_are_not_past():
    text = "The league will approve the sale in Q1 2021"
    assert past_time_warning(text, date(2020, 11, 2)) is None
    assert past_time_warning(text, date(2021, 4, 2)) is not None


def test_when_no_window_is_resolved_but_only_past_times_are_found_the_warning_says_no_deadline_is_set(monkeypatch):
    # The resolver may come to refuse past windows (returning None): the rule still speaks up then.
    from verify.core import logging_checks

    monkeypatch.setattr(logging_checks, "resolve_window", lambda *args, **kwargs: None)
    warning = past_time_warning("The carmaker opened its new plant in March", MID_JUNE)
    assert warning is not None and "no deadline is set" in warning and "March" in warning
    assert past_time_warning("The store opens in July", MID_JUNE) is None
