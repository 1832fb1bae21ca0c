"""One claim in full (history, candidates, duplicates), and the claims that look like a new one.

Why: before logging a rumor a reporter wants to know whether it is already on the board, and an editor
deciding on a claim wants its whole story in one place.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import desc, or_, select
from sqlalchemy.orm import Session, aliased

from verify.core import status as st
from verify.core.confidential import source_label
from verify.core.matching import analyse, claim_similarity
from verify.core.normalize import tokenize
from verify.db.aliases import alias_book
from verify.db.models import Announcement, Claim, Event, Match, Source
from verify.db.repository import find_claim

SIMILAR_CANDIDATES = 400  # claims scored in full per look-up, after the database narrowed them by words


def claim_detail(session: Session, reference: str | int, *, today: date, reveal_confidential: bool = False) -> dict:
    """The claim, its events (oldest first), its candidate announcements and its linked duplicates.

    Raises NotFound (with a clear message) for an unknown id or external id.
    """
    claim = find_claim(session, reference)
    origin = claim.origin_source
    return {
        "id": claim.id, "external_id": claim.external_id, "text": claim.text,
        "source": _label(claim.source, reveal_confidential),
        "origin": _label(origin, reveal_confidential) if origin else None,
        "published": claim.published, "url": claim.url, "logged_by": claim.logged_by,
        "logged_at": claim.logged_at, "confidence": claim.confidence, "confidence_label": claim.confidence_label,
        "window_start": claim.window_start, "window_end": claim.window_end,
        "window_granularity": claim.window_granularity, "window_expression": claim.window_expression,
        "window_by_hand": claim.window_by_hand,
        "status": st.status_on(claim.status, claim.window_end, today),
        "days_to_deadline": st.days_to_deadline(claim.window_end, today),
        "events": _events(session, claim.id),
        "candidates": _candidates(session, claim.id),
        "duplicate_of": _brief(claim.duplicate_of_id and session.get(Claim, claim.duplicate_of_id),
                               reveal_confidential),
        "duplicates": [_brief(row, reveal_confidential) for row in session.scalars(
            select(Claim).where(Claim.duplicate_of_id == claim.id).order_by(Claim.published, Claim.id))],
    }


def _label(source: Source, reveal: bool) -> str:
    return source_label(source.name, source.confidential, source.id, reveal=reveal)


def _brief(claim: Claim | None, reveal: bool) -> dict | None:
    if not claim:
        return None
    return {"id": claim.id, "text": claim.text, "source": _label(claim.source, reveal),
            "published": claim.published, "status": claim.status}


def _events(session: Session, claim_id: int) -> list[dict]:
    query = select(Event).where(Event.claim_id == claim_id).order_by(Event.id)
    return [{"id": e.id, "match_id": e.match_id, "recorded_at": e.recorded_at, "kind": e.kind, "actor": e.actor,
             "status": e.status, "effective_on": e.effective_on, "reason": e.reason, "evidence": e.evidence or {}}
            for e in session.scalars(query)]


def _candidates(session: Session, claim_id: int) -> list[dict]:
    query = (select(Match, Announcement).join(Announcement, Match.announcement_id == Announcement.id)
             .where(Match.claim_id == claim_id).order_by(desc(Match.score), Match.id))
    return [{"match_id": m.id, "announcement_id": a.id, "announcement_ref": a.external_id or str(a.id),
             "issuer": a.issuer, "published": a.published, "text": a.text, "url": a.url, "score": m.score,
             "band": m.band, "verdict": m.verdict, "differs": m.differs, "decision": m.decision,
             "decided_by": m.decided_by, "parts": dict(m.parts)}
            for m, a in session.execute(query)]


def similar_claims(session: Session, text: str, *, exclude_id: int | None = None, threshold: float = 55.0,
                   limit: int = 5, reveal_confidential: bool = False) -> list[dict]:
    """Claims already logged that report the same rumor, most similar first.

    The database keeps only claims sharing one of the text's rarest-looking (longest) words; the
    matcher's own claim similarity then scores those few hundred.
    """
    words = sorted({w for w in tokenize(text, stemmed=False) if len(w) > 3 and not w.isdigit()},
                   key=lambda w: (-len(w), w))[:6]
    if not words:
        return []
    source = aliased(Source)
    query = (select(Claim, source).join(source, Claim.source_id == source.id)
             .where(or_(*(Claim.text.icontains(w, autoescape=True) for w in words)))
             .order_by(Claim.published.desc(), Claim.id.desc()).limit(SIMILAR_CANDIDATES))
    if exclude_id is not None:
        query = query.where(Claim.id != exclude_id)
    book = alias_book(session)  # the book the duplicate linker uses, so both call the same claims repeats
    mine = analyse(text, book)
    scored = []
    for claim, claim_source in session.execute(query):
        similarity = claim_similarity(mine, analyse(claim.text, book))
        if similarity >= threshold:
            scored.append({"id": claim.id, "text": claim.text, "source": _label(claim_source, reveal_confidential),
                           "source_id": claim.source_id, "published": claim.published, "status": claim.status,
                           "similarity": similarity, "duplicate_of": claim.duplicate_of_id})
    scored.sort(key=lambda row: (-row["similarity"], row["id"]))
    return scored[:limit]
