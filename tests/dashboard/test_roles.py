"""Roles everywhere: which forms and write buttons each role gets on each page, a viewer's session writes
nothing even when it clicks widgets an editor was shown, and protected source names reach editors only."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.conftest import CONFIDENTIAL, PAGES, buttons, forms, open_app, shown_text, walk
from verify.services.feeds import add_feed

FEED = Path(__file__).resolve().parents[1] / "fixtures" / "feeds" / "xiaomi_newsroom.rss"
WRITE_BUTTONS = {"Preview", "Suggest claims", "Log this rumor", "Run the matcher", "✅ Accept", "☑️ Confirmed",
                 "🔵 Partly confirmed", "⛔ Denied", "❌ Reject", "Save the window", "Retract this claim",
                 "Record the decision", "Save the date", "Yes, record it", "Add and match",
                 "Import and match", "Add feed", "Poll now", "Save the source"}
EDITOR_GETS = {  # page: (forms, write buttons)
    "board": (set(), set()),
    "log_claim": ({"claim_form", "article_form"}, {"Preview", "Suggest claims"}),
    "review": ({"review"}, {"Run the matcher", "✅ Accept", "☑️ Confirmed", "🔵 Partly confirmed", "⛔ Denied",
                            "❌ Reject"}),
    "claim": ({"decide_form", "window_form", "published_form", "retract_form"},
              {"Record the decision", "Save the window", "Save the date", "Retract this claim"}),
    "announcements": ({"announcement_form", "feed_form"}, {"Add and match", "Add feed", "Poll now"}),
    "sources": ({"source_form"}, {"Save the source"}),
}
REPORTER_PAGES = {"log_claim", "announcements"}


@pytest.fixture
def newsroom(demo, uow, now):
    """The demo data, its proposals, and one newsroom feed."""
    add_feed(uow(), str(FEED), issuer="Xiaomi", actor="setup", now=now)


def render(env, page: str, role: str) -> AppTest:
    env.setenv("VERIFY_DASHBOARD_ROLE", role)
    return open_app(page, session_state={"claim_ref": "demo-c4"})  # the claim from the protected source


def expected(page: str, role: str) -> tuple[set[str], set[str]]:
    if role == "editor" or (role == "reporter" and page in REPORTER_PAGES):
        return EDITOR_GETS[page]
    return set(), set()


@pytest.mark.parametrize("role", ["viewer", "reporter", "editor"])
@pytest.mark.parametrize("page", PAGES)
def test_each_role_gets_exactly_its_forms_and_write_buttons(dashboard_env, newsroom, page, role):
    app = render(dashboard_env, page, role)
    shown_forms = {"review" if form.startswith("review_") else form for form in forms(app)}
    assert (shown_forms, buttons(app) & WRITE_BUTTONS) == expected(page, role)
    assert not app.file_uploader if role == "viewer" else True


def retract(app):
    app.text_input(key="retract_reason").input("crafted")
    return "Retract this claim"


def add_announcement(app):
    app.text_area(key="announcement_text").input("Globex to open a battery plant in Ohio")
    app.text_input(key="announcement_issuer").input("Globex")
    return "Add and match"


def protect_source(app):
    app.selectbox(key="edit_source_pick").set_value("XDA Developers")
    app.selectbox(key="edit_source_protection").set_value("confidential (shown by pseudonym)")
    return "Save the source"


def log_rumor(app):
    app.text_area(key="claim_text").input("Globex will open a battery plant in Ohio in July")
    app.text_input(key="new_source").input("Crafted Gazette")
    next(b for b in app.button if b.label == "Preview").click().run()
    return "Log this rumor"


CRAFTED = {"review": lambda app: "✅ Accept", "claim": retract, "announcements": add_announcement,
           "sources": protect_source, "log_claim": log_rumor}


@pytest.mark.parametrize("role_at_click", ["viewer", "editor"])
@pytest.mark.parametrize("page", sorted(CRAFTED))
def test_a_viewer_clicking_what_an_editor_was_shown_writes_nothing(dashboard_env, newsroom, row_counts, page,
                                                                   role_at_click):
    """The editor control proves the clicks would write; the viewer's identical clicks must not."""
    app = render(dashboard_env, page, "editor")
    label = CRAFTED[page](app)
    before = row_counts()
    dashboard_env.setenv("VERIFY_DASHBOARD_ROLE", role_at_click)
    next(b for b in app.button if b.label == label).click().run()
    assert not app.exception, app.exception
    assert (row_counts() == before) == (role_at_click == "viewer"), (page, row_counts(), before)


@pytest.mark.parametrize("page", PAGES)
def test_a_viewer_pressing_every_button_it_sees_writes_nothing(dashboard_env, newsroom, row_counts, page):
    before = row_counts()
    app = render(dashboard_env, page, "viewer")
    for label in sorted(buttons(app)):
        next(b for b in app.button if b.label == label).click().run()
        assert not app.exception, (label, app.exception)
    assert row_counts() == before


@pytest.mark.parametrize("role", ["viewer", "reporter"])
@pytest.mark.parametrize("page", PAGES)
def test_a_protected_source_is_never_named_to_viewers_or_reporters(dashboard_env, newsroom, page, role):
    app = render(dashboard_env, page, role)
    if page == "sources":  # open the protected source's own record too
        app.selectbox[-1].set_value(next(o for o in app.selectbox[-1].options if o.startswith("Confidential")))
        app.run()
        assert app.dataframe[-1].value["Claim"].str.contains("IMX989").any()
    texts = [shown_text(node) for node in walk(app)]
    assert not [text for text in texts if CONFIDENTIAL in text or "Supply-chain" in text]
    if page == "claim":
        assert any("Confidential source #" in text for text in texts)


def test_editors_do_see_the_protected_name(dashboard_env, newsroom):
    app = render(dashboard_env, "claim", "editor")
    assert any(CONFIDENTIAL in shown_text(node) for node in walk(app))


LEAKER = "Mara Voss"


@pytest.fixture
def leak_spelled_elsewhere(newsroom, uow, now):
    """A protected leaker, named by another outlet in its claim text (in other spellings) and in a URL."""
    from datetime import date

    from tests.factories import new_claim
    from verify.services.claims import log_claim
    from verify.services.sources import add_source

    add_source(uow(), LEAKER, kind="person", confidential=True, actor="ed", now=now)
    log_claim(uow(), new_claim(text="Contoso will ship a foldable in May", source=LEAKER,
                               published=date(2022, 3, 1), url="https://leaks.example/mara-voss/foldable"),
              actor="ed", now=now, follow_up=False)
    log_claim(uow(), new_claim(text="Contoso's foldable ships in May, according to MARA VOSS and Márá  Voss",
                               source="Gadget Wire", published=date(2022, 3, 2),
                               url="https://gadgetwire.example/contoso-foldable"),
              actor="ed", now=now, follow_up=False)


@pytest.mark.parametrize("page", ["board", "review", "claim", "announcements", "sources"])
def test_a_protected_name_written_inside_other_claims_is_never_shown_to_a_viewer(
        dashboard_env, leak_spelled_elsewhere, page):
    dashboard_env.setenv("VERIFY_DASHBOARD_ROLE", "viewer")
    app = open_app(page, session_state={"claim_ref": "1"})
    if page == "board":  # the two claims, whatever else the board holds
        app.text_input[0].input("foldable").run()
        assert "contoso" in " ".join(shown_text(node) for node in walk(app)).lower()
    texts = " ".join(shown_text(node) for node in walk(app)).lower()
    assert "voss" not in texts and "mara-voss" not in texts
