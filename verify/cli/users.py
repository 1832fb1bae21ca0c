"""`verify users`: who may sign in to the dashboard, and with which role (the file $VERIFY_AUTH_FILE names)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from verify.cli.app import LazyChoice, deferred, friendly_errors, json_option, print_json, print_table
from verify.config import AUTH_FILE_VARIABLE
from verify.errors import InvalidInput

auth_file_path = deferred("verify.access:auth_file_path")
add_user = deferred("verify.access:add_user")
list_users = deferred("verify.access:list_users")
revoke_sessions = deferred("verify.access:revoke_sessions")


def file_option(command):
    return click.option("--file", "auth_file", type=click.Path(dir_okay=False, path_type=Path),
                        help=f"The auth file. Default: ${AUTH_FILE_VARIABLE}.")(command)


def _auth_file(given: Path | None) -> Path:
    path = given or auth_file_path()
    if path is None:
        raise InvalidInput(f"Which auth file? Pass --file PATH or set {AUTH_FILE_VARIABLE}.")
    return path


@click.group()
def users() -> None:
    """Dashboard sign-in: add people with a role (viewer, reporter, editor), list them, end their sessions."""


@users.command("add")
@click.argument("name")
@click.option("--role", required=True, type=LazyChoice("verify.access:ROLES"), help="What they may do.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@click.option("--replace", is_flag=True, help="Change an existing user's role and password.")
@file_option
@friendly_errors
def add(name: str, role: str, password_stdin: bool, replace: bool, auth_file: Path | None) -> None:
    """Add a person who may sign in (the file is created if missing; only a bcrypt hash is stored).

    NAME is what they type to sign in (any case) and the name recorded on everything they do.

    Example: printf '%s\\n' "$PASSWORD" | verify users add "Ada Lovelace" --role editor --password-stdin
    """
    path = _auth_file(auth_file)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    user = add_user(path, name, role, password, replace=replace)
    click.echo(f"{'Updated' if replace else 'Added'} {user.name} ({user.role}) in {path}.")


@users.command("list")
@json_option
@file_option
@friendly_errors
def list_(as_json: bool, auth_file: Path | None) -> None:
    """List who may sign in and their roles (never their password hashes).

    Example: verify users list --json
    """
    rows = [{"username": user.username, "name": user.name, "role": user.role}
            for user in list_users(_auth_file(auth_file))]
    if as_json:
        print_json(rows)
    else:
        print_table(rows, [("name", "Name", 40), ("username", "Signs in as", 40), ("role", "Role", 8)])


@users.command("revoke")
@click.argument("name")
@file_option
@friendly_errors
def revoke(name: str, auth_file: Path | None) -> None:
    """End every dashboard session of a person now: their re-login cookies stop working and they sign in
    again with their password (changing a password with `add --replace` does this too).

    Example: verify users revoke "Ben Reporter"
    """
    path = _auth_file(auth_file)
    user = revoke_sessions(path, name, now=datetime.now(UTC))
    click.echo(f"Every session of {user.name} begun before now is ended; they sign in again.")


COMMANDS = [users]
