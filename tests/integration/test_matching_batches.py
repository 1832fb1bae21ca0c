"""Proposals are stored in batches (one flush for the new pairs, one for their events): the rows and the audit
trail must be exactly those that storing them one at a time wrote, event for event and in the same order."""

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import select

from tests.integration.test_matching_service import load_demo_rows
from verify import semantic
from verify.core import status as st
from verify.core.entities import AliasBook
from verify.core.matching import MatchSettings, propose_matches
from verify.db.models import Announcement, Claim, Event, Match
from verify.db.repository import find_match, record_event
from verify.services import match_announcements, review_match
from verify.services import matching as service
from verify.services.newsroom import set_setting

EAGER = MatchSettings(auto_enabled=True, auto_threshold=30.0)  # many auto pairs, several for one claim


def keep_one_at_a_time(session, proposals, now):
    """The writer before batching, kept as the reference: a flush and an event per new proposal."""
    for proposal in proposals:
        claim = session.get(Claim, proposal.claim_id)
        match = find_match(session, claim, session.get(Announcement, proposal.announcement_id))
        if match is None:
            match = Match(claim_id=claim.id, announcement_id=proposal.announcement_id, decision="proposed",
                          proposed_at=now)
            session.add(match)
            service._update(match, proposal)
            session.flush()
            record_event(session, "match_proposed", actor=service.MATCHER, now=now, claim=claim, match=match,
                         evidence=proposal.to_dict())
            if proposal.band == "auto" and claim.status == st.PENDING:
                service.accept(session, match, actor=service.MATCHER, now=now, verdict=proposal.verdict,
                               note=service.AUTO_NOTE)
        elif match.decision == "proposed":
            service._update(match, proposal)


def stored(session):
    """Everything the writers touch, with matches named by their pair (ids differ between two runs)."""
    pairs = {m.id: (m.claim_id, m.announcement_id) for m in session.scalars(select(Match))}
    matches = sorted((m.claim_id, m.announcement_id, m.decision, m.score, m.band, m.verdict, m.differs, m.parts,
                      m.decided_by, m.decided_at, m.proposed_at) for m in session.scalars(select(Match)))
    events = [(e.kind, e.claim_id, pairs.get(e.match_id), e.status, e.effective_on, e.recorded_at, e.actor,
               e.reason, e.evidence) for e in session.scalars(select(Event).order_by(Event.id))]
    return matches, events, sorted(session.execute(select(Claim.id, Claim.status)).all())


def all_proposals(sessions):
    with sessions() as session:
        claims = [service.claim_text(c) for c in session.scalars(select(Claim).order_by(Claim.id))]
        announcements = [service.announcement_text(a) for a in session.scalars(select(Announcement))]
    return propose_matches(claims, announcements, settings=EAGER, aliases=AliasBook.default(), top=5,
                           embed=semantic.embed)


def kept_as_one_at_a_time(sessions, proposals, now):
    """What the old writer stores for these proposals, checked equal to what `_keep_all` stores (both rolled
    back)."""
    with sessions() as session:
        keep_one_at_a_time(session, proposals, now)
        expected = stored(session)
        session.rollback()
    with sessions() as session:
        service._keep_all(session, proposals, now=now)
        assert stored(session) == expected
        session.rollback()
    return expected

def test_batched_proposals_write_the_same_rows_and_events_as_one_at_a_time(uow, sessions, now):
    load_demo_rows(uow, now + timedelta(hours=1), claims_first=True)  # claims' last events after `now`
    proposals = all_proposals(sessions)
    first, second = proposals[0], proposals[1]
    with sessions() as session:  # one pair decided by an editor, one proposed earlier with a stale score
        refs = {a.id: a.external_id or str(a.id) for a in session.scalars(select(Announcement))}
        claim_refs = {c.id: c.external_id or str(c.id) for c in session.scalars(select(Claim))}
    match_announcements(uow(), [first.announcement_id, second.announcement_id], now=now - timedelta(days=1))
    review_match(uow(), claim_refs[first.claim_id], refs[first.announcement_id], "reject", actor="ed", now=now)
    with sessions() as session:
        session.execute(Match.__table__.update().values(score=1.0).where(Match.decision == "proposed"))
        session.commit()

    expected = kept_as_one_at_a_time(sessions, proposals, now)

    matches, events, _ = expected
    kinds = [kind for kind, *_ in events]
    accepted = [e for e in events if e[0] == "match_accepted"]
    assert kinds.count("match_proposed") > 5 and accepted
    assert len({claim for _, claim, *_ in accepted}) < sum(1 for p in proposals if p.band == "auto")
    later = (now + timedelta(hours=1)).replace(tzinfo=None)
    assert all(recorded.replace(tzinfo=None) == later for _, _, _, _, _, recorded, *_ in accepted)
    assert any(m[2] == "proposed" and m[3] != 1.0 for m in matches)


def test_every_new_proposal_has_one_proposed_event_with_its_evidence(uow, sessions, now):
    load_demo_rows(uow, now, claims_first=True)
    set_setting(uow(), "auto_confirm", "on", actor="ed", now=now)
    with sessions() as session:
        ids = list(session.scalars(select(Announcement.id).order_by(Announcement.id)))
    rows = match_announcements(uow(), ids, now=now, settings=MatchSettings(auto_threshold=40.0))
    with sessions() as session:
        matches = list(session.scalars(select(Match)))
        events = list(session.scalars(select(Event).where(Event.kind.like("match_%")).order_by(Event.id)))
        statuses = dict(session.execute(select(Claim.id, Claim.status)).all())
    assert rows and len(matches) == len(rows)
    for match in matches:
        mine = [e for e in events if e.match_id == match.id]
        assert [e.kind for e in mine] == (["match_proposed", "match_accepted"] if match.decision == "accepted"
                                          else ["match_proposed"])
        evidence = mine[0].evidence
        assert (evidence["claim_id"], evidence["announcement_id"], evidence["score"], evidence["band"],
                evidence["parts"]) == (match.claim_id, match.announcement_id, match.score, match.band, match.parts)
        if match.decision == "accepted":
            assert mine[1].status == match.verdict == statuses[match.claim_id]
    assert any(m.decision == "accepted" for m in matches)


def test_a_pair_proposed_twice_in_one_batch_is_stored_once_as_one_at_a_time_would(uow, sessions, now):
    load_demo_rows(uow, now, claims_first=True)
    proposals = all_proposals(sessions)
    auto = next(p for p in proposals if p.band == "auto")
    review = next(p for p in proposals if p.band != "auto")
    twice = [*proposals, replace(auto, score=auto.score - 1), replace(review, score=review.score + 1)]
    kept_as_one_at_a_time(sessions, twice, now)


def test_an_auto_acceptance_keeps_a_whole_score_as_the_float_it_was_proposed_with(uow, sessions, now):
    """The new rows are written as plain values; the evidence is made from them, not from what the database
    returns (SQLite returns a REAL of 48.0 as the integer 48)."""
    load_demo_rows(uow, now, claims_first=True)
    proposal = replace(next(p for p in all_proposals(sessions) if p.band == "auto"), score=48.0)
    with sessions() as session:
        service._keep_all(session, [proposal], now=now)
        evidence = session.scalars(select(Event.evidence).where(Event.kind == "match_accepted")).one()
        session.rollback()
    assert evidence["score"] == 48.0 and isinstance(evidence["score"], float)
