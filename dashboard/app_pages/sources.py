"""Sources: how often each one turned out right (with its uncertainty), and a source's record over time."""

import json
import os

import altair as alt
import streamlit as st
from verify.dashboard import data, leaderboard
from verify.dashboard.people import current_person, permitted
from verify.dashboard.ui import STATUS_COLOUR, csv_text, percent, plain, status_badge, table

from verify.core import fairness
from verify.errors import VerifyError
from verify.services.sources import edit_source

KINDS = {"unchanged": None, "outlet": "outlet", "person": "person"}
PROTECTION = {"unchanged": None, "confidential (shown by pseudonym)": True, "not confidential": False}

person = current_person()
app = data.application()
url = app.settings.database_url
today = app.today()

st.title("Sources")
st.caption(f"How often each source turned out right, as of a date. Hit rate: confirmed claims (partly "
           f"confirmed count half) over resolved ones (confirmed, partly confirmed, denied, or overdue with no "
           f"confirmation in sight). A claim whose confirmation waits for an editor is *awaiting review*, never "
           f"a miss; a rumor logged again as a repeat counts once, for its original. Below "
           f"{fairness.MIN_RESOLVED} resolved claims a source is *too few to judge* and is not ranked.")
if not person.sees_confidential:
    st.caption("🔒 Protected sources appear under a pseudonym; editors see their names.")
if "source_saved" in st.session_state:
    st.success(st.session_state.pop("source_saved"), icon=":material/check_circle:")
as_of = st.date_input("As of", value=today, max_value=today, format="YYYY-MM-DD",
                      help="Score the sources with what was known on this date.")


RECORD_COLOUR = {**STATUS_COLOUR, fairness.AWAITING_REVIEW: "#7048e8"}


def record_status(status: str) -> str:
    """A status in a source's record: the board's words, and awaiting review (never a miss)."""
    return "⚖️ Awaiting review" if status == fairness.AWAITING_REVIEW else status_badge(status)


cards = data.scorecards(url, as_of, person.sees_confidential, app.partial_hit_weight)
if not cards:
    st.info("No sources yet: they appear once claims are logged.")
    st.stop()

st.subheader(f"Leaderboard as of {as_of:%-d %b %Y}")
rated = [card for _, card in leaderboard.ranked(cards) if card["hit_rate"] is not None]
if rated:
    order = [card["source"] for card in rated]
    chart_rows = [{**card, "label": f"{percent(card['hit_rate'])} of {card['resolved']} resolved"
                   + (" (too few to judge)" if card["too_few"] else ""),
                   "n": f"n={card['resolved']}"} for card in rated]
    base = alt.Chart(alt.Data(values=chart_rows)).encode(
        y=alt.Y("source:N", sort=order, title=None, axis=alt.Axis(labelLimit=150, labelOverlap=False)))
    interval = base.mark_rule(strokeWidth=3, opacity=0.5).encode(
        x=alt.X("hit_rate_low:Q", title="Hit rate (95% interval)", scale=alt.Scale(domain=[0, 1.25]),
                axis=alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1])),
        x2="hit_rate_high:Q")
    tooltip = [alt.Tooltip("source:N", title="Source"), alt.Tooltip("label:N", title="Hit rate"),
               alt.Tooltip("hit_rate_low:Q", format=".0%", title="Likely at least"),
               alt.Tooltip("hit_rate_high:Q", format=".0%", title="Likely at most")]
    dots = base.mark_circle(size=110, opacity=1).encode(x="hit_rate:Q", tooltip=tooltip,
                                                        opacity=alt.condition("datum.too_few", alt.value(0.35),
                                                                              alt.value(1.0)))
    counts = base.mark_text(align="left", dx=6, fontSize=12).encode(x=alt.value(0), text="n:N").encode(
        x=alt.X("hit_rate_high:Q"))
    st.altair_chart((interval + dots + counts).properties(height=max(120, 34 * len(rated))), width="stretch")
    st.caption("The dot is the hit rate, the line the range it likely lies in, n the resolved claims; a faded "
               "dot is too few to judge.")
else:
    st.info("No source has a resolved claim yet as of this date, so there is nothing to rate.")

st.html(leaderboard.PHONE_CSS)
with st.container(key="leaderboard_table"):  # a container: the phone's style sheet hides it by this key
    table(leaderboard.table_rows(cards), row_height=66, height=min(40 + 67 * len(cards), 1200),
          column_config=leaderboard.column_config())
