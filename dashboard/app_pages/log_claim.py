"""Log a rumor: type one (with a preview before saving), or paste an article and pick suggested claims."""

import streamlit as st
from verify.dashboard import data
from verify.dashboard.people import current_person, permitted
from verify.dashboard.ui import GRAIN_WORDS, plain, safe, status_badge, table, window_phrase

from verify.errors import VerifyError
from verify.queries.preview import preview_claim, suggest_from_article
from verify.services import NewClaim, log_claim
from verify.services.duplicates import link_as_repeat
from verify.services.suggestions import claim_from_suggestion, stored_outcomes

NEW_SOURCE = "➕ A new source (type it below)"

person = current_person()
app = data.application()
url = app.settings.database_url
now = app.now()

st.title("Log a rumor")
if not person.may("log_claim"):
    st.info(f"Your role ({person.role}) may read the board but not log rumors. Ask an editor for the "
            "reporter role.")
    st.stop()

if "logged" in st.session_state:
    claim_id, text, repeat_of = st.session_state.pop("logged")
    linked = f", linked as a repeat of claim {repeat_of}" if repeat_of else ""
    st.success(f"Logged as claim {claim_id}{linked}: “{safe(text)}”. It is on the board now.",
               icon=":material/check_circle:")


def show_window(window: dict | None) -> None:
    if window:
        reading = f" = {safe(window['reading'])}" if window.get("reading") else ""  # a phrase in another language
        st.markdown(f"**Time window:** {window_phrase(window['start'], window['end'])} "
                    f"({GRAIN_WORDS.get(window['granularity'], window['granularity'])}), read from "
                    f"“{safe(window['expression'])}”{reading}. The deadline is {window['end']}.")
    else:
        st.markdown("**Time window:** none found: the claim names no time, so it has no deadline. "
                    "You can set one by hand on the claim page after logging.")


def similarity_words(value: float) -> str:
    return "nearly the same words" if value >= 90 else "the same rumor" if value >= 70 else "a similar rumor"


def show_similar(preview) -> None:
    """The same report (logging blocked), repeats offered as such, then merely similar claims."""
    if not preview.similar:
        st.markdown("**Already logged?** No similar claim found.")
        return
    same = preview.same_report
    if same:
        st.error(f"Already logged: claim {same['id']} is this report ({safe(same['source'])}, "
                 f"{same['published']:%-d %b %Y}): “{safe(same['text'])}”. Open it rather than logging a copy, "
                 f"or log this one as an explicit repeat of it.", icon=":material/content_copy:")
        st.page_link("app_pages/claim.py", label=f"Open claim {same['id']}", icon=":material/article:",
                     query_params={"claim": str(same["id"])})
    elif preview.repeats:
        st.warning(f"This reads as a repeat of {len(preview.repeats)} claim(s) already logged: log it as a "
                   "repeat so the source that reported first keeps the credit.", icon=":material/content_copy:")
    table([{"Claim": row["text"], "Source": row["source"], "Published": row["published"],
            "Status": status_badge(row["status"]), "Id": row["id"],
            "How close": ("this report" if row["same_report"] else similarity_words(row["similarity"]))}
           for row in preview.similar],
          column_config={"Claim": st.column_config.TextColumn(width="large")})


def show_stored(stored: dict | None) -> None:
    """What the store already holds for a suggestion: proposals to review, never verdicts."""
    for known in (stored or {}).get("claims", []):
        what = "the same rumor: logging it links it as a repeat" if known["repeat"] else "a similar claim"
        st.warning(f"Already logged: claim {safe(known['claim'])} by {safe(known['source'])} on "
                   f"{known['published']} ({safe(known['status'].replace('_', ' '))}), {what}.",
                   icon=":material/content_copy:")
    for found in (stored or {}).get("announcements", []):
        link = next(row for row in stored["links"] if row.get("announcement") == found["announcement"])
        how = (f"To link it, review claim {safe(link['claim'])} with announcement {safe(found['announcement'])}."
               if link["claim"] else "Log this claim to propose the link for review.")
        st.info(f"An announcement already stored may settle this (not reviewed; the matcher proposes "
                f"“{safe(found['proposed_verdict'].replace('_', ' '))}”, score {found['score']:.0f}): "
                f"{safe(found['issuer'])}, {found['published']}: “{safe(found['text'])}”. {how}",
                icon=":material/link:")


one, article = st.tabs(["One rumor", "From an article"])

