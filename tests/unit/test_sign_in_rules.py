"""Sign-in rules: only our own re-login cookies open a session, auth files are checked whole, failures
slow down and then lock an account."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from verify import access
from verify.errors import NotFound

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "auth.yaml"
    access.add_user(path, "Ada Lovelace", "editor", PASSWORD)
    return access.load_auth_file(path)


def _unsigned(payload: dict, header: dict) -> str:
    def part(value):
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part(header)}.{part(payload)}."


def good_payload(config, **changes):
    user = config.users["ada lovelace"]
    payload = {"username": user.username, "exp_date": (NOW + timedelta(days=10)).timestamp(),
               "mark": user.password_mark}
    return {**payload, **changes}


def test_our_own_cookie_opens_a_session(config):
    token = access.make_cookie(config, config.users["ada lovelace"], now=NOW)
    assert access.read_cookie(token, config, now=NOW + timedelta(days=1))["username"] == "ada lovelace"


@pytest.mark.parametrize("forge", [
    lambda c: _unsigned(good_payload(c), {"alg": "none", "typ": "JWT"}),
    lambda c: jwt.encode(good_payload(c), c.cookie_key, algorithm="HS512"),
    lambda c: jwt.encode(good_payload(c), "another key of sufficient length", algorithm="HS256"),
    lambda c: "garbage",
    lambda c: "a.b.c",
    lambda c: "",
    lambda c: None,
    lambda c: "x" * 10_000,
    lambda c: jwt.encode({"username": "ada lovelace"}, c.cookie_key, algorithm="HS256"),
    lambda c: jwt.encode(good_payload(c, exp_date="tomorrow"), c.cookie_key, algorithm="HS256"),
    lambda c: jwt.encode(good_payload(c, exp_date=float("nan")), c.cookie_key, algorithm="HS256"),
    lambda c: jwt.encode(good_payload(c, exp_date=1e12), c.cookie_key, algorithm="HS256"),
    lambda c: jwt.encode(good_payload(c, exp_date=(NOW - timedelta(days=1)).timestamp()), c.cookie_key,
                         algorithm="HS256"),
    lambda c: jwt.encode(good_payload(c, username="nobody"), c.cookie_key, algorithm="HS256"),
    lambda c: jwt.encode(good_payload(c, username=["ada lovelace"]), c.cookie_key, algorithm="HS256"),
    lambda c: jwt.encode(good_payload(c, mark="0" * 16), c.cookie_key, algorithm="HS256"),
    lambda c: jwt.encode({"username": "ada lovelace", "exp_date": (NOW + timedelta(days=1)).timestamp()},
                         c.cookie_key, algorithm="HS256"),  # streamlit-authenticator's own, without the mark
])
def test_a_forged_malformed_expired_or_foreign_cookie_is_no_session_and_no_error(config, forge):
    assert access.read_cookie(forge(config), config, now=NOW) is None


def test_a_new_password_ends_the_sessions_begun_with_the_old_one(tmp_path, config):
    path = tmp_path / "auth.yaml"
    old = access.make_cookie(config, config.users["ada lovelace"], now=NOW)
    access.add_user(path, "Ada Lovelace", "editor", "another good password", replace=True)
    assert access.read_cookie(old, access.load_auth_file(path), now=NOW) is None


def test_an_editor_revokes_every_session_begun_before_now(tmp_path, config):
    path = tmp_path / "auth.yaml"
    old = access.make_cookie(config, config.users["ada lovelace"], now=NOW)
    access.revoke_sessions(path, "ADA LOVELACE", now=NOW + timedelta(hours=1))
    revoked = access.load_auth_file(path)
    assert access.read_cookie(old, revoked, now=NOW + timedelta(hours=2)) is None
    fresh = access.make_cookie(revoked, revoked.users["ada lovelace"], now=NOW + timedelta(hours=2))
    assert access.read_cookie(fresh, revoked, now=NOW + timedelta(hours=3)) is not None
    with pytest.raises(NotFound):
        access.revoke_sessions(path, "Nobody", now=NOW)


@pytest.mark.parametrize("days", [".nan", "1e12", ".inf", "-3", "0", "abc", "true", "[1]"])
def test_an_auth_file_with_an_impossible_cookie_lifetime_is_refused_whole(tmp_path, config, days):
    path = tmp_path / "auth.yaml"
    path.write_text(path.read_text().replace("expiry_days: 30", f"expiry_days: {days}"))
    with pytest.raises(access.AuthFileError, match="expiry_days"):
        access.load_auth_file(path)


def test_users_differing_only_in_case_or_with_control_characters_in_the_file_are_refused(tmp_path, config):
    path = tmp_path / "auth.yaml"
    text = path.read_text()
    entry = text[text.index("  usernames:\n") + len("  usernames:\n"):]
    path.write_text(text + entry.replace("ada lovelace:", "ADA LOVELACE:", 1))
    with pytest.raises(access.AuthFileError, match="apart from case"):
        access.load_auth_file(path)
    path.write_text(text.replace("name: Ada Lovelace", 'name: "Ada\\e[31m"'))
    with pytest.raises(access.AuthFileError, match="control"):
        access.load_auth_file(path)


def test_the_wait_after_failures_grows_and_never_exceeds_the_cap():
    delays = [access.failure_delay(n) for n in range(0, 20)]
    assert delays[:access.FREE_FAILURES + 1] == [0.0] * (access.FREE_FAILURES + 1)
    assert all(later >= earlier for earlier, later in zip(delays, delays[1:], strict=False))
    assert delays[access.FREE_FAILURES + 3] > delays[access.FREE_FAILURES + 1] > 0
    assert max(delays) == access.MAX_DELAY


def test_a_try_during_the_wait_or_the_lockout_is_refused_before_the_password_is_checked():
    failures = access.FREE_FAILURES + 2
    assert "wait" in access.sign_in_refusal(failures, NOW, None, now=NOW + timedelta(seconds=1))
    assert access.sign_in_refusal(failures, NOW, None, now=NOW + timedelta(minutes=5)) is None
    locked = access.lock_after_failure(access.LOCK_AFTER, now=NOW)
    assert access.lock_after_failure(access.LOCK_AFTER - 1, now=NOW) is None
    assert "locked" in access.sign_in_refusal(access.LOCK_AFTER, NOW, locked, now=NOW + timedelta(minutes=10))
    assert access.sign_in_refusal(access.LOCK_AFTER, NOW, locked, now=locked + timedelta(minutes=2)) is None


@pytest.mark.parametrize("role, hidden, shown", [
    ("viewer", False, True), ("reporter", False, True), ("editor", False, True),
    ("viewer", True, False), ("reporter", True, False), ("editor", True, True),
])
def test_a_confidential_sources_claim_address_is_for_editors_only(role, hidden, shown):
    assert access.may_see_source_url(role, hidden) is shown
    assert access.may_see_source_url(role, False, origin_confidential=hidden) is shown
