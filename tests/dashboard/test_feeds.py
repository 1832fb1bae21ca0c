"""The feeds tab: add a newsroom feed by URL or uploaded file, see it listed, and "Poll now" reports per feed
what it added, skipped as duplicates and matched; bad input is a clear message and stores nothing."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.dashboard.conftest import EDITOR
from verify.db.models import Announcement, Feed

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
ITEMS = (FEEDS / "xiaomi_newsroom.rss").read_text().count("<item>")


@pytest.fixture
def feeds_tab(open_page, dashboard_env, tmp_path):
    """The Announcements page as an editor; uploaded feeds are kept under a temporary user data folder."""
    dashboard_env.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return lambda role="editor": open_page("announcements", role=role)


def upload(app, name: str, issuer: str = "Xiaomi"):
    app.file_uploader(key="feed_file").set_value((name, (FEEDS / name).read_bytes(), "application/rss+xml"))
    app.text_input(key="feed_issuer").input(issuer)
    return click(app, "Add feed")


def click(app, label: str):
    next(button for button in app.button if button.label == label).click().run()
    assert not app.exception, app.exception
    return app


def count(sessions, model) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_an_uploaded_feed_is_listed_polled_and_reported(feeds_tab, demo, sessions, events, tmp_path):
    before = count(sessions, Announcement)
    app = upload(feeds_tab(), "xiaomi_newsroom.rss")
    assert "Feed added" in app.success[0].value
    listed = app.dataframe[0].value
    assert list(listed["Issuer"]) == ["Xiaomi"] and "not polled yet" in listed["Status"][0]
    assert list((tmp_path / "data" / "verify" / "feeds").iterdir())  # kept for the next polls

    app = click(app, "Poll now")
    report = next(table.value for table in app.dataframe if "Skipped (duplicates)" in table.value.columns)
    added = count(sessions, Announcement) - before
    first_skipped = report["Skipped (duplicates)"][0]  # the fixture repeats one item under another link
    assert added > 0 and list(report["Added"]) == [added] and added + first_skipped == ITEMS
    assert report["Matched"][0] >= 1 and "What the poll found" in [h.value for h in app.subheader]
    assert [event.actor for event in events("feed_polled")] == [EDITOR]

    app = click(app, "Poll now")  # the same file again: unchanged, nothing stored twice
    report = next(table.value for table in app.dataframe if "Skipped (duplicates)" in table.value.columns)
    assert list(report["Added"]) == [0] and list(report["Result"]) == ["✅ unchanged"]
    assert count(sessions, Announcement) - before == added


def test_a_broken_feed_is_reported_and_retried_later(feeds_tab, sessions):
    app = click(upload(feeds_tab(), "malformed.xml"), "Poll now")
    report = next(table.value for table in app.dataframe if "Skipped (duplicates)" in table.value.columns)
    assert report["Result"][0].startswith("❌ failed 1×") and report["Notes"][0]
    listed = app.dataframe[0].value
    assert "failed" in listed["Status"][0] and listed["Failures"][0] == 1
    assert count(sessions, Announcement) == 0


@pytest.mark.parametrize(("address", "issuer", "message"), [
    ("/etc/passwd", "Xiaomi", "http(s) address"), ("", "Xiaomi", "http(s) address"),
    ("https://press.example.com/rss.xml", "", "issuer is empty"),
])
def test_bad_input_is_a_clear_message_and_nothing_is_stored(feeds_tab, sessions, address, issuer, message):
    app = feeds_tab()
    app.text_input(key="feed_url").input(address)
    app.text_input(key="feed_issuer").input(issuer)
    app = click(app, "Add feed")
    assert message in html.unescape(app.error[0].value)
    assert count(sessions, Feed) == 0


def test_the_same_feed_twice_is_refused(feeds_tab, sessions):
    upload(feeds_tab(), "xiaomi_newsroom.rss")
    app = upload(feeds_tab(), "xiaomi_newsroom.rss")
    assert "already added" in app.error[0].value and count(sessions, Feed) == 1


def test_a_reporter_adds_and_polls_feeds(feeds_tab, sessions):
    click(upload(feeds_tab("reporter"), "xiaomi_newsroom.rss"), "Poll now")
    assert count(sessions, Feed) == 1 and count(sessions, Announcement) > 0
