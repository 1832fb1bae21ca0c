"""Who is acting, and what they may do: the signed-in user, or the one local person when sign-in is off.

Sign-in is on when $VERIFY_AUTH_FILE names an auth file (see verify.access): nobody sees a page until
signed in with streamlit-authenticator, and the name and role come from that file. Sign-in is off when the
variable is unset: then a single person runs the dashboard on their own machine, named by $VERIFY_USER with
the role in $VERIFY_DASHBOARD_ROLE (default editor). An unknown role falls back to viewer: least privilege.
"""

from __future__ import annotations

import contextlib
import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import streamlit as st
from verify.dashboard.ui import safe

from verify import access
from verify.core.permissions import Actor
from verify.errors import VerifyError
from verify.services import signin

ROLES = access.ROLES
ROLE_VARIABLE = "VERIFY_DASHBOARD_ROLE"
SIGNED_IN = "verify_person"  # session key: the Person that app.py's sign-in gate let through this run
JUST_SIGNED_IN = "verify_just_signed_in"
JUST_SIGNED_OUT = "verify_just_signed_out"
COOKIE_REFUSED = "verify_cookie_refused"  # a refused re-login cookie is recorded once per session


@dataclass(frozen=True)
class Person(Actor):
    """The person acting in this run: the actor the pages hand to the services, which check the role
    themselves (`verify.core.permissions.require`); pages ask `may` only to choose what to show."""

    @property
    def can_log(self) -> bool:
        """Reporters and editors log rumors and add announcements."""
        return self.may("log_claim")

    @property
    def can_review(self) -> bool:
        """Only editors decide matches, correct windows and retract claims."""
        return self.may("review")

    @property
    def sees_confidential(self) -> bool:
        """Protected sources are named to editors only; everyone else sees a pseudonym."""
        return self.may("see_confidential")


def current_person() -> Person:
    """The person acting in this run. With sign-in on, only the gate in app.py decides who that is."""
    if access.auth_file_path() is None:
        return local_person()
    person = st.session_state.get(SIGNED_IN)
    if not isinstance(person, Person):  # a page reached without the gate: show nothing
        st.stop()
    return person


def permitted(person: Person, action: str) -> bool:
    """The check right before a service call, whatever the widgets showed: a refusal is said, nothing written."""
    if person.may(action):
        return True
    st.error(f"Your role ({person.role}) may not do this; nothing was changed.", icon=":material/lock:")
    return False


def local_person() -> Person:
    role = os.environ.get(ROLE_VARIABLE, "editor").strip().lower()
    return Person(name=os.environ.get("VERIFY_USER") or _login_name(), role=role if role in ROLES else "viewer")


def sign_in() -> tuple[Person | None, Callable[[], None] | None]:
    """The gate app.py runs first: (who is acting, None), or (None, the sign-in form) when nobody is signed in.

    app.py still registers every page (so a page's own address resolves, and signing in lands there) but
    hides the navigation and shows only the form instead of running the page.
    """
    path = access.auth_file_path()
    if path is None:
        person = local_person()
        st.sidebar.caption(f"Signed in as **{safe(person.name)}** · {person.role}")
        return person, None
    st.session_state.pop(SIGNED_IN, None)
    try:
        config = access.load_auth_file(path)
    except access.AuthFileError as error:
        st.error(str(error), icon=":material/error:")
        st.stop()
    authenticator = _authenticator(config)
    _guard(authenticator, config)
    user = _signed_in_user(authenticator, config)
    if user is None:
        if st.session_state.pop(JUST_SIGNED_OUT, False):
            authenticator.cookie_controller.delete_cookie()  # again, in a run no rerun cuts short
        return None, lambda: _sign_in_form(authenticator)
    person = st.session_state[SIGNED_IN] = Person(user.name, user.role)
    if st.session_state.pop(JUST_SIGNED_IN, False):
        # Set the re-login cookie again in a run that no rerun cuts short: the browser's cookie component
        # may not have finished in the sign-in run, which ends with st.rerun (sign-out does the same).
        authenticator.cookie_controller.set_cookie()
    st.sidebar.caption(f"Signed in as **{safe(person.name)}** · {person.role}")
    if st.sidebar.button("Sign out", icon=":material/logout:", key="sign_out"):
        _record(user.username, "signed_out")
        authenticator.logout(location="unrendered")
        st.session_state.pop(SIGNED_IN, None)
        st.session_state[JUST_SIGNED_OUT] = True
        st.rerun()
    return person, None


