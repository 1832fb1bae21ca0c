"""The SQL of "overdue" (verify.queries.rules) holds to the core's one rule (verify.core.status), on SQLite
and PostgreSQL, for claims whose window ends before, on and after the date, with no window, and settled."""

from collections import Counter
from datetime import date, timedelta
from itertools import product

import pytest
from sqlalchemy import not_, select

from verify.core import status as st
from verify.db.models import Claim, Source
from verify.queries.board import status_counts
from verify.queries.rules import is_overdue_sql, status_is_sql, status_on_sql

AS_OF = date(2022, 8, 1)
WINDOW_ENDS = (AS_OF - timedelta(days=400), AS_OF - timedelta(days=1), AS_OF, AS_OF + timedelta(days=1), None)
STORED = (st.PENDING, st.CONFIRMED, st.PARTLY_CONFIRMED, st.DENIED, st.RETRACTED)


@pytest.fixture
def claims(sessions, now):
    """One claim for every stored status and window end; returns {id: (stored, window_end)}."""
    made = {}
    with sessions() as session:
        source = Source(name="Leaker", kind="person", confidential=False, created_at=now)
        session.add(source)
        for number, (stored, end) in enumerate(product(STORED, WINDOW_ENDS)):
            claim = Claim(dedupe_key=f"key-{number}", text=f"Rumor {number}", source=source,
                          published=date(2021, 1, 1), logged_by="ana", logged_at=now, status=stored,
                          window_start=None if end is None else date(2021, 1, 1), window_end=end)
            session.add(claim)
            session.flush()
            made[claim.id] = (stored, end)
        session.commit()
    return made


def _python_status(claims: dict, as_of: date) -> dict[int, str]:
    return {claim_id: st.status_on(stored, end, as_of) for claim_id, (stored, end) in claims.items()}


@pytest.mark.parametrize("as_of", [AS_OF, AS_OF + timedelta(days=1), date(1999, 1, 1)])
def test_the_status_column_in_sql_equals_the_core_status_of_every_claim(sessions, claims, as_of):
    with sessions() as session:
        shown = status_on_sql(Claim.status, Claim.window_end, as_of)
        found = dict(session.execute(select(Claim.id, shown)).all())
    assert found == _python_status(claims, as_of)


@pytest.mark.parametrize("status", st.STATUSES)
def test_filtering_by_a_status_in_sql_keeps_exactly_the_claims_the_core_gives_that_status(sessions, claims,
                                                                                           status):
    condition = status_is_sql(status, Claim.status, Claim.window_end, AS_OF)
    with sessions() as session:
        kept = set(session.scalars(select(Claim.id).where(condition)))
    assert kept == {claim_id for claim_id, shown in _python_status(claims, AS_OF).items() if shown == status}


def test_the_overdue_condition_negated_keeps_claims_without_a_window(sessions, claims):
    """SQL's unknown (NULL < date) would drop claims naming no time from a NOT: the rule says false."""
    with sessions() as session:
        on_time = set(session.scalars(select(Claim.id).where(
            not_(is_overdue_sql(Claim.status, Claim.window_end, AS_OF)))))
    assert on_time == {claim_id for claim_id, (stored, end) in claims.items()
                       if not st.is_overdue(stored, end, AS_OF)}


def test_the_deadline_day_is_still_in_time_and_the_next_day_is_overdue(sessions, claims):
    pending_on_deadline = next(claim_id for claim_id, (stored, end) in claims.items()
                               if stored == st.PENDING and end == AS_OF)
    with sessions() as session:
        def shown(as_of):
            return session.scalar(select(status_on_sql(Claim.status, Claim.window_end, as_of))
                                  .where(Claim.id == pending_on_deadline))
        assert (shown(AS_OF), shown(AS_OF + timedelta(days=1))) == (st.PENDING, st.OVERDUE)


def test_the_board_counts_each_status_as_the_core_rule_does(sessions, claims):
    with sessions() as session:
        counts = status_counts(session, today=AS_OF)
    expected = Counter(_python_status(claims, AS_OF).values())
    assert {status: counts[status] for status in st.STATUSES} == {
        status: expected[status] for status in st.STATUSES}

