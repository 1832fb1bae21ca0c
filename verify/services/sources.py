"""Adding and editing sources; every change is an event with the actor.

Events never carry a source's name: the events export is public, events cannot be deleted, and a source
may be made confidential later. A rename is recorded as `renamed`; the current name lives in `sources`.
"""

from __future__ import annotations

from datetime import datetime

from verify.core.inputs import MAX_NAME, clean_text
from verify.core.permissions import Actor, require
from verify.db.models import SOURCE_KINDS, Source
from verify.db.repository import find_source, record_event, source_named
from verify.db.uow import UnitOfWork
from verify.errors import Conflict, InvalidInput


def _kind(kind: str) -> str:
    if kind not in SOURCE_KINDS:
        raise InvalidInput(f"The source kind {kind!r} is unknown: use outlet or person.")
    return kind


def add_source(uow: UnitOfWork, name: object, *, kind: str = "outlet", confidential: bool = False,
               actor: Actor | str, now: datetime, reason: str | None = None) -> int:
    """A source added before its first claim (so it can be protected before its name is ever shown)."""
    actor = require(actor, "log_claim")
    name = clean_text(name, "source name", limit=MAX_NAME)
    with uow:
        if source_named(uow.session, name) is not None:
            # Also under another spelling (case, accents, invisible or full-width characters): one person is
            # one source, so a confidential one never reappears as a new public source.
            raise Conflict("A source with this name exists already: `verify source edit` changes it.")
        source = Source(name=name, kind=_kind(kind), confidential=bool(confidential), created_at=now)
        uow.session.add(source)
        uow.session.flush()
        record_event(uow.session, "source_added", actor=actor, now=now, source=source,
                     reason=clean_text(reason, "reason", required=False),
                     evidence={"kind": source.kind, "confidential": source.confidential})
        uow.commit()
        return source.id


def edit_source(uow: UnitOfWork, reference: str, *, rename: object = None, kind: str | None = None,
                confidential: bool | None = None, actor: Actor | str, now: datetime, reason: str | None = None) -> int:
    """Rename, re-kind or (un)protect a source; returns its id. Nothing to change is a user error."""
    actor = require(actor, "edit_source")
    new_name = clean_text(rename, "new name", limit=MAX_NAME, required=False)
    with uow:
        source = find_source(uow.session, str(reference))
        changes: dict = {}
        if new_name is not None and new_name != source.name:
            other = source_named(uow.session, new_name)
            if other is not None and other.id != source.id:
                raise Conflict("Another source already has that name: pick another, or keep both.")
            source.name = new_name
            changes["renamed"] = True
        if kind is not None and _kind(kind) != source.kind:
            changes["kind"] = {"before": source.kind, "after": kind}
            source.kind = kind
        if confidential is not None and bool(confidential) != source.confidential:
            changes["confidential"] = {"before": source.confidential, "after": bool(confidential)}
            source.confidential = bool(confidential)
        if not changes:
            raise InvalidInput("Nothing to change: give --rename, --kind or --confidential/--not-confidential.")
        record_event(uow.session, "source_changed", actor=actor, now=now, source=source,
                     reason=clean_text(reason, "reason", required=False), evidence=changes)
        uow.commit()
        return source.id
