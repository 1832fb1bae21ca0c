"""Editors' decisions on pairs of a claim and an announcement: every decision is one transaction and one
event, a rejected pair never returns, and the editor's verdict wins over the matcher's proposal.

Decisions: `accept` takes the matcher's verdict; `confirm`, `partly` (with the differing detail the editor
types) and `deny` set the verdict the editor chose; `reject` says the announcement does not settle the claim.
Settling a pair the matcher discarded or never proposed needs `force`: a slip of the finger there would
put a wrong "confirmed" on the board.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from verify.core import status as st
from verify.core.matching import MatchSettings, score_pair
from verify.db.models import Event, Match
from verify.db.repository import find_announcement, find_claim, find_match, record_event
from verify.db.retry import retry_on_conflict
from verify.db.uow import UnitOfWork
from verify.errors import Conflict, InvalidInput, NeedsConfirmation
from verify.services.inputs import clean_text
from verify.services.matching import announcement_evidence, announcement_text, claim_text, reject

DECISIONS = ("accept", "confirm", "partly", "deny", "reject")
VERDICT_OF = {"confirm": st.CONFIRMED, "partly": st.PARTLY_CONFIRMED, "deny": st.DENIED}
MAX_DETAIL = 500
DETAIL_EXAMPLE = 'e.g. "amount: $13bn rumored, $14bn announced"'


def review_match(uow: UnitOfWork, claim_ref: str, announcement_ref: str, decision: str, *, actor: str,
                 now: datetime, note: str | None = None, detail: str | None = None, force: bool = False,
                 settings: MatchSettings = MatchSettings()) -> str:
    """Record an editor's decision on a pair; return the claim's stored status afterwards."""
    if decision not in DECISIONS:
        raise InvalidInput(f"Unknown decision {decision!r}: use one of {', '.join(DECISIONS)}.")
    note = clean_text(note, "note", required=False)
    detail = clean_text(detail, "differing detail", limit=MAX_DETAIL, required=False)
    if decision == "partly" and detail is None:
        raise InvalidInput(f"Partly confirmed needs the detail that differs, {DETAIL_EXAMPLE}.")
    if detail is not None and decision != "partly":
        raise InvalidInput("A differing detail goes with partly confirmed only: choose partly, or drop the detail.")
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
        if match is not None and match.decision != "proposed":
            raise Conflict(f"Claim {claim_ref} and announcement {announcement_ref} were already "
                           f"{match.decision} by {match.decided_by} on {match.decided_at:%Y-%m-%d}.")
        if decision != "reject" and announcement.published < claim.published:
            raise Conflict(f"Announcement {announcement_ref} ({announcement.published}) predates the claim "
                           f"({claim.published}): an earlier statement cannot confirm a later rumor.")
        if claim.status == st.RETRACTED and decision != "reject":
            raise Conflict(f"Claim {claim_ref} was retracted: it cannot be confirmed or denied.")
        unproposed = match is None
        if match is None:
            match = _score_now(session, claim, announcement, settings=settings, now=now)
        if decision != "reject" and not force and (unproposed or match.band == "discard"):
            why = "never proposed" if unproposed else "discarded"
            raise NeedsConfirmation(
                f"The matcher {why} announcement {announcement_ref} for claim {claim_ref} (score "
                f"{match.score:.0f}/100): make sure it is the right pair, then confirm the decision.")
        verdict, differs = _verdict(match, decision, detail, claim_ref)
        _take(session, match, actor, claim_ref, announcement_ref)
        if decision == "reject":
            reject(session, match, actor=actor, now=now, note=note)
        else:
            _settle(session, match, verdict, differs, actor=actor, now=now, note=note,
                    forced=unproposed or match.band == "discard")
        uow.commit()
        return claim.status


def _verdict(match: Match, decision: str, detail: str | None, claim_ref: str) -> tuple[str | None, str | None]:
    """The verdict and differing detail the decision settles on (none for a rejection)."""
    if decision == "reject":
        return None, None
    if decision == "accept":
        if match.verdict == st.PARTLY_CONFIRMED and not match.differs:
            raise InvalidInput(f"The matcher proposes partly confirmed for claim {claim_ref} but names no differing "
                               f"detail: choose partly and type the detail, {DETAIL_EXAMPLE}.")
        return match.verdict, match.differs if match.verdict == st.PARTLY_CONFIRMED else None
    return VERDICT_OF[decision], detail


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


DECISION_EVENTS = ("match_accepted", "match_rejected", "decision_undone")


def undo_decision(uow: UnitOfWork, match_id: int, *, actor: str, now: datetime, reason: str | None = None) -> str:
    """Undo the latest decision on a claim: the pair is back in the review queue and the claim takes the status
    it had before. Nothing is erased: the undo is a new event naming the one it undoes. Returns the status."""
    with uow:
        session = uow.session
        match = session.get(Match, match_id)
        if match is None or match.decision == "proposed":
            raise Conflict("There is no decision on this pair to undo.")
        events = session.scalars(select(Event).where(Event.claim_id == match.claim_id)
                                 .order_by(Event.id.desc())).all()
        latest = next((event for event in events if event.kind in DECISION_EVENTS), None)
        if latest is None or latest.match_id != match.id or latest.kind == "decision_undone":
            raise Conflict(f"A later decision was made on claim {match.claim.external_id or match.claim_id}: "
                           "only the latest decision can be undone.")
        before = next((event.status for event in events if event.id < latest.id and event.status), st.PENDING)
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
