"""The review queue: proposed matches side by side, decided by an editor (each decision an event)."""

import streamlit as st
from verify.dashboard import data
from verify.dashboard.people import current_person, permitted
from verify.dashboard.ui import (
    VERDICT_WORDS,
    highlight,
    page_picker,
    plain,
    safe,
    status_words,
    window_phrase,
)

from verify.core.evidence import evidence_in
from verify.core.status import status_on
from verify.core.strength import strength
from verify.errors import VerifyError
from verify.services import review_match, run_matcher
from verify.services.review import undo_decision

PAGE_SIZE = 10
ACTIONS = {"accept": "✅ Accept", "confirm": "☑️ Confirmed", "partly": "🔵 Partly confirmed", "deny": "⛔ Denied",
           "reject": "❌ Reject"}
HELP = {"accept": "Take the matcher's verdict.", "confirm": "The announcement confirms the rumor.",
        "partly": "The core happened but a detail differs: say which above.",
        "deny": "The announcement denies the rumor.", "reject": "The announcement does not settle the rumor."}
DONE = {"accept": "accepted", "confirm": "marked confirmed", "partly": "marked partly confirmed",
        "deny": "marked denied", "reject": "rejected"}

person = current_person()
app = data.application()
url = app.settings.database_url
now = app.now()

st.title("Review queue")
if "reviewed" in st.session_state:
    st.success(st.session_state.pop("reviewed"), icon=":material/check_circle:")


def undo(match_id: int, claim_id: int, window_end) -> None:
    if not permitted(person, "review"):
        return
    try:
        status = undo_decision(data.unit_of_work(), match_id, actor=person, now=now)
    except VerifyError as error:
        st.error(plain(error), icon=":material/error:")
        return
    data.after_write()
    st.session_state.pop("last_decision", None)
    shown = status_on(status, window_end, now.date())
    st.session_state["reviewed"] = (f"Undone: claim {claim_id} is back in the queue and is "
                                    f"{status_words(shown).lower()} again (the history keeps both steps).")
    st.rerun()


last = st.session_state.get("last_decision")
if last and person.may("review") and st.button(
        f"Undo: claim {last[1]} {last[2]}", icon=":material/undo:", key="undo_last",
        help="Put the pair back in the queue; the history keeps the decision and its undoing."):
    undo(*last[:2], last[3])

top = st.columns([4, 1])
top[0].caption("Announcements the matcher thinks may settle a rumor. Shared words are highlighted. "
               "Accept takes the matcher's verdict; Confirmed, Partly confirmed (with the detail that differs) and "
               "Denied record your own, whatever the matcher proposed.")
if (person.may("review") and top[1].button("Run the matcher", help="Look for new proposals for open claims.")
        and permitted(person, "review")):
    with st.spinner("Matching open claims against announcements…"):
        found = run_matcher(data.unit_of_work(), now=now, settings=app.match_settings, actor=person)
    data.after_write()
    st.toast(f"The matcher made {len(found)} proposal(s).")

page_number = st.session_state.get("review_page", 1)
items, total = data.review_queue(url, PAGE_SIZE, (page_number - 1) * PAGE_SIZE, person.sees_confidential)
if not total:
    st.info("Nothing to review. New proposals appear after announcements are added or the matcher runs.")
    st.stop()
if not items and page_number > 1:
    st.session_state["review_page"] = 1
    st.rerun()

st.subheader(f"{total:,} match(es) to review")
if not person.may("review"):
    st.info(f"Your role ({person.role}) may read the queue; only editors decide.", icon=":material/lock:")


def decide(item: dict, decision: str, note: str, detail: str) -> None:
    if not permitted(person, "review"):
        return
    try:
        status = review_match(data.unit_of_work(), item["claim_ref"], item["announcement_ref"], decision,
                              actor=person, now=now, note=note or None, settings=app.match_settings,
                              detail=(detail or None) if decision == "partly" else None)
    except VerifyError as error:
        st.error(plain(error), icon=":material/error:")
        return
    data.after_write()
    shown = status_on(status, item["window_end"], now.date())  # the word the board shows for it
    st.session_state["reviewed"] = (f"Claim {item['claim_id']} {DONE[decision]}; on the board it is now "
                                    f"{status_words(shown).lower()}.")
    st.session_state["last_decision"] = (item["match_id"], item["claim_id"], DONE[decision], item["window_end"])
    st.rerun()



for item in items:
    with st.container(border=True):
        rumor, official = st.columns(2)
        with rumor:
            st.markdown(f"**Rumor** · {safe(item['claim_source'])} · {item['claim_published']}")
            st.markdown(highlight(item["claim_text"], item["claim_spans"]))
            st.caption(f"Window: {window_phrase(item['window_start'], item['window_end'])}")
        with official:
            st.markdown(f"**Announcement** · {safe(item['announcement_issuer'])} · "
                        f"{item['announcement_published']}")
            st.markdown(highlight(item["announcement_text"], item["announcement_spans"]))
        parts = item["parts"]
        found = strength(item["score"], evidence_in(parts))
        colour = {"strong": "green", "possible": "orange", "weak": "gray"}[found.word]
        st.markdown(f":{colour}-badge[{found.word.capitalize()} match · {found.score}/100] The matcher says the "
                    f"announcement {VERDICT_WORDS.get(item['verdict'], item['verdict'])}. {found.meaning}")
        with st.expander("Why this score"):
            meaning = f"same meaning {parts['meaning']:.0f} · " if "meaning" in parts else ""
            st.caption(f"Shared words {parts.get('text', 0):.0f} · {meaning}names in common "
                       f"{parts.get('entities', 0):.0f} · timing fit {parts.get('time', 0):.0f} (each out of 100).")
        if item["differs"]:
            st.warning(f"What differs: {safe(item['differs'])}", icon=":material/difference:")
        if person.may("review"):
            with st.form(f"review_{item['match_id']}", border=False):
                left, right = st.columns(2)
                note = left.text_input("Note (kept in the history)", key=f"note_{item['match_id']}",
                                       placeholder="e.g. official press release")
                detail = right.text_input("What differs (for partly confirmed)", key=f"detail_{item['match_id']}",
                                          max_chars=500,
                                          placeholder=item["differs"] or "e.g. amount: $13bn rumored, $14bn announced")
                buttons = st.columns(len(ACTIONS))
                chosen = [decision for column, (decision, label) in zip(buttons, ACTIONS.items(), strict=True)
                          if column.form_submit_button(label, width="stretch", help=HELP[decision],
                                                       type="primary" if decision == "accept" else "secondary")]
            if chosen:
                decide(item, chosen[0], note, detail)

page_picker(total, PAGE_SIZE, page_number, "review_page")
