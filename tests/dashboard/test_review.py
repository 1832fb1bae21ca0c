"""The review queue: each decision is an event by the reviewer; untrusted texts never become markup."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tests.dashboard.conftest import EDITOR
from tests.factories import new_announcement, new_claim
from verify.db.models import Claim, Match
from verify.services import add_announcement, log_claim, run_matcher

HOSTILE = "<script>alert(1)</script> Broadcom will buy [VMware](http://evil.example) *soon* :red[x] $x$"


def button(app, label, index=0):
    return [b for b in app.button if b.label == label][index]


def first_item(sessions):
    """The pair the page shows first: best score first, then the oldest match."""
    with sessions() as session:
        match = session.scalars(select(Match).where(Match.decision == "proposed", Match.band == "review")
                                .order_by(Match.score.desc(), Match.id)).first()
        return match.id, match.claim_id


def test_an_empty_queue_says_where_proposals_come_from(open_page):
    assert "Nothing to review" in open_page("review").info[0].value


def test_accepting_records_an_event_by_the_reviewer_with_the_note(open_page, demo, sessions, events):
    match_id, claim_id = first_item(sessions)
    app = open_page("review")
    app.text_input(key=f"note_{match_id}").input("official press release")
    button(app, "✅ Accept").click().run()
    assert "accepted" in app.success[0].value
    [event] = events("match_accepted")
    assert (event.match_id, event.claim_id, event.actor, event.reason, event.status) == (
        match_id, claim_id, EDITOR, "official press release", "confirmed")
    with sessions() as session:
        assert session.get(Claim, claim_id).status == "confirmed"
        assert session.get(Match, match_id).decision == "accepted"


def test_rejecting_records_a_rejection_and_leaves_the_claim_open(open_page, demo, sessions, events):
    match_id, claim_id = first_item(sessions)
    app = open_page("review")
    button(app, "❌ Reject").click().run()
    [event] = events("match_rejected")
    assert (event.match_id, event.actor, event.status) == (match_id, EDITOR, None)
    assert not events("match_accepted")
    with sessions() as session:
        assert session.get(Claim, claim_id).status == "pending"


def test_partly_confirmed_overrides_the_matchers_verdict_with_the_detail_typed(open_page, demo, sessions, events):
    match_id, claim_id = first_item(sessions)
    app = open_page("review")
    app.text_input(key=f"note_{match_id}").input("launch event")
    app.text_input(key=f"detail_{match_id}").input("sensor: one-inch rumored, 1/1.3-inch announced")
    button(app, "🔵 Partly confirmed").click().run()
    [event] = events("match_accepted")
    assert (event.status, event.reason, event.actor) == ("partly_confirmed", "launch event", EDITOR)
    assert event.evidence["differs"] == "sensor: one-inch rumored, 1/1.3-inch announced"
    with sessions() as session:
        assert session.get(Claim, claim_id).status == "partly_confirmed"


def test_partly_confirmed_without_a_detail_is_refused_on_the_page_and_nothing_is_written(open_page, demo, events):
    app = open_page("review")
    button(app, "🔵 Partly confirmed").click().run()
    assert "needs the detail that differs" in app.error[0].value
    assert not events("match_accepted") and not app.exception


@pytest.mark.parametrize(("label", "status"), [("☑️ Confirmed", "confirmed"), ("⛔ Denied", "denied")])
def test_the_editors_own_verdict_is_recorded_whatever_the_matcher_proposed(open_page, demo, sessions, events,
                                                                           label, status):
    match_id, claim_id = first_item(sessions)
    app = open_page("review")
    button(app, label).click().run()
    assert status in app.success[0].value
    [event] = events("match_accepted")
    assert (event.match_id, event.status, event.actor) == (match_id, status, EDITOR)
    with sessions() as session:
        assert session.get(Claim, claim_id).status == status
        assert session.get(Match, match_id).verdict == status


def test_a_decided_pair_leaves_the_queue(open_page, demo):
    app = open_page("review")
    before = int(app.subheader[0].value.split()[0])
    button(app, "✅ Accept").click().run()
    assert int(app.subheader[0].value.split()[0]) == before - 1


def test_a_viewer_reads_the_queue_but_cannot_decide(open_page, demo, events):
    app = open_page("review", role="viewer")
    assert "only editors decide" in app.info[0].value
    assert not [b for b in app.button if "Accept" in b.label]


def test_untrusted_texts_are_shown_as_text_never_as_markup_or_links(open_page, uow, now):
    log_claim(uow(), new_claim(text=HOSTILE, source="<b>Evil</b> [site](http://x.example)"), actor="t", now=now)
    add_announcement(uow(), new_announcement(text="Broadcom to acquire VMware <img src=x onerror=alert(1)>",
                                             issuer="Broadcom"), actor="t", now=now)
    run_matcher(uow(), now=now)
    app = open_page("review")
    shown = "\n".join(m.value for m in app.markdown)
    assert "Broadcom" in shown and "VMware" in shown  # the shared words are there, highlighted
    for dangerous in ("<script", "<img", "<b>", "](", "http://", ":red[", "$x$"):
        assert dangerous not in shown, dangerous


def test_the_score_reads_as_strong_possible_or_weak_with_the_parts_folded(open_page, demo):
    app = open_page("review")
    words = [m.value for m in app.markdown if "match ·" in m.value]
    assert words and all(any(f"-badge[{w} match · " in text for w in ("Strong", "Possible", "Weak")) for text in words)
    assert any(e.label == "Why this score" for e in app.expander)


def test_a_rejection_is_reported_with_the_boards_word_and_can_be_undone(open_page, demo, sessions, events):
    match_id, claim_id = first_item(sessions)
    with sessions() as session:
        claim = session.get(Claim, claim_id)
        word = "overdue" if claim.window_end and claim.window_end < date.today() else "pending"
    app = open_page("review")
    button(app, "❌ Reject").click().run()
    assert f"on the board it is now {word}" in app.success[0].value
    button(app, f"Undo: claim {claim_id} rejected").click().run()
    assert f"is back in the queue and is {word} again" in app.success[0].value
    [undone] = events("decision_undone")
    assert (undone.match_id, undone.actor) == (match_id, EDITOR)
    with sessions() as session:
        assert session.get(Match, match_id).decision == "proposed"
