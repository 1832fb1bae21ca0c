"""Correcting a claim's publication date: an event, the window re-read, the claim's pairs re-examined."""

from datetime import date

import pytest
from sqlalchemy import select

from tests.factories import new_announcement, new_claim
from verify import queries
from verify.db.models import Claim, Event, Match
from verify.errors import Conflict, InvalidDate, InvalidInput
from verify.services import add_announcement, correct_window, log_claim, review_match
from verify.services.published import correct_published

RUMOR = "The carmaker will open its battery plant next month, people familiar said"


def _kinds(session, claim_id):
    return session.scalars(select(Event.kind).where(Event.claim_id == claim_id).order_by(Event.id)).all()


def test_the_corrected_date_is_an_event_with_the_reason_and_the_window_is_read_again(uow, sessions, now):
    claim_id = log_claim(uow(), new_claim(text=RUMOR, published=date(2022, 3, 28)), actor="ana", now=now)
    done = correct_published(uow(), str(claim_id), "2022-05-02", actor="ed", now=now, reason="the print date")
    assert (done.before, done.after, done.window_kept) == (date(2022, 3, 28), date(2022, 5, 2), False)
    with sessions() as session:
        claim = session.get(Claim, claim_id)
        assert claim.published == date(2022, 5, 2)
        assert (claim.window_start, claim.window_end) == (date(2022, 6, 1), date(2022, 6, 30))
        event = session.scalars(select(Event).where(Event.kind == "published_corrected")).one()
        assert (event.actor, event.reason, event.status) == ("ed", "the print date", None)
        assert event.evidence["before"] == "2022-03-28" and event.evidence["after"] == "2022-05-02"
        assert event.evidence["window_before"]["end"] == "2022-04-30"
        assert event.evidence["window_after"]["end"] == "2022-06-30"
        assert _kinds(session, claim_id)[0] == "logged"  # the first event is kept as it was


def test_a_window_set_by_hand_is_kept_when_the_date_is_corrected(uow, sessions, now):
    claim_id = log_claim(uow(), new_claim(text=RUMOR), actor="ana", now=now)
    correct_window(uow(), str(claim_id), "2022-04-01", "2022-09-30", actor="ed", now=now, reason="summer")
    done = correct_published(uow(), str(claim_id), "2022-03-21", actor="ed", now=now, reason="an earlier edition")
    assert done.window_kept and done.warning is None
    with sessions() as session:
        claim = session.get(Claim, claim_id)
        assert (claim.published, claim.window_end, claim.window_by_hand) == (date(2022, 3, 21), date(2022, 9, 30), True)


def test_a_proposal_from_an_announcement_now_dated_before_the_claim_is_withdrawn(uow, sessions, now):
    claim_id = log_claim(uow(), new_claim(external_id="rumor"), actor="ana", now=now)
    add_announcement(uow(), new_announcement(external_id="pr"), actor="ana", now=now)
    with sessions() as session:
        assert session.scalars(select(Match.decision)).one() == "proposed"
        assert len(queries.review_queue(session)) == 1
    done = correct_published(uow(), "rumor", "2022-06-01", actor="ed", now=now, reason="misread the date")
    assert done.withdrawn == ["pr"] and done.status == "pending"
    with sessions() as session:
        assert session.scalars(select(Match.decision)).one() == "rejected"
        assert queries.review_queue(session) == []
        assert _kinds(session, claim_id)[-1] == "match_withdrawn"
    with pytest.raises(Conflict):
        review_match(uow(), "rumor", "pr", "accept", actor="ed", now=now)


def test_an_announcement_now_dated_before_the_claim_no_longer_confirms_it(uow, sessions, now):
    log_claim(uow(), new_claim(external_id="rumor"), actor="ana", now=now)
    add_announcement(uow(), new_announcement(external_id="pr"), actor="ana", now=now)
    assert review_match(uow(), "rumor", "pr", "confirm", actor="ed", now=now) == "confirmed"
    done = correct_published(uow(), "rumor", "2022-06-01", actor="ed", now=now, reason="misread the date")
    assert done.status == "pending" and done.withdrawn == ["pr"]
    with sessions() as session:
        assert session.scalars(select(Claim.status)).one() == "pending"
        for day in (date(2022, 6, 1), date(2022, 7, 15)):
            assert queries.list_claims(session, as_of=day)[0].status == "pending"


