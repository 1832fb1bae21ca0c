"""Who may do what, and the sign-in file that says who is who.

Pure rules first: `may(role, action)` is the one answer every entrypoint asks before it writes, so a page
that forgot to hide a button still cannot call a service for the wrong role. Then the auth file: a YAML
file named by $VERIFY_AUTH_FILE, in the shape streamlit-authenticator reads (credentials with bcrypt
hashes, the cookie's name, key and expiry), plus each user's role. Plain-text passwords are refused, never
hashed in place: the file is written only by `verify users add`, so a plain password there is a mistake.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

import bcrypt
import yaml

from verify.errors import Conflict, InvalidInput, VerifyError

AUTH_FILE_VARIABLE = "VERIFY_AUTH_FILE"
ROLES = ("viewer", "reporter", "editor")
PERMISSIONS: dict[str, frozenset[str]] = {
    "log_claim": frozenset({"reporter", "editor"}),
    "add_announcement": frozenset({"reporter", "editor"}),
    "add_feed": frozenset({"reporter", "editor"}),
    "poll_feeds": frozenset({"reporter", "editor"}),
    "review": frozenset({"editor"}),  # decide matches, run the matcher
    "correct_claim": frozenset({"editor"}),  # correct a window, retract a claim
    "edit_source": frozenset({"editor"}),
    "see_confidential": frozenset({"editor"}),
}
ACTIONS = tuple(PERMISSIONS)
MIN_PASSWORD = 8
MAX_PASSWORD_BYTES = 72  # bcrypt reads no further; longer ones are refused rather than silently cut
COOKIE_NAME = "verify_auth"
COOKIE_DAYS = 30


class AuthFileError(VerifyError):
    """The auth file cannot be read or is not in the expected shape."""


def may(role: str, action: str) -> bool:
    """Whether `role` may do `action`; an unknown action or role may do nothing (least privilege)."""
    if action not in PERMISSIONS:
        raise ValueError(f"unknown action {action!r}; known: {', '.join(ACTIONS)}")
    return role in PERMISSIONS[action]


@dataclass(frozen=True)
class User:
    username: str
    name: str
    role: str
    password_hash: str


@dataclass(frozen=True)
class AuthConfig:
    cookie_name: str
    cookie_key: str
    cookie_expiry_days: float
    users: dict[str, User]

    def credentials(self) -> dict:
        """A fresh copy in streamlit-authenticator's shape (it mutates what it is given)."""
        return {"usernames": {user.username: {"name": user.name, "password": user.password_hash,
                                              "roles": [user.role]} for user in self.users.values()}}


def auth_file_path(environ: dict | None = None) -> Path | None:
    """The auth file named by $VERIFY_AUTH_FILE, or None: sign-in is off."""
    value = ((os.environ if environ is None else environ).get(AUTH_FILE_VARIABLE) or "").strip()
    return Path(value).expanduser() if value else None


def load_auth_file(path: Path) -> AuthConfig:
    """Read and check the whole file; any problem is one AuthFileError naming the file and the fix."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AuthFileError(f"The auth file {path} does not exist: create it with "
                            "`verify users add NAME --role editor`, or unset VERIFY_AUTH_FILE.") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise AuthFileError(f"The auth file {path} cannot be read: {_first_line(error)}") from None
    return _parse(path, raw)


def _parse(path: Path, raw: object) -> AuthConfig:
    def bad(problem: str) -> AuthFileError:
        return AuthFileError(f"The auth file {path} is malformed: {problem}. See README, 'Signing in and roles'.")

    if not isinstance(raw, dict):
        raise bad("it should be a mapping with 'cookie' and 'credentials'")
    cookie, credentials = raw.get("cookie"), raw.get("credentials")
    if not isinstance(cookie, dict) or not isinstance(cookie.get("key"), str) or len(cookie["key"]) < 16:
        raise bad("'cookie' needs a 'key' of at least 16 characters")
    try:
        days = float(cookie.get("expiry_days", COOKIE_DAYS))
    except (TypeError, ValueError):
        raise bad("'cookie: expiry_days' should be a number") from None
    usernames = credentials.get("usernames") if isinstance(credentials, dict) else None
    if not isinstance(usernames, dict):
        raise bad("'credentials' needs 'usernames'")
    users = {}
    for username, entry in usernames.items():
        if not isinstance(entry, dict):
            raise bad(f"user {username!r} should be a mapping with name, password and role")
        role, hashed = entry.get("role"), entry.get("password")
        if role not in ROLES:
            raise bad(f"user {username!r} has role {role!r}; roles are {', '.join(ROLES)}")
        if not isinstance(hashed, str) or not _is_bcrypt(hashed):
            raise bad(f"user {username!r} has no bcrypt password hash (set one with `verify users add`)")
        key = str(username).strip().lower()
        users[key] = User(key, str(entry.get("name") or username), role, hashed)
    return AuthConfig(str(cookie.get("name") or COOKIE_NAME), cookie["key"], days, users)


def add_user(path: Path, name: str, role: str, password: str, *, replace: bool = False) -> User:
    """Add a user (or, with `replace`, change one's role and password); creates the file with a new cookie key."""
    name = (name or "").strip()
    if not name or len(name) > 200:
        raise InvalidInput("The user name must be 1 to 200 characters.")
    if role not in ROLES:
        raise InvalidInput(f"Unknown role {role!r}; roles are {', '.join(ROLES)}.")
    check_password(password)
    raw = _raw(path) if Path(path).exists() else {
        "cookie": {"name": COOKIE_NAME, "key": secrets.token_hex(32), "expiry_days": COOKIE_DAYS},
        "credentials": {"usernames": {}}}
    username = name.lower()
    usernames = raw["credentials"]["usernames"]
    existing = next((key for key in usernames if str(key).strip().lower() == username), None)
    if existing is not None and not replace:
        raise Conflict(f"The user {name!r} already exists; add --replace to change their role and password.")
    usernames.pop(existing, None)
    usernames[username] = {"name": name, "role": role,
                           "password": bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode()}
    _write(path, raw)
    return load_auth_file(path).users[username]


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"The password is too short: at least {MIN_PASSWORD} characters.")
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise InvalidInput(f"The password is too long: at most {MAX_PASSWORD_BYTES} bytes (a bcrypt limit).")


def list_users(path: Path) -> list[User]:
    return sorted(load_auth_file(path).users.values(), key=lambda user: user.username)


def _raw(path: Path) -> dict:
    load_auth_file(path)  # refuse to rewrite a file we cannot fully read
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def _write(path: Path, raw: dict) -> None:
    """Atomically, readable by the owner only: the file holds the cookie's signing key."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            yaml.safe_dump(raw, out, sort_keys=False, allow_unicode=True)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _is_bcrypt(value: str) -> bool:
    return value.startswith(("$2a$", "$2b$", "$2y$")) and len(value) == 60


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
