"""One claim in full: its history, candidate announcements (and an editor's decision on any announcement),
duplicates, and corrections of its window and publication date."""

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
    strength_words,
    table,
    window_phrase,
)

from verify.core.evidence import evidence_in
from verify.core.status import OPEN
from verify.errors import NeedsConfirmation, NotFound, VerifyError
from verify.queries import BoardFilter
from verify.services import correct_window, retract_claim, review_match
from verify.services.published import correct_published

EVENT_WORDS = {
    "logged": "Logged", "match_proposed": "Match proposed", "match_accepted": "Match accepted",
    "match_rejected": "Match rejected", "window_corrected": "Window corrected", "retracted": "Retracted",
    "published_corrected": "Publication date corrected", "match_withdrawn": "Match withdrawn (dated before)",
    "status_restored": "Status restored",
}
DECISIONS = {"confirm": "Confirmed", "partly": "Partly confirmed (say what differs)", "deny": "Denied",
             "reject": "Does not settle it (reject)", "accept": "The matcher's verdict"}

person = current_person()
app = data.application()
url = app.settings.database_url
now = app.now()

st.title("Claim detail")
asked = st.session_state.pop("claim_ref", None)
from_address = st.query_params.get("claim", "")
if not asked and from_address and from_address != st.session_state.get("claim_shown"):
    asked = from_address  # a link such as claim?claim=42 (the phone board's cards)
if asked:
    st.session_state["claim_lookup"] = str(asked)
reference = st.text_input("Find a claim", placeholder="its words (e.g. Leica phone July), or its id",
                          key="claim_lookup").strip()


def pick_claim(search: str | None) -> str | None:
    """Claims matching the words (spelling need not be exact), or the latest logged: pick one to open."""
    found = data.board(url, now.date(), BoardFilter(search=search), "logged", False, 20, 0,
                       person.sees_confidential)["rows"]
    if not found:
        st.info("No claim has these words. Try fewer or other words, or search the board.")
        st.stop()
    choices = {row["id"]: f"{row['text'][:110]} — {row['source']}, {row['published']}" for row in found}
    heading = "Claims with these words" if search else "Latest claims logged"
    picked = st.selectbox(heading, list(choices), format_func=choices.get, index=None,
                          placeholder="Pick a claim to open", key=f"claim_pick_{search or ''}")
    return None if picked is None else str(picked)


claim = None
if reference:
    try:
        claim = data.claim(url, reference, now.date(), person.sees_confidential)
    except NotFound:
        claim = None
if claim is None:
    chosen = pick_claim(reference or None)
    if chosen is None:
        st.stop()
    claim = data.claim(url, chosen, now.date(), person.sees_confidential)
st.query_params["claim"] = st.session_state["claim_shown"] = str(claim["id"])

if "claim_saved" in st.session_state:
    st.success(st.session_state.pop("claim_saved"), icon=":material/check_circle:")
if "claim_warning" in st.session_state:
    st.warning(st.session_state.pop("claim_warning"), icon=":material/history:")

with st.container(border=True):
    accepted = next((row for row in claim["candidates"] if row["decision"] == "accepted"), None)
    st.markdown(f"### {status_badge(claim['status'])}")
    st.markdown(f"#### {safe(claim['text'])}")
    if accepted:
        verb = {"confirmed": "Confirmed", "partly_confirmed": "Partly confirmed", "denied": "Denied"}.get(
            accepted["verdict"], "Settled")
        differs = f" What differs: {safe(accepted['differs'])}." if accepted["differs"] else ""
        st.markdown(f"**{verb} by {safe(accepted['issuer'])}, {accepted['published']:%-d %B %Y}:** "
                    f"“{safe(accepted['text'])}”{differs}")
        if accepted["url"] and accepted["url"].startswith(("http://", "https://")):
            st.link_button("Open the announcement ↗", accepted["url"])
    origin = f" (citing {safe(claim['origin'])})" if claim["origin"] else ""
    st.markdown(f"**{safe(claim['source'])}**{origin} · published {claim['published']} · logged by "
                f"{safe(claim['logged_by'])} on {claim['logged_at']:%Y-%m-%d}")
    window = window_phrase(claim["window_start"], claim["window_end"], claim["window_expression"])
    hand = " (set by hand)" if claim["window_by_hand"] else ""
    st.markdown(f"**Time window:** {safe(window)}{hand} · "
                f"**deadline:** {deadline_phrase(claim['status'], claim['days_to_deadline'])}"
                f" · **stated confidence:** {percent(claim['confidence'])}"
                f" · **candidate announcements:** {len(claim['candidates'])}")
    if claim["status"] in OPEN and claim["window_end"]:
        st.caption(f"Deadline {claim['window_end']:%-d %B %Y}: after it, an unconfirmed claim counts as overdue.")
    if claim["url"]:
        st.link_button("Open the source article ↗", claim["url"])


