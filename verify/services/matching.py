"""Running the matcher over stored claims and announcements, and keeping its proposals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import select

from verify.core import status as st
from verify.core.matching import AnnouncementText, ClaimText, MatchSettings, Proposal, propose_matches
from verify.db.models import Announcement, Claim, Match
from verify.db.repository import record_event
from verify.db.uow import UnitOfWork

MATCHER = "verify-matcher"


@dataclass(frozen=True)
class ProposalRow:
    """A proposal as shown to people: references they can type back into `verify review`."""

    claim: str
    announcement: str
    score: float
    band: str
    verdict: str
    differs: str | None
    parts: dict
    claim_text: str
    announcement_text: str
    announcement_published: str

    def to_dict(self) -> dict:
        return asdict(self)


def reference(row: Claim | Announcement) -> str:
    return row.external_id or str(row.id)


def claim_text(row: Claim) -> ClaimText:
    return ClaimText(id=row.id, text=row.text, published=row.published,
                     window_start=row.window_start, window_end=row.window_end)


def announcement_text(row: Announcement) -> AnnouncementText:
    return AnnouncementText(id=row.id, text=row.text, published=row.published, issuer=row.issuer)


def run_matcher(uow: UnitOfWork, *, now: datetime, settings: MatchSettings = MatchSettings(),
                top: int = 5) -> list[ProposalRow]:
    """Propose matches for every open claim; store new proposals, auto-accept only when the newsroom allows."""
    return _match(uow, now=now, settings=settings, top=top)


def match_announcements(uow: UnitOfWork, announcement_ids: Sequence[int], *, now: datetime,
                        settings: MatchSettings = MatchSettings(), top: int = 5) -> list[ProposalRow]:
    """Check newly added announcements against the open claims only."""
    return _match(uow, now=now, settings=settings, top=top, announcement_ids=announcement_ids)


def match_claims(uow: UnitOfWork, claim_ids: Sequence[int], *, now: datetime,
                 settings: MatchSettings = MatchSettings(), top: int = 5) -> list[ProposalRow]:
    """Check newly logged claims against the stored announcements."""
    return _match(uow, now=now, settings=settings, top=top, claim_ids=claim_ids)


def _match(uow: UnitOfWork, *, now: datetime, settings: MatchSettings, top: int,
           claim_ids: Sequence[int] | None = None, announcement_ids: Sequence[int] | None = None):
    with uow:
        session = uow.session
        claim_query = select(Claim).where(Claim.status == st.PENDING)
        if claim_ids is not None:
            claim_query = claim_query.where(Claim.id.in_(claim_ids))
        announcement_query = select(Announcement)
        if announcement_ids is not None:
            announcement_query = announcement_query.where(Announcement.id.in_(announcement_ids))
        claims = {row.id: row for row in session.scalars(claim_query)}
        announcements = {row.id: row for row in session.scalars(announcement_query)}
        decided = set(session.execute(
            select(Match.claim_id, Match.announcement_id).where(Match.decision != "proposed")).all())
        proposals = propose_matches(
            [claim_text(row) for row in claims.values()],
            [announcement_text(row) for row in announcements.values()],
            settings=settings, top=top, exclude=frozenset(decided),
        )
        rows = [_keep(session, proposal, claims, announcements, now=now) for proposal in proposals]
        uow.commit()
        return rows


def _keep(session, proposal: Proposal, claims, announcements, *, now: datetime) -> ProposalRow:
    claim, announcement = claims[proposal.claim_id], announcements[proposal.announcement_id]
    match = session.scalar(select(Match).where(Match.claim_id == claim.id,
                                               Match.announcement_id == announcement.id))
    if match is None:
        match = Match(claim_id=claim.id, announcement_id=announcement.id, decision="proposed", proposed_at=now)
        session.add(match)
        _update(match, proposal)
        session.flush()
        record_event(session, "match_proposed", actor=MATCHER, now=now, claim=claim, match=match,
                     evidence=proposal.to_dict())
        if proposal.band == "auto":
            accept(session, match, actor=MATCHER, now=now, verdict=proposal.verdict,
                   note="auto band: confident enough to confirm without review (newsroom setting)")
    elif match.decision == "proposed":
        _update(match, proposal)
    return ProposalRow(
        claim=reference(claim), announcement=reference(announcement), score=proposal.score,
        band=proposal.band, verdict=proposal.verdict, differs=proposal.differs, parts=dict(proposal.parts),
        claim_text=claim.text, announcement_text=announcement.text,
        announcement_published=announcement.published.isoformat(),
    )


def _update(match: Match, proposal: Proposal) -> None:
    match.score, match.band, match.verdict = proposal.score, proposal.band, proposal.verdict
    match.differs, match.parts = proposal.differs, dict(proposal.parts)


def accept(session, match: Match, *, actor: str, now: datetime, verdict: str, note: str | None) -> None:
    """The claim takes the verdict from the day the announcement was published."""
    match.decision, match.decided_by, match.decided_at = "accepted", actor, now
    record_event(session, "match_accepted", actor=actor, now=now, claim=match.claim, match=match,
                 status=verdict, effective_on=match.announcement.published, reason=note,
                 evidence=_evidence(match, verdict))


def reject(session, match: Match, *, actor: str, now: datetime, note: str | None) -> None:
    match.decision, match.decided_by, match.decided_at = "rejected", actor, now
    record_event(session, "match_rejected", actor=actor, now=now, claim=match.claim, match=match,
                 reason=note, evidence=_evidence(match, None))


def _evidence(match: Match, verdict: str | None) -> dict:
    announcement = match.announcement
    return {
        "score": match.score, "band": match.band, "proposed_verdict": match.verdict, "verdict": verdict,
        "differs": match.differs, "parts": match.parts,
        "announcement": {"id": announcement.id, "external_id": announcement.external_id,
                         "issuer": announcement.issuer, "published": announcement.published.isoformat(),
                         "text": announcement.text, "url": announcement.url},
    }


def proposals_for(rows: Sequence[ProposalRow], claim_ref: str) -> list[ProposalRow]:
    return [row for row in rows if row.claim == claim_ref]
