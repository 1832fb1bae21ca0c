"""Near-duplicate claims: the same rumor reported again is linked to its first report.

Source scoring credits whoever reported first, so every linked claim points at the earliest report (by
publication date, then id), never at another repeat. A link an editor undid is never made again by itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from verify.core import status as st
from verify.core.candidates import CandidateIndex
from verify.core.matching import ClaimText, analyse, claim_similarity
from verify.core.permissions import Actor, require
from verify.core.repeats import REPEAT_SIMILARITY, first_report, head_id, report_order, should_link
from verify.db.aliases import alias_book
from verify.db.models import Claim, Event
from verify.db.repository import find_claim, record_event
from verify.db.uow import UnitOfWork
from verify.errors import Conflict

LINKER = "verify-matcher"
THRESHOLD = REPEAT_SIMILARITY  # claim_similarity at or above this is the same rumor
LOOKBACK = timedelta(days=365)  # a rumor repeated more than a year apart is a new round, not a repeat
CANDIDATES = 20


@dataclass(frozen=True)
class DuplicateLink:
    claim: int
    duplicate_of: int
    similarity: float


def link_duplicates(uow: UnitOfWork, claim_ids: Sequence[int], *, now: datetime,
                    threshold: float = THRESHOLD) -> list[DuplicateLink]:
    """Link each new claim (and any later repeat of it still unlinked) to the earliest near-duplicate."""
    if not claim_ids:
        return []
    with uow:
        session = uow.session
        new = [session.get(Claim, i) for i in sorted(set(claim_ids))]
        new = sorted((c for c in new if c is not None and c.status != st.RETRACTED),
                     key=report_order)
        if not new:
            return []
        book = alias_book(session)
        pool = {c.id: c for c in session.scalars(select(Claim).where(
            Claim.published >= new[0].published - LOOKBACK, Claim.published <= new[-1].published + LOOKBACK,
            Claim.status != st.RETRACTED))}
        index = CandidateIndex((ClaimText(c.id, c.text, c.published) for c in pool.values()), book)
        unlinked = _ever_unlinked(session, list(pool))
        analysed = {}

        def similarity(a: Claim, b: Claim) -> float:
            for c in (a, b):
                if c.id not in analysed:
                    analysed[c.id] = analyse(c.text, book)
            return claim_similarity(analysed[a.id], analysed[b.id], index.idf)

        links = []
        for claim in new:
            hits = [pool[i] for i, _ in index.search(claim.text, k=CANDIDATES) if i != claim.id]
            group = [c for c in hits if similarity(claim, c) >= threshold]
            if not group:
                continue
            first = first_report([claim, *group])
            root = session.get(Claim, head_id(first))
            for member in [claim, *group]:
                current = session.get(Claim, member.duplicate_of_id) if member.duplicate_of_id else None
                if should_link(member, root, current=current, new=member is claim,
                               ever_unlinked=member.id in unlinked):
                    links.append(_link(session, member, root, similarity(member, first), now=now))
        uow.commit()
        return links


def _link(session, claim: Claim, root: Claim, similarity: float, *, now: datetime) -> DuplicateLink:
    before = claim.duplicate_of_id
    claim.duplicate_of_id = root.id
    record_event(session, "duplicate_linked", actor=LINKER, now=now, claim=claim,
                 reason=f"repeats claim {root.external_id or root.id}, reported first on {root.published}",
                 evidence={"duplicate_of": root.id, "similarity": similarity, "before": before})
    return DuplicateLink(claim.id, root.id, similarity)


def _ever_unlinked(session, claim_ids: list[int]) -> set[int]:
    found: set[int] = set()
    for start in range(0, len(claim_ids), 500):
        found.update(session.scalars(select(Event.claim_id).where(
            Event.kind == "duplicate_unlinked", Event.claim_id.in_(claim_ids[start:start + 500]))))
    return found


def link_as_repeat(uow: UnitOfWork, claim_ref: str, original_ref: str, *, actor: Actor | str, now: datetime,
                   reason: str | None = None) -> int:
    """A reporter's own "this is a repeat of ...": link the claim to the original's first report; returns
    the claim it now points at. Kept in the history like the matcher's links."""
    actor = require(actor, "log_claim")
    with uow:
        claim, original = find_claim(uow.session, claim_ref), find_claim(uow.session, original_ref)
        root = uow.session.get(Claim, head_id(original))
        if root.id == claim.id:
            raise Conflict("A claim cannot be a repeat of itself.")
        before = claim.duplicate_of_id
        claim.duplicate_of_id = root.id
        record_event(uow.session, "duplicate_linked", actor=actor, now=now, claim=claim,
                     reason=reason or f"logged as a repeat of claim {root.external_id or root.id}",
                     evidence={"duplicate_of": root.id, "before": before, "by_hand": True})
        uow.commit()
        return root.id


def unlink_claim(uow: UnitOfWork, claim_ref: str, *, actor: Actor | str, now: datetime, reason: str | None = None) -> int:
    """Undo a wrong duplicate link; returns the claim it pointed at. Kept in the history, never relinked."""
    actor = require(actor, "correct_claim")
    with uow:
        claim = find_claim(uow.session, claim_ref)
        if claim.duplicate_of_id is None:
            raise Conflict(f"Claim {claim_ref} is not linked as a duplicate: `verify duplicates` lists links.")
        before = claim.duplicate_of_id
        claim.duplicate_of_id = None
        record_event(uow.session, "duplicate_unlinked", actor=actor, now=now, claim=claim, reason=reason,
                     evidence={"duplicate_of": before})
        uow.commit()
        return before
