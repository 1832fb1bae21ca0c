"""Who may do what, and the sign-in file that says who is who.

The rule of who may do what lives in `verify.core.permissions` (re-exported here); the services ask it
themselves (`require`). This module is the auth file: a YAML
file named by $VERIFY_AUTH_FILE, in the shape streamlit-authenticator reads (credentials with bcrypt
hashes, the cookie's name, key and expiry), plus each user's role. Plain-text passwords are refused, never
hashed in place: the file is written only by `verify users add`, so a plain password there is a mistake.
"""

from __future__ import annotations

import hashlib
import math
import os
import secrets
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import bcrypt
import jwt
import yaml

from verify.config import AUTH_FILE_VARIABLE
from verify.core.inputs import clean_user_name
from verify.core.permissions import ACTIONS, PERMISSIONS, ROLES, may, may_see_source_url  # noqa: F401 - re-exported
from verify.errors import Conflict, InvalidInput, NotFound, VerifyError

MIN_PASSWORD = 8
MAX_PASSWORD_BYTES = 72  # bcrypt reads no further; longer ones are refused rather than silently cut
COOKIE_NAME = "verify_auth"
COOKIE_DAYS = 30
MAX_COOKIE_DAYS = 365
# Failed sign-ins, per account and shared by every dashboard process (the sign_in_accounts table): the first
# few are free, then each waits twice as long as the one before (up to MAX_DELAY seconds) before another try
# is even checked, and LOCK_AFTER failures in a row lock the account for LOCK_MINUTES. A success resets it.
FREE_FAILURES = 3
MAX_DELAY = 60
LOCK_AFTER = 10
LOCK_MINUTES = 15


class AuthFileError(VerifyError):
    """The auth file cannot be read or is not in the expected shape."""


@dataclass(frozen=True)
class User:
    username: str
    name: str
    role: str
    password_hash: str
    sessions_after: datetime | None = None  # sessions begun before this are revoked (password change, editor)

    @property
    def password_mark(self) -> str:
        """A short fingerprint of the password hash, carried in the re-login cookie: a new password ends
        every session begun with the old one."""
        return hashlib.sha256(self.password_hash.encode()).hexdigest()[:16]


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
    days = cookie.get("expiry_days", COOKIE_DAYS)
    if isinstance(days, bool) or not isinstance(days, int | float) or not math.isfinite(days) \
            or not 0 < days <= MAX_COOKIE_DAYS:
        raise bad(f"'cookie: expiry_days' should be a number of days from 1 to {MAX_COOKIE_DAYS}")
    days = float(days)
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
        try:
            key = user_key(clean_user_name(str(username)))
            name = clean_user_name(str(entry.get("name") or username))
        except InvalidInput as error:
            raise bad(f"user {username!r}: {error}") from None
        if key in users:
            raise bad(f"two users are named {username!r} apart from case; user names must differ otherwise")
        after = entry.get("sessions_after")
        if after is not None and not isinstance(after, datetime):
            try:
                after = datetime.fromisoformat(str(after))
            except ValueError:
                raise bad(f"user {username!r} has a 'sessions_after' that is not a time") from None
        if after is not None and after.tzinfo is None:
            after = after.replace(tzinfo=UTC)
        users[key] = User(key, name, role, hashed, after)
    return AuthConfig(str(cookie.get("name") or COOKIE_NAME), cookie["key"], days, users)


def add_user(path: Path, name: str, role: str, password: str, *, replace: bool = False) -> User:
    """Add a user (or, with `replace`, change one's role and password); creates the file with a new cookie key."""
    name = clean_user_name(name)
    if role not in ROLES:
        raise InvalidInput(f"Unknown role {role!r}; roles are {', '.join(ROLES)}.")
    check_password(password)
    raw = _raw(path) if Path(path).exists() else {
        "cookie": {"name": COOKIE_NAME, "key": secrets.token_hex(32), "expiry_days": COOKIE_DAYS},
        "credentials": {"usernames": {}}}
    username = user_key(name)
    usernames = raw["credentials"]["usernames"]
    existing = next((key for key in usernames if user_key(str(key)) == username), None)
    if existing is not None and not replace:
        raise Conflict(f"The user {name!r} already exists; add --replace to change their role and password.")
    usernames.pop(existing, None)
    usernames[username] = {"name": name, "role": role,
                           "password": bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode()}
    if existing is not None:  # a new password ends every session begun with the old one
        usernames[username]["sessions_after"] = datetime.now(UTC).isoformat()
    _write(path, raw)
    return load_auth_file(path).users[username]


