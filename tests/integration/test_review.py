from datetime import date

import pytest
from sqlalchemy import select, update

from tests.factories import new_announcement, new_claim
from verify import queries
from verify.db.models import Claim, Event, Match
from verify.errors import Conflict, InvalidInput, NeedsConfirmation
from verify.services import add_announcement, log_claim, review_match, run_matcher


@pytest.fixture
def leica(uow, now):
    claim_id = log_claim(uow(), new_claim(external_id="leica-rumor"), actor="ana", now=now)
    announcement_id = add_announcement(uow(), new_announcement(external_id="leica-pr"), actor="ana", now=now)
    return claim_id, announcement_id


def test_the_matcher_proposes_the_confirming_announcement_and_records_it(uow, sessions, now, leica):
    rows = run_matcher(uow(), now=now)
    assert [(row.claim, row.announcement) for row in rows] == [("leica-rumor", "leica-pr")]
    assert rows[0].band == "review" and 0 <= rows[0].score <= 100
    with sessions() as session:
        assert session.scalars(select(Match.decision)).one() == "proposed"
        assert session.scalars(select(Event.kind).where(Event.kind == "match_proposed")).one()


def test_accepting_confirms_the_claim_from_the_announcement_date(uow, sessions, now, leica):
    run_matcher(uow(), now=now)
    status = review_match(uow(), "leica-rumor", "leica-pr", "accept", actor="ed", now=now, note="press release")
    assert status == "confirmed"
    with sessions() as session:
        event = session.scalars(select(Event).where(Event.kind == "match_accepted")).one()
        assert (event.actor, event.status, event.effective_on) == ("ed", "confirmed", date(2022, 5, 24))
        assert event.evidence["announcement"]["issuer"] == "Xiaomi"
        before = queries.list_claims(session, as_of=date(2022, 5, 23))
        after = queries.list_claims(session, as_of=date(2022, 5, 24))
        assert (before[0].status, after[0].status) == ("pending", "confirmed")


def test_a_rejected_pair_is_never_proposed_again(uow, now, leica):
    run_matcher(uow(), now=now)
    review_match(uow(), "leica-rumor", "leica-pr", "reject", actor="ed", now=now, note="different phone")
    assert run_matcher(uow(), now=now) == []
    with pytest.raises(Conflict, match="already rejected by ed"):
        review_match(uow(), "leica-rumor", "leica-pr", "accept", actor="ed", now=now)


def test_an_announcement_dated_before_the_rumor_cannot_confirm_it(uow, sessions, now):
    log_claim(uow(), new_claim(external_id="late"), actor="ana", now=now)
    add_announcement(uow(), new_announcement(external_id="early", published=date(2022, 1, 5)), actor="ana", now=now)
    with pytest.raises(Conflict, match="predates the claim"):
        review_match(uow(), "late", "early", "accept", actor="ed", now=now)
    with sessions() as session:
        assert session.scalars(select(Claim.status)).one() == "pending"


def test_a_pending_claim_is_overdue_only_after_its_window_closes(uow, sessions, now):
    log_claim(uow(), new_claim(), actor="ana", now=now)
    with sessions() as session:
        assert queries.list_claims(session, as_of=date(2022, 7, 31))[0].status == "pending"
        assert queries.list_claims(session, as_of=date(2022, 8, 1))[0].status == "overdue"
        assert queries.list_claims(session, as_of=date(2022, 3, 27)) == []


def test_a_settled_claim_leaves_the_review_queue_and_needs_no_review(uow, sessions, now, leica):
    add_announcement(uow(), new_announcement(text="Xiaomi launches the Xiaomi 12S series co-engineered with Leica",
                                             published=date(2022, 7, 4), external_id="launch"), actor="ana", now=now)
    run_matcher(uow(), now=now)
    with sessions() as session:
        assert {item["announcement_ref"] for item in queries.review_queue(session)} == {"leica-pr", "launch"}
    review_match(uow(), "leica-rumor", "launch", "accept", actor="ed", now=now)
    with sessions() as session:
        assert queries.review_queue(session) == [] and queries.review_queue_size(session) == 0
        page = queries.board_page(session, today=now.date())
        assert page.counts["needs_review"] == 0 and not page.rows[0]["needs_review"]


