"""Near-duplicate claims: the same rumor reported again is linked to its first report.

Source scoring credits whoever reported first, so every linked claim points at the earliest report (by
publication date, then id), never at another repeat. A link an editor undid is never made again by itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam, func, select, update

from verify.core import status as st
from verify.core.permissions import Actor, require
from verify.core.repeats import REPEAT_SIMILARITY, first_report, head_id, should_link
from verify.db.aliases import alias_book
from verify.db.models import Claim, Event
from verify.db.repository import find_claim, one_of, record_event, record_events
from verify.db.uow import UnitOfWork
from verify.errors import Conflict
from verify.services.bulk_duplicates import near_duplicates

LINKER = "verify-matcher"
THRESHOLD = REPEAT_SIMILARITY  # claim_similarity at or above this is the same rumor
LOOKBACK = timedelta(days=365)  # a rumor repeated more than a year apart is a new round, not a repeat


@dataclass(frozen=True)
class DuplicateLink:
    claim: int
    duplicate_of: int
    similarity: float


def link_duplicates(uow: UnitOfWork, claim_ids: Sequence[int], *, now: datetime,
                    threshold: float = THRESHOLD, progress=None) -> list[DuplicateLink]:
    """Link each new claim (and any later repeat of it still unlinked) to the earliest near-duplicate.

    One index over the new claims and the stored ones they can touch (published within `LOOKBACK`), read as
    plain rows; the near-duplicates of every new claim are found first (`near_duplicates`, on every core for
    an archive), then linked in order, and the links written with one UPDATE and one INSERT of events."""
    if not claim_ids:
        return []
    with uow:
        session = uow.session
        wanted = set(claim_ids)
        first_day, last_day = _published_range(session, sorted(wanted))
        if first_day is None:
            return []
        book = alias_book(session)
        pool = {row.id: _Row(*row) for row in session.execute(select(*_COLUMNS).where(
            Claim.published >= first_day - LOOKBACK, Claim.published <= last_day + LOOKBACK,
            Claim.status != st.RETRACTED))}
        new = sorted((pool[i] for i in wanted if i in pool), key=lambda c: (c.published, c.id))
        pairs, groups = near_duplicates(pool, new, book, threshold, progress)
        unlinked = _ever_unlinked(session, list(pool))
        links: list[tuple[_Row, _Row, float, int | None]] = []

        def row(claim_id: int) -> _Row:  # a root or a current target outside the pool is read when met
            if claim_id not in pool:
                pool[claim_id] = _Row(*session.execute(select(*_COLUMNS).where(Claim.id == claim_id)).one())
            return pool[claim_id]

        for claim in new:
            group = [pool[i] for i in groups[claim.id]]
            if not group:
                continue
            first = first_report([claim, *group])
            root = row(head_id(first)) if first.duplicate_of_id else first
            for member in [claim, *group]:
                current = row(member.duplicate_of_id) if member.duplicate_of_id else None
                if should_link(member, root, current=current, new=member is claim,
                               ever_unlinked=member.id in unlinked):
                    links.append((member, root, pairs.similarity(member, first), member.duplicate_of_id))
                    member.duplicate_of_id = root.id
        _write_links(session, links, now=now)
        uow.commit()
        return [DuplicateLink(member.id, root.id, similarity) for member, root, similarity, _ in links]


_COLUMNS = (Claim.id, Claim.text, Claim.published, Claim.external_id, Claim.duplicate_of_id)


@dataclass
class _Row:
    """A claim as linking reads it (plain values: an archive's 100,000 ORM objects would take a gigabyte)."""

    id: int
    text: str
    published: date
    external_id: str | None
    duplicate_of_id: int | None


def _published_range(session, claim_ids: list[int]) -> tuple[date | None, date | None]:
    first = last = None
    for among in one_of(session, Claim.id, claim_ids):
        low, high = session.execute(select(func.min(Claim.published), func.max(Claim.published))
                                    .where(among, Claim.status != st.RETRACTED)).one()
        if low is not None:
            first, last = min(first or low, low), max(last or high, high)
    return first, last


def _ever_unlinked(session, claim_ids: list[int]) -> set[int]:
    """Claims an editor unlinked once: never linked again by the matcher."""
    found: set[int] = set()
    for among in one_of(session, Event.claim_id, claim_ids):
        found.update(session.scalars(select(Event.claim_id).where(Event.kind == "duplicate_unlinked", among)))
    return found


def _write_links(session, links: list, *, now: datetime) -> None:
    """The links in the order they were made (a claim relinked to an earlier first report has both events),
    each claim's final target set with one UPDATE."""
    if not links:
        return
    final = {member.id: root.id for member, root, _, _ in links}
    session.execute(update(Claim.__table__).where(Claim.__table__.c.id == bindparam("claim"))
                    .values(duplicate_of_id=bindparam("root")),
                    [{"claim": claim, "root": root} for claim, root in final.items()])
    record_events(session, [{
        "kind": "duplicate_linked", "actor": LINKER, "claim_id": member.id, "match_id": None, "source_id": None,
        "status": None, "effective_on": None,
        "reason": f"repeats claim {root.external_id or root.id}, reported first on {root.published}",
        "evidence": {"duplicate_of": root.id, "similarity": similarity, "before": before},
    } for member, root, similarity, before in links], now=now)


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


def unlink_claim(uow: UnitOfWork, claim_ref: str, *, actor: Actor | str, now: datetime,
                 reason: str | None = None) -> int:
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
