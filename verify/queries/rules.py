"""The core's status rules said in SQL, for queries that must filter, count or sort by them in the database.

Why a module of its own: the board, the scorecards and the ClaimReview export all need "overdue" inside a
query (100,000 claims never leave the database), and three hand-written copies had drifted apart once.
Each function here mirrors one pure function of verify.core.status over the caller's columns (the stored
status and window end, or the same as read back at an earlier moment);
tests/integration/test_status_rules_sql.py holds them equal to the Python on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, case, literal, or_

from verify.core import status as st


def is_overdue_sql(stored, window_end, as_of: date):
    """`status.is_overdue` as a condition. The explicit NULL test keeps it true or false, never unknown,
    so it may be negated safely."""
    return and_(stored == st.PENDING, window_end.is_not(None), window_end < as_of)


def is_still_pending_sql(stored, window_end, as_of: date):
    """Pending and not overdue on `as_of` (no window, or one still open on that day)."""
    return and_(stored == st.PENDING, or_(window_end.is_(None), window_end >= as_of))


def status_on_sql(stored, window_end, as_of: date):
    """`status.status_on` as a column: the stored status, or overdue."""
    return case((is_overdue_sql(stored, window_end, as_of), literal(st.OVERDUE)), else_=stored)


def status_is_sql(status: str, stored, window_end, as_of: date):
    """The claim's status on `as_of` is `status`: a condition each status can use an index for."""
    if status == st.OVERDUE:
        return is_overdue_sql(stored, window_end, as_of)
    if status == st.PENDING:
        return is_still_pending_sql(stored, window_end, as_of)
    return stored == status