def _accepted_event(session):
    return session.scalars(select(Event).where(Event.kind == "match_accepted")).one()


@pytest.mark.parametrize(("decision", "detail", "status"), [
    ("confirm", None, "confirmed"),
    ("partly", "model: the 12 Ultra rumored, the 12S Ultra announced", "partly_confirmed"),
    ("deny", None, "denied"),
])
def test_the_editors_verdict_overrides_the_matchers_and_the_proposal_stays_in_the_evidence(
        uow, sessions, now, leica, decision, detail, status):
    proposed = run_matcher(uow(), now=now)[0]
    assert review_match(uow(), "leica-rumor", "leica-pr", decision, actor="ed", now=now, detail=detail) == status
    with sessions() as session:
        event = _accepted_event(session)
        assert (event.status, event.evidence["verdict"], event.evidence["differs"]) == (status, status, detail)
        assert event.evidence["proposed_verdict"] == proposed.verdict and event.evidence["forced"] is False
        match = session.scalars(select(Match)).one()
        assert (match.decision, match.verdict, match.differs) == ("accepted", status, detail)
        assert session.scalars(select(Claim.status)).one() == status
        assert queries.list_claims(session, as_of=date(2022, 6, 1))[0].status == status


def test_partly_confirmed_needs_the_detail_that_differs_and_writes_nothing_without_it(uow, sessions, now, leica):
    run_matcher(uow(), now=now)
    for blank in (None, "   "):
        with pytest.raises(InvalidInput, match="needs the detail that differs"):
            review_match(uow(), "leica-rumor", "leica-pr", "partly", actor="ed", now=now, detail=blank)
    with pytest.raises(InvalidInput, match="partly confirmed only"):
        review_match(uow(), "leica-rumor", "leica-pr", "confirm", actor="ed", now=now, detail="price differs")
    with sessions() as session:
        assert session.scalars(select(Match.decision)).one() == "proposed"
        assert session.scalars(select(Claim.status)).one() == "pending"
        assert session.scalars(select(Event).where(Event.kind == "match_accepted")).all() == []


def test_settling_a_pair_the_matcher_never_proposed_is_refused_unless_forced(uow, sessions, now):
    log_claim(uow(), new_claim(external_id="leica-rumor"), actor="ana", now=now, follow_up=False)
    add_announcement(uow(), new_announcement(external_id="leica-pr"), actor="ana", now=now, follow_up=False)
    with pytest.raises(NeedsConfirmation, match="never proposed announcement leica-pr for claim leica-rumor"):
        review_match(uow(), "leica-rumor", "leica-pr", "confirm", actor="ed", now=now)
    with sessions() as session:
        assert session.scalars(select(Match)).all() == []  # the refused attempt left no scored pair behind
    assert review_match(uow(), "leica-rumor", "leica-pr", "confirm", actor="ed", now=now, force=True) == "confirmed"
    with sessions() as session:
        assert _accepted_event(session).evidence["forced"] is True


def test_settling_a_pair_the_matcher_discarded_is_refused_unless_forced(uow, sessions, now):
    log_claim(uow(), new_claim(external_id="rumor"), actor="ana", now=now)
    add_announcement(uow(), new_announcement(text="Oracle opens a cloud region in Madrid", issuer="Oracle",
                                             external_id="cloud"), actor="ana", now=now)
    with pytest.raises(NeedsConfirmation, match="never proposed"):
        review_match(uow(), "rumor", "cloud", "deny", actor="ed", now=now)
    review_match(uow(), "rumor", "cloud", "reject", actor="ed", now=now)  # saying "no" needs no confirmation
    with sessions() as session:
        assert session.scalars(select(Match.decision)).one() == "rejected"
        assert session.scalars(select(Claim.status)).one() == "pending"


def test_a_discarded_pair_already_stored_asks_for_confirmation_too(uow, sessions, now, leica):
    run_matcher(uow(), now=now)
    with sessions() as session:
        session.execute(update(Match).values(band="discard"))
        session.commit()
    with pytest.raises(NeedsConfirmation, match="discarded announcement leica-pr"):
        review_match(uow(), "leica-rumor", "leica-pr", "accept", actor="ed", now=now)
    assert review_match(uow(), "leica-rumor", "leica-pr", "accept", actor="ed", now=now, force=True) == "confirmed"
