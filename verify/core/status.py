"""A claim's status, derived from its events: the one rule every view (now, --as-of, --recorded-at) shares.

Stored status changes are facts with a date in the world (`effective_on`: the rumor's publication, the
announcement that settled it) and a moment they were recorded. `overdue` is never stored: a pending claim
is overdue on any date after its window has closed, so the same data answers for every date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

PENDING = "pending"
CONFIRMED = "confirmed"
PARTLY_CONFIRMED = "partly_confirmed"
DENIED = "denied"
OVERDUE = "overdue"
RETRACTED = "retracted"
STATUSES = (PENDING, CONFIRMED, PARTLY_CONFIRMED, DENIED, OVERDUE, RETRACTED)
RESOLVED = (CONFIRMED, PARTLY_CONFIRMED, DENIED, OVERDUE)
OPEN = (PENDING, OVERDUE)

LABELS = {
    PENDING: "Pending",
    CONFIRMED: "Confirmed",
    PARTLY_CONFIRMED: "Partly confirmed",
    DENIED: "Denied",
    OVERDUE: "Overdue",
    RETRACTED: "Retracted",
}


@dataclass(frozen=True)
class StatusChange:
    status: str
    effective_on: date
    recorded_at: datetime
    sequence: int  # the event id: ties on the dates are broken by recording order


def stored_status(changes: Iterable[StatusChange], *, as_of: date | None = None,
                  recorded_by: datetime | None = None) -> str:
    """The latest recorded status change in effect on `as_of`, as the database held it at `recorded_by`."""
    visible = [
        change for change in changes
        if (as_of is None or change.effective_on <= as_of)
        and (recorded_by is None or change.recorded_at <= recorded_by)
    ]
    if not visible:
        return PENDING
    return max(visible, key=lambda change: change.sequence).status


def is_overdue(stored: str, window_end: date | None, as_of: date) -> bool:
    """The one "overdue" rule: still pending after its window closed. The deadline day itself is in time,
    a claim naming no time is never late, and a settled claim is settled. verify.queries.rules says it in
    SQL."""
    return stored == PENDING and window_end is not None and window_end < as_of


def first_overdue_day(window_end: date) -> date:
    """The day a pending claim turns overdue: the day after its deadline (what a fact-check dates it by)."""
    return window_end + timedelta(days=1)


def status_on(stored: str, window_end: date | None, as_of: date) -> str:
    """The status shown on `as_of`: the stored one, or overdue when `is_overdue`."""
    return OVERDUE if is_overdue(stored, window_end, as_of) else stored


def claim_status(changes: Iterable[StatusChange], window_end: date | None, *, as_of: date,
                 recorded_by: datetime | None = None) -> str:
    return status_on(stored_status(changes, as_of=as_of, recorded_by=recorded_by), window_end, as_of)


def days_to_deadline(window_end: date | None, as_of: date) -> int | None:
    """Positive: days left; negative: days overdue; None: the claim names no time."""
    return None if window_end is None else (window_end - as_of).days
