"""Sign-in attempts, per account and shared by every dashboard process through the database.

The rules (how long to wait, when to lock) are `verify.access`'s; this only reads and records them.
Every attempt, refusal and sign-in is a row of `sign_in_events` (never the password typed).
"""

from __future__ import annotations

from datetime import UTC, datetime

from verify import access
from verify.db.models import SignInAccount, SignInEvent
from verify.db.uow import UnitOfWork

OUTCOMES = ("signed_in", "failed", "refused", "cookie_refused", "signed_out")


def refusal(uow: UnitOfWork, username: str, *, now: datetime) -> str | None:
    """Why `username` may not try to sign in now (delay or lockout), recorded; None when they may."""
    key = access.user_key(username)[:200]
    with uow:
        account = uow.session.get(SignInAccount, key)
        reason = None if account is None else access.sign_in_refusal(
            account.failures, _utc(account.last_failure_at), _utc(account.locked_until), now=now)
        if reason:
            uow.session.add(SignInEvent(username=key, outcome="refused", at=now, detail=reason[:200]))
            uow.commit()
        return reason


def record_attempt(uow: UnitOfWork, username: str, succeeded: bool, *, now: datetime) -> int:
    """Count a checked password: a success resets the failures, a failure adds one (and may lock).
    Returns the failures in a row now."""
    key = access.user_key(username)[:200]
    with uow:
        account = uow.session.get(SignInAccount, key)
        if account is None:
            account = SignInAccount(username=key, failures=0)
            uow.session.add(account)
        if succeeded:
            account.failures, account.last_failure_at, account.locked_until = 0, None, None
        else:
            account.failures += 1
            account.last_failure_at = now
            account.locked_until = access.lock_after_failure(account.failures, now=now)
        uow.session.add(SignInEvent(username=key, outcome="signed_in" if succeeded else "failed", at=now))
        uow.commit()
        return account.failures


def record_event(uow: UnitOfWork, username: str, outcome: str, *, now: datetime, detail: str | None = None) -> None:
    """Another sign-in event: a refused cookie, a sign-out."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown sign-in outcome {outcome!r}")
    with uow:
        uow.session.add(SignInEvent(username=access.user_key(username or "?")[:200] or "?", outcome=outcome,
                                    at=now, detail=(detail or None) and detail[:200]))
        uow.commit()


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite gives back naive times: they were stored in UTC."""
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment
