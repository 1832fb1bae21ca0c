"""The board: every claim with its status, deadline and what settled it (or its best candidate); filters
folded away, a table on a laptop and one card per claim on a phone."""

from datetime import date

import streamlit as st
from verify.dashboard import data
from verify.dashboard.people import current_person
from verify.dashboard.ui import (
    EMPTY,
    STATUS_BADGE,
    VERDICT_WORDS,
    csv_text,
    deadline_phrase,
    safe,
    status_badge,
    status_words,
    strength_words,
    window_phrase,
)
from verify.dashboard.ui import table as show_table

from verify.queries import BoardFilter
from verify.queries.board import SORTS

PAGE_SIZE = 50
EXPORT_LIMIT = 10_000
PHONE_CSS = """<style>
@media (max-width: 640px) { .st-key-board_table { display: none; } }
@media (min-width: 641px) { .st-key-board_cards { display: none; } }
.st-key-board_cards .card { border: 1px solid #ddd; border-radius: 8px; padding: 8px 10px; margin-bottom: 8px; }
.st-key-board_cards .meta { color: #555; font-size: 0.85rem; }
</style>"""

person = current_person()
app = data.application()
url = app.settings.database_url
now = app.now()
today = now.date()

st.title("Board")
heading = st.empty()

sources = data.sources(url, person.sees_confidential)
source_ids = {row["label"]: row["id"] for row in sources}

search = st.text_input("Search the claims", placeholder="words in the claim (spelling need not be exact), or its id",
                       key="search")
with st.expander("Filters, sorting and an earlier date", icon=":material/filter_list:"):
    top = st.columns([2, 2, 2])
    statuses = top[0].multiselect("Status", list(STATUS_BADGE), format_func=status_badge, key="statuses",
                                  placeholder="All statuses")
    source = top[1].selectbox("Source", list(source_ids), index=None, placeholder="All sources", key="source")
    entity = top[2].selectbox("Company or product", data.mentioned_entities(url), index=None, placeholder="Any",
                              key="entity", help="Only companies and products some claim mentions")
    bottom = st.columns([2, 2, 2, 2])
    published = bottom[0].date_input("Published between", value=(), format="YYYY-MM-DD", key="published")
    sort = bottom[1].selectbox("Sort by", list(SORTS), format_func=SORTS.get, key="sort")
    as_of = bottom[2].date_input("Board as of", value=today, max_value=today, format="YYYY-MM-DD", key="as_of",
                                 help="See the board as it stood on an earlier date: each claim's status then, "
                                      "without the claims and matches that came later.")
    attention_first = bottom[3].toggle("Needs review and overdue first", value=True, key="attention")
    review_only = bottom[3].toggle("Only with matches to review", value=False, key="review_only")
past = as_of if isinstance(as_of, date) and as_of < today else None
heading.caption(f"Every rumor we logged and where it stood on {past:%-d %B %Y}." if past else
                f"Every rumor we logged and where it stands, as of {now:%-d %B %Y, %H:%M}.")
if past:
    st.info(f"You are looking at the board **as it stood on {past:%-d %B %Y}**: statuses, deadlines and matches "
            "as known that day; claims published later are left out. Set *Board as of* (under Filters) back "
            "to today for the current board.", icon=":material/history:")

first, last = (list(published) + [None, None])[:2] if isinstance(published, tuple | list) else (published, None)
filters = BoardFilter(statuses=tuple(statuses), source_id=source_ids.get(source), entity=entity,
                      search=search or None, published_from=first, published_to=last,
                      needs_review_only=review_only)

pages_key = (filters, sort, attention_first, past)
if st.session_state.get("board_filters") != pages_key:  # a new filter starts again at page 1
    st.session_state["board_filters"] = pages_key
    st.session_state["board_page"] = 1
page_number = st.session_state.get("board_page", 1)

board = data.board(url, today, filters, sort, attention_first, PAGE_SIZE, (page_number - 1) * PAGE_SIZE,
                   person.sees_confidential, past)
counts = board["counts"]
tally = [f"⚖️ Needs review **{counts.get('needs_review', 0):,}**"] + [
    f"{STATUS_BADGE[status]} **{counts.get(status, 0):,}**" for status in STATUS_BADGE]
st.markdown(" &nbsp;·&nbsp; ".join(tally))