with one:
    sources = [row["label"] for row in data.sources(url, person.sees_confidential) if not row["hidden"]]
    with st.form("claim_form", border=True):
        text = st.text_area("The rumor, as reported", max_chars=5000, height=100,
                            placeholder="Xiaomi's first Leica-branded phone will launch in July",
                            key="claim_text")
        left, right = st.columns(2)
        picked = left.selectbox("Source", [NEW_SOURCE, *sources], index=0 if not sources else None,
                                placeholder="Pick a source we know, or a new one", key="claim_source")
        typed = right.text_input("New source", placeholder="only for a source not in the list", key="new_source")
        left, middle, right = st.columns(3)
        published = left.text_input("Published", value="today",
                                    help="A date (2022-03-28) or words: '28 March 2022', 'yesterday'.",
                                    key="claim_published")
        link = middle.text_input("URL", placeholder="https://…", key="claim_url")
        confidence = right.text_input("Stated confidence", placeholder="likely, 70%, 0.7",
                                      help="How sure the source says it is: a number, a percentage or words.",
                                      key="claim_confidence")
        previewed = st.form_submit_button("Preview", type="primary")

    source = typed if picked in (None, NEW_SOURCE) else picked
    new = NewClaim(text=text, source=source, published=published, url=link or None,
                   confidence=confidence or None)
    if previewed and permitted(person, "log_claim"):
        try:
            st.session_state["preview"] = (new, preview_claim(data.unit_of_work(), new, today=now.date(),
                                                              hemisphere=app.hemisphere,
                                                              reveal_confidential=person.sees_confidential))
        except VerifyError as error:
            st.session_state.pop("preview", None)
            st.error(plain(error), icon=":material/error:")

    shown = st.session_state.get("preview")
    if shown and shown[0] == new:
        preview = shown[1]
        with st.container(border=True):
            st.subheader("Before saving")
            st.markdown(f"**Source:** {safe(preview.source)} · **published** {preview.published:%d %B %Y} "
                        f"({preview.published.isoformat()})")
            if preview.confidence is not None:
                label = f" (“{safe(preview.confidence_label)}”)" if preview.confidence_label else ""
                st.markdown(f"**Stated confidence:** {preview.confidence:.0%}{label}")
            show_window(preview.window)
            if preview.warning:  # a past time: say so before saving, not as "overdue" on the board afterwards
                st.warning(plain(preview.warning), icon=":material/history:")
            show_similar(preview)
            originals = ([preview.same_report] if preview.same_report else []) + preview.repeats
            choices = {f"A repeat of claim {row['id']} ({row['source']}, {row['published']})": row["id"]
                       for row in originals}
            left, right = st.columns(2)
            repeat_of = None
            if choices:
                picked_original = left.selectbox("Log it as", list(choices), key="repeat_choice")
                if left.button("Log as a repeat", type="primary", key="save_repeat"):
                    repeat_of = choices[picked_original]
            separate = (not preview.same_report) and right.button(
                "Log as a new rumor" if choices else "Log this rumor", type="secondary" if choices else "primary",
                key="save_claim")
            if (repeat_of or separate) and permitted(person, "log_claim"):
                try:
                    claim_id = log_claim(data.unit_of_work(), new, actor=person, now=now, hemisphere=app.hemisphere,
                                         settings=app.match_settings)
                    if repeat_of:
                        link_as_repeat(data.unit_of_work(), str(claim_id), str(repeat_of), actor=person,
                                       now=now)
                except VerifyError as error:
                    st.error(plain(error), icon=":material/error:")
                else:
                    data.after_write()
                    st.session_state.pop("preview", None)
                    st.session_state["logged"] = (claim_id, preview.text, repeat_of)
                    st.rerun()
    elif shown:
        st.caption("The form changed since the preview: preview again before saving.")

with article:
    with st.form("article_form", border=True):
        body = st.text_area("Paste the article", height=220, placeholder="The whole text of the article",
                            key="article_text")
        left, middle, right = st.columns(3)
        outlet = left.text_input("Outlet (the source)", placeholder="e.g. Bloomberg", key="article_outlet")
        day = middle.text_input("Published", value="today", key="article_published")
        article_url = right.text_input("Article URL", placeholder="https://…", key="article_url")
        suggested = st.form_submit_button("Suggest claims", type="primary")
    if suggested:
        try:
            article_day, found = suggest_from_article(body, day, today=now.date(), hemisphere=app.hemisphere)
            known = stored_outcomes(data.unit_of_work(), found, published=article_day,
                                    reveal_confidential=person.sees_confidential)
            st.session_state["suggestions"] = (article_day, found)
            st.session_state["suggestions_stored"] = [outcome.to_dict() for outcome in known]
        except VerifyError as error:
            st.session_state.pop("suggestions", None)
            st.error(plain(error), icon=":material/error:")

    if "suggestions" in st.session_state:
        article_day, suggestions = st.session_state["suggestions"]
        if not suggestions:
            st.info("No sentence in this article reads like a rumor (a hedged or attributed statement "
                    "about the future).")
        st.caption(f"{len(suggestions)} suggestion(s), read against {article_day:%d %B %Y}.")
        for number, item in enumerate(suggestions):
            with st.container(border=True):
                st.markdown(safe(item["sentence"]))
                window = item["window"]
                details = [f"confidence {item['confidence']:.0%}",
                           f"window {window_phrase(window['start'], window['end'])} (“{safe(window['expression'])}”)"
                           if window else "no time named"]
                if item["attributed_to"]:
                    details.append(f"attributed to {safe(item['attributed_to'])}")
                st.caption(" · ".join(details))
                stored = st.session_state.get("suggestions_stored") or []
                show_stored(stored[number] if number < len(stored) else None)
                if st.button("Log this claim", key=f"suggestion_{number}") and permitted(person, "log_claim"):
                    try:
                        claim_id = log_claim(data.unit_of_work(), claim_from_suggestion(
                            item, outlet, article_day, article_url or None), actor=person, now=now,
                            hemisphere=app.hemisphere, settings=app.match_settings)
                    except VerifyError as error:
                        st.error(plain(error), icon=":material/error:")
                    else:
                        data.after_write()
                        st.success(f"Logged as claim {claim_id}.", icon=":material/check_circle:")
