"""The traps that once gave a future claim a past window, and the forms newsrooms write about what comes."""

from datetime import date

import pytest

from verify.core.time import resolve_window

D = date.fromisoformat


def span(text: str, published: str, **kwargs) -> tuple[str, str] | None:
    found = resolve_window(text, D(published), **kwargs)
    return (found.start.isoformat(), found.end.isoformat()) if found else None


@pytest.mark.parametrize(("text", "published", "expected"), [
    # an -ed adjective is no past tense
    ("The long-awaited sequel arrives on October 3.", "2024-06-01", ("2024-10-03", "2024-10-03")),
    ("Leaked slides point to a keynote on Sept. 12th.", "2024-08-20", ("2024-09-12", "2024-09-12")),
    ("Orders open on the 18th, according to a leaked memo.", "2024-04-09", ("2024-04-18", "2024-04-18")),
    ("The refreshed tablet is due on Nov. 14, the company's leaked roadmap shows.", "2024-09-02",
     ("2024-11-14", "2024-11-14")),
    # "is said to" reports a rumor about what comes
    ("The handset is said to go on sale on August 7.", "2024-06-24", ("2024-08-07", "2024-08-07")),
    # a "that" clause or a reporting verb after the time does not flip it
    ("The board said that the vote takes place on May 22.", "2024-05-02", ("2024-05-22", "2024-05-22")),
    ("The plant reopens on Friday, the union reported.", "2024-03-12", ("2024-03-15", "2024-03-15")),
    ("The firm said on Monday that it would cut 300 jobs by the end of the year.", "2024-09-10",
     ("2024-09-10", "2024-12-31")),
    ("Investors who had expected a listing last spring now see one next autumn.", "2024-01-15",
     ("2024-09-01", "2024-11-30")),
])
def test_tense_traps_keep_a_future_claim_in_the_future(text, published, expected):
    assert span(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The bank will publish the review within the next year.", "2024-02-10", ("2024-02-10", "2025-02-10")),
    ("The charger ships within weeks.", "2024-02-10", ("2024-02-10", "2024-03-23")),
    ("A decision is due in the coming weeks.", "2024-02-10", ("2024-02-10", "2024-03-23")),
    ("A decision is due in a few weeks.", "2024-02-10", ("2024-02-10", "2024-03-23")),
    ("The network will launch in the coming months.", "2024-02-10", ("2024-02-10", "2024-08-10")),
    ("A ruling could come within days.", "2024-02-10", ("2024-02-10", "2024-02-17")),
    ("The chain will close 40 stores over the next 18 months.", "2024-02-10", ("2024-02-10", "2025-08-10")),
])
def test_fuzzy_spans_run_from_publication(text, published, expected):
    assert span(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The carrier will announce the merger on Monday.", "2024-04-10", ("2024-04-15", "2024-04-15")),
    ("The carrier will announce the merger next Monday.", "2024-04-10", ("2024-04-15", "2024-04-15")),
    ("The vote is scheduled for this weekend.", "2024-04-10", ("2024-04-13", "2024-04-14")),
    ("Assembly starts the week after next.", "2024-04-10", ("2024-04-22", "2024-04-28")),
    ("The spin-off is planned for late in the second quarter.", "2024-01-10", ("2024-06-01", "2024-06-30")),
    ("A refreshed laptop is due early in the fourth quarter.", "2024-06-01", ("2024-10-01", "2024-10-31")),
    ("The operator hopes to launch the service in the first half, executives said.", "2024-02-20",
     ("2024-02-20", "2024-06-30")),
    ("The utility will build the dam in 2027 or 2028.", "2024-09-05", ("2027-01-01", "2028-12-31")),
])
def test_days_weeks_and_parts_of_periods(text, published, expected):
    assert span(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The company will show its new glasses at WWDC.", "2024-03-01", ("2024-06-01", "2024-06-15")),
    ("The firm will unveil a foldable TV at CES.", "2024-11-28", ("2025-01-01", "2025-01-15")),
    ("The robot maker will exhibit at IFA, sources say.", "2024-08-29", ("2024-08-29", "2024-09-15")),
    ("The watch is expected at Apple's September event.", "2024-05-03", ("2024-09-01", "2024-09-30")),
    ("The search giant will preview the assistant at Google I/O.", "2024-02-14", ("2024-05-01", "2024-05-31")),
    ("The publisher will reveal the game at E3 2025.", "2024-12-01", ("2025-06-01", "2025-06-20")),
    ("The drone will be on shelves in time for the holidays.", "2024-08-14", ("2024-08-14", "2024-12-31")),
    ("The doll will be advertised heavily during the holiday season.", "2024-08-14", ("2024-11-01", "2024-12-31")),
    ("The new shop must open before Black Friday.", "2024-08-14", ("2024-08-14", "2024-11-28")),
    ("The arena is expected to be finished before the Los Angeles Olympics open.", "2025-03-01",
     ("2025-03-01", "2028-07-13")),
    ("The club wants to sign the winger before the transfer deadline.", "2024-08-20", ("2024-08-20", "2024-08-31")),
    ("The new coach is expected to be appointed for next season.", "2024-05-24", ("2024-05-24", "2024-08-31")),
    ("The mall plans to open before Chinese New Year.", "2024-12-01", ("2024-12-01", "2025-01-28")),
])
def test_named_events_and_holidays_give_their_usual_dates(text, published, expected):
    assert span(text, published) == expected


