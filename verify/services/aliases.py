"""The alias book as a newsroom keeps it: the shipped defaults, plus names users add or accept from the data.

Stored aliases win over the defaults, so an editor can correct what verify ships. Every change is an event
naming who made it; learnt aliases are only proposals until someone saves them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from itertools import chain

from sqlalchemy import select
from sqlalchemy.orm import Session

from verify.core.entities import KINDS, propose_aliases
from verify.core.inputs import MAX_NAME, clean_text
from verify.core.permissions import Actor, require
from verify.db.aliases import alias_book
from verify.db.models import Announcement, Claim, EntityAlias
from verify.db.repository import record_event
from verify.db.uow import UnitOfWork
from verify.errors import Conflict, InvalidInput, NotFound


def add_alias(uow: UnitOfWork, alias: str, canonical: str, *, actor: Actor | str, now: datetime, kind: str = "org",
              origin: str = "user") -> int:
    """Teach the matcher that `alias` names `canonical` ("Meta" for "Facebook")."""
    actor = require(actor, "edit_aliases")
    with uow:
        row = _add(uow.session, alias, canonical, kind=kind, origin=origin, actor=actor, now=now)
        uow.commit()
        return row.id


def remove_alias(uow: UnitOfWork, alias: str, *, actor: Actor | str, now: datetime) -> None:
    """Forget a stored alias (the shipped defaults stay; the removal is kept in the audit trail)."""
    actor = require(actor, "edit_aliases")
    alias = clean_text(alias, "alias", limit=MAX_NAME)
    with uow:
        row = uow.session.scalar(select(EntityAlias).where(EntityAlias.alias == alias))
        if row is None:
            raise NotFound(f"No stored alias {alias!r}: `verify alias list` shows them "
                           "(the shipped defaults cannot be removed, only overridden).")
        record_event(uow.session, "alias_removed", actor=actor, now=now, evidence=_evidence(row))
        uow.session.delete(row)
        uow.commit()


@dataclass(frozen=True)
class LearntAlias:
    alias: str
    canonical: str
    count: int
    reason: str
    saved: bool

    def to_dict(self) -> dict:
        return asdict(self)


def learn_aliases(uow: UnitOfWork, *, actor: str, now: datetime, save: bool = False, min_count: int = 2,
                  limit: int = 50) -> list[LearntAlias]:
    """Aliases the stored claims and announcements suggest that the book does not know yet; stored with
    origin "learnt" only when `save` is given (a person decides)."""
    with uow:
        session = uow.session
        book = alias_book(session)
        texts = chain(session.scalars(select(Claim.text)), session.scalars(select(Announcement.text)))
        found = []
        for proposal in propose_aliases(texts, min_count=min_count):
            known = book.canonical(proposal.alias)
            if known is not None and known == book.canonical(proposal.canonical):
                continue
            if len(found) >= limit:
                break
            if save:
                _add(session, proposal.alias, proposal.canonical, kind="org", origin="learnt", actor=actor,
                     now=now, reason=f"learnt: {proposal.reason}, seen {proposal.count} times")
            found.append(LearntAlias(proposal.alias, proposal.canonical, proposal.count, proposal.reason, save))
        if save:
            uow.commit()
        return found


def _add(session: Session, alias: str, canonical: str, *, kind: str, origin: str, actor: str, now: datetime,
         reason: str | None = None) -> EntityAlias:
    alias = clean_text(alias, "alias", limit=MAX_NAME)
    canonical = clean_text(canonical, "canonical name", limit=MAX_NAME)
    if kind not in KINDS:
        raise InvalidInput(f"The kind {kind!r} is unknown: use one of {', '.join(KINDS)}.")
    if alias.casefold() == canonical.casefold():
        raise InvalidInput(f"{alias!r} is the canonical name itself: give another name for it.")
    existing = session.scalar(select(EntityAlias).where(EntityAlias.alias == alias))
    if existing is not None:
        raise Conflict(f"The alias {alias!r} already names {existing.canonical!r} (added by "
                       f"{existing.added_by}): remove it first with `verify alias remove`.")
    row = EntityAlias(alias=alias, canonical=canonical, kind=kind, origin=origin, added_by=actor, added_at=now)
    session.add(row)
    session.flush()
    record_event(session, "alias_added", actor=actor, now=now, reason=reason, evidence=_evidence(row))
    return row


def _evidence(row: EntityAlias) -> dict:
    return {"alias": row.alias, "canonical": row.canonical, "kind": row.kind, "origin": row.origin}