with st.container(key="leaderboard_cards"):
    st.html(leaderboard.phone_cards(cards))
st.download_button("Download the scorecards (CSV)", csv_text(leaderboard.csv_rows(cards)),
                   file_name=f"scorecards-{as_of}.csv", mime="text/csv", icon=":material/download:")
with st.expander("Publish the verdicts as ClaimReview (JSON-LD, for search engines)", icon=":material/public:"):
    left, right = st.columns(2)
    newsroom = left.text_input("Newsroom name", value=os.environ.get("VERIFY_NEWSROOM", ""), key="newsroom")
    site = right.text_input("Newsroom web address", value=os.environ.get("VERIFY_NEWSROOM_URL", ""),
                            placeholder="https://ledger.example", key="newsroom_url")
    if newsroom.strip() and site.strip().startswith(("http://", "https://")):
        reviews = data.claim_reviews(url, as_of, newsroom.strip(), site.strip().rstrip("/"))
        st.download_button(f"Download {len(reviews)} ClaimReview(s) (JSON-LD)",
                           json.dumps(reviews, ensure_ascii=False, indent=2), file_name=f"claimreview-{as_of}.jsonld",
                           mime="application/ld+json", icon=":material/download:")
    else:
        st.caption("Type the newsroom's name and web address (https://…) to get the file.")

st.subheader(f"A source's record as of {as_of:%-d %b %Y}")
st.caption("The claims its scorecard counts on that date, each with its status then.")
sources = {row["label"]: row["id"] for row in data.sources(url, person.sees_confidential)}
picked = st.selectbox("Source", list(sources), index=None, placeholder="Pick a source", key="record_source")
if picked:
    rows = data.source_timeline(url, sources[picked], as_of, person.sees_confidential)
    if rows:
        points = [{"published": row["published"].isoformat(), "status": record_status(row["status"]),
                   "claim": row["text"][:120]} for row in rows]
        order = [record_status(s) for s in RECORD_COLOUR]
        colours = alt.Scale(domain=order, range=list(RECORD_COLOUR.values()))
        timeline = alt.Chart(alt.Data(values=points)).mark_circle(size=140, opacity=0.9).encode(
            x=alt.X("published:T", title="Published"),
            y=alt.Y("status:N", title=None, sort=order),
            color=alt.Color("status:N", scale=colours, legend=None),
            tooltip=[alt.Tooltip("published:T"), alt.Tooltip("claim:N")])
        st.altair_chart(timeline.properties(height=220), width="stretch")
        table([{"Published": row["published"], "Status": record_status(row["status"]), "Claim": row["text"],
                "Deadline": row["window_end"],
                "Counts": "once, for the original" if row["repeat"] else "yes"} for row in rows],
              column_config={"Claim": st.column_config.TextColumn(width="large"),
                             "Counts": st.column_config.TextColumn(
                                 width=150, help="A repeat of an earlier claim counts once, for the original")})
    else:
        st.caption(f"No claims from this source had been published by {as_of:%-d %B %Y}.")

if person.may("edit_source"):
    with st.expander("Edit a source", icon=":material/edit:"), st.form("source_form"):
        choices = {row["label"]: row["id"] for row in data.sources(url, True)}
        chosen = st.selectbox("Source to change", list(choices), index=None, key="edit_source_pick")
        left, middle, right = st.columns([2, 1, 2])
        new_name = left.text_input("New name", placeholder="leave empty to keep it", key="edit_source_name")
        kind = middle.selectbox("Kind", list(KINDS), key="edit_source_kind")
        protection = right.selectbox("Protection", list(PROTECTION), key="edit_source_protection")
        why = st.text_input("Why (kept in the history)", key="edit_source_reason")
        if st.form_submit_button("Save the source") and permitted(person, "edit_source"):
            try:
                if chosen is None:
                    raise VerifyError("Pick the source to change.")
                edit_source(data.unit_of_work(), str(choices[chosen]), rename=new_name or None, kind=KINDS[kind],
                            confidential=PROTECTION[protection], actor=person, now=app.now(),
                            reason=why or None)
            except VerifyError as error:
                st.error(plain(error), icon=":material/error:")
            else:
                data.after_write()
                st.session_state["source_saved"] = "The source is changed; the history keeps who did it and why."
                st.rerun()