def revoke_sessions(path: Path, name: str, *, now: datetime) -> User:
    """End every session of this user begun before `now` (their re-login cookies stop working)."""
    raw = _raw(path)
    usernames = raw["credentials"]["usernames"]
    key = next((key for key in usernames if user_key(str(key)) == user_key(name)), None)
    if key is None:
        raise NotFound(f"No user named {name!r}: `verify users list` shows who may sign in.")
    usernames[key]["sessions_after"] = now.astimezone(UTC).isoformat()
    _write(path, raw)
    return load_auth_file(path).users[user_key(str(key))]


def user_key(name: str) -> str:
    """What a user types to sign in, in any case: names differing only in case are one user."""
    return unicodedata.normalize("NFKC", " ".join(name.split())).casefold()


def read_cookie(token: object, config: AuthConfig, *, now: datetime) -> dict | None:
    """The re-login cookie's content if it is ours and still good, else None; never raises.

    Ours: a JWT signed with HS256 and the file's key (any other algorithm, "none" included, is refused),
    carrying a known user, an expiry in the future and no further than the file's expiry allows, begun
    after the user's sessions were last revoked, and made with the user's current password.
    """
    if not isinstance(token, str) or not token or len(token) > 4096:
        return None
    try:
        content = jwt.decode(token, config.cookie_key, algorithms=["HS256"])
    except Exception:  # noqa: BLE001 - any malformed, foreign or forged token is simply not a session
        return None
    if not isinstance(content, dict):
        return None
    username, expires, mark = content.get("username"), content.get("exp_date"), content.get("mark")
    user = config.users.get(username) if isinstance(username, str) else None
    if user is None or isinstance(expires, bool) or not isinstance(expires, int | float) \
            or not math.isfinite(expires):
        return None
    moment = now.timestamp()
    if not moment < expires <= moment + config.cookie_expiry_days * 86400 + 60:
        return None
    begun = expires - config.cookie_expiry_days * 86400
    if user.sessions_after is not None and begun < user.sessions_after.timestamp():
        return None
    if mark != user.password_mark:
        return None
    return content


def make_cookie(config: AuthConfig, user: User, *, now: datetime) -> str:
    """A re-login cookie for `user`, read back by `read_cookie`."""
    expires = (now + timedelta(days=config.cookie_expiry_days)).timestamp()
    return jwt.encode({"username": user.username, "exp_date": expires, "mark": user.password_mark},
                      config.cookie_key, algorithm="HS256")


def failure_delay(failures: int) -> float:
    """Seconds to wait after `failures` failed sign-ins in a row before another try is checked."""
    return 0.0 if failures <= FREE_FAILURES else float(min(2 ** (failures - FREE_FAILURES - 1), MAX_DELAY))


def sign_in_refusal(failures: int, last_failure_at: datetime | None, locked_until: datetime | None, *,
                    now: datetime) -> str | None:
    """Why a sign-in may not be tried now (without checking the password), or None."""
    if locked_until is not None and now < locked_until:
        return (f"Too many failed sign-ins for this name: it is locked until {locked_until:%H:%M} UTC. "
                "Ask an editor if you forgot the password.")
    if last_failure_at is not None:
        ready = last_failure_at + timedelta(seconds=failure_delay(failures))
        if now < ready:
            wait = math.ceil((ready - now).total_seconds())
            return f"Too many failed sign-ins: wait {wait} second{'s' if wait != 1 else ''} and try again."
    return None


def lock_after_failure(failures: int, *, now: datetime) -> datetime | None:
    """The lockout a failure brings: from LOCK_AFTER in a row, LOCK_MINUTES from now."""
    return now + timedelta(minutes=LOCK_MINUTES) if failures >= LOCK_AFTER else None


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
