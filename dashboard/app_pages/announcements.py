"""Announcements: add one or import a file, then see at once which claims each one matched."""

import tempfile
from pathlib import Path

import streamlit as st
from verify.dashboard import data
from verify.dashboard.feeds import show_feeds
from verify.dashboard.people import current_person, permitted
from verify.dashboard.ui import DECISION_WORDS, page_picker, plain, status_badge, table

from verify.errors import ImportRejected, VerifyError
from verify.services import NewAnnouncement, add_announcement, import_announcements

PAGE_SIZE = 25

person = current_person()
app = data.application()
url = app.settings.database_url
now = app.now()

st.title("Announcements")
st.caption("Official statements: press releases, newsroom posts, filings. Each new one is matched against "
           "the open rumors right away.")


def match_and_show(ids: list[int]) -> None:
    """Remember the new announcements so their matches show after the rerun (the service matched them
    against the open claims when it stored them, as the CLI's does: no second, full re-match here)."""
    data.after_write()
    st.session_state["new_announcements"] = tuple(ids)
    st.rerun()


if person.may("add_announcement"):
    add, upload, feeds = st.tabs(["Add one", "Import a file", "Feeds (RSS/Atom)"])
    with add, st.form("announcement_form"):
        text = st.text_area("What was announced", max_chars=5000, height=90,
                            placeholder="Broadcom to acquire VMware for approximately $61 billion",
                            key="announcement_text")
        left, middle, right = st.columns(3)
        issuer = left.text_input("Issuer", placeholder="Broadcom", key="announcement_issuer")
        published = middle.text_input("Published", value="today", key="announcement_published")
        link = right.text_input("URL", placeholder="https://…", key="announcement_url")
        if st.form_submit_button("Add and match", type="primary") and permitted(person, "add_announcement"):
            try:
                new_id = add_announcement(data.unit_of_work(), NewAnnouncement(
                    text=text, issuer=issuer, published=published, url=link or None), actor=person, now=now,
                    settings=app.match_settings)
            except VerifyError as error:
                st.error(plain(error), icon=":material/error:")
            else:
                match_and_show([new_id])
    with upload:
        st.caption("CSV or JSON Lines with the columns text, issuer (or source), published, and optionally "
                   "url and external_id. All or nothing: a bad row stops the import and is named.")
        uploaded = st.file_uploader("Announcements file", type=["csv", "jsonl", "json"])
        if (uploaded is not None and st.button("Import and match", type="primary")
                and permitted(person, "add_announcement")):
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / Path(uploaded.name).name
                path.write_bytes(uploaded.getvalue())
                try:
                    report = import_announcements(data.unit_of_work(), path, actor=person, now=now,
                                                  settings=app.match_settings)
                except ImportRejected as error:
                    st.error(plain(str(error).replace(str(path), uploaded.name)), icon=":material/error:")
                except VerifyError as error:
                    st.error(plain(error), icon=":material/error:")
                else:
                    st.session_state["import_note"] = (f"Imported {len(report.added)} announcement(s); "
                                                       f"{report.already_stored} were already stored.")
                    match_and_show(report.added)
    with feeds:
        show_feeds(person, now)
else:
    st.info(f"Your role ({person.role}) may read announcements but not add them.", icon=":material/lock:")

if "import_note" in st.session_state:
    st.success(st.session_state.pop("import_note"), icon=":material/check_circle:")
new_ids = st.session_state.get("new_announcements")
if new_ids:
    found = data.announcement_matches(url, new_ids, person.sees_confidential)
    with st.container(border=True):
        st.subheader("What the new announcement(s) matched")
        if found:
            table([{
                "Score": row["score"], "Decision": DECISION_WORDS.get(row["decision"], row["decision"]),
                "Verdict": status_badge(row["verdict"]), "Claim": row["claim_text"], "Source": row["claim_source"],
                "Issuer": row["issuer"], "What differs": row["differs"], "Claim id": row["claim_id"],
            } for row in found],
                column_config={"Score": st.column_config.ProgressColumn(min_value=0, max_value=100, format="%.0f")})
            st.page_link("app_pages/review.py", label="Decide them in the review queue", icon=":material/balance:")
        else:
            st.caption("No open rumor matches it closely enough to review.")
        if st.button("Dismiss"):
            st.session_state.pop("new_announcements")
            st.rerun()

st.subheader("All announcements, newest first")
search = st.text_input("Search the announcements", placeholder="words in the text, or the issuer",
                       key="announcement_search").strip()
if st.session_state.get("announcements_search") != search:  # a new search starts again at page 1
    st.session_state["announcements_search"] = search
    st.session_state["announcements_page"] = 1
page_number = st.session_state.get("announcements_page", 1)
rows, total = data.announcements(url, PAGE_SIZE, (page_number - 1) * PAGE_SIZE, search or None,
                                  person.sees_confidential)
if not total:
    st.info("No announcement has these words." if search else "No announcements yet. Add one above.")
    st.stop()
st.caption(f"{total:,} announcement(s)")
table([{"Published": row["published"], "Issuer": row["issuer"], "Announcement": row["text"],
        "Matched claims": row["matches"], "Settled": row["accepted"], "Id": row["ref"]} for row in rows],
      column_config={"Announcement": st.column_config.TextColumn(width="large"),
                     "Matched claims": st.column_config.NumberColumn(help="Claims it was proposed for"),
                     "Settled": st.column_config.NumberColumn(help="Claims it confirmed or denied, as accepted")})
page_picker(total, PAGE_SIZE, page_number, "announcements_page")
