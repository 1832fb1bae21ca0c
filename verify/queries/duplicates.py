"""Claims linked as near-duplicates of an earlier report, with the similarity that linked them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from verify.core.confidential import source_label
from verify.db.models import Claim, Event, Source


def duplicate_pairs(session: Session) -> list[dict]:
    """Every linked claim beside the earlier claim it repeats, oldest first (who reported first is what
    source scoring needs)."""
    original = aliased(Claim)
    source, first_source = aliased(Source), aliased(Source)
    rows = session.execute(
        select(Claim, original, source.name, first_source.name, source.confidential, first_source.confidential)
        .join(original, original.id == Claim.duplicate_of_id)
        .join(source, source.id == Claim.source_id)
        .join(first_source, first_source.id == original.source_id)
        .order_by(original.published, original.id, Claim.published, Claim.id)
    ).all()
    similarity = _similarities(session, [row[0].id for row in rows])
    return [
        {"claim": _ref(claim), "duplicate_of": _ref(first), "similarity": similarity.get(claim.id),
         "claim_published": claim.published.isoformat(), "first_published": first.published.isoformat(),
         "claim_source": source_label(claim_source, hidden, claim.source_id, reveal=False),
         "first_source": source_label(first_name, first_hidden, first.source_id, reveal=False),
         "claim_text": claim.text, "first_text": first.text}
        for claim, first, claim_source, first_name, hidden, first_hidden in rows
    ]


def _similarities(session: Session, claim_ids: list[int]) -> dict[int, float]:
    """The similarity recorded by each claim's latest `duplicate_linked` event."""
    found: dict[int, float] = {}
    for start in range(0, len(claim_ids), 500):
        chunk = claim_ids[start:start + 500]
        events = session.scalars(select(Event).where(Event.kind == "duplicate_linked",
                                                     Event.claim_id.in_(chunk)).order_by(Event.id))
        for event in events:
            found[event.claim_id] = (event.evidence or {}).get("similarity")
    return found


def _ref(claim: Claim) -> str:
    return claim.external_id or str(claim.id)

