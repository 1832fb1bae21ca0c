"""The verify dashboard: page setup, navigation and the shared sidebar. Pages hold widgets only."""

import streamlit as st
from verify.dashboard import data
from verify.dashboard.people import sign_in

from verify.errors import VerifyError

st.set_page_config(page_title="verify: rumor tracker", page_icon="🔎", layout="wide")
_, sign_in_form = sign_in()  # with sign-in on and nobody signed in: the form, and nothing else

pages = {
    "Track": [
        st.Page("app_pages/board.py", title="Board", icon=":material/dashboard:", default=True),
        st.Page("app_pages/log_claim.py", title="Log a rumor", icon=":material/edit_note:", url_path="log"),
        st.Page("app_pages/review.py", title="Review queue", icon=":material/balance:", url_path="review"),
        st.Page("app_pages/claim.py", title="Claim detail", icon=":material/article:", url_path="claim"),
    ],
    "Evidence": [
        st.Page("app_pages/announcements.py", title="Announcements", icon=":material/campaign:",
                url_path="announcements"),
        st.Page("app_pages/sources.py", title="Sources", icon=":material/leaderboard:", url_path="sources"),
    ],
}
page = st.navigation(pages, position="hidden" if sign_in_form else "sidebar")
if sign_in_form:
    sign_in_form()  # stops the run: no page runs before signing in

with st.sidebar:
    if st.button("Refresh data", help="Reads are cached for a few seconds; this fetches everything again."):
        data.after_write()

try:
    data.engine(data.database_url())
except VerifyError as error:
    st.error(str(error))
    st.stop()

page.run()
