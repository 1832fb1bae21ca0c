"""The verify dashboard: page setup, navigation and the shared sidebar. Pages hold widgets only."""

import streamlit as st

st.set_page_config(page_title="verify: rumor tracker", page_icon="🔎", layout="wide")

pages = [
    st.Page("app_pages/board.py", title="Board", icon="📋", default=True),
]
st.navigation(pages).run()
