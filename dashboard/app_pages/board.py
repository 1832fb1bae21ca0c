"""The board: every claim with its status, deadline and best candidate match; filters, sort and pages."""

import streamlit as st
from verify.dashboard import data
from verify.dashboard.people import current_person
from verify.dashboard.ui import STATUS_BADGE, deadline_phrase, status_badge, window_phrase
from verify.dashboard.ui import table as show_table

from verify.queries import BoardFilter
from verify.queries.board import SORTS

PAGE_SIZE = 50

person = current_person()
url = data.database_url()
today = data.now().date()

st.title("Board")
st.caption(f"Every rumor we logged and where it stands today, {today:%d %B %Y}.")

sources = data.sources(url, person.sees_confidential)
source_ids = {row["label"]: row["id"] for row in sources}

with st.container(border=True):
    top = st.columns([3, 2, 2, 2])
    search = top[0].text_input("Search the claims", placeholder="words in the claim, or its id", key="search")
    statuses = top[1].multiselect("Status", list(STATUS_BADGE), format_func=status_badge, key="statuses",
                                  placeholder="All statuses")
    source = top[2].selectbox("Source", list(source_ids), index=None, placeholder="All sources", key="source")
    entity = top[3].selectbox("Company or product", data.entity_names(), index=None, placeholder="Any",
                              key="entity")
    bottom = st.columns([2, 2, 2, 2])
    published = bottom[0].date_input("Published between", value=(), format="YYYY-MM-DD", key="published")
    sort = bottom[1].selectbox("Sort by", list(SORTS), format_func=SORTS.get, key="sort")
    attention_first = bottom[2].toggle("Needs review and overdue first", value=True, key="attention")
    review_only = bottom[3].toggle("Only with matches to review", value=False, key="review_only")

first, last = (list(published) + [None, None])[:2] if isinstance(published, tuple | list) else (published, None)
filters = BoardFilter(statuses=tuple(statuses), source_id=source_ids.get(source), entity=entity,
                      search=search or None, published_from=first, published_to=last,
                      needs_review_only=review_only)

pages_key = (filters, sort, attention_first)
if st.session_state.get("board_filters") != pages_key:  # a new filter starts again at page 1
    st.session_state["board_filters"] = pages_key
    st.session_state["board_page"] = 1
page_number = st.session_state.get("board_page", 1)

board = data.board(url, today, filters, sort, attention_first, PAGE_SIZE, (page_number - 1) * PAGE_SIZE,
                   person.sees_confidential)
counts = board["counts"]

metrics = st.columns(7)
metrics[0].metric("⚖️ Needs review", f"{counts.get('needs_review', 0):,}")
for column, status in zip(metrics[1:], STATUS_BADGE, strict=True):
    column.metric(STATUS_BADGE[status], f"{counts.get(status, 0):,}")

total = board["total"]
if not total:
    if filters != BoardFilter():
        st.info("No claim matches these filters. Clear a filter to see more.")
    else:
        st.info("No claims yet. Log the first rumor on **Log a rumor**, or load the demo data with "
                "`verify demo`.")
    st.stop()

table = [{
    "Status": status_badge(row["status"]) + (" · ⚖️" if row["needs_review"] else ""),
    "Claim": row["text"],
    "Source": row["source"],
    "Deadline": deadline_phrase(row["status"], row["days_to_deadline"]),
    "Score": row["best_score"],
    "Best match": row["best_match"],
    "Time window": window_phrase(row["window_start"], row["window_end"]),
    "Published": row["published"],
    "Logged": row["logged_at"].date() if hasattr(row["logged_at"], "date") else row["logged_at"],
} for row in board["rows"]]

pages = max(1, -(-total // PAGE_SIZE))
start = (page_number - 1) * PAGE_SIZE + 1
st.caption(f"Showing {start:,}–{start + len(table) - 1:,} of {total:,} claims · ⚖️ a match awaits review · "
           "select a row to open the claim.")
picked = show_table(
    table, on_select="rerun", selection_mode="single-row",
    key="board_table", height=min(38 + 35 * len(table), 720),
    column_config={
        "Status": st.column_config.TextColumn(width=150),
        "Claim": st.column_config.TextColumn(width=420),
        "Source": st.column_config.TextColumn(width=140),
        "Deadline": st.column_config.TextColumn(width=120, help="Days left until the window closes, or past it"),
        "Score": st.column_config.ProgressColumn(min_value=0, max_value=100, format="%.0f", width=90,
                                                 help="The matcher's score for the best candidate, 0–100"),
        "Best match": st.column_config.TextColumn(width=260),
        "Published": st.column_config.DateColumn(format="YYYY-MM-DD"),
        "Logged": st.column_config.DateColumn(format="YYYY-MM-DD"),
    },
)
rows_picked = picked.selection.rows if picked else []
if rows_picked:
    st.session_state["claim_ref"] = str(board["rows"][rows_picked[0]]["id"])
    st.switch_page("app_pages/claim.py")

if pages > 1:
    left, middle, _ = st.columns([1, 2, 5])
    new_page = left.number_input("Page", min_value=1, max_value=pages, value=page_number, step=1)
    middle.caption(f"\n\nof {pages:,} pages")
    if new_page != page_number:
        st.session_state["board_page"] = int(new_page)
        st.rerun()

if person.may("log_claim"):
    st.page_link("app_pages/log_claim.py", label="Log a new rumor", icon=":material/edit_note:")