def record_decision(request: dict, *, force: bool) -> None:
    """One editor's decision through the same service as `verify review`; a pair the matcher discarded or
    never proposed comes back for an explicit confirmation."""
    if not permitted(person, "review"):
        return
    try:
        status = review_match(data.unit_of_work(), str(claim["id"]), request["announcement"], request["decision"],
                              actor=person, now=now, note=request["note"] or None, force=force,
                              settings=app.match_settings,
                              detail=(request["detail"] or None) if request["decision"] == "partly" else None)
    except NeedsConfirmation as error:
        st.session_state["decide_pending"] = {"claim": claim["id"], "request": request, "message": str(error)}
    except VerifyError as error:
        st.error(plain(error), icon=":material/error:")
    else:
        data.after_write()
        st.session_state["claim_saved"] = (f"Decision recorded: announcement {plain(request['announcement'])}; "
                                           f"the claim is now {status.replace('_', ' ')}.")
        st.rerun()


def decide_form() -> None:
    with st.form("decide_form"):
        st.markdown("**Decide on an announcement** (your verdict wins over the matcher's; kept in the history)")
        left, right = st.columns(2)
        announcement = left.text_input("Announcement id or external id", key="decide_announcement",
                                       placeholder="e.g. 17 or demo-a8")
        decision = right.selectbox("Your verdict", list(DECISIONS), format_func=DECISIONS.get, index=None,
                                   placeholder="Choose your verdict", key="decide_decision")
        detail = st.text_input("What differs (for partly confirmed)", key="decide_detail", max_chars=500,
                               placeholder="e.g. amount: $13bn rumored, $14bn announced")
        note = st.text_input("Note", key="decide_note", placeholder="e.g. official press release")
        if st.form_submit_button("Record the decision", type="primary"):
            st.session_state.pop("decide_pending", None)
            if decision is None:
                st.error("Choose your verdict first: nothing was recorded.", icon=":material/error:")
                return
            record_decision({"announcement": announcement.strip(), "decision": decision, "detail": detail,
                             "note": note}, force=False)
    pending = st.session_state.get("decide_pending")
    if pending and pending["claim"] == claim["id"]:
        st.warning(f"{plain(pending['message'])} Record it anyway?", icon=":material/help:")
        yes, no = st.columns(2)
        if yes.button("Yes, record it", key="decide_force", type="primary"):
            st.session_state.pop("decide_pending", None)
            record_decision(pending["request"], force=True)
        if no.button("Cancel", key="decide_cancel"):
            st.session_state.pop("decide_pending", None)
            st.rerun()


history, candidates, duplicates, edit = st.tabs(["History", "Candidate announcements", "Duplicates",
                                                  "Correct or retract"])

by_match = {row["match_id"]: row for row in claim["candidates"]}


def what(event: dict) -> str:
    """The event in words, naming the announcement it is about."""
    words = EVENT_WORDS.get(event["kind"], event["kind"].replace("_", " ").capitalize())
    about = by_match.get(event.get("match_id")) or event["evidence"].get("announcement")
    if about:
        words += f": {about['issuer']}, {about['published']} — “{about['text'][:90]}”"
    return words


