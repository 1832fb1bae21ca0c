"""Sign-in when $VERIFY_AUTH_FILE is set: nothing but the form until signed in, a clear message for a wrong
password, the signed-in name on every event, roles from the file, sign-out, and a broken file explained."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.conftest import PAGES, buttons, forms, open_app, shown_text, walk
from verify import access

PASSWORD = "correct horse battery"


@pytest.fixture
def auth_file(dashboard_env, tmp_path):
    """Sign-in on, with an editor and a reporter; $VERIFY_USER names someone else, who must never appear."""
    path = tmp_path / "auth.yaml"
    access.add_user(path, "Ada Lovelace", "editor", PASSWORD)
    access.add_user(path, "Ben Reporter", "reporter", PASSWORD)
    dashboard_env.setenv("VERIFY_AUTH_FILE", str(path))
    dashboard_env.setenv("VERIFY_USER", "Local Person")
    return path


def start(page: str = "board") -> AppTest:
    return open_app(page)


def sign_in(app: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    next(box for box in app.text_input if box.label == "Name").input(name)
    next(box for box in app.text_input if box.label == "Password").input(password)
    next(button for button in app.button if button.label == "Sign in").click().run()
    assert not app.exception, app.exception
    return app


def only_the_sign_in_form(app: AppTest) -> bool:
    return (forms(app) == {"sign_in"} and [t.value for t in app.title] == ["verify"] and not app.dataframe
            and buttons(app) == {"Sign in"} and not any("Xiaomi" in shown_text(node) for node in walk(app)))


@pytest.mark.parametrize("page", PAGES)
def test_nobody_sees_a_page_before_signing_in(auth_file, demo, page):
    assert only_the_sign_in_form(start(page))


def test_a_wrong_password_or_name_is_a_clear_message_and_shows_nothing(auth_file, demo):
    for name, password in [("Ada Lovelace", "wrong password"), ("Nobody", PASSWORD), ("Ada Lovelace", "x" * 100)]:
        app = sign_in(start(), name, password)
        assert "Wrong name or password" in app.error[0].value
        assert only_the_sign_in_form(app)


def test_signing_in_opens_the_page_asked_for(auth_file, demo):
    app = sign_in(start("review"), "Ada Lovelace")
    assert [t.value for t in app.title] == ["Review queue"]


def test_the_signed_in_name_is_the_actor_and_the_sidebar_signs_out(auth_file, demo, events):
    app = sign_in(start(), "ada lovelace")  # any case
    assert [t.value for t in app.title] == ["Board"]
    assert "Ada Lovelace" in app.sidebar.caption[0].value and "editor" in app.sidebar.caption[0].value
    app.switch_page("app_pages/log_claim.py")
    app.run()
    app.text_area(key="claim_text").input("Globex will open a battery plant in Ohio in July")
    app.text_input(key="new_source").input("Signed Gazette")
    next(b for b in app.button if b.label == "Preview").click().run()
    next(b for b in app.button if b.label == "Log this rumor").click().run()
    assert not app.exception, app.exception
    assert [event.actor for event in events("logged")][-1] == "Ada Lovelace"
    assert "Local Person" not in {event.actor for event in events("logged")}
    next(b for b in app.sidebar.button if b.label == "Sign out").click().run()
    assert only_the_sign_in_form(app)


def test_the_role_comes_from_the_auth_file(auth_file, demo):
    app = sign_in(start(), "Ben Reporter")
    app.switch_page("app_pages/review.py")
    app.run()
    assert "Your role (reporter) may read the queue" in app.info[0].value
    assert not {f for f in forms(app) if f.startswith("review_")}


def test_a_user_removed_from_the_file_is_signed_out_at_the_next_click(auth_file, demo):
    app = sign_in(start(), "Ben Reporter")
    auth_file.write_text(auth_file.read_text().replace("ben reporter:", "someone else:"))
    next(b for b in app.sidebar.button if b.label == "Refresh data").click().run()
    assert only_the_sign_in_form(app)


@pytest.mark.parametrize(("content", "message"), [
    (None, "does not exist"), ("cookie: [", "cannot be read"), ("cookie: {key: x}", "is malformed"),
])
def test_a_broken_auth_file_is_a_clear_error_on_the_page(auth_file, content, message):
    if content is None:
        auth_file.unlink()
    else:
        auth_file.write_text(content)
    app = start()
    assert message in app.error[0].value and str(auth_file) in app.error[0].value
    assert not forms(app) and not app.title
