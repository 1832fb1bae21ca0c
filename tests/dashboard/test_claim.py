"""Claim detail: history, candidates, duplicates, and window corrections and retractions as events."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from tests.dashboard.conftest import EDITOR
from verify.db.models import Claim


def lookup(app, reference: str):
    app.text_input(key="claim_lookup").input(reference).run()
    return app


def button(app, label):
    return next(b for b in app.button if b.label == label)


def test_without_claims_the_page_says_none_has_the_words(open_page):
    assert "No claim has these words" in open_page("claim").info[0].value


def test_the_page_opens_on_the_latest_claims_to_pick_from(open_page, demo):
    app = open_page("claim")
    assert len(app.selectbox[0].options) == 10 and app.selectbox[0].label == "Latest claims logged"


def test_a_claim_is_found_by_its_words_even_misspelt_and_opened(open_page, demo, sessions):
    with sessions() as session:
        wanted = session.scalar(select(Claim.id).where(Claim.external_id == "demo-c7"))
    app = lookup(open_page("claim"), "Broadcom VMwear")
    picker = app.selectbox[0]
    assert picker.label == "Claims with these words" and len(picker.options) == 1
    picker.set_value(wanted).run()
    assert any("Broadcom is in talks to acquire VMware" in m.value for m in app.markdown)


def test_words_no_claim_has_are_a_clear_message(open_page, demo):
    assert "No claim has these words" in lookup(open_page("claim"), "nope").info[0].value


def test_the_claim_shows_its_history_and_candidate_announcements(open_page, demo):
    app = lookup(open_page("claim"), "demo-c7")
    headings = "\n".join(m.value for m in app.markdown)
    assert "Broadcom is in talks to acquire VMware" in headings
    history, candidates = app.dataframe[0].value, app.dataframe[1].value
    assert list(history["What"])[0] == "Logged"
    assert history["What"][1].startswith("Match proposed: Broadcom, 2022-05-26 — “Broadcom to acquire VMware")
    assert any("VMware" in text for text in candidates["Announcement"])


def test_linked_duplicates_are_listed(open_page, demo, engine):
    with engine.begin() as connection:
        first, second = connection.execute(select(Claim.id).where(Claim.external_id.in_(["demo-c1", "demo-c2"]))
                                           .order_by(Claim.id)).scalars()
        connection.execute(update(Claim).where(Claim.id == second).values(duplicate_of_id=first))
    app = lookup(open_page("claim"), "demo-c1")
    linked = app.dataframe[2].value
    assert second in list(linked["Id"])


def test_correcting_the_window_is_kept_in_the_history(open_page, demo, sessions, events):
    app = lookup(open_page("claim"), "demo-c10")
    app.text_input(key="window_start").input("2024-01-01")
    app.text_input(key="window_end").input("2025-06-30")
    app.text_input(key="window_reason").input("Reuters said 2024 to 2025")
    button(app, "Save the window").click().run()
    assert "window is corrected" in app.success[0].value
    [event] = events("window_corrected")
    assert (event.actor, event.reason, event.evidence["after"]["end"]) == (EDITOR, "Reuters said 2024 to 2025",
                                                                           "2025-06-30")
    with sessions() as session:
        claim = session.scalars(select(Claim).where(Claim.external_id == "demo-c10")).one()
        assert (claim.window_end, claim.window_by_hand) == (date(2025, 6, 30), True)


def test_a_window_that_ends_before_it_starts_is_refused_and_nothing_is_written(open_page, demo, events):
    app = lookup(open_page("claim"), "demo-c10")
    app.text_input(key="window_start").input("2025-01-01")
    app.text_input(key="window_end").input("2024-01-01")
    button(app, "Save the window").click().run()
    assert "swap them" in app.error[0].value
    assert events("window_corrected") == []


def test_retracting_needs_a_reason_and_is_an_event(open_page, demo, events):
    app = lookup(open_page("claim"), "demo-c6")
    button(app, "Retract this claim").click().run()
    assert "reason for retracting is empty" in app.error[0].value
    assert events("retracted") == []
    app.text_input(key="retract_reason").input("logged twice")
    button(app, "Retract this claim").click().run()
    [event] = events("retracted")
    assert (event.actor, event.reason, event.status) == (EDITOR, "logged twice", "retracted")


def test_a_reporter_sees_the_claim_but_may_not_change_it(open_page, demo):
    app = lookup(open_page("claim", role="reporter"), "demo-c1")
    assert "may not change claims" in app.info[0].value
    assert not [b for b in app.button if b.label == "Save the window"]


def decide(app, announcement, verdict, *, detail="", note=""):
    app.text_input(key="decide_announcement").input(announcement)
    app.selectbox(key="decide_decision").set_value(verdict)
    app.text_input(key="decide_detail").input(detail)
    app.text_input(key="decide_note").input(note)
    button(app, "Record the decision").click().run()
    return app


def status_of(sessions, reference):
    with sessions() as session:
        return session.scalars(select(Claim.status).where(Claim.external_id == reference)).one()


def test_an_editor_records_their_own_verdict_on_a_candidate(open_page, demo, sessions, events):
    app = decide(lookup(open_page("claim"), "demo-c7"), "demo-a8", "partly",
                 detail="price: no figure rumored, $61bn announced", note="press release")
    assert "the claim is now partly confirmed" in app.success[0].value
    [event] = events("match_accepted")
    assert (event.actor, event.status, event.reason) == (EDITOR, "partly_confirmed", "press release")
    assert event.evidence["differs"] == "price: no figure rumored, $61bn announced"
    assert status_of(sessions, "demo-c7") == "partly_confirmed"


def test_an_unproposed_pair_asks_for_confirmation_before_anything_is_written(open_page, demo, sessions, events):
    app = decide(lookup(open_page("claim"), "demo-c5"), "demo-a9", "confirm")
    assert "never proposed announcement demo-a9" in app.warning[0].value
    assert not events("match_accepted") and status_of(sessions, "demo-c5") == "pending"
    button(app, "Yes, record it").click().run()
    assert "the claim is now confirmed" in app.success[0].value
    [event] = events("match_accepted")
    assert event.evidence["forced"] is True and status_of(sessions, "demo-c5") == "confirmed"


def test_cancelling_the_confirmation_writes_nothing(open_page, demo, sessions, events):
    app = decide(lookup(open_page("claim"), "demo-c5"), "demo-a9", "deny")
    button(app, "Cancel").click().run()
    assert not app.warning and not events("match_accepted") and status_of(sessions, "demo-c5") == "pending"


def test_partly_without_a_detail_is_refused_on_the_claim_page(open_page, demo, events):
    app = decide(lookup(open_page("claim"), "demo-c7"), "demo-a8", "partly")
    assert "needs the detail that differs" in app.error[0].value and not events("match_accepted")


def test_correcting_the_publication_date_is_an_event_and_withdraws_an_earlier_announcement(open_page, demo, sessions,
                                                                                          events):
    app = lookup(open_page("claim"), "demo-c7")
    app.text_input(key="published_date").input("2022-05-27")
    app.text_input(key="published_reason").input("the wire ran it a day later")
    button(app, "Save the date").click().run()
    assert "now 2022-05-27" in app.success[0].value and "demo" in app.success[0].value
    [event] = events("published_corrected")
    assert (event.actor, event.reason, event.evidence["after"]) == (EDITOR, "the wire ran it a day later",
                                                                    "2022-05-27")
    assert [e.evidence["announcement"]["external_id"] for e in events("match_withdrawn")] == ["demo-a8"]
    history = app.dataframe[0].value
    assert "Publication date corrected" in list(history["What"])


def test_a_corrected_date_that_makes_the_time_past_shows_a_warning(open_page, demo):
    app = lookup(open_page("claim"), "demo-c10")  # "targeting 2024", said in 2025: the year is over
    app.text_input(key="published_date").input("2025-03-01")
    app.text_input(key="published_reason").input("checking")
    button(app, "Save the date").click().run()
    assert "reads as past" in app.warning[0].value


def test_a_correction_without_a_reason_is_refused_on_the_page(open_page, demo, events):
    app = lookup(open_page("claim"), "demo-c7")
    app.text_input(key="published_date").input("2022-05-27")
    button(app, "Save the date").click().run()
    assert "reason for the correction is empty" in app.error[0].value and not events("published_corrected")


def test_no_verdict_is_preselected_so_nothing_is_recorded_without_a_choice(open_page, demo, events):
    app = lookup(open_page("claim"), "demo-c7")
    app.text_input(key="decide_announcement").input("demo-a8")
    button(app, "Record the decision").click().run()
    assert "Choose your verdict first" in app.error[0].value and not events("match_accepted")


def test_a_settled_claim_names_what_confirmed_it_and_its_leftover_candidates_need_nobody(open_page, demo, uow, now,
                                                                                        sessions):
    from verify.db.models import Announcement, Match
    from verify.services import review_match

    with sessions() as session:
        claim_id = session.scalar(select(Claim.id).where(Claim.external_id == "demo-c7"))
        best = session.scalars(select(Match).where(Match.claim_id == claim_id).order_by(Match.score.desc())).first()
        reference = session.get(Announcement, best.announcement_id).external_id
    review_match(uow(), "demo-c7", reference, "confirm", actor="ed", now=now, force=True)
    app = lookup(open_page("claim"), "demo-c7")
    assert any(m.value.startswith("**Confirmed by Broadcom, ") for m in app.markdown)
    candidates = app.dataframe[1].value
    assert "⚖️ to review" not in set(candidates["Decision"])
