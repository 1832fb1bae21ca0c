from datetime import UTC, date, datetime

import pytest

from verify.core.status import (
    StatusChange,
    claim_status,
    days_to_deadline,
    first_overdue_day,
    is_overdue,
    status_on,
    stored_status,
)

T1 = datetime(2022, 4, 1, tzinfo=UTC)
T2 = datetime(2022, 8, 1, tzinfo=UTC)
LOGGED = StatusChange("pending", date(2022, 3, 28), T1, 1)
CONFIRMED = StatusChange("confirmed", date(2022, 7, 4), T2, 2)
JULY_END = date(2022, 7, 31)


@pytest.mark.parametrize(("as_of", "expected"), [
    (date(2022, 3, 28), "pending"),
    (date(2022, 7, 3), "pending"),
    (date(2022, 7, 4), "confirmed"),
    (date(2023, 1, 1), "confirmed"),
])
def test_a_confirmation_counts_from_the_day_of_the_announcement(as_of, expected):
    assert claim_status([LOGGED, CONFIRMED], JULY_END, as_of=as_of) == expected


def test_a_pending_claim_becomes_overdue_the_day_after_its_window_closes():
    assert claim_status([LOGGED], JULY_END, as_of=date(2022, 7, 31)) == "pending"
    assert claim_status([LOGGED], JULY_END, as_of=date(2022, 8, 1)) == "overdue"


def test_a_claim_without_a_window_is_never_overdue():
    assert claim_status([LOGGED], None, as_of=date(2030, 1, 1)) == "pending"


def test_recorded_by_shows_what_the_database_held_then():
    assert claim_status([LOGGED, CONFIRMED], JULY_END, as_of=date(2022, 9, 1), recorded_by=T1) == "overdue"
    assert claim_status([LOGGED, CONFIRMED], JULY_END, as_of=date(2022, 9, 1), recorded_by=T2) == "confirmed"


def test_the_latest_recorded_change_wins_when_two_are_effective():
    retracted = StatusChange("retracted", date(2022, 7, 1), T2, 3)
    assert stored_status([LOGGED, CONFIRMED, retracted], as_of=date(2022, 9, 1)) == "retracted"


def test_no_events_means_pending():
    assert stored_status([]) == "pending"


@pytest.mark.parametrize(("end", "as_of", "days"), [
    (JULY_END, date(2022, 7, 21), 10), (JULY_END, date(2022, 8, 2), -2), (None, date(2022, 1, 1), None)])
def test_days_to_deadline_counts_down_then_up(end, as_of, days):
    assert days_to_deadline(end, as_of) == days


@pytest.mark.parametrize(("stored", "end", "overdue"), [
    ("pending", date(2022, 7, 30), True),
    ("pending", date(2022, 7, 31), False),  # the deadline day itself is still in time
    ("pending", date(2022, 8, 1), False),
    ("pending", None, False),
    ("confirmed", date(2022, 7, 30), False),
    ("partly_confirmed", date(2022, 7, 30), False),
    ("denied", date(2022, 7, 30), False),
    ("retracted", date(2022, 7, 30), False),
])
def test_only_a_pending_claim_past_its_deadline_is_overdue(stored, end, overdue):
    assert is_overdue(stored, end, date(2022, 7, 31)) is overdue
    assert status_on(stored, end, date(2022, 7, 31)) == ("overdue" if overdue else stored)


def test_a_claim_turns_overdue_the_day_after_its_deadline():
    assert first_overdue_day(JULY_END) == date(2022, 8, 1)
    assert status_on("pending", JULY_END, first_overdue_day(JULY_END)) == "overdue"