def test_an_acceptance_still_standing_settles_the_claim_again(uow, sessions, now):
    log_claim(uow(), new_claim(external_id="rumor"), actor="ana", now=now)
    add_announcement(uow(), new_announcement(external_id="pr"), actor="ana", now=now)
    add_announcement(uow(), new_announcement(text="Xiaomi launches the 12S Ultra co-engineered with Leica",
                                             published=date(2022, 7, 4), external_id="launch"), actor="ana", now=now)
    review_match(uow(), "rumor", "pr", "confirm", actor="ed", now=now, force=True)
    review_match(uow(), "rumor", "launch", "partly", actor="ed", now=now, force=True, detail="model: 12S Ultra")
    done = correct_published(uow(), "rumor", "2022-06-01", actor="ed", now=now, reason="misread the date")
    assert done.withdrawn == ["pr"] and done.status == "partly_confirmed"
    with sessions() as session:
        assert queries.list_claims(session, as_of=date(2022, 6, 15))[0].status == "pending"
        assert queries.list_claims(session, as_of=date(2022, 7, 4))[0].status == "partly_confirmed"


def test_moving_the_date_earlier_lets_the_matcher_propose_announcements_published_since(uow, sessions, now):
    add_announcement(uow(), new_announcement(external_id="pr"), actor="ana", now=now)
    log_claim(uow(), new_claim(external_id="rumor", published=date(2022, 6, 1)), actor="ana", now=now)
    with sessions() as session:
        assert session.scalars(select(Match)).all() == []
    done = correct_published(uow(), "rumor", "2022-03-28", actor="ed", now=now, reason="first reported in March")
    assert [row.announcement for row in done.follow_up.proposals] == ["pr"]


@pytest.mark.parametrize(("published", "reason", "error", "message"), [
    ("2022-03-28", "same", InvalidInput, "already dated 2022-03-28"),
    ("2030-01-01", "typo", InvalidDate, "in the future"),
    ("the day after never", "typo", InvalidDate, "published date"),
    ("2022-04-02", "  ", InvalidInput, "reason for the correction is empty"),
])
def test_a_bad_correction_is_refused_with_a_clear_message_and_writes_nothing(uow, sessions, now, published,
                                                                             reason, error, message):
    claim_id = log_claim(uow(), new_claim(), actor="ana", now=now, follow_up=False)
    with pytest.raises(error, match=message):
        correct_published(uow(), str(claim_id), published, actor="ed", now=now, reason=reason)
    with sessions() as session:
        assert session.get(Claim, claim_id).published == date(2022, 3, 28)
        assert _kinds(session, claim_id) == ["logged"]


def test_a_correction_that_would_repeat_another_claim_is_refused(uow, now):
    log_claim(uow(), new_claim(published=date(2022, 3, 28)), actor="ana", now=now)
    second = log_claim(uow(), new_claim(published=date(2022, 3, 29)), actor="ana", now=now)
    with pytest.raises(Conflict, match="same source and text"):
        correct_published(uow(), str(second), "2022-03-28", actor="ed", now=now, reason="same report")


def test_a_correction_that_makes_the_time_past_says_so(uow, sessions, now):
    claim_id = log_claim(uow(), new_claim(text="The carmaker will open its battery plant in Q1 2022"), actor="ana",
                         now=now, follow_up=False)
    done = correct_published(uow(), str(claim_id), "2022-05-10", actor="ed", now=now, reason="the print date")
    assert done.warning is not None and "Q1 2022" in done.warning and "2022-05-10" in done.warning
    with sessions() as session:
        assert session.get(Claim, claim_id).window_end is None  # no deadline that is already gone, said out loud
    done = correct_published(uow(), str(claim_id), "2022-02-01", actor="ed", now=now, reason="the wire date")
    assert done.warning is None
