"""A claim's window: only what lies ahead counts, it never starts before publication, steps and overlaps."""

from datetime import date

import pytest

from verify.core.time import find_windows, reads_as_past, resolve_window

D = date.fromisoformat


def span(text: str, published: str, **kwargs) -> tuple[str, str] | None:
    found = resolve_window(text, D(published), **kwargs)
    return (found.start.isoformat(), found.end.isoformat()) if found else None


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The retailer will open the flagship store this July.", "2024-07-09", ("2024-07-09", "2024-07-31")),
    ("The insurer plans to list its shares this fall.", "2024-10-14", ("2024-10-14", "2024-11-30")),
    ("The merger should close this quarter.", "2024-05-02", ("2024-05-02", "2024-06-30")),
    ("Output will rise this year, the miner expects.", "2024-03-05", ("2024-03-05", "2024-12-31")),
    ("The studio will ship the patch this week.", "2024-05-15", ("2024-05-15", "2024-05-19")),
])
def test_a_window_that_contains_the_publication_date_starts_on_it(text, published, expected):
    assert span(text, published) == expected


@pytest.mark.parametrize(("text", "published"), [
    ("The brewer confirmed the takeover on Tuesday.", "2024-04-11"),
    ("The carmaker launched its first van in November 2023.", "2024-02-01"),
    ("The talks, which began in May, collapsed on Friday.", "2024-07-15"),
    ("The bank had planned to list in 2024 but shelved the offering.", "2024-10-01"),
    ("The factory opened in 2019.", "2024-01-08"),
])
def test_a_sentence_about_the_past_gets_no_window_and_reads_as_past(text, published):
    assert resolve_window(text, D(published)) is None
    assert reads_as_past(text, D(published))


@pytest.mark.parametrize(("text", "published"), [
    ("The chain will sell its bakery unit, people familiar said on Monday.", "2024-04-10"),
    ("The chain will sell its bakery unit.", "2024-04-10"),
    ("The chain will sell its bakery unit in June.", "2024-04-10"),
])
def test_a_claim_about_what_comes_never_reads_as_past(text, published):
    assert not reads_as_past(text, D(published))


@pytest.mark.parametrize(("text", "published", "expected"), [
    # the reporting time is past; the claimed time is ahead
    ("The regulator said on Monday that it will rule in September.", "2024-06-12", ("2024-09-01", "2024-09-30")),
    ("Sales staff were told at a meeting on Thursday that the store closes within two weeks.", "2024-03-08",
     ("2024-03-08", "2024-03-22")),
])
def test_reporting_times_give_way_to_the_claimed_time(text, published, expected):
    assert span(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    # steps: from the first to the last
    ("The console will be unveiled in March and go on sale in May.", "2024-01-10", ("2024-03-01", "2024-05-31")),
    ("Shipments start in Q4, with production beginning in August.", "2024-05-20", ("2024-08-01", "2024-12-31")),
    # a window inside another: the more specific one
    ("The tablet ships in July, probably on July 16.", "2024-02-01", ("2024-07-16", "2024-07-16")),
    # an event and a period: their overlap
    ("The maker will show the phone at MWC next month.", "2025-01-20", ("2025-02-15", "2025-02-28")),
])
def test_several_times_combine_into_steps_or_their_overlap(text, published, expected):
    assert span(text, published) == expected


def test_steps_years_apart_keep_the_most_specific_window():
    text = "The airline is planning its biggest order in ten years and could announce it as soon as next week."
    assert span(text, "2024-07-10") == ("2024-07-15", "2024-07-21")


def test_no_claim_window_ever_ends_before_publication():
    texts = ["It launched on Monday.", "The deal closed last year.", "Shares rose in March.",
             "The phone is said to debut on August 7.", "The update ships on the 3rd."]
    for published in (D("2024-01-01"), D("2024-08-08"), D("2024-12-31")):
        for text in texts:
            found = resolve_window(text, published)
            assert found is None or found.end >= published


def test_find_windows_still_reads_past_times_as_written():
    found = find_windows("The brewer confirmed the takeover on Tuesday.", D("2024-04-11"))
    assert [(w.expression, w.start.isoformat()) for w in found] == [("Tuesday", "2024-04-09")]
