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


@pytest.mark.parametrize(("text", "said"), [
    ("The merger will be announced on 03/04/2023, people familiar said", "could be 3 April 2023"),
    ("Die Fusion soll am 11.06.2023 verkündet werden", "could be 6 November 2023"),
])
def test_a_date_that_reads_either_way_is_flagged_when_the_claim_is_logged(text, said):
    from verify.core.logging_checks import logging_warning

    warning = logging_warning(text, date(2023, 1, 10))
    assert warning is not None and warning.startswith("Check the date:") and said in warning


def test_an_unambiguous_future_date_gets_no_warning():
    from verify.core.logging_checks import logging_warning

    assert logging_warning("The merger will be announced on 25/04/2023", date(2023, 1, 10)) is None
    assert logging_warning("The merger will be announced in April", date(2023, 1, 10)) is None
