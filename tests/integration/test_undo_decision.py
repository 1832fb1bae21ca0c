"""Undoing an editor's latest decision: a new event, the pair back in the queue, the claim's status as before."""

from datetime import date

import pytest
from sqlalchemy import select

from tests.factories import new_announcement, new_claim
from verify import queries
from verify.db.models import Claim, Event, Match
from verify.errors import Conflict
from verify.services import add_announcement, log_claim, review_match, run_matcher
from verify.services.review import undo_decision


@pytest.fixture
def proposed(uow, now):
    log_claim(uow(), new_claim(external_id="leica-rumor"), actor="ana", now=now)
    add_announcement(uow(), new_announcement(external_id="leica-pr"), actor="ana", now=now)
    run_matcher(uow(), now=now)


def match_id(sessions):
    with sessions() as session:
        return session.scalars(select(Match.id)).one()


@pytest.mark.parametrize("decision", ["accept", "deny", "reject"])
def test_undoing_the_latest_decision_puts_the_pair_back_in_the_queue_and_the_claim_back_to_pending(
        uow, sessions, now, proposed, decision):
    with sessions() as session:
        proposed_verdict = session.scalars(select(Match.verdict)).one()
    review_match(uow(), "leica-rumor", "leica-pr", decision, actor="ed", now=now)
    assert undo_decision(uow(), match_id(sessions), actor="ed", now=now) == "pending"
    with sessions() as session:
        match = session.scalars(select(Match)).one()
        assert (match.decision, match.decided_by, match.verdict) == ("proposed", None, proposed_verdict)
        assert session.scalars(select(Claim.status)).one() == "pending"
        undone = session.scalars(select(Event).where(Event.kind == "decision_undone")).one()
        assert undone.actor == "ed" and undone.evidence["decision"] in ("match_accepted", "match_rejected")
        assert session.scalar(select(Event).where(Event.id == undone.evidence["undoes"])) is not None  # kept
        assert queries.review_queue_size(session) == 1
        assert queries.list_claims(session, as_of=date(2022, 6, 30))[0].status in ("pending", "overdue")


def test_only_the_latest_decision_can_be_undone_and_only_once(uow, sessions, now, proposed):
    review_match(uow(), "leica-rumor", "leica-pr", "deny", actor="ed", now=now)
    undo_decision(uow(), match_id(sessions), actor="ed", now=now)
    with pytest.raises(Conflict, match="no decision"):
        undo_decision(uow(), match_id(sessions), actor="ed", now=now)
    assert review_match(uow(), "leica-rumor", "leica-pr", "confirm", actor="ed", now=now) == "confirmed"
