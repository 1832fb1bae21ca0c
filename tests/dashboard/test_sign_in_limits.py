"""The dashboard's sign-in slows down and locks a name after repeated failures (whatever process counted
them), records every attempt, and treats a forged re-login cookie as no session."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from tests.dashboard.test_sign_in import PASSWORD, auth_file, only_the_sign_in_form, sign_in, start  # noqa: F401
from verify import access
from verify.db.models import SignInEvent
from verify.services import signin


def outcomes(sessions) -> list[tuple[str, str]]:
    with sessions() as session:
        return [tuple(row) for row in session.execute(
            select(SignInEvent.username, SignInEvent.outcome).order_by(SignInEvent.id))]


def test_a_locked_name_cannot_sign_in_even_with_the_right_password(auth_file, demo, uow):  # noqa: F811
    for _ in range(access.LOCK_AFTER):  # failures counted by another dashboard process, just now
        signin.record_attempt(uow(), "Ada Lovelace", False, now=datetime.now(UTC))
    app = sign_in(start(), "Ada Lovelace", PASSWORD)
    assert "locked" in app.error[0].value
    assert only_the_sign_in_form(app)
    app = sign_in(start(), "Ben Reporter", PASSWORD)  # per account: others sign in
    assert [t.value for t in app.title] == ["Board"]


def test_every_attempt_is_recorded(auth_file, demo, sessions):  # noqa: F811
    sign_in(start(), "Ben Reporter", "not the password")
    sign_in(start(), "ben reporter", PASSWORD)
    assert outcomes(sessions) == [("ben reporter", "failed"), ("ben reporter", "signed_in")]
