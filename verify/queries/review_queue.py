"""The review queue (proposed matches an editor must decide) and what announcements matched.

Why a query of its own: an editor decides pairs side by side, so each item carries both texts, the score
and its parts, the differing detail, and which words the two texts share (to highlight them).
"""

from __future__ import annotations

import re

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from verify.core import status as st
from verify.core.confidential import source_label
from verify.core.normalize import STOP_WORDS, fold, stem
from verify.db.models import Announcement, Claim, Match, Source

_WORD = re.compile(r"[\w$€£][\w.,$€£%-]*\w|\w", re.UNICODE)


def _proposed_in_review():
    """Undecided review-band pairs of claims still open: once a claim is settled (or retracted), its other
    candidates are no longer questions for an editor."""
    return (Match.decision == "proposed", Match.band == "review", Claim.status == st.PENDING)


def review_queue_size(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Match).join(Claim, Match.claim_id == Claim.id)
                          .where(*_proposed_in_review())) or 0


def review_queue(session: Session, *, limit: int = 10, offset: int = 0,
                 reveal_confidential: bool = False) -> list[dict]:
    """Proposed matches in the review band, best score first, each with its highlight spans."""
    query = (select(Match, Claim, Source, Announcement)
             .join(Claim, Match.claim_id == Claim.id).join(Source, Claim.source_id == Source.id)
             .join(Announcement, Match.announcement_id == Announcement.id)
             .where(*_proposed_in_review()).order_by(Match.score.desc(), Match.id).limit(limit).offset(offset))
    items = []
    for match, claim, source, announcement in session.execute(query):
        claim_spans, announcement_spans = shared_word_spans(claim.text, announcement.text)
        items.append({
            "match_id": match.id, "claim_id": claim.id, "claim_ref": claim.external_id or str(claim.id),
            "claim_text": claim.text, "claim_published": claim.published,
            "claim_source": source_label(source.name, source.confidential, source.id, reveal=reveal_confidential),
            "window_start": claim.window_start, "window_end": claim.window_end,
            "announcement_id": announcement.id,
            "announcement_ref": announcement.external_id or str(announcement.id),
            "announcement_text": announcement.text, "announcement_issuer": announcement.issuer,
            "announcement_published": announcement.published, "announcement_url": announcement.url,
            "score": match.score, "verdict": match.verdict, "differs": match.differs, "parts": dict(match.parts),
            "claim_spans": claim_spans, "announcement_spans": announcement_spans,
        })
    return items


def _terms(text: str) -> list[tuple[int, int, str]]:
    """(start, end, matching term) for each word, folded and stemmed as the matcher compares them."""
    out = []
    for found in _WORD.finditer(text):
        word = fold(found.group(0)).lower().strip(".,")
        if word and word not in STOP_WORDS:
            out.append((found.start(), found.end(), stem(word)))
    return out


def shared_word_spans(first: str, second: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of the words the two texts share (stop words aside), in each text."""
    a, b = _terms(first), _terms(second)
    shared = {t for *_, t in a} & {t for *_, t in b}
    return [(s, e) for s, e, t in a if t in shared], [(s, e) for s, e, t in b if t in shared]


def recent_announcements(session: Session, *, limit: int = 20, offset: int = 0,
                         search: str | None = None) -> tuple[list[dict], int]:
    """Announcements, newest published first (then newest added), with how many claims each one was proposed
    for or settled; `search` keeps those whose text or issuer holds the words (each word, any order)."""
    conditions = [or_(Announcement.text.icontains(word, autoescape=True),
                      Announcement.issuer.icontains(word, autoescape=True))
                  for word in (search or "").split()]
    total = session.scalar(select(func.count()).select_from(Announcement).where(*conditions)) or 0
    counts = (select(Match.announcement_id,
                     func.count().label("matches"),
                     func.sum(case((Match.decision == "accepted", 1), else_=0)).label("accepted"))
              .group_by(Match.announcement_id).subquery())
    query = (select(Announcement, counts.c.matches, counts.c.accepted)
             .outerjoin(counts, counts.c.announcement_id == Announcement.id).where(*conditions)
             .order_by(Announcement.published.desc(), Announcement.added_at.desc(), Announcement.id.desc())
             .limit(limit).offset(offset))
    rows = [{"id": a.id, "ref": a.external_id or str(a.id), "issuer": a.issuer, "published": a.published,
             "text": a.text, "url": a.url, "matches": matches or 0, "accepted": accepted or 0}
            for a, matches, accepted in session.execute(query)]
    return rows, total


def matches_of_announcements(session: Session, announcement_ids: list[int], *,
                             reveal_confidential: bool = False) -> list[dict]:
    """What the matcher proposed (or settled) for these announcements: shown right after adding them."""
    if not announcement_ids:
        return []
    query = (select(Match, Claim, Source, Announcement.issuer, Announcement.published)
             .join(Claim, Match.claim_id == Claim.id).join(Source, Claim.source_id == Source.id)
             .join(Announcement, Match.announcement_id == Announcement.id)
             .where(Match.announcement_id.in_(announcement_ids)).order_by(Match.score.desc(), Match.id))
    return [{"announcement_id": match.announcement_id, "issuer": issuer, "announcement_published": published,
             "claim_id": claim.id, "claim_text": claim.text,
             "claim_source": source_label(source.name, source.confidential, source.id, reveal=reveal_confidential),
             "score": match.score, "band": match.band, "verdict": match.verdict, "decision": match.decision,
             "differs": match.differs}
            for match, claim, source, issuer, published in session.execute(query)]
