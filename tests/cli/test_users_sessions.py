"""`verify users revoke`, and auth files or names that would break sign-in refused in one clear line."""

from __future__ import annotations

from datetime import UTC, datetime

from click.testing import CliRunner

from verify import access
from verify.cli import main


def users(path, *args, stdin=None):
    return CliRunner().invoke(main, ["users", *args], input=stdin, env={"VERIFY_AUTH_FILE": str(path)})


def test_an_editor_ends_a_persons_sessions_and_their_old_cookie_stops_working(tmp_path):
    path = tmp_path / "auth.yaml"
    access.add_user(path, "Ben Reporter", "reporter", "long enough words")
    config = access.load_auth_file(path)
    cookie = access.make_cookie(config, config.users["ben reporter"], now=datetime.now(UTC))
    assert access.read_cookie(cookie, config, now=datetime.now(UTC)) is not None
    done = users(path, "revoke", "BEN REPORTER")
    assert done.exit_code == 0 and "Ben Reporter" in done.output
    assert access.read_cookie(cookie, access.load_auth_file(path), now=datetime.now(UTC)) is None
    missing = users(path, "revoke", "Nobody")
    assert missing.exit_code != 0 and missing.output.count("Error:") == 1 and "Traceback" not in missing.output


def test_an_auth_file_with_an_impossible_cookie_lifetime_fails_users_list_in_one_line(tmp_path):
    path = tmp_path / "auth.yaml"
    access.add_user(path, "Ada", "editor", "long enough words")
    for days in (".nan", "1e12"):
        path.write_text(path.read_text().replace("expiry_days: 30", f"expiry_days: {days}")
                        .replace("expiry_days: .nan", f"expiry_days: {days}"))
        listed = users(path, "list")
        assert listed.exit_code != 0 and "expiry_days" in listed.output and "Traceback" not in listed.output


def test_names_differing_only_in_case_are_one_user_and_control_characters_are_refused(tmp_path):
    path = tmp_path / "auth.yaml"
    assert users(path, "add", "Ada", "--role", "editor", "--password-stdin", stdin="long enough words\n").exit_code == 0
    again = users(path, "add", "ADA", "--role", "viewer", "--password-stdin", stdin="long enough words\n")
    assert again.exit_code != 0 and "already exists" in again.output
    for name in ("Eve\x1b[2J", "Eve\x07", "Eve\nMallory"):
        bad = users(path, "add", name, "--role", "viewer", "--password-stdin", stdin="long enough words\n")
        assert bad.exit_code != 0 and "control" in bad.output and "\x1b" not in bad.output
    assert [user.username for user in access.list_users(path)] == ["ada"]