total = board["total"]
if not total:
    if filters != BoardFilter():
        st.info("No claim matches these filters. Clear a filter to see more.")
    elif past:
        st.info(f"No claim we logged had been published by {past:%-d %B %Y}. Pick a later date.")
    else:
        st.info("No claims yet. Log the first rumor on **Log a rumor**; an administrator can load the demo "
                "data to try things out.")
    st.stop()


def settled_by(row: dict) -> str:
    """'Confirmed by Apple, 3 Jun 2022: …' for a settled claim; the best proposal (to review) otherwise."""
    if not row["best_match"]:
        return EMPTY
    if row["best_decision"] == "accepted":
        verb = status_words(row["status"]) if row["status"] in VERDICT_WORDS else "Settled"
        when = f", {row['best_published']:%-d %b %Y}" if isinstance(row["best_published"], date) else ""
        return f"{verb} by {row['best_match'].split(':', 1)[0]}{when}: {row['best_match'].split(':', 1)[-1].strip()}"
    return f"To review: {row['best_match']}"


def strength_cell(row: dict) -> str:
    return EMPTY if row["best_decision"] == "accepted" else strength_words(row["best_score"], row.get("best_evidence"))


table = [{
    "Status": status_badge(row["status"]) + (" · ⚖️" if row["needs_review"] else ""),
    "Claim": row["text"],
    "Source": f"{row['source']}, {row['published']:%-d %b %Y}",
    "Deadline": deadline_phrase(row["status"], row["days_to_deadline"]),
    "Match strength": strength_cell(row),
    "Confirmed by, or best match": settled_by(row),
} for row in board["rows"]]

pages = max(1, -(-total // PAGE_SIZE))
start = (page_number - 1) * PAGE_SIZE + 1
st.caption(f"Showing {start:,}–{start + len(table) - 1:,} of {total:,} claims · ⚖️ a match awaits review · "
           "open a claim for its match and the score's parts.")
st.html(PHONE_CSS)
picked = show_table(
    table, on_select="rerun", selection_mode="single-row", row_height=78,
    key="board_table", height=min(38 + 79 * len(table), 900),
    column_config={
        "Status": st.column_config.TextColumn(width=112),
        "Claim": st.column_config.TextColumn(width=260),
        "Source": st.column_config.TextColumn(width=110, help="Who reported it, and when"),
        "Deadline": st.column_config.TextColumn(width=84, help="Days left until the window closes, or past it"),
        "Match strength": st.column_config.TextColumn(
            width=88, help="How likely the best undecided match is right: strong (right 85–100% of the time "
                            "in our tests), possible (half to 85%), weak (rarely). Open the claim for the parts."),
        "Confirmed by, or best match": st.column_config.TextColumn(
            width=220, help="The announcement an editor accepted; else the best match waiting for review"),
    },
)
with st.container(key="board_cards"):
    cards = []
    for row, shown in zip(board["rows"], table, strict=True):
        meta = " · ".join(safe(part) for part in (shown["Status"], shown["Source"], shown["Deadline"]) if part)
        match = "" if shown["Confirmed by, or best match"] == EMPTY else (
            f"<div class='meta'>{safe(shown['Match strength'])} — {safe(shown['Confirmed by, or best match'])}</div>")
        cards.append(f"<div class='card'><a href='claim?claim={row['id']}' target='_self'>{safe(row['text'])}</a>"
                     f"<div class='meta'>{meta}</div>{match}</div>")
    st.html("".join(cards))
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


def export() -> str:
    """Every claim the filters keep (up to EXPORT_LIMIT), in plain words: fetched only when clicked."""
    rows = data.board(url, today, filters, sort, attention_first, EXPORT_LIMIT, 0, person.sees_confidential,
                      past)["rows"]
    return csv_text([{
        "id": row["id"], "external_id": row["external_id"], "status": status_words(row["status"]),
        "claim": row["text"], "source": row["source"], "published": row["published"],
        "window": window_phrase(row["window_start"], row["window_end"]),
        "deadline": deadline_phrase(row["status"], row["days_to_deadline"]),
        "match_strength": strength_cell(row), "confirmed_by_or_best_match": settled_by(row),
    } for row in rows])


left, right = st.columns(2)
left.download_button("Download these claims (CSV)", export, file_name=f"board-{past or today}.csv", mime="text/csv",
                     icon=":material/download:")
if person.may("log_claim"):
    right.page_link("app_pages/log_claim.py", label="Log a new rumor", icon=":material/edit_note:")
