"""The Announcements page's feeds tab: add a newsroom feed (a URL, or an uploaded feed file), see each feed's
last poll, and poll them all now with a report of what each added, skipped and matched.

Only http(s) URLs are typed here: a typed file path would let a dashboard user make the server read its own
files. An uploaded file is kept under the user data folder (named by its content, so the same upload is the
same feed) because a feed is read again on every poll.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from urllib.parse import urlsplit

import platformdirs
import streamlit as st
from verify.dashboard import data
from verify.dashboard.people import Person, permitted
from verify.dashboard.ui import plain, table

from verify.errors import InvalidInput, VerifyError
from verify.services.feeds import add_feed, poll_feeds

STATUS_WORDS = {"ok": "✅ read", "not_modified": "✅ unchanged", "error": "❌ failed", None: "⏳ not polled yet"}


def show_feeds(person: Person, now: datetime) -> None:
    if "feed_note" in st.session_state:
        st.success(st.session_state.pop("feed_note"), icon=":material/check_circle:")
    with st.form("feed_form", clear_on_submit=True):
        st.markdown("**Add a newsroom feed**: its address, or a saved feed file.")
        left, right = st.columns([3, 1])
        address = left.text_input("Feed URL", placeholder="https://press.example.com/rss.xml", key="feed_url")
        issuer = right.text_input("Issuer", placeholder="Xiaomi", key="feed_issuer")
        uploaded = st.file_uploader("…or a feed file (RSS or Atom)", type=["xml", "rss", "atom"], key="feed_file")
        if st.form_submit_button("Add feed", type="primary") and permitted(person, "add_feed"):
            _add(person, now, address.strip(), issuer, uploaded)

    feeds = data.feeds(data.database_url())
    if not feeds:
        st.caption("No feeds yet.")
        return
    table([{
        "Issuer": row["issuer"], "Feed": feed_label(row["url"]), "Last poll": row["last_polled_at"],
        "Status": STATUS_WORDS.get(row["last_status"], row["last_status"]), "Error": row["last_error"],
        "Failures": row["failures"], "Next poll": row["next_poll_at"] or "when polled",
        "Announcements": row["announcements"],
    } for row in feeds],
        column_config={"Last poll": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
                       "Next poll": st.column_config.TextColumn(width="medium"),
                       "Feed": st.column_config.TextColumn(width="medium")})
    if st.button("Poll now", icon=":material/sync:", help="Read every feed now, even those backing off after "
                 "a failure, and match what is new.") and permitted(person, "poll_feeds"):
        with st.spinner("Reading the feeds…"):
            reports = poll_feeds(data.unit_of_work, now=now, actor=person, force=True,
                                 settings=data.application().match_settings)
        data.after_write()
        st.session_state["poll_reports"] = [report.to_dict() for report in reports]
        st.rerun()
    if "poll_reports" in st.session_state:
        show_reports(st.session_state["poll_reports"])


def _add(person: Person, now: datetime, address: str, issuer: str, uploaded) -> None:
    try:
        if uploaded is not None:
            location = str(_keep(uploaded.name, uploaded.getvalue()))
        elif urlsplit(address).scheme in ("http", "https"):
            location = address
        else:
            raise InvalidInput("Give the feed's http(s) address, or upload a saved feed file.")
        add_feed(data.unit_of_work(), location, issuer=issuer, actor=person, now=now)
    except VerifyError as error:
        st.error(plain(error), icon=":material/error:")
        return
    data.after_write()
    st.session_state["feed_note"] = "Feed added: “Poll now” reads it."
    st.rerun()


def _keep(name: str, content: bytes):
    folder = platformdirs.user_data_path("verify", appauthor=False) / "feeds"
    folder.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", name)[-60:] or "feed.xml"
    path = folder / f"{hashlib.sha256(content).hexdigest()[:16]}-{stem}"
    if not path.exists():
        path.write_bytes(content)
    return path


def show_reports(reports: list[dict]) -> None:
    """Per feed: added, skipped as duplicates, matched; failures with their error and next try."""
    with st.container(border=True):
        st.subheader("What the poll found")
        table([{
            "Issuer": report["issuer"], "Result": _result(report), "Added": len(report["added"]),
            "Skipped (duplicates)": report["duplicates"], "Matched": len(report["matches"]),
            "Notes": "; ".join(filter(None, [report["error"], *report["notes"]])),
        } for report in reports])
        if any(report["matches"] for report in reports):
            st.page_link("app_pages/review.py", label="Decide the matches in the review queue",
                         icon=":material/balance:")
        if st.button("Dismiss", key="dismiss_poll"):
            st.session_state.pop("poll_reports")
            st.rerun()


def _result(report: dict) -> str:
    if report["status"] == "error":
        return f"❌ failed {report['failures']}×, next try {report['next_poll_at'] or 'at the next poll'}"
    return STATUS_WORDS.get(report["status"], report["status"])


def feed_label(address: str) -> str:
    """A feed as a journalist knows it: its web address, or "uploaded file name.xml" (never a server path)."""
    if urlsplit(address).scheme in ("http", "https"):
        return address
    name = address.replace("\\", "/").rsplit("/", 1)[-1]
    return f"uploaded file {name.split('-', 1)[-1] if '-' in name else name}"
