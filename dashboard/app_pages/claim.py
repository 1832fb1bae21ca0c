"""One claim in full: its history, candidate announcements, duplicates, and window correction."""

import streamlit as st
from verify.dashboard import data
from verify.dashboard.people import current_person, permitted
from verify.dashboard.ui import (
    DECISION_WORDS,
    deadline_phrase,
    percent,
    plain,
    safe,
    status_badge,
    table,
    window_phrase,
)

from verify.errors import NotFound, VerifyError
from verify.services import correct_window, retract_claim

EVENT_WORDS = {
    "logged": "Logged", "match_proposed": "Match proposed", "match_accepted": "Match accepted",
    "match_rejected": "Match rejected", "window_corrected": "Window corrected", "retracted": "Retracted",
}

person = current_person()
url = data.database_url()
now = data.now()

st.title("Claim detail")
reference = st.text_input("Claim id or external id", value=st.session_state.get("claim_ref")
                          or st.query_params.get("claim", ""), placeholder="e.g. 42 or demo-c1", key="claim_lookup")
if not reference.strip():
    st.info("Type a claim's id, or select a row on the board.")
    st.stop()
st.session_state["claim_ref"] = reference.strip()
try:
    claim = data.claim(url, reference.strip(), now.date(), person.sees_confidential)
except NotFound as error:
    st.error(plain(error), icon=":material/error:")
    st.stop()

if "claim_saved" in st.session_state:
    st.success(st.session_state.pop("claim_saved"), icon=":material/check_circle:")

with st.container(border=True):
    st.markdown(f"### {status_badge(claim['status'])}")
    st.markdown(f"#### {safe(claim['text'])}")
    origin = f" (citing {safe(claim['origin'])})" if claim["origin"] else ""
    st.markdown(f"**{safe(claim['source'])}**{origin} · published {claim['published']} · logged by "
                f"{safe(claim['logged_by'])} on {claim['logged_at']:%Y-%m-%d}")
    window = window_phrase(claim["window_start"], claim["window_end"], claim["window_expression"])
    hand = " (set by hand)" if claim["window_by_hand"] else ""
    st.markdown(f"**Time window:** {safe(window)}{hand} · **deadline:** {deadline_phrase(claim['status'], claim['days_to_deadline'])}"
                f" · **stated confidence:** {percent(claim['confidence'])}"
                f" · **candidate announcements:** {len(claim['candidates'])}")
    if claim["url"]:
        st.link_button("Open the source article ↗", claim["url"])

history, candidates, duplicates, edit = st.tabs(["History", "Candidate announcements", "Duplicates",
                                                  "Correct or retract"])

with history:
    table([{
        "When": event["recorded_at"], "What": EVENT_WORDS.get(event["kind"], event["kind"]),
        "By": event["actor"], "Status": status_badge(event["status"]) if event["status"] else "",
        "Effective": str(event["effective_on"] or ""), "Note": event["reason"] or "",
        "Score": "" if event["evidence"].get("score") is None else f"{event['evidence']['score']:.0f}",
    } for event in claim["events"]],
        column_config={"When": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")})

with candidates:
    if not claim["candidates"]:
        st.info("No announcement has been proposed for this claim yet.")
    else:
        table([{
            "Score": row["score"], "Decision": DECISION_WORDS.get(row["decision"], row["decision"]),
            "Issuer": row["issuer"], "Published": row["published"], "Announcement": row["text"],
            "Verdict": status_badge(row["verdict"]), "What differs": row["differs"],
        } for row in claim["candidates"]],
            column_config={"Score": st.column_config.ProgressColumn(min_value=0, max_value=100, format="%.0f"),
                           "Announcement": st.column_config.TextColumn(width="large")})

with duplicates:
    linked = ([claim["duplicate_of"]] if claim["duplicate_of"] else []) + claim["duplicates"]
    if claim["duplicate_of"]:
        st.caption(f"This claim repeats claim {claim['duplicate_of']['id']}.")
    if linked:
        table([{"Id": row["id"], "Claim": row["text"], "Source": row["source"],
                "Published": row["published"], "Status": status_badge(row["status"])} for row in linked])
    similar = data.similar(url, claim["text"], claim["id"], person.sees_confidential)
    st.markdown("**Similar claims** (by the matcher's claim similarity)")
    if similar:
        table([{"Similarity": row["similarity"], "Id": row["id"], "Claim": row["text"],
                "Source": row["source"], "Published": row["published"],
                "Status": status_badge(row["status"])} for row in similar])
    else:
        st.caption("None found.")

with edit:
    if not person.may("correct_claim"):
        st.info(f"Your role ({person.role}) may not change claims; editors can.", icon=":material/lock:")
        st.stop()
    with st.form("window_form"):
        st.markdown("**Correct the time window** (kept in the history)")
        left, right = st.columns(2)
        start = left.text_input("Starts", value=str(claim["window_start"] or ""), placeholder="2022-07-01",
                               key="window_start")
        end = right.text_input("Ends (the deadline)", value=str(claim["window_end"] or ""),
                               placeholder="2022-07-31", key="window_end")
        reason = st.text_input("Why", placeholder="e.g. the source said 'before the summer'", key="window_reason")
        if st.form_submit_button("Save the window", type="primary") and permitted(person, "correct_claim"):
            try:
                correct_window(data.unit_of_work(), str(claim["id"]), start or None, end, actor=person.name,
                               now=now, reason=reason or None)
            except VerifyError as error:
                st.error(plain(error), icon=":material/error:")
            else:
                data.after_write()
                st.session_state["claim_saved"] = "The window is corrected; the history keeps the old one."
                st.rerun()
    with st.form("retract_form"):
        st.markdown("**Retract** a claim logged by mistake (it stays in the history)")
        why = st.text_input("Reason (required)", key="retract_reason")
        if st.form_submit_button("Retract this claim") and permitted(person, "correct_claim"):
            try:
                retract_claim(data.unit_of_work(), str(claim["id"]), actor=person.name, now=now, reason=why)
            except VerifyError as error:
                st.error(plain(error), icon=":material/error:")
            else:
                data.after_write()
                st.session_state["claim_saved"] = "The claim is retracted."
                st.rerun()