with history:
    table([{
        "When": event["recorded_at"], "What": what(event),
        "By": event["actor"], "Status": status_badge(event["status"]) if event["status"] else "",
        "Effective": str(event["effective_on"] or ""), "Note": event["reason"] or "",
        "Score": "" if event["evidence"].get("score") is None else f"{event['evidence']['score']:.0f}",
    } for event in claim["events"]],
        column_config={"When": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
                       "What": st.column_config.TextColumn(width="large")})

settled = claim["status"] not in OPEN
with candidates:
    if not claim["candidates"]:
        st.info("No announcement has been proposed for this claim yet.")
    else:
        table([{
            "Strength": strength_words(row["score"], evidence_in(row.get("parts"))),
            "Decision": ("not needed: the claim is settled" if row["decision"] == "proposed" and settled
                         else DECISION_WORDS.get(row["decision"], row["decision"])),
            "Issuer": row["issuer"], "Published": row["published"], "Announcement": row["text"],
            "Verdict": status_badge(row["verdict"]), "What differs": row["differs"],
        } for row in claim["candidates"]],
            column_config={"Announcement": st.column_config.TextColumn(width="large")})

    if person.may("review"):
        decide_form()

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
        closeness = ["nearly the same words" if row["similarity"] >= 90 else "the same rumor"
                     if row["similarity"] >= 70 else "a similar rumor" for row in similar]
        opened = table([{"How close": close, "Claim": row["text"], "Source": row["source"],
                         "Published": row["published"], "Status": status_badge(row["status"])}
                        for close, row in zip(closeness, similar, strict=True)],
                       on_select="rerun", selection_mode="single-row", key="similar_table",
                       column_config={"Claim": st.column_config.TextColumn(width="large")})
        st.caption("Select a row to open that claim.")
        if opened and opened.selection.rows:
            st.session_state["claim_ref"] = str(similar[opened.selection.rows[0]]["id"])
            st.rerun()
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
                correct_window(data.unit_of_work(), str(claim["id"]), start or None, end, actor=person,
                               now=now, reason=reason or None)
            except VerifyError as error:
                st.error(plain(error), icon=":material/error:")
            else:
                data.after_write()
                st.session_state["claim_saved"] = "The window is corrected; the history keeps the old one."
                st.rerun()
    with st.form("published_form"):
        st.markdown("**Correct the publication date** (kept in the history; the window is read again unless set "
                    "by hand, and announcements now dated before the claim no longer settle it)")
        left, right = st.columns(2)
        day = left.text_input("Published", value=str(claim["published"]), key="published_date")
        why_date = right.text_input("Why (required)", placeholder="e.g. the print edition ran a week earlier",
                                    key="published_reason")
        if st.form_submit_button("Save the date") and permitted(person, "correct_claim"):
            try:
                done = correct_published(data.unit_of_work(), str(claim["id"]), day, actor=person, now=now,
                                         reason=why_date, hemisphere=app.hemisphere, settings=app.match_settings)
            except VerifyError as error:
                st.error(plain(error), icon=":material/error:")
            else:
                data.after_write()
                withdrawn = (f" No longer settling it, now dated before it: announcement(s) "
                             f"{plain(', '.join(done.withdrawn))}." if done.withdrawn else "")
                st.session_state["claim_saved"] = (f"The publication date is now {done.after} (was {done.before}); "
                                                   "the history keeps the old one." + withdrawn)
                if done.warning:
                    st.session_state["claim_warning"] = plain(done.warning)
                st.rerun()
    with st.form("retract_form"):
        st.markdown("**Retract** a claim logged by mistake (it stays in the history)")
        why = st.text_input("Reason (required)", key="retract_reason")
        if st.form_submit_button("Retract this claim") and permitted(person, "correct_claim"):
            try:
                retract_claim(data.unit_of_work(), str(claim["id"]), actor=person, now=now, reason=why)
            except VerifyError as error:
                st.error(plain(error), icon=":material/error:")
            else:
                data.after_write()
                st.session_state["claim_saved"] = "The claim is retracted."
                st.rerun()
