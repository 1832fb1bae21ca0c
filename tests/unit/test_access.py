"""Role rules (who may do what) and the auth file (hashes only, and one clear error for a broken file)."""

from __future__ import annotations

import stat

import bcrypt
import pytest
import yaml

from verify import access
from verify.errors import Conflict, InvalidInput

ALLOWED = {
    "viewer": set(),
    "reporter": {"log_claim", "add_announcement", "add_feed", "poll_feeds"},
    "editor": set(access.ACTIONS),
}


@pytest.mark.parametrize("role", access.ROLES)
def test_each_role_may_do_exactly_its_actions(role):
    assert {action for action in access.ACTIONS if access.may(role, action)} == ALLOWED[role]


def test_only_editors_review_edit_sources_and_see_confidential_names():
    for action in ("review", "edit_source", "see_confidential", "correct_claim"):
        assert [role for role in access.ROLES if access.may(role, action)] == ["editor"]


def test_an_unknown_role_may_do_nothing_and_an_unknown_action_is_a_bug():
    assert not any(access.may("admin", action) for action in access.ACTIONS)
    with pytest.raises(ValueError, match="unknown action"):
        access.may("editor", "delete_everything")


def test_added_users_are_stored_with_a_bcrypt_hash_never_the_password(tmp_path):
    path = tmp_path / "auth.yaml"
    access.add_user(path, "Ada Lovelace", "editor", "correct horse battery")
    access.add_user(path, "Ben", "reporter", "another secret")
    text = path.read_text()
    assert "correct horse" not in text and "another secret" not in text
    stored = yaml.safe_load(text)["credentials"]["usernames"]["ada lovelace"]
    assert bcrypt.checkpw(b"correct horse battery", stored["password"].encode())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [(u.username, u.name, u.role) for u in access.list_users(path)] == [
        ("ada lovelace", "Ada Lovelace", "editor"), ("ben", "Ben", "reporter")]
    config = access.load_auth_file(path)
    assert len(config.cookie_key) >= 32 and config.cookie_expiry_days == 30
    assert config.credentials()["usernames"]["ben"]["roles"] == ["reporter"]


def test_a_user_is_added_once_unless_replaced(tmp_path):
    path = tmp_path / "auth.yaml"
    access.add_user(path, "Ben", "reporter", "first secret")
    with pytest.raises(Conflict, match="already exists"):
        access.add_user(path, "BEN", "editor", "second secret")
    access.add_user(path, "BEN", "editor", "second secret", replace=True)
    assert [(u.name, u.role) for u in access.list_users(path)] == [("BEN", "editor")]


@pytest.mark.parametrize(("name", "role", "password", "message"), [
    ("", "editor", "long enough", "is empty"), ("x" * 101, "editor", "long enough", "limit is 100"),
    ("Ann\x1b[2J", "editor", "long enough", "control"), ("Ann", "admin", "long enough", "Unknown role"),
    ("Ann", "editor", "short", "too short"), ("Ann", "editor", "é" * 40, "too long"),
])
def test_bad_users_are_refused_and_nothing_is_written(tmp_path, name, role, password, message):
    path = tmp_path / "auth.yaml"
    with pytest.raises(InvalidInput, match=message):
        access.add_user(path, name, role, password)
    assert not path.exists()


@pytest.mark.parametrize(("content", "message"), [
    ("cookie: [unclosed", "cannot be read"),
    ("just text", "should be a mapping"),
    ("cookie: {key: short}\ncredentials: {usernames: {}}", "'key' of at least 16"),
    ("cookie: {key: 0123456789abcdef0123}\n", "needs 'usernames'"),
    ("cookie: {key: 0123456789abcdef0123}\ncredentials: {usernames: {ann: {name: Ann, role: boss, "
     "password: x}}}", "role 'boss'"),
    ("cookie: {key: 0123456789abcdef0123}\ncredentials: {usernames: {ann: {name: Ann, role: editor, "
     "password: plain-text}}}", "no bcrypt password hash"),
])
def test_a_malformed_auth_file_is_one_clear_error(tmp_path, content, message):
    path = tmp_path / "auth.yaml"
    path.write_text(content)
    with pytest.raises(access.AuthFileError, match=message) as caught:
        access.load_auth_file(path)
    assert str(path) in str(caught.value)


def test_a_missing_auth_file_says_how_to_create_it(tmp_path):
    with pytest.raises(access.AuthFileError, match="verify users add"):
        access.load_auth_file(tmp_path / "nope.yaml")


def test_sign_in_is_off_unless_the_variable_names_a_file():
    assert access.auth_file_path({}) is None and access.auth_file_path({"VERIFY_AUTH_FILE": " "}) is None
    assert str(access.auth_file_path({"VERIFY_AUTH_FILE": "/srv/auth.yaml"})) == "/srv/auth.yaml"
