"""Sources: how often each one turned out right (with its uncertainty), and a source's record over time."""

import altair as alt
import streamlit as st
from verify.dashboard import data
from verify.dashboard.people import current_person, permitted
from verify.dashboard.ui import STATUS_COLOUR, percent, plain, status_badge, table

from verify.errors import VerifyError
from verify.services.sources import edit_source

KINDS = {"unchanged": None, "outlet": "outlet", "person": "person"}
PROTECTION = {"unchanged": None, "confidential (shown by pseudonym)": True, "not confidential": False}

person = current_person()
url = data.database_url()
today = data.now().date()

st.title("Sources")
st.caption("A source's hit rate is confirmed claims (partly confirmed count half) over resolved ones; the "
           "bar is its 95% Wilson interval: few resolved claims, wide bar. Ranked by the interval's lower "
           "end, what the evidence supports.")
if not person.sees_confidential:
    st.caption("🔒 Protected sources appear under a pseudonym; editors see their names.")
if "source_saved" in st.session_state:
    st.success(st.session_state.pop("source_saved"), icon=":material/check_circle:")
as_of = st.date_input("As of", value=today, max_value=today, format="YYYY-MM-DD",
                      help="Score the sources with what was known on this date.")


def pct(value: float | None) -> int | None:
    return None if value is None else round(100 * value)


cards = data.scorecards(url, as_of, person.sees_confidential)
if not cards:
    st.info("No sources yet: they appear once claims are logged.")
    st.stop()

rated = [card for card in cards if card["hit_rate"] is not None]
if rated:
    order = [card["source"] for card in rated]  # already ranked by the lower bound
    chart_rows = [{**card, "label": f"{percent(card['hit_rate'])} of {card['resolved']} resolved"}
                  for card in rated]
    base = alt.Chart(alt.Data(values=chart_rows)).encode(
        y=alt.Y("source:N", sort=order, title=None, axis=alt.Axis(labelLimit=260, labelOverlap=False)))
    interval = base.mark_rule(strokeWidth=3, opacity=0.5).encode(
        x=alt.X("hit_rate_low:Q", title="Hit rate (95% interval)", scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")),
        x2="hit_rate_high:Q")
    dots = base.mark_circle(size=110, opacity=1).encode(
        x="hit_rate:Q", tooltip=[alt.Tooltip("source:N", title="Source"), alt.Tooltip("label:N", title="Hit rate"),
                                 alt.Tooltip("hit_rate_low:Q", format=".0%", title="Low"),
                                 alt.Tooltip("hit_rate_high:Q", format=".0%", title="High")])
    st.altair_chart((interval + dots).properties(height=max(120, 34 * len(rated))), width="stretch",
                    height=max(160, 34 * len(rated) + 60))
else:
    st.info("No source has a resolved claim yet as of this date, so there is nothing to rate.")

table([{
    "Source": card["source"], "Claims": card["claims"], "Resolved": card["resolved"],
    "Hit rate": pct(card["hit_rate"]), "Low": pct(card["hit_rate_low"]), "High": pct(card["hit_rate_high"]),
    "Brier": card["brier"], "Median lead (days)": card["median_lead_days"], "First reports": card["first_reports"],
} for card in cards], column_config={
    "Source": st.column_config.TextColumn(width="medium"),
    "Hit rate": st.column_config.NumberColumn(format="%d%%"),
    "Low": st.column_config.NumberColumn(format="%d%%", help="Lower end of the 95% Wilson interval"),
    "High": st.column_config.NumberColumn(format="%d%%", help="Upper end of the 95% Wilson interval"),
    "Brier": st.column_config.NumberColumn(format="%.2f", help="Lower is better: stated confidence vs outcome"),
    "Median lead (days)": st.column_config.NumberColumn(
        format="%g", help="Days from the claim to the announcement that confirmed it"),
})

st.subheader("A source's record")
sources = {row["label"]: row["id"] for row in data.sources(url, person.sees_confidential)}
picked = st.selectbox("Source", list(sources), index=None, placeholder="Pick a source")
if picked:
    rows = data.source_timeline(url, sources[picked], today, person.sees_confidential)
    if rows:
        points = [{"published": row["published"].isoformat(), "status": status_badge(row["status"]),
                   "claim": row["text"][:120]} for row in rows]
        colours = alt.Scale(domain=[status_badge(s) for s in STATUS_COLOUR], range=list(STATUS_COLOUR.values()))
        timeline = alt.Chart(alt.Data(values=points)).mark_circle(size=140, opacity=0.9).encode(
            x=alt.X("published:T", title="Published"),
            y=alt.Y("status:N", title=None, sort=[status_badge(s) for s in STATUS_COLOUR]),
            color=alt.Color("status:N", scale=colours, legend=None),
            tooltip=[alt.Tooltip("published:T"), alt.Tooltip("claim:N")])
        st.altair_chart(timeline.properties(height=220), width="stretch")
        table([{"Published": row["published"], "Status": status_badge(row["status"]), "Claim": row["text"],
                "Deadline": row["window_end"]} for row in rows])
    else:
        st.caption("No claims from this source.")

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
                            confidential=PROTECTION[protection], actor=person.name, now=data.now(),
                            reason=why or None)
            except VerifyError as error:
                st.error(plain(error), icon=":material/error:")
            else:
                data.after_write()
                st.session_state["source_saved"] = "The source is changed; the history keeps who did it and why."
                st.rerun()