@pytest.mark.parametrize("text", [
    "The Paris Olympics will be remembered for the river.",  # the subject, not a time
    "The studio held emergency weekend meetings about the leak.",
])
def test_an_event_named_as_a_subject_is_no_window(text):
    assert span(text, "2024-03-01") is None


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Apple expects the headset to ship in its fiscal second quarter of 2025.", "2024-09-01",
     ("2025-01-01", "2025-03-31")),
    ("Microsoft aims to close the purchase in its fiscal year 2025.", "2024-01-18", ("2024-07-01", "2025-06-30")),
    ("Nvidia plans to ramp the part in fiscal 2027.", "2025-11-20", ("2026-02-01", "2027-01-31")),
    ("Walmart plans to remodel 500 stores during fiscal 2026.", "2024-11-16", ("2025-02-01", "2026-01-31")),
    ("The Pentagon wants the drones bought in fiscal 2027.", "2025-03-11", ("2026-10-01", "2027-09-30")),
    ("Honda aims to start sales before the end of its current fiscal year.", "2024-05-14",
     ("2024-05-14", "2025-03-31")),
    ("Nissan plans to cut output within the fiscal year ending March 2026.", "2025-05-07",
     ("2025-05-07", "2026-03-31")),
    ("Hitachi expects the line to start in the fiscal year starting April 2025.", "2024-09-20",
     ("2025-04-01", "2026-03-31")),
    ("Microsoft expects cloud growth to slow through the fiscal third quarter.", "2024-01-25",
     ("2024-01-25", "2024-03-31")),
    ("Apple's holiday quarter will bring the first shipments.", "2024-09-08", ("2024-10-01", "2024-12-31")),
    ("The retailer expects margins to recover in fiscal 2025.", "2024-03-01", ("2025-01-01", "2025-12-31")),
])
def test_fiscal_years_follow_the_company_named(text, published, expected):
    assert span(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected", "note"), [
    ("The hearing is set for 11.06.2025.", "2025-04-02", ("2025-06-11", "2025-06-11"), "could be 6 November 2025"),
    ("The vote takes place on 03/04/2025.", "2025-01-10", ("2025-03-04", "2025-03-04"), "could be 3 April 2025"),
    ("The vote takes place on 25/04/2025.", "2025-01-10", ("2025-04-25", "2025-04-25"), None),
    ("The vote takes place on 04/25/2025.", "2025-01-10", ("2025-04-25", "2025-04-25"), None),
])
def test_numeric_dates_are_read_by_language_and_flagged_when_ambiguous(text, published, expected, note):
    found = resolve_window(text, D(published))
    assert (found.start.isoformat(), found.end.isoformat()) == expected
    assert (note in (found.note or "")) if note else found.note is None


