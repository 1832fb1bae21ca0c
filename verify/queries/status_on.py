"""The board's statuses on a date, in SQL: today's from the stored projection, a past date's from the events.

The board keeps 100,000 claims, so it filters, counts and sorts by status in the database: the overdue
rule is said in SQL once, by verify.queries.rules; the replay here adds only which event is the latest.
The rule itself is `verify.core.status` (the CLI's `verify claims --as-of` and the
scorecards replay it): the stored status on a date is the latest status event (by id) effective on or
before it, pending when there is none; a pending claim whose window closed before the date is overdue.
tests/dashboard/test_board_as_of.py holds this SQL against that Python on claims settled before, on and
after a date. On a past date the board also shows only what existed then: claims published by the date,
and matches with announcements published by it (the scorecards' "awaiting review" reads them the same way).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, and_, exists, func, literal, select

from verify.core import status as st
from verify.db.models import Announcement, Claim, Event, Match
from verify.queries.rules import status_is_sql, status_on_sql


def _overdue_or(stored, day: date):
    return status_on_sql(stored, Claim.window_end, day)


def replayed(day: date):
    """Each claim published by `day` with its status on that day: the latest status event effective by then
    (pending without one), overdue when pending past its window. Grouped by claim so that neither SQLite
    nor PostgreSQL inlines it into the board's query: inlined, the event lookup ran once for every mention
    of the status (select, filter, order), four times a claim (2.3 s against 0.9 s at 100,000 claims)."""
    latest = (select(_overdue_or(Event.status, day))
              .where(Event.claim_id == Claim.id, Event.status.is_not(None), Event.effective_on <= day)
              .order_by(Event.id.desc()).limit(1).correlate(Claim).scalar_subquery())
    never_changed = _overdue_or(literal(st.PENDING), day)
    return (select(Claim.id.label("claim_id"), func.min(func.coalesce(latest, never_changed)).label("status"))
            .where(Claim.published <= day).group_by(Claim.id).subquery("replayed"))


class StatusOn:
    """Statuses as the board shows them on `day`; on a past day the events are replayed."""

    def __init__(self, day: date, *, past: bool = False) -> None:
        self.day, self.past = day, past
        self._replayed = replayed(day) if past else None

    def over_claims(self, query):
        """The query (over claims) joined to the replayed statuses on a past day; unchanged today."""
        if self._replayed is None:
            return query
        return query.join(self._replayed, self._replayed.c.claim_id == Claim.id)

    @property
    def effective(self) -> ColumnElement[str]:
        return _overdue_or(Claim.status, self.day) if self._replayed is None else self._replayed.c.status

    def condition(self, status: str) -> ColumnElement[bool]:
        if self._replayed is not None:
            return self._replayed.c.status == status
        return status_is_sql(status, Claim.status, Claim.window_end, self.day)  # the (status, window_end) index

    def needs_review(self) -> ColumnElement[bool]:
        """An open claim with an undecided proposal (announced by the day); a settled claim's leftover
        candidates need nobody."""
        proposed = exists().where(Match.claim_id == Claim.id, Match.decision == "proposed")
        if self._replayed is None:
            return and_(Claim.status == st.PENDING, proposed)
        proposed = proposed.where(Announcement.id == Match.announcement_id, Announcement.published <= self.day)
        return and_(self._replayed.c.status.in_(st.OPEN), proposed)


def status_on(today: date, as_of: date | None = None) -> StatusOn:
    """Today's board unless `as_of` is a day before today."""
    if as_of is None or as_of >= today:
        return StatusOn(today)
    return StatusOn(as_of, past=True)
