"""Editors' decisions on pairs of a claim and an announcement: every decision is one transaction and one
event, and a rejected pair never returns. What may be decided in which state is the core's
(verify.core.review_rules); this module reads the pair, asks those rules, and records what they allow.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from verify.core import review_rules as rules
from verify.core.inputs import clean_text
from verify.core.matching import MatchSettings, score_pair
from verify.core.permissions import Actor, require
from verify.core.review_rules import MAX_DETAIL, NeedsConfirmation
from verify.db.models import Event, Match
from verify.db.repository import find_announcement, find_claim, find_match, record_event
from verify.db.retry import retry_on_conflict
from verify.db.uow import UnitOfWork
from verify.errors import Conflict
from verify.services.matching import announcement_evidence, announcement_text, claim_text, reject

__all__ = ["NeedsConfirmation", "review_match", "undo_decision"]


def review_match(uow: UnitOfWork, claim_ref: str, announcement_ref: str, decision: str, *, actor: Actor | str,
                 now: datetime, note: str | None = None, detail: str | None = None, force: bool = False,
                 settings: MatchSettings = MatchSettings()) -> str:
    """Record an editor's decision on a pair; return the claim's stored status afterwards."""
    actor = require(actor, "review")
    rules.check_decision(decision)
    note = clean_text(note, "note", required=False)
    detail = clean_text(detail, "differing detail", limit=MAX_DETAIL, required=False)
    rules.check_detail(decision, detail)
    # Another editor's decision, or a writer holding SQLite, makes this attempt lose: retry and re-check.
    return retry_on_conflict(lambda: _decide(uow, claim_ref, announcement_ref, decision, actor=actor, now=now,
                                             note=note, detail=detail, force=force, settings=settings))


def _decide(uow: UnitOfWork, claim_ref: str, announcement_ref: str, decision: str, *, actor: str,
            now: datetime, note: str | None, detail: str | None, force: bool, settings: MatchSettings) -> str:
    with uow:
        session = uow.session
        claim = find_claim(session, claim_ref)
        announcement = find_announcement(session, announcement_ref)
        match = find_match(session, claim, announcement)
        pair = rules.PairState(claim_ref, announcement_ref, claim.published, claim.status,
                               announcement.published, decision=match and match.decision,
                               decided_by=match and match.decided_by, decided_at=match and match.decided_at)
        rules.check_pair_open(pair, decision)
        proposed = match is not None
        if match is None:
            match = _score_now(session, claim, announcement, settings=settings, now=now)
        rules.check_confirmed(pair, decision, proposed=proposed, band=match.band, score=match.score,
                              force=force)
        verdict, differs = rules.settled_verdict(decision, proposed_verdict=match.verdict,
                                                 proposed_differs=match.differs, detail=detail,
                                                 claim_ref=claim_ref)
        _take(session, match, actor, claim_ref, announcement_ref)
        if decision == "reject":
            reject(session, match, actor=actor, now=now, note=note)
        else:
            _settle(session, match, verdict, differs, actor=actor, now=now, note=note,
                    forced=rules.is_forced(proposed=proposed, band=match.band))
        uow.commit()
        return claim.status


def _settle(session, match: Match, verdict: str, differs: str | None, *, actor: str, now: datetime,
            note: str | None, forced: bool) -> None:
    """The claim takes the editor's verdict from the day the announcement was published. The pair's row shows
    the decision from now on; what the matcher proposed stays in the event's evidence."""
    evidence = _evidence(match, verdict, differs, forced)
    match.decision, match.decided_by, match.decided_at = "accepted", actor, now
    match.verdict, match.differs = verdict, differs
    record_event(session, "match_accepted", actor=actor, now=now, claim=match.claim, match=match,
                 status=verdict, effective_on=match.announcement.published, reason=note, evidence=evidence)


def _evidence(match: Match, verdict: str, differs: str | None, forced: bool) -> dict:
    return {
        "score": match.score, "band": match.band, "proposed_verdict": match.verdict, "verdict": verdict,
        "proposed_differs": match.differs, "differs": differs, "parts": match.parts, "forced": forced,
        "announcement": announcement_evidence(match.announcement),
    }


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


def undo_decision(uow: UnitOfWork, match_id: int, *, actor: Actor | str, now: datetime,
                  reason: str | None = None) -> str:
    """Undo the latest decision on a claim: the pair is back in the review queue and the claim takes the
    status it had before. Nothing is erased: the undo is a new event naming the one it undoes. Returns the
    status."""
    actor = require(actor, "review")
    with uow:
        session = uow.session
        match = session.get(Match, match_id)
        if match is None or match.decision == "proposed":
            raise Conflict("There is no decision on this pair to undo.")
        rows = session.execute(select(Event.id, Event.kind, Event.match_id, Event.status)
                               .where(Event.claim_id == match.claim_id)).all()
        undone, before = rules.decision_to_undo([rules.DecisionEvent(*row) for row in rows], match.id,
                                                str(match.claim.external_id or match.claim_id))
        latest = session.get(Event, undone.id)
        proposed = latest.evidence or {}
        status = before if latest.status else None
        match.decision, match.decided_by, match.decided_at = "proposed", None, None
        match.verdict = proposed.get("proposed_verdict", match.verdict)
        match.differs = proposed.get("proposed_differs", proposed.get("differs", match.differs))
        record_event(session, "decision_undone", actor=actor, now=now, claim=match.claim, match=match,
                     status=status, effective_on=latest.effective_on if status else None,
                     reason=reason or f"undoes the decision of {latest.actor} (event {latest.id})",
                     evidence={"undoes": latest.id, "decision": latest.kind, "status_before": before})
        uow.commit()
        return match.claim.status