@pytest.mark.parametrize(("text", "language", "date_order", "expected"), [
    ("Die Versammlung findet am 03.04.2025 statt.", None, None, "2025-04-03"),
    ("La vente débutera le 03/04/2025 en France.", None, None, "2025-04-03"),
    ("La venta empezará el 03/04/2025.", None, None, "2025-04-03"),
    ("The sale starts on 03/04/2025.", None, None, "2025-03-04"),
    ("The sale starts on 03/04/2025.", None, "DMY", "2025-04-03"),
    ("The sale starts on 03/04/2025.", "fr", None, "2025-04-03"),
])
def test_the_language_or_a_newsroom_setting_orders_day_and_month(text, language, date_order, expected):
    found = resolve_window(text, D("2025-01-10"), language=language, date_order=date_order)
    assert found.start.isoformat() == expected
    if date_order:
        assert found.note is None  # a newsroom setting is no guess


@pytest.mark.parametrize("text", [
    "The Model 2025 software is in testing with a few customers.",
    "The company has 2000 engineers working on the chip.",
    "You may see prices fall.",
])
def test_numbers_and_words_that_are_no_time_give_no_window(text):
    assert span(text, "2024-06-03") is None


def test_a_weekday_named_on_that_weekday_is_the_same_day():
    """News published on a Thursday about "Thursday" means that day (MEANTIME and TempEval agree)."""
    assert span("The carmaker will report results on Thursday.", "2024-04-11") == ("2024-04-11", "2024-04-11")


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Her appointment is expected to be announced the week after Thanksgiving.", "2024-11-20",
     ("2024-12-02", "2024-12-08")),
    ("The results come out the day after Christmas.", "2024-11-20", ("2024-12-26", "2024-12-26")),
    ("A rescue could be agreed before markets open on Monday, sources say.", "2024-03-09",
     ("2024-03-09", "2024-03-11")),
])
def test_times_named_around_another_day(text, published, expected):
    assert span(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The board meets from the 18th to the 19th to decide.", "2024-03-14", ("2024-03-18", "2024-03-19")),
    ("The board meets from the 8th to the 9th to decide.", "2024-03-14", ("2024-04-08", "2024-04-09")),
    ("The buyer must pay within 30 days of closing.", "2024-03-14", None),
    ("The stores will be rebranded within 30 days.", "2024-03-14", ("2024-03-14", "2024-04-13")),
])
def test_days_of_the_month_and_spans_counted_from_another_event(text, published, expected):
    assert span(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    # the time a condition is met gives way to the claim's own time
    ("The striker will join this summer, once his release clause drops on July 1.", "2024-05-15",
     ("2024-06-01", "2024-08-31")),
    ("The drug ships in March, once the regulator approves it on February 10.", "2024-11-04",
     ("2025-03-01", "2025-03-31")),
    # a condition alone still sets the window, and its participle is no past tense
    ("The merger closes once approved by regulators on July 1.", "2024-05-15", ("2024-07-01", "2024-07-01")),
    ("The rollout starts on September 2, once testing is over.", "2024-05-15", ("2024-09-02", "2024-09-02")),
])
def test_a_condition_s_time_gives_way_to_the_claim_s_own(text, published, expected):
    assert span(text, published) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The phone ships on Wedneſday, May 22.", ("2024-05-22", "2024-05-22")),  # a long s
    ("The tablet ſhips in ſpring 2025.", ("2025-03-01", "2025-05-31")),
    ("Launch on FRİDAY, May 17.", ("2024-05-17", "2024-05-17")),  # a dotted capital I
    ("launch on frıday, may 17", ("2024-05-17", "2024-05-17")),  # a dotless i
])
def test_letters_that_match_ascii_ones_case_blind_are_read_not_refused(text, expected):
    assert span(text, "2024-05-15") == expected