def _authenticator(config: access.AuthConfig):
    import streamlit_authenticator as stauth  # only when sign-in is on

    return stauth.Authenticate(config.credentials(), config.cookie_name, config.cookie_key,
                               config.cookie_expiry_days, auto_hash=False, login_sleep_time=0)


def _guard(authenticator, config: access.AuthConfig) -> None:
    """Our rules around streamlit-authenticator's sign-in, on this run's authenticator only:

    - the re-login cookie is read by `access.read_cookie` (HS256 with the file's key only; a forged,
      malformed, expired or revoked cookie, or one made before a password change, is no session, never an
      error) and written by `access.make_cookie` (it carries a mark of the password);
    - a typed password is checked only when the account is neither waiting out its growing delay nor
      locked (`verify.services.signin`, through the database: shared by every dashboard process), and
      every attempt is recorded.
    """
    from streamlit_authenticator.utilities import LoginError

    cookies = authenticator.cookie_controller

    def get_cookie():
        if st.session_state.get("logout"):
            return None
        token = st.context.cookies.get(config.cookie_name)
        content = access.read_cookie(token, config, now=_now())
        if isinstance(token, str) and token and content is None and not st.session_state.get(COOKIE_REFUSED):
            st.session_state[COOKIE_REFUSED] = True
            _record("?", "cookie_refused", detail="a re-login cookie that is not a valid session")
        return content

    def set_cookie():
        user = config.users.get(st.session_state.get("username") or "")
        if user is not None:
            cookies.cookie_model.cookie_manager.set(
                config.cookie_name, access.make_cookie(config, user, now=_now()),
                expires_at=datetime.now() + timedelta(days=config.cookie_expiry_days))

    cookies.get_cookie, cookies.set_cookie = get_cookie, set_cookie
    controller = authenticator.authentication_controller
    checked = controller.login

    def login(username=None, password=None, *args, **kwargs):
        if kwargs.get("token") is not None or not username or not password:
            return checked(username, password, *args, **kwargs)
        key = access.user_key(str(username))
        try:
            refused = signin.refusal(_unit_of_work(), key, now=_now())
        except VerifyError as error:
            raise LoginError(str(error)) from None
        if refused:
            raise LoginError(refused)
        succeeded = bool(checked(key, password, *args, **kwargs))
        signin.record_attempt(_unit_of_work(), key, succeeded, now=_now())
        return succeeded

    controller.login = login


def _record(username: str, outcome: str, *, detail: str | None = None) -> None:
    with contextlib.suppress(VerifyError):  # a database that cannot be written is said by the page itself
        signin.record_event(_unit_of_work(), username, outcome, now=_now(), detail=detail)


def _unit_of_work():
    from verify.dashboard import data

    return data.unit_of_work()


def _now() -> datetime:
    return datetime.now(UTC)


def _signed_in_user(authenticator, config: access.AuthConfig) -> access.User | None:
    """The user of this session (a valid cookie signs them in again); one removed from the file is signed out."""
    from streamlit_authenticator.utilities import LoginError

    try:
        authenticator.login(location="unrendered")
    except LoginError:
        return None
    if not st.session_state.get("authentication_status"):
        return None
    user = config.users.get(st.session_state.get("username") or "")
    if user is None:
        authenticator.logout(location="unrendered")
    return user


def _sign_in_form(authenticator) -> None:
    from streamlit_authenticator.utilities import LoginError

    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title("verify")
        st.caption("Rumor-to-confirmation tracker. Sign in with the name and password your editor gave you.")
        try:
            authenticator.login(location="main", key="sign_in", fields={
                "Form name": "Sign in", "Username": "Name", "Password": "Password", "Login": "Sign in"})
        except LoginError as error:
            st.error(str(error), icon=":material/error:")
        status = st.session_state.get("authentication_status")
        if status:
            st.session_state[JUST_SIGNED_IN] = True
            st.rerun()
        if status is False:
            st.error("Wrong name or password. Check both and try again.", icon=":material/error:")
    st.stop()


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
