"""Editors' decisions on proposed matches: every decision is an event, a rejected pair never returns."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update

from verify.core import status as st
from verify.core.matching import MatchSettings, score_pair
from verify.db.models import Match
from verify.db.repository import find_announcement, find_claim, find_match
from verify.db.retry import retry_on_conflict
from verify.db.uow import UnitOfWork
from verify.errors import Conflict, InvalidInput
from verify.services.inputs import clean_text
from verify.services.matching import accept, announcement_text, claim_text, reject

DECISIONS = ("accept", "reject", "partly", "deny")
VERDICT_OF = {"partly": st.PARTLY_CONFIRMED, "deny": st.DENIED}


def review_match(uow: UnitOfWork, claim_ref: str, announcement_ref: str, decision: str, *, actor: str,
                 now: datetime, note: str | None = None, settings: MatchSettings = MatchSettings()) -> str:
    """Record an editor's decision on a pair; return the claim's stored status afterwards.

    accept takes the matcher's verdict (confirmed, partly confirmed or denied); partly and deny override it.
    """
    if decision not in DECISIONS:
        raise InvalidInput(f"Unknown decision {decision!r}: use one of {', '.join(DECISIONS)}.")
    note = clean_text(note, "note", required=False)
    # Another editor's decision, or a writer holding SQLite, makes this attempt lose: retry and re-check.
    return retry_on_conflict(lambda: _decide(uow, claim_ref, announcement_ref, decision, actor=actor, now=now,
                                             note=note, settings=settings))


def _decide(uow: UnitOfWork, claim_ref: str, announcement_ref: str, decision: str, *, actor: str,
            now: datetime, note: str | None, settings: MatchSettings) -> str:
    with uow:
        session = uow.session
        claim = find_claim(session, claim_ref)
        announcement = find_announcement(session, announcement_ref)
        match = find_match(session, claim, announcement)
        if match is not None and match.decision != "proposed":
            raise Conflict(f"Claim {claim_ref} and announcement {announcement_ref} were already "
                           f"{match.decision} by {match.decided_by} on {match.decided_at:%Y-%m-%d}.")
        if decision != "reject" and announcement.published < claim.published:
            raise Conflict(f"Announcement {announcement_ref} ({announcement.published}) predates the claim "
                           f"({claim.published}): an earlier statement cannot confirm a later rumor.")
        if claim.status == st.RETRACTED and decision != "reject":
            raise Conflict(f"Claim {claim_ref} was retracted: it cannot be confirmed or denied.")
        if match is None:
            match = _score_now(session, claim, announcement, settings=settings, now=now)
        _take(session, match, actor, claim_ref, announcement_ref)
        if decision == "reject":
            reject(session, match, actor=actor, now=now, note=note)
        else:
            accept(session, match, actor=actor, now=now, verdict=VERDICT_OF.get(decision, match.verdict),
                   note=note)
        uow.commit()
        return claim.status


def _take(session, match: Match, actor: str, claim_ref: str, announcement_ref: str) -> None:
    """Compare-and-set on the proposal, so two editors deciding at once record one decision."""
    taken = session.execute(
        update(Match).where(Match.id == match.id, Match.decision == "proposed", Match.decided_by.is_(None))
        .values(decided_by=actor).execution_options(synchronize_session=False))
    if taken.rowcount != 1:
        raise Conflict(f"Claim {claim_ref} and announcement {announcement_ref} were decided by someone else "
                       "a moment ago: reload to see their decision.")


def _score_now(session, claim, announcement, *, settings: MatchSettings, now: datetime) -> Match:
    """An editor may decide on a pair the matcher never proposed: score it so the evidence is kept."""
    proposal = score_pair(claim_text(claim), announcement_text(announcement), settings=settings)
    match = Match(claim=claim, announcement=announcement, score=proposal.score, band=proposal.band,
                  verdict=proposal.verdict, differs=proposal.differs, parts=dict(proposal.parts),
                  decision="proposed", proposed_at=now)
    session.add(match)
    session.flush()
    return match

