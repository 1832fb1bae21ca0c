"""`verify users add|list`: the auth file gets hashes only; mistakes are one clear line and write nothing."""

from __future__ import annotations

import json

import bcrypt
import yaml
from click.testing import CliRunner

from verify.cli import main


def users(*args, env=None, stdin=None):
    return CliRunner().invoke(main, ["users", *args], input=stdin, env={"VERIFY_AUTH_FILE": None, **(env or {})})


def test_users_are_added_from_stdin_and_listed_without_their_hashes(tmp_path):
    path = tmp_path / "auth.yaml"
    env = {"VERIFY_AUTH_FILE": str(path)}
    added = users("add", "Ada Lovelace", "--role", "editor", "--password-stdin", env=env, stdin="s3cret words\n")
    assert added.exit_code == 0 and "Added Ada Lovelace (editor)" in added.output
    assert users("add", "Ben", "--role", "viewer", "--password-stdin", env=env, stdin="other words\n").exit_code == 0
    stored = yaml.safe_load(path.read_text())["credentials"]["usernames"]["ada lovelace"]
    assert "s3cret" not in path.read_text() and bcrypt.checkpw(b"s3cret words", stored["password"].encode())
    listed = users("list", "--json", env=env)
    assert json.loads(listed.output) == [{"username": "ada lovelace", "name": "Ada Lovelace", "role": "editor"},
                                         {"username": "ben", "name": "Ben", "role": "viewer"}]
    assert "$2b$" not in listed.output and "Ada Lovelace" in users("list", env=env).output


def test_the_password_is_asked_twice_when_not_piped(tmp_path):
    path = tmp_path / "auth.yaml"
    result = users("add", "Cy", "--role", "reporter", "--file", str(path), stdin="typed secret\ntyped secret\n")
    assert result.exit_code == 0, result.output
    assert "typed secret" not in path.read_text()


def test_mistakes_are_one_line_and_write_nothing(tmp_path):
    path = tmp_path / "auth.yaml"
    env = {"VERIFY_AUTH_FILE": str(path)}
    short = users("add", "Ann", "--role", "editor", "--password-stdin", env=env, stdin="short\n")
    assert short.exit_code == 2 and "too short" in short.output and not path.exists()
    assert users("add", "Ann", "--role", "admin", "--password-stdin", env=env, stdin="long enough\n").exit_code == 2
    no_file = users("list")
    assert no_file.exit_code == 2 and "VERIFY_AUTH_FILE" in no_file.output
    path.write_text("cookie: [")
    broken = users("list", env=env)
    assert broken.exit_code == 2 and "cannot be read" in broken.output and "Traceback" not in broken.output


def test_an_existing_user_changes_only_with_replace(tmp_path):
    env = {"VERIFY_AUTH_FILE": str(tmp_path / "auth.yaml")}
    users("add", "Ann", "--role", "reporter", "--password-stdin", env=env, stdin="first secret\n")
    again = users("add", "ann", "--role", "editor", "--password-stdin", env=env, stdin="second secret\n")
    assert again.exit_code == 3 and "--replace" in again.output
    replaced = users("add", "Ann", "--role", "editor", "--password-stdin", "--replace", env=env,
                     stdin="second secret\n")
    assert replaced.exit_code == 0 and "Updated Ann (editor)" in replaced.output
