"""Failed sign-ins are counted per account in the database, so every dashboard process sees the same delay
and lockout; every attempt is recorded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from verify import access
from verify.db.engine import make_engine, session_factory
from verify.db.models import SignInEvent
from verify.db.uow import UnitOfWork
from verify.services import signin

START = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def fail_until_refused(uow, name: str, now: datetime, limit: int = 100) -> tuple[int, datetime, str]:
    """Wrong passwords, each tried as soon as it is allowed, until a try is refused."""
    for tries in range(limit):
        refused = signin.refusal(uow(), name, now=now)
        if refused and "locked" in refused:
            return tries, now, refused
        if refused:
            now += timedelta(seconds=access.MAX_DELAY)
            continue
        signin.record_attempt(uow(), name, False, now=now)
    raise AssertionError("never locked")


def test_forty_wrong_passwords_lock_the_account_and_the_right_one_then_waits(uow):
    tries, now, refused = fail_until_refused(uow, "Ada Lovelace", START)
    assert tries <= 40 and "locked" in refused
    assert signin.refusal(uow(), "ADA LOVELACE", now=now + timedelta(minutes=1))  # any case, still locked
    later = now + timedelta(minutes=access.LOCK_MINUTES + 1)
    assert signin.refusal(uow(), "ada lovelace", now=later) is None
    assert signin.record_attempt(uow(), "ada lovelace", True, now=later) == 0


def test_a_second_dashboard_process_sees_the_same_lockout(uow, database_url):
    _, now, _ = fail_until_refused(uow, "Ben", START)
    other = make_engine(database_url)  # another process: its own engine and connections
    try:
        other_uow = UnitOfWork(session_factory(other))
        assert "locked" in signin.refusal(other_uow, "ben", now=now + timedelta(minutes=1))
    finally:
        other.dispose()


def test_the_first_failures_cost_nothing_then_each_try_waits_longer(uow):
    for _ in range(access.FREE_FAILURES):
        assert signin.refusal(uow(), "Cy", now=START) is None
        signin.record_attempt(uow(), "Cy", False, now=START)
    assert signin.refusal(uow(), "Cy", now=START) is None
    signin.record_attempt(uow(), "Cy", False, now=START)
    assert "wait" in signin.refusal(uow(), "Cy", now=START)
    assert signin.refusal(uow(), "Cy", now=START + timedelta(seconds=access.failure_delay(4) + 1)) is None


def test_every_attempt_and_refusal_is_recorded_without_the_password(uow, sessions):
    signin.record_attempt(uow(), "Dee", False, now=START)
    signin.record_attempt(uow(), "Dee", True, now=START)
    signin.record_event(uow(), "Dee", "signed_out", now=START)
    with sessions() as session:
        rows = session.execute(select(SignInEvent.username, SignInEvent.outcome).order_by(SignInEvent.id)).all()
    assert [tuple(row) for row in rows] == [("dee", "failed"), ("dee", "signed_in"), ("dee", "signed_out")]
